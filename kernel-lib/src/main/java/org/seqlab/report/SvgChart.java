package org.seqlab.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A small line chart drawn as inline SVG: no script and no network, so it shows in an offline
 * report, in nbconvert output and in a live notebook cell alike. Used until the plotly helper
 * in {@code org.seqlab.display} is available on this branch; it stays the fallback for text-only viewers.
 */
public final class SvgChart {
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"};
    private static final int W = 460;
    private static final int H = 260;
    private static final int LEFT = 60;
    private static final int RIGHT = 130;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;

    private final String title;
    private final String xLabel;
    private final Map<String, double[][]> series = new LinkedHashMap<>();

    public SvgChart(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    /** Adds a series of (x, y) points; non-finite y values are left out. */
    public SvgChart series(String name, double[] x, double[] y) {
        series.put(name, new double[][] {x, y});
        return this;
    }

    public String svg() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (double[][] s : series.values()) {
            for (int i = 0; i < s[0].length; i++) {
                if (Double.isFinite(s[1][i])) {
                    x0 = Math.min(x0, s[0][i]);
                    x1 = Math.max(x1, s[0][i]);
                    y0 = Math.min(y0, s[1][i]);
                    y1 = Math.max(y1, s[1][i]);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" style=\"font-family:sans-serif;font-size:11px\">", W, H, W, H));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\">%s</text>", LEFT, esc(title)));
        if (!Double.isFinite(x0)) {
            return b.append("<text x=\"60\" y=\"120\">no data yet</text></svg>").toString();
        }
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        if (y1 == y0) {
            y1 = y0 + Math.max(1e-9, Math.abs(y0) * 0.1);
        }
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                LEFT, TOP, pw, ph));
        for (int t = 0; t <= 4; t++) {
            double v = y0 + (y1 - y0) * t / 4;
            double py = TOP + ph - ph * t / 4.0;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>",
                    LEFT, LEFT + pw, py, py));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 4, py + 4, num(v)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"start\">%s</text>", LEFT, H - 8, num(x0)));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LEFT + pw, H - 8, num(x1)));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", LEFT + pw / 2, H - 8, esc(xLabel)));
        int k = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            String color = COLORS[k % COLORS.length];
            StringBuilder pts = new StringBuilder();
            double[] xs = e.getValue()[0];
            double[] ys = e.getValue()[1];
            for (int i = 0; i < xs.length; i++) {
                if (Double.isFinite(ys[i])) {
                    double px = LEFT + pw * (xs[i] - x0) / (x1 - x0);
                    double py = TOP + ph - ph * (ys[i] - y0) / (y1 - y0);
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                }
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
            int ly = TOP + 12 + 16 * k;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>",
                    LEFT + pw + 8, LEFT + pw + 22, ly - 4, ly - 4, color));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", LEFT + pw + 26, ly, esc(e.getKey())));
            k++;
        }
        return b.append("</svg>").toString();
    }

    private static String num(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
