package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Sequences;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.decode.ctc.LogProbs;
import org.seqlab.decode.las.Speller;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.nn.Embedding;
import org.seqlab.nn.Linear;
import org.seqlab.nn.attention.AdditiveAttention;
import org.seqlab.nn.attention.Attention;
import org.seqlab.nn.attention.AttentionDecoder;
import org.seqlab.nn.attention.LocationAwareAttention;
import org.seqlab.nn.recurrent.Bidirectional;
import org.seqlab.nn.recurrent.Cell;

/**
 * Listen, Attend and Spell (Chan et al. 2016), optionally with a CTC head on the listener
 * (the hybrid CTC/attention model of Watanabe et al. 2017):
 * <pre>
 * Listen:  h = pBLSTM(x)                       each pyramid layer halves time by stacking frame pairs
 * Attend:  c_i = AttentionContext(s_i, h)      additive or location-aware (reused from nn.attention)
 * Spell:   s_i = LSTM(s_{i-1}, y_{i-1}, c_{i-1}),   P(y_i) = softmax(W [s_i ; c_i])
 * </pre>
 * Class 0 is the CTC blank for the CTC head and the end of sentence for the speller; the start
 * symbol is an extra embedding row. Training is teacher forced; with {@code sampling} p > 0 each
 * example's previous label is, with probability p, the model's own best guess from the step
 * before (scheduled sampling, Bengio et al. 2015), so the speller learns to continue from its
 * own mistakes.
 *
 * <p>{@link #forward} packs both heads into one score tensor [B, T' + U + 1, classes]: the CTC
 * head's T' frames (none without a CTC head), then the speller's U + 1 teacher-forced steps
 * (the labels, then the end of sentence; U is the batch's longest transcript). The loss
 * ({@link Seq2SeqLoss}) reads that layout through {@link #split}.
 */
public final class LasModel extends TaskModel {
    private final List<Bidirectional> listener = new ArrayList<>();
    private final int pyramid;
    private final int classes;
    private final Embedding embedding;
    private final AttentionDecoder speller;
    private final Linear output;
    private final Linear ctcHead;
    private final double sampling;

    /**
     * @param layers BLSTM layers of the listener
     * @param pyramid how many of the top layers halve time first (the encoder has T / 2^pyramid frames)
     * @param attention {@code additive} or {@code location}
     */
    public LasModel(int inputDim, int classes, int layers, int listenerHidden, int pyramid, int spellerHidden,
                    int embeddingSize, String attention, int attentionSize, double sampling, boolean ctc, long seed,
                    DataType dtype) {
        if (pyramid > layers) {
            throw new IllegalArgumentException("pyramid " + pyramid + " exceeds the listener's " + layers + " layers");
        }
        this.pyramid = pyramid;
        this.classes = classes;
        this.sampling = sampling;
        int in = inputDim;
        for (int j = 0; j < layers; j++) {
            int layerIn = halves(j, layers) ? 2 * in : in;
            listener.add(child("listener" + j, Bidirectional.lstm(layerIn, listenerHidden, Bidirectional.Merge.CONCAT,
                    seed + 10L * j, dtype)));
            in = 2 * listenerHidden;
        }
        int encoder = in;
        Attention att = switch (attention) {
            case "additive" -> new AdditiveAttention(spellerHidden, encoder, attentionSize, seed + 101, dtype);
            case "location" -> new LocationAwareAttention(spellerHidden, encoder, attentionSize, 8, 5, seed + 101, dtype);
            default -> throw new IllegalArgumentException("attention must be additive or location, got " + attention);
        };
        Rng rng = new Rng(seed + 1_000_003L);
        this.embedding = child("embedding", new Embedding(classes + 1, embeddingSize, rng, dtype));
        this.speller = child("speller", new AttentionDecoder(Cell.LSTM, embeddingSize, spellerHidden, att, seed + 202, dtype));
        this.output = child("output", new Linear(speller.outputSize(), classes, true, rng, dtype));
        this.ctcHead = ctc ? child("ctc", new Linear(encoder, classes, true, rng, dtype)) : null;
    }

    private boolean halves(int layer, int layers) {
        return layer >= layers - pyramid;
    }

    /** The listener's output [B, T', D] and its mask [B, T'] (null when every input frame was valid). */
    public record Encoded(Tensor sequence, INDArray mask) {
        public int[] lengths() {
            int b = (int) sequence.size(0);
            int t = (int) sequence.size(1);
            return mask == null ? filled(b, t) : Sequences.lengths(mask);
        }
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    public Encoded listen(INDArray inputs, INDArray mask) {
        Tensor h = Tensor.constant(inputs);
        INDArray m = mask;
        for (int j = 0; j < listener.size(); j++) {
            if (halves(j, listener.size())) {
                h = Sequences.pairFrames(h);
                m = Sequences.pairMask(m);
            }
            h = listener.get(j).encode(h, m == null ? null : Tensor.constant(m));
        }
        return new Encoded(h, m);
    }

    /** Encoder frames for {@code steps} input frames: halved (rounding up) once per pyramid layer. */
    public int encoderFrames(int steps) {
        for (int i = 0; i < pyramid; i++) {
            steps = (steps + 1) / 2;
        }
        return steps;
    }

    public boolean hasCtc() {
        return ctcHead != null;
    }

    public int classes() {
        return classes;
    }

    /** The end-of-sentence class (0, shared with the CTC blank: the two heads never meet). */
    public int eos() {
        return 0;
    }

    @Override
    public Tensor forward(Batch batch) {
        Encoded enc = listen(batch.inputs(), batch.mask());
        Tensor attention = spell(enc, tokens(batch), null);
        return ctcHead == null ? attention : Shapes.concat(1, ctcHead.forward(enc.sequence()), attention);
    }

    /** The two heads of a packed score tensor: CTC [B, T', C] (null without a CTC head) and attention [B, U + 1, C]. */
    public record Heads(Tensor ctc, Tensor attention) {}

    public Heads split(Tensor scores, Batch batch) {
        if (ctcHead == null) {
            return new Heads(null, scores);
        }
        int t = encoderFrames(batch.steps());
        return new Heads(Shapes.slice(scores, 1, 0, t), Shapes.slice(scores, 1, t, scores.size(1)));
    }

    /** The encoder mask that goes with {@link Heads#ctc()}. */
    public INDArray encoderMask(Batch batch) {
        INDArray m = batch.mask();
        for (int i = 0; i < pyramid && m != null; i++) {
            m = Sequences.pairMask(m);
        }
        return m;
    }

    static int[][] tokens(Batch batch) {
        if (!(batch.target() instanceof Target.Tokens t)) {
            throw new IllegalArgumentException("LAS trains on transcripts; the batch carries " + batch.target());
        }
        return t.tokens();
    }

    /**
     * Teacher-forced speller scores [B, U + 1, C]. {@code weights}, when not null, receives each
     * step's attention weights [B, T'] (for alignment plots).
     */
    Tensor spell(Encoded enc, int[][] tokens, List<INDArray> weights) {
        int b = tokens.length;
        int steps = 1;
        for (int[] t : tokens) {
            steps = Math.max(steps, t.length + 1);
        }
        AttentionDecoder.State state = speller.start(enc.sequence(), enc.mask() == null ? null : Tensor.constant(enc.mask()),
                null, null);
        boolean sample = sampling > 0 && isTraining();
        Rng rng = sample ? new Rng(Nd4j.getRandom().nextLong()) : null;
        int[] previous = new int[b];
        Arrays.fill(previous, classes);
        List<Tensor> outputs = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            AttentionDecoder.Step st = speller.step(state, embedding.forward(Nd4j.createFromArray(previous)));
            state = st.state();
            if (weights != null) {
                weights.add(state.weights().value().dup());
            }
            outputs.add(Shapes.reshape(st.output(), b, 1, st.output().size(1)));
            int[] guess = sample ? argmax(st.output().value()) : null;
            for (int r = 0; r < b; r++) {
                int truth = i < tokens[r].length ? tokens[r][i] : 0;
                previous[r] = sample && rng.uniform() < sampling ? guess[r] : truth;
            }
        }
        Tensor seq = steps == 1 ? outputs.get(0) : Shapes.concat(1, outputs);
        return output.forward(seq);
    }

    /**
     * Greedy spelling of every row of an encoded batch at once: the best class fed back at each
     * step, a row ending at its first end-of-sentence or after as many labels as it has encoder
     * frames (the cap beam search uses). One speller step serves all rows, so this costs about one
     * teacher-forced pass, where beam search runs the speller per utterance; it is what training
     * validates with every epoch (use with grad mode off).
     */
    public int[][] greedy(Encoded enc) {
        int b = (int) enc.sequence().size(0);
        int[] limit = enc.lengths();
        int steps = 0;
        for (int l : limit) {
            steps = Math.max(steps, l);
        }
        AttentionDecoder.State state = speller.start(enc.sequence(), enc.mask() == null ? null : Tensor.constant(enc.mask()),
                null, null);
        int[] previous = new int[b];
        Arrays.fill(previous, classes);
        List<List<Integer>> out = new ArrayList<>();
        boolean[] done = new boolean[b];
        int open = b;
        for (int r = 0; r < b; r++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < steps && open > 0; i++) {
            AttentionDecoder.Step st = speller.step(state, embedding.forward(Nd4j.createFromArray(previous)));
            state = st.state();
            int[] guess = argmax(st.output().value());
            for (int r = 0; r < b; r++) {
                if (done[r]) {
                    continue;
                }
                if (guess[r] == eos()) {
                    done[r] = true;
                    open--;
                } else {
                    out.get(r).add(guess[r]);
                    if (out.get(r).size() >= limit[r]) {
                        done[r] = true;
                        open--;
                    }
                }
                previous[r] = guess[r];
            }
        }
        int[][] tokens = new int[b][];
        for (int r = 0; r < b; r++) {
            tokens[r] = out.get(r).stream().mapToInt(Integer::intValue).toArray();
        }
        return tokens;
    }

    /** The speller's best class per row for a step's features [B, D], outside the graph. */
    private int[] argmax(INDArray features) {
        INDArray logits = features.mmul(output.weight().value()).addiRowVector(output.bias().value());
        int[] out = new int[(int) logits.size(0)];
        for (int r = 0; r < out.length; r++) {
            out[r] = logits.getRow(r).argMax().getInt(0);
        }
        return out;
    }

    /**
     * Teacher-forced attention weights of row {@code row} of a batch: [U_row + 1][T'_row]
     * (output steps by encoder frames), the alignment LAS learned.
     */
    public double[][] alignment(Batch batch, int row) {
        try (GradMode off = GradMode.off()) {
            Encoded enc = listen(batch.inputs(), batch.mask());
            List<INDArray> weights = new ArrayList<>();
            spell(enc, tokens(batch), weights);
            int frames = enc.lengths()[row];
            int labels = tokens(batch)[row].length + 1;
            double[][] a = new double[labels][frames];
            for (int i = 0; i < labels; i++) {
                for (int t = 0; t < frames; t++) {
                    a[i][t] = weights.get(i).getDouble(row, t);
                }
            }
            return a;
        }
    }

    /** Log-softmax CTC outputs of every row of an encoded batch, each its valid frames only: one pass of the CTC head for the batch. */
    public double[][][] ctcLogProbs(Encoded enc) {
        if (ctcHead == null) {
            throw new IllegalStateException("this LAS model has no CTC head (ctc: false)");
        }
        INDArray scores = ctcHead.forward(enc.sequence()).value();
        double[][][] out = new double[(int) scores.size(0)][][];
        for (int row = 0; row < out.length; row++) {
            out[row] = LogProbs.logSoftmax(LogProbs.of(scores, row, enc.lengths()[row]));
        }
        return out;
    }

    /** The speller of one row of an encoded batch, for beam search (use with grad mode off). */
    public Speller speller(Encoded enc, int row) {
        int frames = enc.lengths()[row];
        INDArray one = enc.sequence().value().get(NDArrayIndex.interval(row, row + 1), NDArrayIndex.interval(0, frames),
                NDArrayIndex.all()).dup('c');
        return new Speller() {
            @Override
            public State start() {
                return new Rows(speller.start(Tensor.constant(one), null, null, null));
            }

            @Override
            public Step step(State state, int[] previous) {
                int[] idx = new int[previous.length];
                for (int r = 0; r < idx.length; r++) {
                    idx[r] = previous[r] < 0 ? classes : previous[r];
                }
                AttentionDecoder.Step st = speller.step(((Rows) state).state, embedding.forward(Nd4j.createFromArray(idx)));
                double[][] logits = LogProbs.of(output.forward(st.output()).value());
                double[][] att = LogProbs.of(st.state().weights().value());
                return new Step(LogProbs.logSoftmax(logits), att, new Rows(st.state()));
            }

            @Override
            public int eos() {
                return LasModel.this.eos();
            }
        };
    }

    private record Rows(AttentionDecoder.State state) implements Speller.State {
        @Override
        public Speller.State select(int[] rows) {
            return new Rows(state.select(rows));
        }
    }
}
