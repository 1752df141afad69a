package org.seqlab.nn.attention;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.nn.Module;
import org.seqlab.nn.recurrent.Cell;
import org.seqlab.nn.recurrent.Gru;
import org.seqlab.nn.recurrent.Lstm;
import org.seqlab.nn.recurrent.RecurrentLayer;

/**
 * An autoregressive decoder with attention, one step at a time (Bahdanau style): the
 * previous decoder state queries the encoder, the context joins the step's input, and an
 * LSTM or GRU cell advances the state:
 * <pre>
 * (c_t, a_t) = attend(h_{t-1}, encoder, a_{t-1})
 * h_t = cell([x_t ; c_t], h_{t-1})
 * output_t = [h_t ; c_t]        (a Linear layer on it gives the logits)
 * </pre>
 * Steps are ordinary graph nodes, so a loop of steps trains by back-propagation through all of
 * them (teacher forcing: feed the true previous symbol; scheduled sampling: feed a sampled one).
 * With grad mode off the same steps decode greedily, by sampling, or in a beam search, which
 * reorders states with {@link State#select(int[])}.
 *
 * <p>{@link Scoring#CURRENT} is Luong et al. (2015)'s order instead: the cell advances first and
 * the new state queries the encoder, with the last context fed into the cell ("input feeding"),
 * so both orders have the same parameters and differ only in which state scores:
 * <pre>
 * h_t = cell([x_t ; c_{t-1}], h_{t-1})      (c_0 = 0)
 * (c_t, a_t) = attend(h_t, encoder, a_{t-1})
 * output_t = [h_t ; c_t]
 * </pre>
 */
public final class AttentionDecoder extends Module {
    private final RecurrentLayer cell;
    private final Attention attention;
    private final int inputSize;
    private final Scoring scoring;

    /**
     * Which decoder state scores the encoder steps: the previous one, {@code e_tj = a(s_{t-1}, h_j)}
     * (Bahdanau et al. 2015, the lecture's formula), or the current one, {@code e_tj = a(s_t, h_j)}
     * (Luong et al. 2015).
     */
    public enum Scoring { PREVIOUS, CURRENT }

    /** The carried state: hidden (and LSTM cell) state, last context and weights, encoder keys. */
    public record State(Tensor hidden, Tensor cell, Tensor context, Tensor weights, Attention.Keys keys) {
        /**
         * The states of the given batch rows, in that order (rows may repeat): how a beam search
         * keeps its surviving hypotheses. Cuts the graph, so use it with grad mode off.
         */
        public State select(int... rows) {
            return new State(pick(hidden, rows), pick(cell, rows), pick(context, rows), pick(weights, rows),
                    new Attention.Keys(pick(keys.values(), rows), pick(keys.projected(), rows),
                            keys.mask() == null ? null : pickArray(keys.mask(), rows)));
        }

        private static Tensor pick(Tensor t, int[] rows) {
            return t == null ? null : Tensor.constant(pickArray(t.value(), rows));
        }

        private static INDArray pickArray(INDArray a, int[] rows) {
            long[] shape = a.shape().clone();
            long per = a.length() / shape[0];
            INDArray flat = a.reshape(shape[0], per);
            INDArray out = Nd4j.pullRows(flat, 1, rows);
            shape[0] = rows.length;
            return out.reshape(shape);
        }
    }

    /** The output features [batch, hidden + encoderSize] and the state after the step. */
    public record Step(Tensor output, State state) {}

    /** Previous-state scoring (Bahdanau). */
    public AttentionDecoder(Cell cellType, int inputSize, int hiddenSize, Attention attention, long seed, DataType dtype) {
        this(cellType, inputSize, hiddenSize, attention, Scoring.PREVIOUS, seed, dtype);
    }

    public AttentionDecoder(Cell cellType, int inputSize, int hiddenSize, Attention attention, Scoring scoring, long seed,
            DataType dtype) {
        if (attention.querySize() != hiddenSize) {
            throw new IllegalArgumentException("AttentionDecoder: the attention's query size " + attention.querySize()
                    + " must equal the decoder's hidden size " + hiddenSize);
        }
        int in = inputSize + attention.encoderSize();
        this.cell = child("cell", switch (cellType) {
            case LSTM -> new Lstm(in, hiddenSize, seed, dtype);
            case GRU -> new Gru(in, hiddenSize, seed, dtype);
            default -> throw new IllegalArgumentException("AttentionDecoder: cell must be LSTM or GRU, got " + cellType);
        });
        this.attention = child("attention", attention);
        this.inputSize = inputSize;
        this.scoring = java.util.Objects.requireNonNull(scoring, "scoring");
    }

    /** Prepares the encoder side; {@code h0}/{@code c0} [batch, hidden] may be null (zeros). */
    public State start(Tensor encoder, Tensor mask, Tensor h0, Tensor c0) {
        Attention.Keys keys = attention.prepare(encoder, mask);
        DataType type = encoder.dtype();
        long b = encoder.size(0);
        Tensor h = h0 != null ? h0 : Tensor.constant(Nd4j.zeros(type, b, cell.hiddenSize()));
        Tensor c = cell.cell().hasCellState() ? c0 != null ? c0 : Tensor.constant(Nd4j.zeros(type, b, cell.hiddenSize())) : null;
        return new State(h, c, null, null, keys);
    }

    /** One decoder step with the step's input [batch, inputSize] (e.g. the previous symbol's embedding). */
    public Step step(State state, Tensor input) {
        if (input.rank() != 2 || input.size(0) != state.keys().batch() || input.size(1) != inputSize) {
            throw new IllegalArgumentException("AttentionDecoder: step input shape " + Arrays.toString(input.shape())
                    + " does not match the expected [" + state.keys().batch() + ", " + inputSize + "]");
        }
        if (scoring == Scoring.CURRENT) {
            Tensor previous = state.context() != null ? state.context()
                    : Tensor.constant(Nd4j.zeros(input.dtype(), input.size(0), attention.encoderSize()));
            Tensor x = Shapes.concat(1, input, previous);
            var out = cell.forward(Shapes.reshape(x, x.size(0), 1, x.size(1)), null, state.hidden(), state.cell(), false);
            Tensor h = out.lastHidden();
            Attention.Result att = attention.attend(h, state.keys(), state.weights());
            State next = new State(h, out.lastCell(), att.context(), att.weights(), state.keys());
            return new Step(Shapes.concat(1, h, att.context()), next);
        }
        Attention.Result att = attention.attend(state.hidden(), state.keys(), state.weights());
        Tensor x = Shapes.concat(1, input, att.context());
        var out = cell.forward(Shapes.reshape(x, x.size(0), 1, x.size(1)), null, state.hidden(), state.cell(), false);
        Tensor h = out.lastHidden();
        State next = new State(h, out.lastCell(), att.context(), att.weights(), state.keys());
        return new Step(Shapes.concat(1, h, att.context()), next);
    }

    public int outputSize() {
        return cell.hiddenSize() + attention.encoderSize();
    }

    public Scoring scoring() {
        return scoring;
    }

    public Attention attention() {
        return attention;
    }

    public RecurrentLayer cell() {
        return cell;
    }
}
