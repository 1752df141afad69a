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
 * by the first figure of a document only; later figures reuse {@code window.Plotly}.
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
                + figure.divString(id)
                + "<script type=\"text/javascript\">\n(function() {\n"
                + "  function draw() {\n" + body + "\n  }\n"
                + "  if (window.Plotly) { draw(); } else {\n"
                + "    var tries = 0; var t = setInterval(function() {\n"
                + "      if (window.Plotly || ++tries > 100) { clearInterval(t); if (window.Plotly) draw(); }\n"
                + "    }, 100);\n  }\n})();\n</script>\n";
    }

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
