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

    /** Several experiments side by side: one row per experiment and configuration, statistics over seeds. */
    public static Table compare(ExperimentRun... runs) {
        return Runs.compare(java.util.Arrays.stream(runs).flatMap(r -> r.runs().stream()).toList());
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
        return org.seqlab.display.TableHtml.html(runs.size() > 1 ? summary() : results());
    }

    @Override
    public String toString() {
        return org.seqlab.experiment.run.TextTable.render(runs.size() > 1 ? summary() : results());
    }
}
