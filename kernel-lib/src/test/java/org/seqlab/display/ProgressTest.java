package org.seqlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProgressTest {
    /** A notebook as the kernel drives it: outputs in order, each replaced in place by its id. */
    static final class Notebook implements DisplaySink {
        final Map<String, Object> outputs = new LinkedHashMap<>();
        final List<Object> unnamed = new ArrayList<>();

        @Override
        public void show(Object value, String displayId) {
            if (displayId == null) {
                unnamed.add(value);
            } else {
                outputs.put(displayId, value);
            }
        }

        @Override
        public void update(Object value, String displayId) {
            assertTrue(outputs.containsKey(displayId), "updates an output shown before");
            outputs.put(displayId, value);
        }

        @Override
        public boolean live() {
            return true;
        }

        List<String> html() {
            return outputs.values().stream().map(v -> ((HtmlRenderable) v).toHtml()).toList();
        }

        long bars() {
            return html().stream().filter(h -> h.contains("<progress")).count();
        }
    }

    private final DisplaySink before = Display.sink();

    @AfterEach
    void restore() {
        Display.install(before);
    }

    @Test
    void aFinishedBarIsOneLineWithoutABar() {
        Notebook nb = new Notebook();
        Display.install(nb);
        try (Progress p = Progress.start("features", 3)) {
            p.step();
            assertEquals(1, nb.bars(), "a running bar");
            p.step();
            p.step();
            p.status("done");
        }
        assertEquals(0, nb.bars());
        assertEquals(1, nb.outputs.size());
        assertTrue(nb.html().get(0).contains("features 3/3"), nb.html().get(0));
    }

    @Test
    void theEpochBarsOfARunShareOneOutputThatSettlesToOneLine() {
        Notebook nb = new Notebook();
        Display.install(nb);
        try (Progress.Run run = Progress.run("copy-lag seed 1")) {
            for (int epoch = 1; epoch <= 5; epoch++) {
                try (Progress p = Progress.start("epoch " + epoch + "/5", 4)) {
                    p.step();
                    assertEquals(1, nb.outputs.size(), "every epoch reuses the run's output");
                    assertEquals(1, nb.bars());
                    p.advance(3);
                }
            }
            run.settle("5 epochs, test accuracy 0.9125");
        }
        assertEquals(1, nb.outputs.size());
        assertEquals(0, nb.bars());
        String line = nb.html().get(0);
        assertTrue(line.contains("copy-lag seed 1") && line.contains("test accuracy 0.9125"), line);
        assertFalse(line.contains("epoch 5/5"), "the last epoch bar is replaced: " + line);
    }

    @Test
    void aGridShowsOneOverallBarAndOneLinePerFinishedRun() {
        Notebook nb = new Notebook();
        Display.install(nb);
        try (Progress.Grid grid = Progress.grid("lag sweep", 3)) {
            for (int r = 1; r <= 3; r++) {
                try (Progress.Run run = Progress.run("run " + r)) {
                    for (int epoch = 1; epoch <= 4; epoch++) {
                        try (Progress p = Progress.start("epoch " + epoch, 2)) {
                            p.step();
                            // the grid's bar and this run's bar; finished runs are lines
                            assertEquals(2, nb.bars(), nb.html().toString());
                            p.step();
                        }
                    }
                    run.settle("accuracy " + r);
                }
                assertEquals(r, grid.done());
                assertTrue(nb.html().get(0).contains(r + "/3"), nb.html().get(0));
            }
        }
        assertEquals(4, nb.outputs.size(), "the grid's line and a line per run");
        assertEquals(0, nb.bars(), nb.html().toString());
        assertTrue(nb.html().get(0).contains("lag sweep") && nb.html().get(0).contains("3/3 runs"), nb.html().get(0));
        assertTrue(nb.html().get(3).contains("run 3") && nb.html().get(3).contains("accuracy 3"));
    }

    @Test
    void aRunThatThrowsSettlesAsUnfinishedAndLeavesNoScopeBehind() {
        Notebook nb = new Notebook();
        Display.install(nb);
        try (Progress.Run run = Progress.run("diverged")) {
            Progress.start("epoch 1", 10).step();
            throw new IllegalStateException("loss became NaN");
        } catch (IllegalStateException expected) {
            // the run's output says so
        }
        assertTrue(nb.html().get(0).contains("did not finish"), nb.html().get(0));
        try (Progress p = Progress.start("after", 1)) {
            p.step();
        }
        assertEquals(2, nb.outputs.size(), "a later bar has an output of its own");
    }
}
