package org.seqlab.experiment.run;

import org.seqlab.display.TableText;
import tech.tablesaw.api.Table;

/**
 * A table as aligned plain text for {@code ./seqlab run} and {@code compare}: the same layout and
 * number formatting ({@link org.seqlab.display.Numbers}) as tables in notebooks and reports.
 */
public final class TextTable {
    private TextTable() {}

    public static String render(Table t) {
        return TableText.render(t);
    }
}
