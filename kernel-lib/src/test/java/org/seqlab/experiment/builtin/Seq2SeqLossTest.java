package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Elementwise;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.experiment.yaml.SpecYaml;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.losses.CtcLoss;

/**
 * {@code seq2seq-cross-entropy} replaced two losses (issue #12): lecture 03's
 * {@code seq2seq-cross-entropy} and lecture 05's {@code attention}. Both old formulas are kept
 * here as they were (commit 6e282c0), and the one loss must give their values and gradients on
 * the scores of real models; it must refuse a CTC weight without a CTC head, models that are not
 * step-by-step decoders, and the old name.
 */
class Seq2SeqLossTest {
    /**
     * Old and new build the same targets and mask and call the same fused cross-entropy and CTC on
     * the same scores, so they agree to rounding; 1e-12 allows only reordered double sums, far
     * below what one step less in the mask changed these losses by when tried (3.6e-3 and 2.3e-2).
     */
    static final double SAME = 1e-12;

    /** The old {@code seq2seq-cross-entropy} (Seq2SeqScoring.crossEntropy): end class 0. */
    static Tensor oldSeq2Seq(Tensor out, Batch batch, double smoothing) {
        int[][] refs = ((Target.Tokens) batch.target()).tokens();
        int b = (int) out.size(0);
        int steps = (int) out.size(1);
        float[][] targets = new float[b][steps];
        float[][] mask = new float[b][steps];
        for (int i = 0; i < b; i++) {
            for (int u = 0; u < steps && u <= refs[i].length; u++) {
                targets[i][u] = u < refs[i].length ? refs[i][u] : 0;
                mask[i][u] = 1;
            }
        }
        return CrossEntropy.loss(out, Nd4j.create(targets).castTo(DataType.INT), Nd4j.create(mask).castTo(out.dtype()), smoothing);
    }

    /** The old {@code attention} loss (AsrEntries.AttentionLoss): end class las.eos(), plus lambda CTC. */
    static Tensor oldAttention(LasModel las, Tensor out, Batch batch, double smoothing, double ctcWeight) {
        LasModel.Heads heads = las.split(out, batch);
        int[][] tokens = LasModel.tokens(batch);
        int steps = (int) heads.attention().size(1);
        float[][] targets = new float[tokens.length][steps];
        float[][] mask = new float[tokens.length][steps];
        for (int b = 0; b < tokens.length; b++) {
            for (int i = 0; i <= tokens[b].length; i++) {
                targets[b][i] = i < tokens[b].length ? tokens[b][i] : las.eos();
                mask[b][i] = 1;
            }
        }
        Tensor att = CrossEntropy.loss(heads.attention(), Nd4j.create(targets), Nd4j.create(mask), smoothing);
        if (ctcWeight == 0) {
            return att;
        }
        Tensor ctc = CtcLoss.loss(heads.ctc(), las.encoderMask(batch) == null
                        ? Nd4j.ones(DataType.FLOAT, batch.size(), heads.ctc().size(1)) : las.encoderMask(batch),
                tokens, CtcLoss.Options.defaults().withBlank(0).withZeroInfinity(true));
        return Elementwise.add(Elementwise.scale(ctc, ctcWeight), Elementwise.scale(att, 1 - ctcWeight));
    }

    /** Loss and gradient of the scores through {@code loss}, on a fresh leaf copy of {@code scores}. */
    static double[] lossAndGradient(INDArray scores, java.util.function.Function<Tensor, Tensor> loss) {
        Tensor x = Tensor.variable(scores.dup());
        Tensor l = loss.apply(x);
        l.backward();
        double[] grad = x.grad().castTo(DataType.DOUBLE).data().asDouble();
        double[] out = new double[grad.length + 1];
        out[0] = l.item();
        System.arraycopy(grad, 0, out, 1, grad.length);
        return out;
    }

    static void assertSame(double[] expected, double[] got, String what) {
        assertEquals(expected.length, got.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], SAME * Math.max(1, Math.abs(expected[i])), what + " [" + i + "] (0: the loss)");
        }
    }

    @Test
    void lasAndHybridLossesAreTheOldAttentionLoss() {
        Batch b = LasModelTest.batch(3, 3);
        for (boolean ctc : new boolean[] {false, true}) {
            LasModel las = LasModelTest.model(ctc, "location");
            INDArray scores = las.forward(b).value();
            double weight = ctc ? 0.3 : 0.0;
            for (double smoothing : new double[] {0.1, 0.0}) {
                Objective now = new Seq2SeqLoss(smoothing, weight).bind(las);
                double[] old = lossAndGradient(scores, x -> oldAttention(las, x, b, smoothing, weight));
                double[] got = lossAndGradient(scores, x -> now.loss(x, b));
                assertSame(old, got, "las ctc " + ctc + " smoothing " + smoothing);
                assertTrue(Double.isFinite(got[0]) && got[0] > 0, "a real loss: " + got[0]);
            }
        }
    }

    @Test
    void seq2seqAndCaptionLossesAreTheOldSeq2SeqLoss() {
        // spelled-numbers-like rows of different lengths: the batch's padding and, at evaluation, the extra greedy steps are left out
        TaskShape shape = new TaskShape(5, 4, Task.TRANSCRIPTION, List.of("<end>", "a", "b", "c"));
        Seq2SeqModel model = new Seq2SeqModel("gru", 6, 3, "additive", "previous", 4, 9, shape, 3);
        INDArray x = new Rng(4).uniform(DataType.FLOAT, -1, 1, 3, 4, 5);
        Batch b = new Batch(x, null, new Target.Tokens(new int[][] {{1, 2, 3}, {3}, {}}, null));
        for (boolean training : new boolean[] {true, false}) {
            if (training) {
                model.train();
            } else {
                model.eval();
            }
            INDArray scores = model.forward(b).value();
            assertEquals(training ? 4 : 4 + Seq2SeqModel.SLACK, scores.size(1), "teacher forced: 3 tokens + end");
            for (double smoothing : new double[] {0.0, 0.1}) {
                Objective now = new Seq2SeqLoss(smoothing, 0.0).bind(model);
                double[] old = lossAndGradient(scores, s -> oldSeq2Seq(s, b, smoothing));
                double[] got = lossAndGradient(scores, s -> now.loss(s, b));
                assertSame(old, got, "seq2seq training " + training + " smoothing " + smoothing);
            }
        }
        // the end class matters: the same scores scored against end class 1 give another loss
        Tensor scores = Tensor.constant(model.forward(b).value());
        assertNotEquals(Seq2SeqLoss.crossEntropy(scores, new int[][] {{1, 2, 3}, {3}, {}}, 0, 0.0).item(),
                Seq2SeqLoss.crossEntropy(scores, new int[][] {{1, 2, 3}, {3}, {}}, 1, 0.0).item(), 1e-3);
    }

    @Test
    void aCtcWeightNeedsACtcHeadAndFrameModelsAreRefused() {
        TaskShape shape = new TaskShape(5, 4, Task.TRANSCRIPTION, List.of());
        ConfigException s2s = assertThrows(ConfigException.class,
                () -> new Seq2SeqLoss(0.0, 0.3).bind(new Seq2SeqModel("gru", 6, 3, "none", "previous", 4, 9, shape, 3)));
        assertTrue(s2s.getMessage().startsWith("loss.ctc-weight: ctc-weight 0.3 needs a CTC head"), s2s.getMessage());
        ConfigException las = assertThrows(ConfigException.class,
                () -> new Seq2SeqLoss(0.1, 0.5).bind(LasModelTest.model(false, "additive")));
        assertTrue(las.getMessage().contains("set model.ctc: true"), las.getMessage());
        TaskModel gru = Registry.global().get(Kind.MODEL, "gru").factory().create(new Params("model", Map.of("hidden", 4,
                "layers", 1, "bidirectional", false, "dropout", 0.0, "pool", "last")), shape, 1);
        ConfigException frames = assertThrows(ConfigException.class, () -> new Seq2SeqLoss(0.0, 0.0).bind(gru));
        assertTrue(frames.getMessage().startsWith("loss: loss 'seq2seq-cross-entropy' trains a step-by-step decoder"), frames.getMessage());
        for (ConfigException e : List.of(s2s, las, frames)) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    /** As {@code valid} for {@code validation}: the old name fails in one line naming the file, line and new name. */
    @Test
    void theOldNameAttentionIsRefusedWithTheNewOne() {
        String yaml = """
                name: las-toy
                data:
                  corpus: {name: toy-spelling, train: 20, validation: 8, test: 8}
                model: {name: las, listener-layers: 1, pyramid: 1}
                loss: {name: attention, smoothing: 0.1, ctc-weight: 0.0}
                decoder: las-beam
                evaluate:
                  metrics: [token-error-rate]
                """;
        ConfigException e = assertThrows(ConfigException.class,
                () -> SpecYaml.parse(yaml, "las.yaml", List.of(), Registry.global()));
        assertTrue(e.getMessage().startsWith("las.yaml:5: loss.name: unknown loss 'attention'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'seq2seq-cross-entropy'?"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertEquals("seq2seq-cross-entropy", SpecYaml.parse(yaml.replace("name: attention", "name: seq2seq-cross-entropy"),
                "las.yaml", List.of(), Registry.global()).loss().name());
        ConfigException set = assertThrows(ConfigException.class, () -> SpecYaml.parse(yaml.replace("name: attention",
                "name: seq2seq-cross-entropy"), "las.yaml", List.of("loss.name=attention"), Registry.global()));
        assertTrue(set.getMessage().contains("did you mean 'seq2seq-cross-entropy'?"), set.getMessage());
        assertTrue(Registry.global().find(Kind.LOSS, "attention").isEmpty(), "registered once, under one name");
    }
}
