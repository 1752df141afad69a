package org.seqlab.lectures;

import java.util.Map;
import java.util.TreeMap;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.results.Results;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * "Where is the memory?": a windowed MLP's parameters grow with its window L, a recurrent
 * layer's do not. The counts are those the runs trained (each run's model as built), one row per
 * window, with the growth per extra step of window.
 */
public final class WindowParameters {
    private WindowParameters() {}

    /** One row per {@code model.window} of the runs: parameters, and the increase per step over the previous row. */
    public static Table table(ExperimentRun runs) {
        Map<Integer, Long> counts = counts(runs);
        IntColumn window = IntColumn.create("window L");
        LongColumn params = LongColumn.create("parameters");
        LongColumn perStep = LongColumn.create("added per step of window");
        Integer prevL = null;
        long prevP = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            window.append(e.getKey());
            params.append(e.getValue());
            if (prevL == null) {
                perStep.appendMissing();
            } else {
                perStep.append((e.getValue() - prevP) / (e.getKey() - prevL));
            }
            prevL = e.getKey();
            prevP = e.getValue();
        }
        return Table.create("Windowed MLP: parameters by window length", window, params, perStep);
    }

    /**
     * The largest distance of a count from the straight line through the first two windows'
     * counts: 0 when the parameters grow exactly linearly with L.
     */
    public static long departureFromLine(ExperimentRun runs) {
        Map<Integer, Long> counts = counts(runs);
        if (counts.size() < 2) {
            throw new IllegalArgumentException("need runs with at least two windows, got " + counts.keySet());
        }
        var it = counts.entrySet().iterator();
        var a = it.next();
        var b = it.next();
        double slope = (b.getValue() - a.getValue()) / (double) (b.getKey() - a.getKey());
        long worst = 0;
        for (var e : counts.entrySet()) {
            double line = a.getValue() + slope * (e.getKey() - a.getKey());
            worst = Math.max(worst, Math.round(Math.abs(e.getValue() - line)));
        }
        return worst;
    }

    /** The window whose runs have the lowest mean of {@code metric} (a lower-is-better error such as mse). */
    public static int bestWindow(ExperimentRun runs, String metric) {
        Map<Integer, double[]> sums = new TreeMap<>();
        for (RunResult r : runs.runs()) {
            Double v = r.metrics().get(metric);
            if (v == null) {
                throw new IllegalArgumentException("run " + r.run() + " has no metric '" + metric + "'; it has " + r.metrics().keySet());
            }
            double[] s = sums.computeIfAbsent(Integer.parseInt(Results.config(r).get("model.window")), k -> new double[2]);
            s[0] += v;
            s[1]++;
        }
        return sums.entrySet().stream().min(java.util.Comparator.comparingDouble(e -> e.getValue()[0] / e.getValue()[1]))
                .orElseThrow(() -> new IllegalArgumentException("no runs")).getKey();
    }

    private static Map<Integer, Long> counts(ExperimentRun runs) {
        Map<Integer, Long> counts = new TreeMap<>();
        for (RunResult r : runs.runs()) {
            String w = Results.config(r).get("model.window");
            if (w == null) {
                throw new IllegalArgumentException("run " + r.run() + " has no model.window (not a window-mlp run)");
            }
            Long before = counts.put(Integer.parseInt(w), r.parameters());
            if (before != null && before != r.parameters()) {
                throw new IllegalStateException("window " + w + " built models of " + before + " and " + r.parameters()
                        + " parameters");
            }
        }
        return counts;
    }
}
