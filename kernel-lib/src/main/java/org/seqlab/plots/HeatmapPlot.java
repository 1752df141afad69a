package org.seqlab.plots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Font;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A heatmap from a (row, column, weight) table: attention weights (output step by input step),
 * a confusion matrix (reference by hypothesis), or a spectrogram (bin by frame) with an event roll
 * underneath ({@link #events}): one band per event label, filled where the event is active, on the
 * spectrogram's own time axis. Numeric row and column values are ordered as numbers, others in
 * first-seen order. A plotly {@link Figure} itself.
 */
public final class HeatmapPlot extends TableFigure {
    record Events(Table table, String label, String onset, String offset) {}

    record Below(Table table, String row, String weight, String title) {}

    record Options(Table table, String row, String column, String weight, String title, String rowTitle,
                   String columnTitle, Events events, Below below) {}

    private final Options o;
    /** Drawn as a picture: first row at the top, square pixels, no axis titles. */
    private final boolean image;

    HeatmapPlot(Options o) {
        this(o, false);
    }

    private HeatmapPlot(Options o, boolean image) {
        this.o = o;
        this.image = image;
    }

    @Override
    Layout layout() {
        if (image) {
            String title = o.title != null ? o.title : o.weight;
            return Layout.builder().title(title).height(460).width(760)
                    .xAxis(Axis.builder().title(o.columnTitle != null ? o.columnTitle : "").build())
                    .yAxis(Axis.builder().title(o.rowTitle != null ? o.rowTitle : "").autoRange(Axis.AutoRange.REVERSED)
                            .build()).build();
        }
        return layout(o);
    }

    /**
     * Draws the map as an image (filters, feature maps, a mosaic of small images): row 0 at the
     * top, as pictures are stored, rather than at the bottom as for a matrix plot.
     */
    public HeatmapPlot image() {
        return new HeatmapPlot(o, true);
    }

    @Override
    Trace[] traces() {
        return traces(o);
    }

    /**
     * With a second map the time axis belongs under the lowest panel; Tablesaw's axis builder has no
     * {@code anchor}, and plotly would otherwise draw the axis and its title between the map and the
     * panels under it.
     */
    @Override
    public String asJavascript(String divName) {
        String js = super.asJavascript(divName);
        if (o.below == null || image) {
            return js;
        }
        return js.replaceFirst("xaxis: \\{", "xaxis: {\n    anchor: '" + (o.events == null ? "y2" : "y3") + "',");
    }

    public HeatmapPlot title(String title) {
        return new HeatmapPlot(new Options(o.table, o.row, o.column, o.weight, title, o.rowTitle, o.columnTitle, o.events, o.below), image);
    }

    /** Axis titles with units: {@code labels("mel bin", "time (s)")}. */
    public HeatmapPlot labels(String rowTitle, String columnTitle) {
        return new HeatmapPlot(new Options(o.table, o.row, o.column, o.weight, o.title, rowTitle, columnTitle, o.events, o.below), image);
    }

    /**
     * An event roll under the map from a table of events: one row per event with its label, onset
     * and offset in the unit of the map's column axis (seconds or frames).
     */
    public HeatmapPlot events(Table events, String label, String onset, String offset) {
        Groups.require(events, label, onset, offset);
        return new HeatmapPlot(new Options(o.table, o.row, o.column, o.weight, o.title, o.rowTitle, o.columnTitle,
                new Events(events, label, onset, offset), o.below));
    }

    /**
     * A second map under the map (and its event roll), on the same column axis: the table has the
     * map's column (time) plus {@code row} and {@code weight} in [0, 1], drawn on a fixed 0-1 scale.
     * Lecture 04 puts each method's frame probabilities ("method: class" rows) under a clip's
     * spectrogram and reference events, so a detection can be checked against the picture and the
     * truth at the same instant; a shared scale keeps the methods comparable.
     */
    public HeatmapPlot below(Table t, String row, String weight, String title) {
        Groups.require(t, o.column, row, weight);
        return new HeatmapPlot(new Options(o.table, o.row, o.column, o.weight, o.title, o.rowTitle, o.columnTitle,
                o.events, new Below(t, row, weight, title)), image);
    }

    private static Layout layout(Options o) {
        String rowTitle = o.rowTitle != null ? o.rowTitle : o.row;
        String colTitle = o.columnTitle != null ? o.columnTitle : o.column;
        String title = o.title != null ? o.title : o.weight + " by " + rowTitle + " and " + colTitle;
        if (o.below != null) {
            return layoutWithBelow(o, title, rowTitle, colTitle);
        }
        Layout.LayoutBuilder b = Layout.builder().title(title).height(o.events == null ? 460 : 560).width(760)
                .xAxis(Axis.builder().title(colTitle).build());
        if (o.events == null) {
            return b.yAxis(Axis.builder().title(rowTitle).build()).build();
        }
        return b.yAxis(Axis.builder().title(rowTitle).domain(0.32f, 1f).build())
                .yAxis2(Axis.builder().title("events").domain(0f, 0.26f).build()).build();
    }

    /**
     * Map on top, event roll (if any) in the middle, the second map at the bottom, each panel's
     * height in proportion to its rows (at least 160 px for the map) so that every row of the
     * second map stays readable.
     */
    private static Layout layoutWithBelow(Options o, String title, String rowTitle, String colTitle) {
        int rollRows = o.events == null ? 0 : keys(o.events.table(), o.events.label()).size();
        int belowRows = keys(o.below.table(), o.below.row()).size();
        double map = 200;
        double roll = rollRows == 0 ? 0 : 14.0 * rollRows + 20;
        double below = 14.0 * belowRows + 20;
        double gap = 30;
        double plot = map + roll + below + (rollRows == 0 ? 1 : 2) * gap;
        float belowTop = (float) (below / plot);
        float rollBottom = (float) ((below + gap) / plot);
        float rollTop = (float) ((below + gap + roll) / plot);
        float mapBottom = (float) ((below + gap + roll + (rollRows == 0 ? 0 : gap)) / plot);
        Layout.LayoutBuilder b = Layout.builder().title(title).height((int) plot + 160).width(860)
                .margin(tech.tablesaw.plotly.components.Margin.builder().left(150).build())
                .xAxis(Axis.builder().title(colTitle).build())
                .yAxis(Axis.builder().title(rowTitle).domain(mapBottom, 1f).build());
        Axis belowAxis = Axis.builder().title(o.below.title()).domain(0f, belowTop).autoRange(Axis.AutoRange.REVERSED)
                .tickSettings(everyLabel(keys(o.below.table(), o.below.row()))).build();
        if (rollRows == 0) {
            return b.yAxis2(belowAxis).build();
        }
        List<Object> labels = new ArrayList<>(new java.util.LinkedHashSet<>(
                o.events.table().column(o.events.label()).asList().stream().map(String::valueOf).toList()));
        return b.yAxis2(Axis.builder().title("events").domain(rollBottom, rollTop).tickSettings(everyLabel(labels)).build())
                .yAxis3(belowAxis).build();
    }

    /** Every row labelled: plotly thins category labels that would touch (it showed one row in five). */
    private static TickSettings everyLabel(List<Object> rows) {
        double[] at = new double[rows.size()];
        String[] text = new String[rows.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = i;
            text[i] = String.valueOf(rows.get(i));
        }
        return TickSettings.builder().tickMode(TickSettings.TickMode.ARRAY).arrayTicks(at, text)
                .font(Font.builder().size(10).build()).build();
    }

    private static Trace[] traces(Options o) {
        Groups.require(o.table, o.row, o.column, o.weight);
        Table t = o.table;
        List<Object> rows = keys(t, o.row);
        List<Object> cols = keys(t, o.column);
        Map<Object, Integer> ri = index(rows);
        Map<Object, Integer> ci = index(cols);
        double[][] z = new double[rows.size()][cols.size()];
        for (double[] line : z) {
            java.util.Arrays.fill(line, Double.NaN);
        }
        for (int r = 0; r < t.rowCount(); r++) {
            z[ri.get(key(t, o.row, r))][ci.get(key(t, o.column, r))] = Groups.number(t.column(o.weight), r);
        }
        List<Trace> out = new ArrayList<>();
        HeatmapTrace map = HeatmapTrace.builder(cols.toArray(), rows.toArray(), z).build();
        out.add(o.below == null ? map : new Renamed(map, ", colorbar: {len: 0.3, y: 1, yanchor: 'top'}"));
        if (o.events != null) {
            out.add(roll(o.events, cols));
        }
        if (o.below != null) {
            out.add(below(o.below, o.column, cols, o.events == null ? "y2" : "y3"));
        }
        return out.toArray(new Trace[0]);
    }

    /** The second map: rows in first-seen order from the top, columns those of the map, scale 0-1. */
    private static Trace below(Below b, String column, List<Object> cols, String axis) {
        List<Object> rows = keys(b.table(), b.row());
        Map<Object, Integer> ri = index(rows);
        Map<Object, Integer> ci = index(cols);
        double[][] z = new double[rows.size()][cols.size()];
        for (double[] line : z) {
            java.util.Arrays.fill(line, Double.NaN);
        }
        Table t = b.table();
        for (int r = 0; r < t.rowCount(); r++) {
            Integer c = ci.get(key(t, column, r));
            if (c != null) {
                z[ri.get(key(t, b.row(), r))][c] = Groups.number(t.column(b.weight()), r);
            }
        }
        return new Renamed(HeatmapTrace.builder(cols.toArray(), rows.toArray(), z).yAxis(axis).build(),
                ", zmin: 0, zmax: 1, colorbar: {len: 0.3, y: 0, yanchor: 'bottom', title: {text: '" + b.weight().replace("'", "")
                        + "'}}");
    }

    /** 1 where an event of the label is active at a column (a time), else 0. */
    private static Trace roll(Events e, List<Object> cols) {
        Map<String, double[]> lines = new LinkedHashMap<>();
        for (int r = 0; r < e.table().rowCount(); r++) {
            String label = e.table().column(e.label()).getString(r);
            double on = Groups.number(e.table().column(e.onset()), r);
            double off = Groups.number(e.table().column(e.offset()), r);
            double[] line = lines.computeIfAbsent(label, k -> new double[cols.size()]);
            for (int c = 0; c < cols.size(); c++) {
                double x = cols.get(c) instanceof Number n ? n.doubleValue() : Double.NaN;
                if (x >= on && x < off) {
                    line[c] = 1;
                }
            }
        }
        double[][] z = lines.values().toArray(new double[0][]);
        return new Renamed(HeatmapTrace.builder(cols.toArray(), lines.keySet().toArray(), z).yAxis("y2").build(),
                ", showscale: false");
    }

    /**
     * Tablesaw 0.44's heatmap trace always declares {@code var trace0}, whatever its index, so a
     * second heatmap in one figure would be undefined: this wrapper declares the right name. It
     * also adds plotly attributes the builder lacks ({@code extra}: the colour bar's place, a fixed
     * scale), after the trace's type.
     */
    private record Renamed(HeatmapTrace trace, String extra) implements Trace {
        @Override
        public String asJavascript(int i) {
            return trace.asJavascript(i).replaceFirst("var trace0\\b", "var trace" + i)
                    .replaceFirst("type: 'heatmap',", "type: 'heatmap'" + extra + ",");
        }

        @Override
        public String name() {
            return trace.name();
        }

        @Override
        public tech.tablesaw.plotly.components.HoverLabel hoverLabel() {
            return trace.hoverLabel();
        }

        @Override
        public boolean showLegend() {
            return trace.showLegend();
        }
    }

    private static List<Object> keys(Table t, String column) {
        boolean numeric = Groups.numeric(t, column);
        if (numeric) {
            TreeMap<Double, Object> sorted = new TreeMap<>();
            for (int r = 0; r < t.rowCount(); r++) {
                sorted.put(Groups.number(t.column(column), r), key(t, column, r));
            }
            return new ArrayList<>(sorted.values());
        }
        List<Object> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            Object k = key(t, column, r);
            if (!out.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private static Object key(Table t, String column, int r) {
        double v = Groups.number(t.column(column), r);
        return Double.isNaN(v) ? t.column(column).getString(r) : (Object) v;
    }

    private static Map<Object, Integer> index(List<Object> keys) {
        Map<Object, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), i);
        }
        return m;
    }
}
