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
import org.seqlab.nn.Activation;
import org.seqlab.nn.Conv2d;
import org.seqlab.nn.Embedding;
import org.seqlab.nn.Pool;
import org.seqlab.nn.Sequential;
import org.seqlab.nn.Linear;
import org.seqlab.nn.NativeThreads;
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
    private final Sequential cnn;
    private final int imageSize;
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
        this(cell, hidden, embed, attention, scoring, attentionSize, maxOutput, shape, seed, 0, 0);
    }

    /**
     * With {@code imageSize > 0} the encoder is a small CNN instead ("show, attend and tell", Xu et
     * al. 2015): the input rows are image rows of {@code imageSize} RGB pixels ([B, H, W*3]), two
     * 3x3 convolutions with ReLU and 2x2 max pooling give a grid of (H/4)(W/4) positions with
     * {@code channels} features each, which the decoder attends over; it starts from the zero state.
     */
    Seq2SeqModel(String cell, int hidden, int embed, String attention, String scoring, int attentionSize, int maxOutput,
            TaskShape shape, long seed, int imageSize, int channels) {
        if (shape.task() != Task.TRANSCRIPTION) {
            throw new ConfigException(null, "model", "a step-by-step decoder needs a sequence-to-sequence task (tokens out,"
                    + " class 0 the end), such as spelled-numbers or shape-captions; this dataset is " + shape.task().label());
        }
        Cell type = cell.equals("lstm") ? Cell.LSTM : Cell.GRU;
        DataType dtype = DataType.FLOAT;
        this.classes = shape.outputs();
        this.maxOutput = maxOutput;
        this.attention = attention;
        this.imageSize = imageSize;
        int keys = hidden;
        if (imageSize > 0) {
            if (shape.inputDim() != 3 * imageSize || imageSize % 4 != 0) {
                throw new ConfigException(null, "model", "show-attend-tell needs RGB image rows of a size divisible by 4"
                        + " (inputs = 3 x width), such as shape-captions; this dataset has " + shape.inputDim() + " inputs per step");
            }
            if (attention.equals("none")) {
                throw new ConfigException(null, "model.attention", "show-attend-tell attends over the image grid: use dot, additive or location");
            }
            Rng rng = new Rng(seed + 21);
            cnn = child("cnn", new Sequential().add("conv1", new Conv2d(3, channels / 2, 3, 3, rng)).add(Activation.relu())
                    .add(Pool.max2d(2, 2)).add("conv2", new Conv2d(channels / 2, channels, 3, 3, rng)).add(Activation.relu())
                    .add(Pool.max2d(2, 2)));
            encoder = null;
            keys = channels;
        } else {
            cnn = null;
            encoder = child("encoder", type == Cell.LSTM ? new Lstm(shape.inputDim(), hidden, seed, dtype)
                    : new Gru(shape.inputDim(), hidden, seed, dtype));
        }
        embedding = child("embedding", new Embedding(classes + 1, embed, new Rng(seed + 11), dtype));
        if (attention.equals("dot") && keys != hidden) {
            throw new ConfigException(null, "model.attention", "dot-product scoring needs keys of the decoder's size: "
                    + keys + " channels against " + hidden + " hidden units; set them equal or use additive");
        }
        Attention scorer = switch (attention) {
            case "dot" -> new DotProductAttention(hidden, true);
            case "additive" -> new AdditiveAttention(hidden, keys, attentionSize, seed + 12, dtype);
            case "location" -> new LocationAwareAttention(hidden, keys, attentionSize, LOCATION_FILTERS, LOCATION_KERNEL,
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
        head = child("head", new Linear((long) hidden + keys, classes, new Rng(seed + 1_000_003L)));
    }

    /** Per-step decoding is thousands of tiny ops: one native thread (see NativeThreads). */
    @Override
    public boolean smallOps() {
        return true;
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
        try (GradMode off = GradMode.off(); NativeThreads one = NativeThreads.single()) {
            List<float[][]> weights = attending == null ? null : new ArrayList<>();
            INDArray logits = run(batch, null, steps, weights).value();
            return new Decoded(Seq2SeqScoring.untilEnd(logits), weights);
        }
    }

    /** "none", "dot", "additive" or "location". */
    public String attention() {
        return attention;
    }

    /** The end class: 0, where {@code eos-greedy} and the beam search stop a hypothesis. */
    public int eos() {
        return 0;
    }

    /**
     * The decoder loop: with {@code refs} the input at step u is reference token u-1 (teacher
     * forcing), otherwise the argmax of the previous step. Gives logits [B, steps, classes].
     */
    private AttentionDecoder.State start(Batch batch) {
        if (cnn != null) {
            return attending.start(grid(batch), null, null, null);
        }
        Tensor mask = batch.mask() == null ? null : Tensor.constant(batch.mask());
        SequenceResult enc = encoder.forward(Tensor.constant(batch.inputs()), mask);
        return attending.start(enc.sequence(), mask, enc.lastHidden(), enc.lastCell());
    }

    /** The CNN's feature grid as a sequence [B, (H/4)(W/4), channels], row by row. */
    private Tensor grid(Batch batch) {
        int b = batch.size();
        Tensor img = Shapes.permute(Shapes.reshape(Tensor.constant(batch.inputs()), b, imageSize, imageSize, 3), 0, 3, 1, 2);
        Tensor f = cnn.forward(img);
        long positions = f.size(2) * f.size(3);
        return Shapes.reshape(Shapes.permute(f, 0, 2, 3, 1), b, positions, f.size(1));
    }

    private Tensor run(Batch batch, int[][] refs, int steps, List<float[][]> weights) {
        int b = batch.size();
        AttentionDecoder.State state = null;
        Tensor summary = null;
        Tensor h = null;
        Tensor c = null;
        if (attending != null) {
            state = start(batch);
        } else {
            Tensor mask = batch.mask() == null ? null : Tensor.constant(batch.mask());
            SequenceResult enc = encoder.forward(Tensor.constant(batch.inputs()), mask);
            summary = enc.lastHidden();
            h = enc.lastHidden();
            c = enc.lastCell();
        }
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

    /**
     * Beam search, one example at a time: keeps the {@code width} best partial outputs by total
     * log-probability, moves a hypothesis that emits the end class to the finished list, and stops
     * when {@code width} have finished or after {@code steps} steps; the best finished one wins
     * (by total log-probability, no length normalisation; unfinished ones count when none finished).
     * Width 1 is greedy decoding. Needs attention (its state reorders rows for the survivors).
     */
    public Decoded beam(Batch batch, int width, int steps) {
        if (attending == null) {
            throw new IllegalStateException("beam search is implemented for attention decoders; this model has attention none");
        }
        try (GradMode off = GradMode.off(); NativeThreads one = NativeThreads.single()) {
            int n = batch.size();
            int[][] tokens = new int[n][];
            List<float[][]> weights = new ArrayList<>();
            List<float[][]> perExample = new ArrayList<>();
            AttentionDecoder.State all = start(batch);
            for (int e = 0; e < n; e++) {
                AttentionDecoder.State state = all.select(e);
                List<Hyp> live = List.of(new Hyp(new int[0], 0, new ArrayList<>()));
                List<Hyp> done = new ArrayList<>();
                for (int u = 0; u < steps && !live.isEmpty() && done.size() < width; u++) {
                    int[] prev = live.stream().mapToInt(hh -> hh.tokens.length == 0 ? classes : hh.tokens[hh.tokens.length - 1]).toArray();
                    AttentionDecoder.Step step = attending.step(state, embedding.forward(Nd4j.createFromArray(prev)));
                    INDArray logp = org.nd4j.linalg.ops.transforms.Transforms.log(
                            org.nd4j.linalg.ops.transforms.Transforms.softmax(head.forward(step.output()).value().castTo(DataType.DOUBLE), true), false);
                    float[][] w = step.state().weights().value().toFloatMatrix();
                    List<double[]> cand = new ArrayList<>();   // {hyp, token, score}
                    for (int i = 0; i < live.size(); i++) {
                        for (int k = 0; k < classes; k++) {
                            cand.add(new double[] {i, k, live.get(i).score + logp.getDouble(i, k)});
                        }
                    }
                    cand.sort((x, y) -> Double.compare(y[2], x[2]));
                    List<Hyp> next = new ArrayList<>();
                    List<Integer> rows = new ArrayList<>();
                    for (double[] cnd : cand) {
                        if (next.size() + done.size() >= width) {
                            break;
                        }
                        Hyp from = live.get((int) cnd[0]);
                        List<float[]> ws = new ArrayList<>(from.weights);
                        ws.add(w[(int) cnd[0]]);
                        if ((int) cnd[1] == 0) {
                            done.add(new Hyp(from.tokens, cnd[2], ws));
                        } else {
                            int[] t = java.util.Arrays.copyOf(from.tokens, from.tokens.length + 1);
                            t[t.length - 1] = (int) cnd[1];
                            next.add(new Hyp(t, cnd[2], ws));
                            rows.add((int) cnd[0]);
                        }
                    }
                    live = next;
                    if (!rows.isEmpty()) {
                        state = step.state().select(rows.stream().mapToInt(Integer::intValue).toArray());
                    }
                }
                List<Hyp> pool = done.isEmpty() ? live : done;
                Hyp best = pool.stream().max((x, y) -> Double.compare(x.score, y.score)).orElseThrow();
                tokens[e] = best.tokens;
                perExample.add(best.weights.toArray(new float[0][]));
            }
            int longest = perExample.stream().mapToInt(a -> a.length).max().orElse(0);
            for (int u = 0; u < longest; u++) {
                float[][] row = new float[n][];
                for (int e = 0; e < n; e++) {
                    float[][] ex = perExample.get(e);
                    row[e] = u < ex.length ? ex[u] : new float[ex.length > 0 ? ex[0].length : 0];
                }
                weights.add(row);
            }
            return new Decoded(tokens, weights);
        }
    }

    private record Hyp(int[] tokens, double score, List<float[]> weights) {}
}
