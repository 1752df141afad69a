package org.seqlab.plots;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import tech.tablesaw.plotly.components.HoverLabel;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A bar trace with plotly's asymmetric {@code error_y} whiskers, which Tablesaw's BarTrace cannot
 * express: the bar's JavaScript object gets the error arrays added, so grouped bars keep their
 * whiskers centred (a separate scatter trace would sit between the bars of a group).
 */
final class ErrorBars implements Trace {
    private final BarTrace bar;
    private final double[] plus;
    private final double[] minus;

    ErrorBars(BarTrace bar, double[] plus, double[] minus) {
        this.bar = bar;
        this.plus = plus;
        this.minus = minus;
    }

    @Override
    public String asJavascript(int i) {
        String js = bar.asJavascript(i);
        String head = "var trace" + i + " =";
        int at = js.indexOf(head);
        int brace = at < 0 ? -1 : js.indexOf('{', at);
        if (brace < 0) {
            throw new IllegalStateException("unexpected Tablesaw bar trace: " + js.substring(0, Math.min(80, js.length())));
        }
        String errors = "\nerror_y: {type: 'data', symmetric: false, array: " + array(plus) + ", arrayminus: " + array(minus)
                + ", color: '#333', thickness: 1.5, width: 4},";
        return js.substring(0, brace + 1) + errors + js.substring(brace + 1);
    }

    private static String array(double[] v) {
        return Arrays.stream(v).mapToObj(x -> Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : "null")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String name() {
        return bar.name();
    }

    @Override
    public HoverLabel hoverLabel() {
        return bar.hoverLabel();
    }

    @Override
    public boolean showLegend() {
        return bar.showLegend();
    }
}
