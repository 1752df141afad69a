package org.seqlab.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seqlab.results.Measurements;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/** Plots from long tables: which traces they draw, their titles and labels, and the numbers behind bands and whiskers. */
class PlotsTest {
    /** Two models, three seeds, epochs 1..3: value = seed * epoch (lstm) or 10 * epoch (gru, no spread). */
    static Table curves() {
        Measurements m = Measurements.named("history");
        for (int s = 1; s <= 3; s++) {
            for (int e = 1; e <= 3; e++) {
                m.add("loss", s * e, s, "model", "lstm", "epoch", e);
                m.add("loss", 10 * e, s, "model", "gru", "epoch", e);
            }
        }
        return m.table();
    }

    @Test
    void lineWithBandAndFaintSeeds() {
        Figure f = Plots.line(curves()).metric("loss").x("epoch").group("model").band(Band.STD).logY()
                .labels("epoch", "cross-entropy (nats)").lowerIsBetter();
        // per model: upper and lower band edges, three seeds and the mean: 6 traces each
        assertEquals(12, f.getTraces().length);
        String js = f.asJavascript("p");
        assertTrue(js.contains("lstm (n = 3)"), "legend gives n");
        assertTrue(js.contains("cross-entropy (nats) (lower is better)"));
        assertTrue(js.contains("log"), "log y axis");
        // lstm at epoch 1: values 1, 2, 3 -> mean 2, std 1: the band is [1, 3]
        assertTrue(js.contains("tonexty"), "the band is filled between its edges");
    }

    @Test
    void barsCarryWhiskers() {
        Measurements m = Measurements.named("final");
        m.add("accuracy", 0.9, 1, "model", "lstm").add("accuracy", 0.8, 2, "model", "lstm").add("accuracy", 0.7, 3, "model", "lstm");
        m.add("accuracy", 0.5, 1, "model", "rnn").add("accuracy", 0.5, 2, "model", "rnn").add("accuracy", 0.5, 3, "model", "rnn");
        Figure f = Plots.bars(m.table()).metric("accuracy").x("model").higherIsBetter();
        String js = f.asJavascript("p");
        // lstm: mean 0.8, std 0.1, half width t(0.975, 2) * 0.1 / sqrt(3) = 0.248414
        assertTrue(js.contains("error_y"), js);
        assertTrue(js.contains("0.248414"), js);
        assertTrue(js.contains("lstm (n = 3)"));
        assertTrue(js.contains("(higher is better)"));
        assertThrows(IllegalArgumentException.class, () -> Plots.bars(m.table()).x("modle"));
    }

    /** Line and bar plots check their rows in one place: a metric without rows is an error when shown. */
    @Test
    void noRowsForTheMetricIsOneErrorForLinesAndBars() {
        for (TableFigure f : new TableFigure[] {Plots.line(curves()).metric("accuracy"), Plots.bars(curves()).metric("accuracy")}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, f::getTraces);
            assertEquals("nothing to plot: no rows for metric 'accuracy'", e.getMessage());
        }
    }

    @Test
    void heatmapWithEventRoll() {
        Table spec = Table.create("spectrogram", IntColumn.create("bin"), DoubleColumn.create("time"), DoubleColumn.create("db"));
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 4; t++) {
                spec.intColumn("bin").append(b);
                spec.doubleColumn("time").append(t * 0.5);
                spec.doubleColumn("db").append(b + t);
            }
        }
        Table events = Table.create("events", StringColumn.create("label", "dog"), DoubleColumn.create("onset", 0.5),
                DoubleColumn.create("offset", 1.5));
        Figure f = Plots.heatmap(spec, "bin", "time", "db").labels("mel bin", "time (s)").events(events, "label", "onset", "offset");
        assertEquals(2, f.getTraces().length);
        String js = f.asJavascript("p");
        assertTrue(js.contains("time (s)"));
        // the dog is active at 0.5 and 1.0 s, not at 0 or 1.5 s
        assertTrue(js.replace(" ", "").contains("[[0.0,1.0,1.0,0.0,],]"), js);
        assertTrue(js.contains("var trace1"), "Tablesaw names every heatmap trace0; the second is renamed");
    }

    @Test
    void heatmapWithRollAndASecondMapBelow() {
        Table spec = Table.create("spectrogram", IntColumn.create("bin"), DoubleColumn.create("time"), DoubleColumn.create("db"));
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                spec.intColumn("bin").append(b);
                spec.doubleColumn("time").append(t * 0.5);
                spec.doubleColumn("db").append(b + t);
            }
        }
        Table events = Table.create("events", StringColumn.create("label", "dog"), DoubleColumn.create("onset", 0.5),
                DoubleColumn.create("offset", 1.0));
        // two methods' probabilities; the second row lacks the frame at 1.0 s, which stays empty (NaN)
        Table p = Table.create("p", StringColumn.create("row", "max: dog", "max: dog", "max: dog", "fsl: dog", "fsl: dog"),
                DoubleColumn.create("time", 0.0, 0.5, 1.0, 0.0, 0.5), DoubleColumn.create("probability", 0.1, 0.9, 0.2, 0.6, 0.7));
        Figure f = Plots.heatmap(spec, "bin", "time", "db").events(events, "label", "onset", "offset")
                .below(p, "row", "probability", "frame probability");
        assertEquals(3, f.getTraces().length);
        String js = f.asJavascript("p").replace(" ", "");
        assertTrue(js.contains("[[0.1,0.9,0.2,],[0.6,0.7,NaN,],]"), js);
        assertTrue(js.contains("vartrace2"), js);
        assertTrue(js.contains("zmin:0,zmax:1"), "probabilities on a fixed scale: " + js);
        assertTrue(js.contains("yaxis:'y3'"), js);
        assertTrue(js.contains("xaxis:{\nanchor:'y3',"), "the time axis under the lowest panel: " + js);
        // rows in first-seen order, drawn from the top
        assertTrue(js.contains("y:[\"max:dog\",\"fsl:dog\"]"), js);
        // each row keeps its label (plotly would thin touching category labels)
        assertTrue(js.contains("tickmode:'array'") && js.contains("ticktext:[\"max:dog\",\"fsl:dog\"]"), js);
        assertThrows(IllegalArgumentException.class, () -> Plots.heatmap(spec, "bin", "time", "db")
                .below(p.copy().removeColumns("time"), "row", "probability", ""));
    }
}
