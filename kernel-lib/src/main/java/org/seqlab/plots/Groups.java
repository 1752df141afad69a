package org.seqlab.plots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.experiment.run.Summary;
import org.seqlab.results.Results;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Shared plumbing of the plots: column checks, grouping rows, colours and axis titles. */
final class Groups {
    /** Colour-blind-safe (Okabe-Ito), so groups stay apart in print too. */
    static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"};

    private Groups() {}

    static void require(Table t, String... columns) {
        for (String c : columns) {
            if (c != null && !t.columnNames().contains(c)) {
                throw new IllegalArgumentException("no column '" + c + "' in table '" + t.name() + "'; columns are " + t.columnNames());
            }
        }
    }

    /** Rows of {@code metric} only (all rows when null). */
    static Table metric(Table t, String metric) {
        return metric == null ? t : Results.metric(t, metric);
    }

    /**
     * The rows a plot draws: the columns checked when the figure is shown (a chained call may
     * name a column of a later step), then the rows of {@code metric}; none is an error, not an
     * empty figure.
     */
    static Table plotted(Table t, String x, String y, List<String> groups, String metric) {
        require(t, x, y);
        groups.forEach(g -> require(t, g));
        Table rows = metric(t, metric);
        if (rows.rowCount() == 0) {
            throw new IllegalArgumentException("nothing to plot: no rows" + (metric == null ? "" : " for metric '" + metric + "'"));
        }
        return rows;
    }

    /** Row indices by the joined values of {@code columns} ("" when none), in first-seen order. */
    static Map<String, List<Integer>> by(Table t, List<String> columns) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.computeIfAbsent(label(t, columns, r), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    static String label(Table t, List<String> columns, int row) {
        List<String> parts = new ArrayList<>();
        for (String c : columns) {
            parts.add(columns.size() == 1 ? t.column(c).getString(row) : c + "=" + t.column(c).getString(row));
        }
        return String.join(", ", parts);
    }

    /** A column's value as a number when it is numeric or its text parses as one; NaN otherwise. */
    static double number(Column<?> c, int row) {
        Object v = c.get(row);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static boolean numeric(Table t, String column) {
        Column<?> c = t.column(column);
        for (int r = 0; r < t.rowCount(); r++) {
            if (Double.isNaN(number(c, r))) {
                return false;
            }
        }
        return true;
    }

    /** Lower and upper edge of the band around the mean of {@code values}. */
    static double[] band(Band band, double[] values) {
        Summary s = Summary.of(values);
        if (band == Band.NONE || values.length < 2) {
            return new double[] {s.mean(), s.mean()};
        }
        return band == Band.STD ? new double[] {s.mean() - s.std(), s.mean() + s.std()} : new double[] {s.ciLow(), s.ciHigh()};
    }

    static String translucent(String hex, double alpha) {
        int r = Integer.parseInt(hex.substring(1, 3), 16);
        int g = Integer.parseInt(hex.substring(3, 5), 16);
        int b = Integer.parseInt(hex.substring(5, 7), 16);
        return "rgba(" + r + "," + g + "," + b + "," + alpha + ")";
    }

    static String direction(String title, Boolean higherIsBetter) {
        return higherIsBetter == null ? title : title + (higherIsBetter ? " (higher is better)" : " (lower is better)");
    }

    static String bandName(Band b) {
        return switch (b) {
            case NONE -> "";
            case STD -> "mean ± 1 std";
            case CI95 -> "mean and 95% CI";
        };
    }
}
