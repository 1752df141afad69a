package org.seqlab.nn.recurrent;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Tensor;

/**
 * What a recurrent layer returns: the output sequence [batch, time, H] (zeros at padded
 * steps), the final hidden state [batch, H] taken after each row's last valid step, the
 * final cell state for an LSTM (null otherwise), and, when the layer was asked to record
 * them, the gradients dE/dh_t of every step after {@code backward()}.
 */
public final class SequenceResult {
    private final Tensor sequence;
    private final Tensor lastHidden;
    private final Tensor lastCell;
    private final Supplier<INDArray> stateGradients;

    SequenceResult(Tensor sequence, Tensor lastHidden, Tensor lastCell, Supplier<INDArray> stateGradients) {
        this.sequence = sequence;
        this.lastHidden = lastHidden;
        this.lastCell = lastCell;
        this.stateGradients = stateGradients;
    }

    /** Every step's hidden state, [batch, time, H]; padded steps are zero. */
    public Tensor sequence() {
        return sequence;
    }

    /** The hidden state after the last valid step of each row, [batch, H] (the "last output"). */
    public Tensor lastHidden() {
        return lastHidden;
    }

    /** The LSTM cell state after the last valid step, [batch, H]; null for other cells. */
    public Tensor lastCell() {
        return lastCell;
    }

    /**
     * The total gradient of the loss with respect to each hidden state h_t, [batch, time, H],
     * including what flows back from later steps (so with a loss on the last step only, the
     * norms over H give ||dE_T/dh_t|| for the BPTT plots). Available after {@code backward()}
     * when the layer records state gradients; null otherwise. Padded steps are zero.
     */
    public INDArray stateGradients() {
        return stateGradients.get();
    }
}
