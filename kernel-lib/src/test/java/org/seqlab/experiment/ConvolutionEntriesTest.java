package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.data.CorpusGenerator;
import org.seqlab.data.Params;
import org.seqlab.data.batch.Sequence;
import org.seqlab.data.generate.GlyphGenerator;
import org.seqlab.data.generate.MemorySignal;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.lectures.ConvNetViews;

/** Lecture 03's datasets and models (ConvolutionEntries): shapes, counts and the signal's definition. */
class ConvolutionEntriesTest {
    static TaskModel model(String name, Map<String, Object> params, TaskShape shape) {
        var entry = Registry.global().get(Kind.MODEL, name);
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (var param : entry.params()) {
            values.put(param.name(), param.defaultValue());
        }
        values.putAll(params);
        return entry.factory().create(new org.seqlab.experiment.spec.Params(name, values), shape, 1L);
    }

    @Test
    void lenetSubsamplesTwiceByTwoWithEveryPoolingChoice() {
        TaskShape shape = new TaskShape(28, 20, Task.CLASSIFICATION, List.of());
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 28, 28);
        long dense = 0;
        for (String pool : List.of("max", "avg", "stride", "none")) {
            TaskModel m = model("lenet", Map.of("pool", pool), shape);
            try (var off = GradMode.off()) {
                assertArrayEquals(new long[] {3, 20}, m.forward(new Batch(x, null, null)).shape(), pool);
            }
            long in = m.parameters().get("classifier.dense.w").shape()[0];
            assertEquals(pool.equals("none") ? 16 * 28 * 28 : 16 * 7 * 7, in, pool);
            dense = in;
        }
        assertEquals(16 * 28 * 28, dense);
        // conv1 6x1x5x5+6, conv2 16x6x5x5+16, dense 784x84+84, out 84x20+20
        assertEquals(156 + 2416 + 65_940 + 1_700, model("lenet", Map.of(), shape).parameterCount());
    }

    @Test
    void windowMlpSeesOnlyTheLastStepsAndGrowsLinearly() {
        TaskShape shape = new TaskShape(1, 1, Task.REGRESSION, List.of());
        for (int l : new int[] {2, 8, 32}) {
            assertEquals(l * 32 + 32 + 32 + 1, model("window-mlp", Map.of("window", l), shape).parameterCount());
        }
        TaskModel m = model("window-mlp", Map.of("window", 4), shape);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 10, 1);
        try (var off = GradMode.off()) {
            double y = m.forward(new Batch(x, null, null)).item();
            INDArray early = x.dup();
            early.putScalar(new long[] {0, 5, 0}, 7f); // step 5 is outside the last 4
            assertEquals(y, m.forward(new Batch(early, null, null)).item(), 0.0);
            INDArray late = x.dup();
            late.putScalar(new long[] {0, 6, 0}, 7f);
            assertNotEquals(y, m.forward(new Batch(late, null, null)).item());
        }
    }

    @Test
    void withoutNoiseTheSignalIsASinusoidAndTheTargetItsNextValue() {
        MemorySignal s = new MemorySignal(20, 0.0, 6, 16, 3);
        for (int i = 0; i < 5; i++) {
            Sequence<float[][]> e = s.example("test", i);
            float[][] x = e.frames();
            // a sinusoid obeys x_t = 2 cos(w) x_{t-1} - x_{t-2}; 2 cos(w) from the first three samples
            double c = (x[2][0] + x[0][0]) / x[1][0];
            double next = c * x[19][0] - x[18][0];
            assertEquals(next, e.target()[0][0], 1e-3, "example " + i);
        }
        MemorySignal noisy = new MemorySignal(20, 0.5, 6, 16, 3);
        assertNotEquals(s.example("test", 0).frames()[3][0], noisy.example("test", 0).frames()[3][0]);
        assertEquals(s.example("test", 0).target()[0][0], noisy.example("test", 0).target()[0][0], 0f);
    }

    @Test
    void glyphsRenderDeterministicallyAndReadBack(@TempDir Path dir) throws Exception {
        GlyphGenerator g = new GlyphGenerator();
        Params p = new Params("glyphs", Map.of("train", 30, "validation", 5, "test", 7, "per_file", 20, "size", 20));
        CorpusGenerator.Plan plan = g.plan(p, 5);
        assertEquals(4, plan.jobs().size()); // train 20 + 10, validation 5, test 7
        for (CorpusGenerator.Job j : plan.jobs()) {
            Path f = dir.resolve(j.path());
            Files.createDirectories(f.getParent());
            j.render(f);
        }
        plan.finish(dir, Map.of());
        GlyphGenerator.Images train = GlyphGenerator.read(dir, "train");
        assertEquals(30, train.count());
        assertEquals(20, train.size());
        assertEquals(GlyphGenerator.DEFAULT_SYMBOLS.length(), train.symbols().size());
        assertEquals(7, GlyphGenerator.read(dir, "test").count());
        for (int i = 0; i < train.count(); i++) {
            double ink = 0;
            for (float[] row : train.pixels()[i]) {
                for (float v : row) {
                    ink += v;
                }
            }
            assertTrue(ink / 400 > 0.08 && ink / 400 < 0.7, "image " + i + " mean grey " + ink / 400);
        }
        // the same job renders the same bytes
        Path again = dir.resolve("again.bin");
        plan.jobs().get(0).render(again);
        assertArrayEquals(Files.readAllBytes(dir.resolve(plan.jobs().get(0).path())), Files.readAllBytes(again));
    }

    @Test
    void shiftingMovesContentAndFillsWithZeros() {
        float[][] img = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        float[][] s = ConvNetViews.shift(img, 1, -1);
        assertArrayEquals(new float[] {0, 4, 5}, s[0]);
        assertArrayEquals(new float[] {0, 7, 8}, s[1]);
        assertArrayEquals(new float[] {0, 0, 0}, s[2]);
    }
}
