package org.seqlab.plots;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.seqlab.results.Results;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Bars of the mean over seeds per category, with CI (or std) whiskers and n in the legend or the
 * category label; grouped bars when {@link #group} names a second key. A plotly {@link Figure}
 * itself, like {@link LinePlot}.
 */
public final class BarPlot extends TableFigure {
    record Options(Table table, String x, String y, String metric, List<String> groups, Band band, boolean logY,
                   String title, String xTitle, String yTitle, Boolean higherIsBetter) {}

    private final Options o;

    BarPlot(Options o) {
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

    static BarPlot of(Table t) {
        String y = t.columnNames().contains(Results.VALUE) ? Results.VALUE : t.columnNames().get(t.columnCount() - 1);
        return new BarPlot(new Options(t, t.columnNames().get(0), y, null, List.of(), Band.CI95, false, null, null, null, null));
    }

    public BarPlot x(String column) {
        Groups.require(o.table, column);
        return new BarPlot(new Options(o.table, column, o.y, o.metric, o.groups, o.band, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public BarPlot y(String column) {
        Groups.require(o.table, column);
        return new BarPlot(new Options(o.table, o.x, column, o.metric, o.groups, o.band, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public BarPlot metric(String metric) {
        return new BarPlot(new Options(o.table, o.x, o.y, metric, o.groups, o.band, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public BarPlot group(String... columns) {
        Groups.require(o.table, columns);
        return new BarPlot(new Options(o.table, o.x, o.y, o.metric, List.of(columns), o.band, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    /** The whiskers: the 95% CI (default), one std, or none. */
    public BarPlot errors(Band band) {
        return new BarPlot(new Options(o.table, o.x, o.y, o.metric, o.groups, band, o.logY, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public BarPlot logY() {
        return new BarPlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, true, o.title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public BarPlot title(String title) {
        return new BarPlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, o.logY, title, o.xTitle, o.yTitle, o.higherIsBetter));
    }

    public BarPlot labels(String xTitle, String yTitle) {
        return new BarPlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, o.logY, o.title, xTitle, yTitle, o.higherIsBetter));
    }

    public BarPlot higherIsBetter() {
        return new BarPlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, o.logY, o.title, o.xTitle, o.yTitle, true));
    }

    public BarPlot lowerIsBetter() {
        return new BarPlot(new Options(o.table, o.x, o.y, o.metric, o.groups, o.band, o.logY, o.title, o.xTitle, o.yTitle, false));
    }

    private static Layout layout(Options o) {
        String yTitle = o.yTitle != null ? o.yTitle : o.metric != null ? o.metric : o.y;
        String xTitle = o.xTitle != null ? o.xTitle : o.x;
        String title = o.title != null ? o.title : yTitle + " by " + xTitle
                + (o.band == Band.NONE ? " (mean over seeds)" : " (" + Groups.bandName(o.band) + " over seeds)");
        Axis.AxisBuilder ya = Axis.builder().title(Groups.direction(yTitle, o.higherIsBetter));
        if (o.logY) {
            ya.type(Axis.Type.LOG);
        }
        return Layout.builder().title(title).height(420).width(760).barMode(Layout.BarMode.GROUP)
                .xAxis(Axis.builder().title(xTitle).type(Axis.Type.CATEGORY).build()).yAxis(ya.build()).build();
    }

    private static Trace[] traces(Options o) {
        Table t = Groups.plotted(o.table, o.x, o.y, o.groups, o.metric);
        LinkedHashSet<String> categories = new LinkedHashSet<>();
        for (int r = 0; r < t.rowCount(); r++) {
            categories.add(t.column(o.x).getString(r));
        }
        List<Trace> out = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, List<Integer>> g : Groups.by(t, o.groups).entrySet()) {
            List<String> xs = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            List<Double> plus = new ArrayList<>();
            List<Double> minus = new ArrayList<>();
            int n = 0;
            for (String cat : categories) {
                double[] v = g.getValue().stream().filter(r -> t.column(o.x).getString(r).equals(cat))
                        .mapToDouble(r -> Groups.number(t.column(o.y), r)).filter(Double::isFinite).toArray();
                if (v.length == 0) {
                    continue;
                }
                n = Math.max(n, v.length);
                double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
                double[] b = Groups.band(o.band, v);
                xs.add(o.groups.isEmpty() ? cat + " (n = " + v.length + ")" : cat);
                means.add(mean);
                plus.add(b[1] - mean);
                minus.add(mean - b[0]);
            }
            String name = g.getKey().isEmpty() ? (o.metric != null ? o.metric : o.y) : g.getKey() + " (n = " + n + ")";
            BarTrace bar = BarTrace.builder(xs.toArray(), means.stream().mapToDouble(Double::doubleValue).toArray())
                    .name(name).marker(Marker.builder().color(Groups.COLOURS[colour++ % Groups.COLOURS.length]).build())
                    .showLegend(!o.groups.isEmpty()).build();
            out.add(o.band == Band.NONE ? bar : new ErrorBars(bar, plus.stream().mapToDouble(Double::doubleValue).toArray(),
                    minus.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return out.toArray(new Trace[0]);
    }
}
