package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.GradMode;
import org.seqlab.data.generate.ShapeCaptions;
import org.seqlab.experiment.builtin.Seq2SeqModel;
import org.seqlab.experiment.builtin.ShapeCaptionsTask;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.ModelFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskShape;

/** The captioning corpus, and beam search against greedy decoding and against exhaustive search. */
class CaptionsTest {
    @Test
    void captionsSayWhichShapeIsWhere() {
        List<ShapeCaptions.Example> ex = ShapeCaptions.generate(200, 24, 0.05, 5);
        for (ShapeCaptions.Example e : ex) {
            List<String> c = e.caption();
            assertEquals("a", c.get(0));
            assertTrue(ShapeCaptions.COLOURS.contains(c.get(1)) && ShapeCaptions.SHAPES.contains(c.get(2)), c.toString());
            int first = e.cells()[0];
            int second = e.cells()[1];
            String relation = String.join(" ", c.subList(3, c.size() - 3));
            String expected = first / 2 < second / 2 ? "above" : first / 2 > second / 2 ? "below"
                    : first % 2 < second % 2 ? "left of" : "right of";
            assertEquals(expected, relation, c.toString());
            assertTrue(first != second && (first / 2 == second / 2 || first % 2 == second % 2), "side by side or one over the other");
            // one right caption per image: the shape named first comes earlier in (colour, shape) order
            int key1 = ShapeCaptions.COLOURS.indexOf(c.get(1)) * 3 + ShapeCaptions.SHAPES.indexOf(c.get(2));
            int n = c.size();
            int key2 = ShapeCaptions.COLOURS.indexOf(c.get(n - 2)) * 3 + ShapeCaptions.SHAPES.indexOf(c.get(n - 1));
            assertTrue(key1 < key2, c.toString());
            // the first shape's colour is painted at its cell's centre (radius >= 4 px covers the centre despite the jitter)
            float[] px = e.image()[(first / 2) * 12 + 6][(first % 2) * 12 + 6];
            float[] rgb = switch (c.get(1)) {
                case "red" -> new float[] {0.9f, 0.15f, 0.1f};
                case "green" -> new float[] {0.1f, 0.8f, 0.2f};
                default -> new float[] {0.15f, 0.3f, 0.95f};
            };
            if (!c.get(2).equals("triangle")) {
                assertArrayEquals(rgb, px, 0f, c.toString());
            }
        }
        assertEquals(ex.get(7).caption(), ShapeCaptions.generate(200, 24, 0.05, 5).get(7).caption(), "same seed, same corpus");
    }

    private static Seq2SeqModel untrained() {
        Entry<ModelFactory> e = Registry.global().get(Kind.MODEL, "show-attend-tell");
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : e.params()) {
            values.put(p.name(), p.defaultValue());
        }
        values.put("hidden", 16);
        values.put("channels", 8);
        TaskShape shape = new TaskShape(3 * 16, ShapeCaptions.WORDS.size() + 1, Task.TRANSCRIPTION, ShapeCaptionsTask.classes());
        Seq2SeqModel m = (Seq2SeqModel) e.factory().create(new Params("model", values), shape, 3);
        m.eval();
        return m;
    }

    @Test
    void beamOfWidthOneIsGreedy() {
        Seq2SeqModel model = untrained();
        Batch batch = ShapeCaptionsTask.batch(ShapeCaptions.generate(4, 16, 0.05, 9));
        Seq2SeqModel.Decoded greedy = model.decode(batch, 6);
        Seq2SeqModel.Decoded beam = model.beam(batch, 1, 6);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(greedy.tokens()[i], beam.tokens()[i], "example " + i);
            for (int u = 0; u < beam.tokens()[i].length; u++) {
                assertArrayEquals(greedy.weights().get(u)[i], beam.weights().get(u)[i], 1e-6f);
            }
        }
    }

    /** Teacher-forced total log-probability of {@code tokens} followed by the end. */
    private static double score(Seq2SeqModel model, ShapeCaptions.Example image, int[] tokens) {
        Batch b = ShapeCaptionsTask.batch(List.of(image));
        Batch forced = new Batch(b.inputs(), null, new Target.Tokens(new int[][] {tokens}, null));
        model.train();
        try (GradMode off = GradMode.off()) {
            INDArray logits = model.forward(forced).value().castTo(DataType.DOUBLE);
            double total = 0;
            for (int u = 0; u <= tokens.length; u++) {
                INDArray row = logits.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(u));
                double max = row.maxNumber().doubleValue();
                double lse = max + Math.log(org.nd4j.linalg.ops.transforms.Transforms.exp(row.sub(max), true).sumNumber().doubleValue());
                total += row.getDouble(u < tokens.length ? tokens[u] : 0) - lse;
            }
            return total;
        } finally {
            model.eval();
        }
    }

    @Test
    void anUnprunedBeamFindsTheBestCaptionOfExhaustiveSearch() {
        Seq2SeqModel model = untrained();
        ShapeCaptions.Example image = ShapeCaptions.generate(1, 16, 0.05, 11).get(0);
        int v = ShapeCaptions.WORDS.size();
        List<int[]> all = new ArrayList<>();
        all.add(new int[0]);
        for (int a = 1; a <= v; a++) {
            all.add(new int[] {a});
            for (int b = 1; b <= v; b++) {
                all.add(new int[] {a, b});
            }
        }
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int[] t : all) {
            double s = score(model, image, t);
            if (s > bestScore) {
                bestScore = s;
                best = t;
            }
        }
        // 3 steps and a beam wider than every sequence: the search keeps all 157 finished captions of up to 2 words
        Seq2SeqModel.Decoded d = model.beam(ShapeCaptionsTask.batch(List.of(image)), 100_000, 3);
        assertArrayEquals(best, d.tokens()[0], "best score " + bestScore);
    }
}
