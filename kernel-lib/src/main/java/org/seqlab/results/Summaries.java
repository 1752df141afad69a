package org.seqlab.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqlab.experiment.run.Seeds;
import org.seqlab.experiment.run.Summary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Statistics over seeds from a long results table: {@code summarize(t, "accuracy").by("model.name")}
 * gives, per group and metric, n, mean, standard deviation, a 95% confidence interval (Student t,
 * or a percentile bootstrap on request), min and max, plus a column {@code shown} with the mean
 * and interval rounded to the interval's precision and n, which is how a reader should quote it.
 */
public final class Summaries {
    /** Seed of the bootstrap's resampling stream: a fixed name, so intervals are reproducible. */
    private static final long BOOTSTRAP_STREAM = 0xB0075_7AL;

    private final Table table;
    private final List<String> metrics;
    private final int resamples;

    private Summaries(Table table, List<String> metrics, int resamples) {
        this.table = table;
        this.metrics = List.copyOf(metrics);
        this.resamples = resamples;
    }

    /** Every metric of the table when {@code metrics} is empty; "split.metric" picks a split. */
    public static Summaries of(Table longTable, String... metrics) {
        return new Summaries(longTable, Arrays.asList(metrics), 0);
    }

    /** Percentile-bootstrap intervals from {@code resamples} resamples instead of Student t. */
    public Summaries bootstrap(int resamples) {
        if (resamples < 100) {
            throw new IllegalArgumentException("a bootstrap needs at least 100 resamples, got " + resamples);
        }
        return new Summaries(table, metrics, resamples);
    }

    /**
     * One row per combination of every configuration key of the table: all columns but the
     * long table's own (experiment, run, seed, epoch, step, split, metric, target, value).
     */
    public Table byKeys() {
        java.util.Set<String> own = java.util.Set.of(Results.EXPERIMENT, Results.RUN, Results.SEED, Results.EPOCH, Results.STEP,
                Results.SPLIT, Results.METRIC, Results.TARGET, Results.VALUE);
        return by(table.columnNames().stream().filter(c -> !own.contains(c)).toArray(String[]::new));
    }

    /** One row per combination of {@code keys} (in first-seen order), split, metric and target. */
    public Table by(String... keys) {
        for (String k : keys) {
            if (!table.columnNames().contains(k)) {
                throw new IllegalArgumentException("no column '" + k + "' in the results; columns are " + table.columnNames());
            }
        }
        List<String> wanted = metrics.isEmpty()
                ? table.stringColumn(Results.METRIC).unique().asList() : metrics;
        Map<List<String>, List<Double>> groups = new LinkedHashMap<>();
        for (String m : wanted) {
            Table rows = Results.metric(table, m);
            if (rows.rowCount() == 0) {
                throw new IllegalArgumentException("no rows for metric '" + m + "'; metrics are "
                        + table.stringColumn(Results.METRIC).unique().asList());
            }
            for (int r = 0; r < rows.rowCount(); r++) {
                List<String> g = new ArrayList<>();
                for (String k : keys) {
                    g.add(rows.column(k).getString(r));
                }
                g.add(rows.stringColumn(Results.SPLIT).get(r));
                g.add(rows.stringColumn(Results.METRIC).get(r));
                g.add(rows.stringColumn(Results.TARGET).get(r));
                groups.computeIfAbsent(g, x -> new ArrayList<>()).add(rows.doubleColumn(Results.VALUE).get(r));
            }
        }
        List<StringColumn> keyCols = new ArrayList<>();
        for (String k : keys) {
            keyCols.add(StringColumn.create(k));
        }
        StringColumn split = StringColumn.create(Results.SPLIT);
        StringColumn metric = StringColumn.create(Results.METRIC);
        StringColumn target = StringColumn.create(Results.TARGET);
        IntColumn n = IntColumn.create("n");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn std = DoubleColumn.create("std");
        DoubleColumn lo = DoubleColumn.create("ci95_low");
        DoubleColumn hi = DoubleColumn.create("ci95_high");
        DoubleColumn min = DoubleColumn.create("min");
        DoubleColumn max = DoubleColumn.create("max");
        StringColumn shown = StringColumn.create("shown");
        for (Map.Entry<List<String>, List<Double>> e : groups.entrySet()) {
            List<String> g = e.getKey();
            for (int i = 0; i < keys.length; i++) {
                keyCols.get(i).append(g.get(i));
            }
            split.append(g.get(keys.length));
            metric.append(g.get(keys.length + 1));
            target.append(g.get(keys.length + 2));
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            Summary s = resamples > 0
                    ? Summary.bootstrap(v, resamples, Seeds.derive(BOOTSTRAP_STREAM, g.hashCode())) : Summary.of(v);
            n.append(s.n());
            mean.append(s.mean());
            std.append(s.std());
            lo.append(s.ciLow());
            hi.append(s.ciHigh());
            min.append(Arrays.stream(v).min().orElse(Double.NaN));
            max.append(Arrays.stream(v).max().orElse(Double.NaN));
            shown.append(shown(s));
        }
        Table out = Table.create(table.name() + " summary");
        keyCols.forEach(out::addColumns);
        out.addColumns(split, metric, target, n, mean, std, lo, hi, min, max, shown);
        return out;
    }

    /**
     * "0.912 [0.899, 0.925] (n = 5)": rounded to two significant digits of the interval's half
     * width, since digits below that are noise; with one seed, four significant digits and n = 1.
     */
    public static String shown(Summary s) {
        if (s.n() == 0) {
            return "no runs";
        }
        double half = s.halfWidth();
        if (!(half > 0) || Double.isInfinite(half)) {
            String m = String.format(Locale.ROOT, "%.4g", s.mean());
            return s.n() == 1 ? m + " (n = 1)" : m + " [" + m + ", " + m + "] (n = " + s.n() + ")";
        }
        int decimals = Math.max(0, 1 - (int) Math.floor(Math.log10(half)));
        String f = "%." + Math.min(decimals, 12) + "f";
        return String.format(Locale.ROOT, f + " [" + f + ", " + f + "] (n = %d)", s.mean(), s.ciLow(), s.ciHigh(), s.n());
    }
}
