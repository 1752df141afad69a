package org.seqlab.plots;

import tech.tablesaw.api.Table;

/**
 * Plots as functions of a table and column names (STYLE.md 6); notebooks never plot raw arrays.
 * Each returns a plotly figure that the kernel draws offline and that every chained call refines:
 *
 * <pre>{@code
 * Plots.line(run.history()).metric("validation.accuracy").x("epoch").group("model.name").band(Band.CI95)
 * Plots.bars(run.results()).metric("accuracy").x("data.corpus.lag").group("model.name")
 * Plots.heatmap(attention, "output step", "input step", "weight")
 * Plots.heatmap(spectrogram, "bin", "time", "log-mel").events(events, "label", "onset", "offset")
 * }</pre>
 * Curves show the mean over seeds, a band and each seed faintly; bars carry whiskers; legends give n.
 */
public final class Plots {
    private Plots() {}

    /** Curves; x defaults to {@code epoch}, y to {@code value}, the band to the 95% CI. */
    public static LinePlot line(Table t) {
        return LinePlot.of(t);
    }

    /** Bars of the mean per category with 95% CI whiskers; y defaults to {@code value}. */
    public static BarPlot bars(Table t) {
        return BarPlot.of(t);
    }

    /** A (row, column, weight) table as a heatmap. */
    public static HeatmapPlot heatmap(Table t, String row, String column, String weight) {
        return new HeatmapPlot(new HeatmapPlot.Options(t, row, column, weight, null, null, null, null, null));
    }
}
