package org.seqlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.components.Figure;

class FigureHtmlTest {
    private static Figure figure() {
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3), DoubleColumn.create("y", 4, 5, 6));
        return LinePlot.create("title", t, "x", "y");
    }

    private static int count(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void firstFigureCarriesTheBundleInsideTheRequireGuardAndLaterOnesDoNot() {
        String first = FigureHtml.fragment(figure(), true);
        String second = FigureHtml.fragment(figure(), false);
        assertTrue(first.length() > 1_000_000, "plotly.js bundle inlined: " + first.length());
        assertTrue(second.length() < 20_000, "no bundle in later figures: " + second.length());
        int hide = first.indexOf("window.define = undefined");
        int bundle = first.indexOf("plotly.js v2.35.");
        int restore = first.indexOf("window.define = window.__seqlabDefine");
        assertTrue(hide >= 0 && hide < bundle && bundle < restore, "guard order: " + hide + " " + bundle + " " + restore);
    }

    @Test
    void neverLoadsScriptsFromTheNetwork() {
        String html = FigureHtml.page("p", figure(), figure());
        assertFalse(Pattern.compile("<script[^>]+src=", Pattern.CASE_INSENSITIVE).matcher(html).find());
        assertEquals(1, count(html, "window.define = undefined"), "bundle once per page");
    }

    @Test
    void divIdIsUsableAsAJavaScriptIdentifierBecauseTablesawBuildsVariableNamesFromIt() {
        String html = FigureHtml.fragment(figure(), false);
        Matcher m = Pattern.compile("<div id=[\"']([^\"']+)[\"']").matcher(html);
        assertTrue(m.find(), html);
        assertTrue(m.group(1).matches("[A-Za-z_$][A-Za-z0-9_$]*"), m.group(1));
        assertTrue(html.contains("var target_" + m.group(1)), "Tablesaw's variable uses the id");
    }

    @Test
    void stripsOnlyTheOuterScriptTags() {
        assertEquals("a<b", FigureHtml.stripScriptTags("  <script type=\"x\">a<b</script>\n"));
    }

    @Test
    void everyFigureIsDrawnThroughTheHouseStyle() {
        String html = FigureHtml.fragment(figure(), false);
        assertTrue(html.contains("function seqlabStyle(data, layout)"), "the style travels with each figure");
        assertTrue(html.contains("seqlabStyle(data, layout)") && html.contains("responsive: true"), html);
        assertTrue(html.contains("<div class=\"seqlab-figure\" style=\"width:100%\">"), "sized to the page");
        // Tablesaw's own call goes through the shim: the local Plotly is the one styling the layout
        int shim = html.indexOf("var Plotly = { newPlot");
        int call = html.indexOf("Plotly.newPlot(target_");
        assertTrue(shim >= 0 && shim < call, shim + " " + call);
    }
}
