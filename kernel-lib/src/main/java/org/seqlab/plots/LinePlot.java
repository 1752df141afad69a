package org.seqlab.plots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seqlab.results.Results;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Curves from a long table (STYLE.md 6): per group the mean over seeds at each x, a shaded band
 * (CI or std) and each seed as a faint line, the legend giving n. It is itself a plotly
 * {@link Figure}, so a cell that ends with {@code Plots.line(t).x("epoch")...} draws it; every
 * method returns a new figure.
 */
public final class LinePlot extends TableFigure {
    record Options(Table table, String x, String y, String metric, List<String> groups, Band band, boolean seeds,
                   boolean logX, boolean logY, String title, String xTitle, String yTitle, Boolean higherIsBetter) {}

    private final Options o;

    LinePlot(Options o) {
        this.o = o;
    }

    @Override
    Layout layout() {
        return layout(o);
    }

    @Override
    Trace[] traces() {
        return traces(o);
    }

    static LinePlot of(Table t) {
        String x = t.columnNames().contains(Results.EPOCH) ? Results.EPOCH : t.columnNames().get(0);
        String y = t.columnNames().contains(Results.VALUE) ? Results.VALUE : t.columnNames().get(t.columnCount() - 1);
        return new LinePlot(new Options(t, x, y, null, List.of(), Band.CI95, true, false, false, null, null, null, null));
    }

    public LinePlot x(String column) {
        Groups.require(o.table, column);
        return new LinePlot(new Options(o.table, column, o.y, o.metric, o.groups, o.band, o.seeds, o.logX, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public LinePlot y(String column) {
        Groups.require(o.table, column);
        return new LinePlot(new Options(o.table, o.x, column, o.metric, o.groups, o.band, o.seeds, o.logX, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    /** Only the rows of this metric ("validation.loss" picks the split too). */
    public LinePlot metric(String metric) {
        return new LinePlot(new Options(o.table, o.x, o.y, metric, o.groups, o.band, o.seeds, o.logX, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    /** One curve per value (combination of values) of these columns. */
    public LinePlot group(String... columns) {
        Groups.require(o.table, columns);
        return new LinePlot(new Options(o.table, o.x, o.y, o.metric, List.of(columns), o.band, o.seeds, o.logX, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public LinePlot band(Band band) {
        return new LinePlot(new Options(o.table, o.x, o.y, o.metric, o.groups, band, o.seeds, o.logX, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    /** Whether each seed is drawn as a faint line under the mean (default true). */
    public LinePlot seeds(boolean show) {
        return new LinePlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, show, o.logX, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public LinePlot logX() {
        return new LinePlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, o.seeds, true, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public LinePlot logY() {
        return new LinePlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, o.seeds, o.logX, true, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public LinePlot title(String title) {
        return new LinePlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, o.seeds, o.logX, o.logY, title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    /** Axis titles with their units, e.g. {@code labels("epoch", "bits per character")}. */
    public LinePlot labels(String xTitle, String yTitle) {
        return new LinePlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, o.seeds, o.logX, o.logY, o.title, xTitle, yTitle, o.higherIsBetter));
    }

    /** Adds "(higher is better)" to the y title. */
    public LinePlot higherIsBetter() {
        return new LinePlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, o.seeds, o.logX, o.logY, o.title, o.xTitle, o.yTitle, true));
    }

    /** Adds "(lower is better)" to the y title. */
    public LinePlot lowerIsBetter() {
        return new LinePlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, o.seeds, o.logX, o.logY, o.title, o.xTitle, o.yTitle, false));
    }

    private static Layout layout(Options o) {
        String yTitle = o.yTitle != null ? o.yTitle : o.metric != null ? o.metric : o.y;
        String xTitle = o.xTitle != null ? o.xTitle : o.x;
        String title = o.title != null ? o.title : yTitle + " against " + xTitle
                + (o.band == Band.NONE ? "" : " (" + Groups.bandName(o.band) + " over seeds)");
        Axis.AxisBuilder xa = Axis.builder().title(xTitle);
        Axis.AxisBuilder ya = Axis.builder().title(Groups.direction(yTitle, o.higherIsBetter));
        if (o.logX) {
            xa.type(Axis.Type.LOG);
        }
        if (o.logY) {
            ya.type(Axis.Type.LOG);
        }
        return Layout.builder().title(title).height(420).width(760).xAxis(xa.build()).yAxis(ya.build()).build();
    }

    private static Trace[] traces(Options o) {
        Table t = Groups.plotted(o.table, o.x, o.y, o.groups, o.metric);
        if (!Groups.numeric(t, o.x)) {
            throw new IllegalArgumentException("x column '" + o.x + "' is not numeric; use Plots.bars for categories");
        }
        boolean hasSeed = t.columnNames().contains(Results.SEED);
        List<Trace> traces = new ArrayList<>();
        List<Trace> faint = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, List<Integer>> g : Groups.by(t, o.groups).entrySet()) {
            String c = Groups.COLOURS[colour++ % Groups.COLOURS.length];
            TreeMap<Double, List<Double>> byX = new TreeMap<>();
            TreeMap<String, TreeMap<Double, Double>> bySeed = new TreeMap<>();
            for (int r : g.getValue()) {
                double x = Groups.number(t.column(o.x), r);
                double y = Groups.number(t.column(o.y), r);
                byX.computeIfAbsent(x, k -> new ArrayList<>()).add(y);
                String seed = hasSeed ? t.column(Results.SEED).getString(r) : "";
                bySeed.computeIfAbsent(seed, k -> new TreeMap<>()).put(x, y);
            }
            int n = bySeed.size();
            double[] xs = byX.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] mean = new double[xs.length];
            double[] lo = new double[xs.length];
            double[] hi = new double[xs.length];
            int i = 0;
            for (List<Double> ys : byX.values()) {
                double[] v = ys.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
                mean[i] = Arrays.stream(v).average().orElse(Double.NaN);
                double[] b = Groups.band(o.band, v);
                lo[i] = b[0];
                hi[i] = b[1];
                i++;
            }
            String name = (g.getKey().isEmpty() ? (o.metric != null ? o.metric : o.y) : g.getKey()) + " (n = " + n + ")";
            if (o.band != Band.NONE && n > 1) {
                traces.add(ScatterTrace.builder(xs, hi).mode(ScatterTrace.Mode.LINE).line(Line.builder().width(0).color(c).build())
                        .showLegend(false).legendGroup(name).name(name + " upper").build());
                traces.add(ScatterTrace.builder(xs, lo).mode(ScatterTrace.Mode.LINE).line(Line.builder().width(0).color(c).build())
                        .fill(ScatterTrace.Fill.TO_NEXT_Y).fillColor(Groups.translucent(c, 0.2))
                        .showLegend(false).legendGroup(name).name(name + " lower").build());
            }
            if (o.seeds && n > 1) {
                for (Map.Entry<String, TreeMap<Double, Double>> s : bySeed.entrySet()) {
                    double[] sx = s.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
                    double[] sy = s.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
                    faint.add(ScatterTrace.builder(sx, sy).mode(ScatterTrace.Mode.LINE)
                            .line(Line.builder().width(1).color(Groups.translucent(c, 0.35)).build())
                            .showLegend(false).legendGroup(name).name(name + " seed " + s.getKey()).build());
                }
            }
            traces.add(ScatterTrace.builder(xs, mean).mode(xs.length > 30 ? ScatterTrace.Mode.LINE : ScatterTrace.Mode.LINE_AND_MARKERS)
                    .line(Line.builder().width(2).color(c).build()).marker(Marker.builder().color(c).build()).legendGroup(name).name(name).build());
        }
        faint.addAll(traces);
        return faint.toArray(new Trace[0]);
    }
}
