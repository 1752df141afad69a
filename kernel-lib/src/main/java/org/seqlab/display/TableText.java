package org.seqlab.display;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table as aligned plain text for terminals and a notebook's text/plain form: numbers
 * right-aligned and formatted by {@link Numbers} exactly as the HTML form shows them.
 */
public final class TableText {
    private TableText() {}

    /** Every row of {@code t}. */
    public static String render(Table t) {
        return render(t, 0, t.rowCount());
    }

    /** Rows {@code [from, to)} of {@code t}, under a header. */
    public static String render(Table t, int from, int to) {
        int cols = t.columnCount();
        String[][] cells = new String[to - from + 1][cols];
        boolean[] numeric = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            Column<?> col = t.column(c);
            cells[0][c] = col.name();
            numeric[c] = col instanceof NumericColumn<?>;
            for (int r = from; r < to; r++) {
                cells[r - from + 1][c] = Numbers.cell(col, r);
            }
        }
        int[] width = new int[cols];
        for (String[] row : cells) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < cols; c++) {
                String s = cells[r][c];
                String pad = " ".repeat(width[c] - s.length());
                b.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + s : s + pad);
            }
            b.append('\n');
            if (r == 0) {
                for (int c = 0; c < cols; c++) {
                    b.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }
}
