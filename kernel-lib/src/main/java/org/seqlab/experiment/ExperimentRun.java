package org.seqlab.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.display.HtmlRenderable;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.run.Runs;
import tech.tablesaw.api.Table;

/**
 * The finished runs of one {@link Experiment#run()} (one per seed). {@link #resultsJson()} is
 * exactly what {@code ./seqlab run} prints, so a notebook and the CLI can be compared number for number.
 */
public record ExperimentRun(List<RunResult> runs) implements HtmlRenderable {

    /** One row per seed: every metric on the evaluation split, parameters and seconds per epoch. */
    public Table results() {
        return Runs.table(runs);
    }

    /** Mean, standard deviation and 95% confidence interval per metric over the seeds. */
    public Table summary() {
        return Runs.compare(runs);
    }

    public RunResult first() {
        return runs.get(0);
    }

    /** The final metrics of every run, keyed by seed, in the CLI's output format. */
    public String resultsJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs.stream().map(RunResult::toMap).toList());
        return Json.write(m);
    }

    @Override
    public String toHtml() {
        return html(runs.size() > 1 ? summary() : results());
    }

    @Override
    public String toString() {
        return (runs.size() > 1 ? summary() : results()).printAll();
    }

    /** A plain HTML table; the kernel's own table renderer is used for Tablesaw tables shown directly. */
    static String html(Table t) {
        StringBuilder b = new StringBuilder("<table><tr>");
        t.columnNames().forEach(n -> b.append("<th>").append(esc(n)).append("</th>"));
        b.append("</tr>");
        for (int r = 0; r < t.rowCount(); r++) {
            b.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                b.append("<td>").append(esc(t.column(c).getString(r))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</table>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
