package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.nn.Embedding;
import org.seqlab.nn.Linear;
import org.seqlab.nn.attention.AdditiveAttention;
import org.seqlab.nn.attention.Attention;
import org.seqlab.nn.attention.AttentionDecoder;
import org.seqlab.nn.attention.DotProductAttention;
import org.seqlab.nn.attention.LocationAwareAttention;
import org.seqlab.nn.recurrent.Cell;
import org.seqlab.nn.recurrent.Gru;
import org.seqlab.nn.recurrent.Lstm;
import org.seqlab.nn.recurrent.RecurrentLayer;
import org.seqlab.nn.recurrent.SequenceResult;

/**
 * The {@code seq2seq} model of lecture 03: a recurrent encoder and an autoregressive decoder
 * that emits output tokens until the end class 0. Without attention it is Cho et al. (2014)'s
 * encoder-decoder: the decoder starts from the encoder's last state and reads that same summary
 * at every step, so everything about the input must squeeze through one vector. With attention
 * ({@link AttentionDecoder}: dot-product, additive or location-aware scoring, of the previous or
 * the current decoder state) it also starts from the last state but reads a weighted sum of all
 * encoder outputs per step. The two therefore differ only in what the decoder reads.
 *
 * <p>Training uses teacher forcing: the decoder's input at step u is the true token u-1 (a start
 * symbol first), and the output has one step per reference token plus the end. Evaluation feeds
 * back the most probable token (greedy decoding) for as many steps as the longest reference of
 * the batch plus {@link #SLACK}, or {@code max-output} steps without references; the decoder
 * entry {@code eos-greedy} cuts each row at its first end class.
 */
public final class Seq2SeqModel extends TaskModel {
    /** Extra greedy steps past the longest reference, so a hypothesis that runs on is seen to be wrong. */
    static final int SLACK = 2;
    /** Location-aware attention's filters and kernel width over the previous weights. */
    static final int LOCATION_FILTERS = 8;
    static final int LOCATION_KERNEL = 7;

    private final RecurrentLayer encoder;
    private final Embedding embedding;
    private final AttentionDecoder attending;
    private final RecurrentLayer plain;
    private final Linear head;
    private final int classes;
    private final int maxOutput;
    private final String attention;

    /** Greedy output of a batch: tokens per row (cut at the end class) and, with attention, the weights [step][row][input step]. */
    public record Decoded(int[][] tokens, List<float[][]> weights) {}

    Seq2SeqModel(String cell, int hidden, int embed, String attention, String scoring, int attentionSize, int maxOutput,
            TaskShape shape, long seed) {
        if (shape.task() != Task.TRANSCRIPTION) {
            throw new ConfigException(null, "model", "seq2seq needs a sequence-to-sequence task (transcription: tokens"
                    + " out, class 0 the end), such as spelled-numbers; this dataset is " + shape.task().label());
        }
        Cell type = cell.equals("lstm") ? Cell.LSTM : Cell.GRU;
        DataType dtype = DataType.FLOAT;
        this.classes = shape.outputs();
        this.maxOutput = maxOutput;
        this.attention = attention;
        encoder = child("encoder", type == Cell.LSTM ? new Lstm(shape.inputDim(), hidden, seed, dtype)
                : new Gru(shape.inputDim(), hidden, seed, dtype));
        embedding = child("embedding", new Embedding(classes + 1, embed, new Rng(seed + 11), dtype));
        Attention scorer = switch (attention) {
            case "dot" -> new DotProductAttention(hidden, true);
            case "additive" -> new AdditiveAttention(hidden, hidden, attentionSize, seed + 12, dtype);
            case "location" -> new LocationAwareAttention(hidden, hidden, attentionSize, LOCATION_FILTERS, LOCATION_KERNEL,
                    seed + 12, dtype);
            default -> null;
        };
        if (scorer != null) {
            attending = child("decoder", new AttentionDecoder(type, embed, hidden, scorer,
                    scoring.equals("current") ? AttentionDecoder.Scoring.CURRENT : AttentionDecoder.Scoring.PREVIOUS, seed + 13, dtype));
            plain = null;
        } else {
            attending = null;
            plain = child("decoder", type == Cell.LSTM ? new Lstm(embed + hidden, hidden, seed + 13, dtype)
                    : new Gru(embed + hidden, hidden, seed + 13, dtype));
        }
        head = child("head", new Linear(2L * hidden, classes, new Rng(seed + 1_000_003L)));
    }

    @Override
    public Tensor forward(Batch batch) {
        int[][] refs = batch.target() instanceof Target.Tokens t ? t.tokens() : null;
        int longest = refs == null ? 0 : java.util.Arrays.stream(refs).mapToInt(r -> r.length).max().orElse(0);
        if (isTraining() && refs != null) {
            return run(batch, refs, longest + 1, null);
        }
        return run(batch, null, refs == null ? maxOutput : longest + 1 + SLACK, null);
    }

    /** Greedy decoding of a batch with the attention weights of every step, for alignment plots. */
    public Decoded decode(Batch batch, int steps) {
        try (GradMode off = GradMode.off()) {
            List<float[][]> weights = attending == null ? null : new ArrayList<>();
            INDArray logits = run(batch, null, steps, weights).value();
            return new Decoded(Seq2SeqScoring.untilEnd(logits), weights);
        }
    }

    /** "none", "dot", "additive" or "location". */
    public String attention() {
        return attention;
    }

    /**
     * The decoder loop: with {@code refs} the input at step u is reference token u-1 (teacher
     * forcing), otherwise the argmax of the previous step. Gives logits [B, steps, classes].
     */
    private Tensor run(Batch batch, int[][] refs, int steps, List<float[][]> weights) {
        int b = batch.size();
        Tensor mask = batch.mask() == null ? null : Tensor.constant(batch.mask());
        SequenceResult enc = encoder.forward(Tensor.constant(batch.inputs()), mask);
        Tensor summary = enc.lastHidden();
        AttentionDecoder.State state = attending == null ? null
                : attending.start(enc.sequence(), mask, enc.lastHidden(), enc.lastCell());
        Tensor h = enc.lastHidden();
        Tensor c = enc.lastCell();
        int[] previous = new int[b];
        java.util.Arrays.fill(previous, classes);
        List<Tensor> out = new ArrayList<>(steps);
        for (int u = 0; u < steps; u++) {
            INDArray ids = Nd4j.createFromArray(previous);
            Tensor x = embedding.forward(ids);
            Tensor features;
            if (attending != null) {
                AttentionDecoder.Step step = attending.step(state, x);
                state = step.state();
                features = step.output();
                if (weights != null) {
                    weights.add(state.weights().value().toFloatMatrix());
                }
            } else {
                Tensor in = Shapes.concat(1, x, summary);
                SequenceResult r = plain.forward(Shapes.reshape(in, b, 1, in.size(1)), null, h, c, false);
                h = r.lastHidden();
                c = r.lastCell();
                features = Shapes.concat(1, h, summary);
            }
            Tensor logits = head.forward(features);
            out.add(Shapes.reshape(logits, b, 1, classes));
            if (refs != null) {
                for (int i = 0; i < b; i++) {
                    previous[i] = u < refs[i].length ? refs[i][u] : 0;
                }
            } else {
                long[] best = logits.value().argMax(1).toLongVector();
                for (int i = 0; i < b; i++) {
                    previous[i] = (int) best[i];
                }
            }
        }
        return Shapes.concat(1, out);
    }
}
