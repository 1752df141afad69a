package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Elementwise;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.ModelBound;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.losses.CtcLoss;

/**
 * The loss {@code seq2seq-cross-entropy} of every model that emits its output step by step and
 * stops with an end class: lecture 03's {@code seq2seq} and {@code show-attend-tell}, and
 * lecture 05's LAS speller, which Chan et al. (2016) train the same way (teacher forcing, one
 * softmax per output step). Lecture 05's hybrid model (Watanabe et al. 2017) adds
 * {@code lambda CTC + (1 - lambda) CE} on the listener's CTC head. It is bound to its model
 * because the end class and, for LAS, the layout of the packed scores belong to the model.
 *
 * @param smoothing label smoothing of the decoder's targets (LAS uses 0.1, as ESPnet does)
 * @param ctcWeight lambda of the hybrid loss; above 0 only for a model with a CTC head
 */
public record Seq2SeqLoss(double smoothing, double ctcWeight) implements Objective, ModelBound<Objective> {
    public static final String NAME = "seq2seq-cross-entropy";

    @Override
    public Tensor loss(Tensor output, Batch batch) {
        throw new IllegalStateException("loss '" + NAME + "' is used before it is bound to its model");
    }

    @Override
    public Objective bind(TaskModel model) {
        if (model instanceof LasModel las) {
            if (ctcWeight > 0 && !las.hasCtc()) {
                throw new ConfigException(null, "loss.ctc-weight", "ctc-weight " + ctcWeight
                        + " needs a CTC head on the model; set model.ctc: true (the hybrid model) or ctc-weight: 0");
            }
            return (out, batch) -> las(las, out, batch);
        }
        if (model instanceof Seq2SeqModel s2s) {
            if (ctcWeight > 0) {
                throw new ConfigException(null, "loss.ctc-weight", "ctc-weight " + ctcWeight
                        + " needs a CTC head on the model; only model las has one (ctc: true); set ctc-weight: 0");
            }
            return (out, batch) -> crossEntropy(out, references(batch), s2s.eos(), smoothing);
        }
        throw new ConfigException(null, "loss", "loss '" + NAME + "' trains a step-by-step decoder (model seq2seq,"
                + " show-attend-tell or las); this model gives one score per input frame: use cross-entropy or ctc");
    }

    private Tensor las(LasModel las, Tensor out, Batch batch) {
        LasModel.Heads heads = las.split(out, batch);
        int[][] tokens = references(batch);
        Tensor att = crossEntropy(heads.attention(), tokens, las.eos(), smoothing);
        if (ctcWeight == 0) {
            return att;
        }
        Tensor ctc = CtcLoss.loss(heads.ctc(), las.encoderMask(batch) == null
                        ? Nd4j.ones(DataType.FLOAT, batch.size(), heads.ctc().size(1)) : las.encoderMask(batch),
                // as ESPnet's hybrid: an utterance with more labels than encoder frames adds nothing rather than stopping the run
                tokens, CtcLoss.Options.defaults().withBlank(0).withZeroInfinity(true));
        return Elementwise.add(Elementwise.scale(ctc, ctcWeight), Elementwise.scale(att, 1 - ctcWeight));
    }

    private static int[][] references(Batch batch) {
        if (!(batch.target() instanceof Target.Tokens t)) {
            throw new IllegalArgumentException("loss '" + NAME + "' trains on token sequences; the batch carries " + batch.target());
        }
        return t.tokens();
    }

    /**
     * Mean cross-entropy of decoder scores [B, steps, C] over the steps that carry a reference
     * token or the end class {@code eos} after it. Later steps are left out: padding in a batch
     * of mixed lengths, and the extra greedy steps a model runs at evaluation to show a hypothesis
     * that does not stop.
     */
    static Tensor crossEntropy(Tensor scores, int[][] refs, int eos, double smoothing) {
        int b = (int) scores.size(0);
        int steps = (int) scores.size(1);
        float[][] targets = new float[b][steps];
        float[][] mask = new float[b][steps];
        for (int i = 0; i < b; i++) {
            for (int u = 0; u < steps && u <= refs[i].length; u++) {
                targets[i][u] = u < refs[i].length ? refs[i][u] : eos;
                mask[i][u] = 1;
            }
        }
        return CrossEntropy.loss(scores, Nd4j.create(targets), Nd4j.create(mask), smoothing);
    }
}
