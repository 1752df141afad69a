package org.seqlab.display;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tech.tablesaw.plotly.components.Figure;

/**
 * Turns a Tablesaw/plotly {@link Figure} into HTML that draws with no network: Tablesaw's own
 * {@code Page} loads plotly.js from a CDN, which leaves plots blank offline and in e-mailed
 * reports. The bundle (plotly.js 2.35.x, fetched from the npm registry at build time) is inlined
 * by the first figure of a document only; later figures reuse {@code window.Plotly}. Every figure
 * drawn here gets the same style ({@link #STYLE}).
 */
public final class FigureHtml {
    private static volatile String bundle;

    private FigureHtml() {}

    /**
     * The script that defines {@code window.Plotly}. require.js (loaded by Jupyter and nbconvert
     * pages) would capture plotly's UMD wrapper as an anonymous module and leave
     * {@code window.Plotly} unset, so {@code define} is hidden while the bundle runs.
     */
    public static String plotlyScript() {
        return "<script type=\"text/javascript\">\n"
                + "window.__seqlabDefine = window.define; window.define = undefined;\n"
                + plotlyBundle()
                + "\nwindow.define = window.__seqlabDefine;\n</script>\n";
    }

    /**
     * A fragment that draws {@code figure}; {@code includePlotly} inlines the bundle and must be
     * true for the first figure of each HTML document (or notebook session).
     */
    public static String fragment(Figure figure, boolean includePlotly) {
        // Tablesaw also uses the id in a JavaScript variable name: letters and digits only.
        String id = "seqlabplot" + UUID.randomUUID().toString().replace("-", "");
        String js = figure.asJavascript(id);
        // Tablesaw wraps the call in its own <script> tags; draw only once Plotly exists so that
        // figures whose bundle arrives in an earlier output still draw after a page reload.
        String body = stripScriptTags(js);
        return (includePlotly ? plotlyScript() : "")
                + "<div class=\"seqlab-figure\" style=\"width:100%\">" + figure.divString(id) + "</div>"
                + "<script type=\"text/javascript\">\n(function() {\n"
                + STYLE
                + "  function draw() {\n"
                + "    var Plotly = { newPlot: function(target, data, layout, config) {\n"
                + "      return window.Plotly.newPlot(target, data, seqlabStyle(data, layout),\n"
                + "        Object.assign({responsive: true, displaylogo: false}, config || {})); } };\n"
                + body + "\n  }\n"
                + "  if (window.Plotly) { draw(); } else {\n"
                + "    var tries = 0; var t = setInterval(function() {\n"
                + "      if (window.Plotly || ++tries > 100) { clearInterval(t); if (window.Plotly) draw(); }\n"
                + "    }, 100);\n  }\n})();\n</script>\n";
    }

    /**
     * The house style, applied in the page when a figure is drawn so that it holds for every figure
     * whoever built it (Tablesaw's plot classes, Seqlab's {@code Plots}, hand-made layouts):
     * <ul>
     *   <li>the width of the page (Tablesaw fixes 700-800 px, a third of a printed page or less),
     *       with a height of at most 450 px so a figure and its caption fit on a screen;</li>
     *   <li>one font, the report's; axis titles kept clear of the tick labels;</li>
     *   <li>a colour per trace name (a model, a group value) fixed the first time the page sees the
     *       name and reused by every later figure of the notebook, so "GRU" is the same colour
     *       throughout; colours a figure sets itself are kept;</li>
     *   <li>the legend outside the plotting area, on the right, where it hides no data.</li>
     * </ul>
     */
    static final String STYLE = """
              function seqlabStyle(data, layout) {
                var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd',
                               '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
                var colors = window.__seqlabColors = window.__seqlabColors || {};
                (data || []).forEach(function(t) {
                  var key = t.legendgroup || t.name;
                  if (!key || t.type === 'heatmap' || t.type === 'pie') return;
                  if (!(key in colors)) colors[key] = palette[Object.keys(colors).length % palette.length];
                  var marker = t.marker = t.marker || {};
                  if (marker.color === undefined) marker.color = colors[key];
                  if (t.type === 'scatter' || t.type === undefined) {
                    var line = t.line = t.line || {};
                    if (line.color === undefined) line.color = colors[key];
                  }
                });
                layout = layout || {};
                delete layout.width;
                layout.autosize = true;
                layout.height = Math.min(layout.height || 450, 450);
                layout.font = Object.assign({family: 'DejaVu Sans, Helvetica, Arial, sans-serif', size: 13,
                                             color: '#222'}, layout.font || {});
                if (typeof layout.title === 'string') layout.title = {text: layout.title};
                if (layout.title) layout.title = Object.assign({x: 0.02, xanchor: 'left'}, layout.title);
                Object.keys(layout).filter(function(k) { return /^[xy]axis[0-9]*$/.test(k); }).forEach(function(k) {
                  var axis = layout[k] = layout[k] || {};
                  if (typeof axis.title === 'string') axis.title = {text: axis.title};
                  axis.automargin = true;
                  if (axis.gridcolor === undefined) axis.gridcolor = '#e5e5e5';
                });
                layout.legend = Object.assign({x: 1.02, xanchor: 'left', y: 1, yanchor: 'top'}, layout.legend || {});
                if (layout.legend.x < 1 && layout.legend.x >= 0) { layout.legend.x = 1.02; layout.legend.xanchor = 'left'; }
                layout.margin = Object.assign({l: 60, r: 20, t: 50, b: 50}, layout.margin || {});
                return layout;
              }
            """;

    /** A complete offline HTML page with the given figures, for files written outside a notebook. */
    public static String page(String title, Figure... figures) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(TableHtml.escape(title)).append("</title></head><body>\n");
        boolean first = true;
        for (Figure f : figures) {
            b.append(fragment(f, first));
            first = false;
        }
        return b.append("</body></html>\n").toString();
    }

    static String stripScriptTags(String js) {
        String s = js.strip();
        int open = s.indexOf('>');
        if (s.startsWith("<script") && open > 0) {
            s = s.substring(open + 1);
        }
        int close = s.lastIndexOf("</script>");
        if (close >= 0) {
            s = s.substring(0, close);
        }
        return s;
    }

    private static String plotlyBundle() {
        String b = bundle;
        if (b == null) {
            try (InputStream in = FigureHtml.class.getResourceAsStream("plotly.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("plotly.min.js is missing from the seqlab-kernel-lib jar: "
                            + "rebuild with Maven so that it is fetched from the npm registry");
                }
                // "</script" inside the bundle would end the inline script early.
                b = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled plotly.min.js", e);
            }
            bundle = b;
        }
        return b;
    }
}
