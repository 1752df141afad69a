package org.seqlab.experiment.train;

import java.util.List;
import org.seqlab.autograd.Tensor;

/**
 * A model that can continue from the recurrent state an earlier call left, so the trainer can
 * cut a long sequence into chunks (truncated BPTT, {@code train.truncate}) while the state,
 * but not its gradient, flows from chunk to chunk.
 */
public interface StatefulModel {
    /**
     * Scores for {@code chunk} as {@link TaskModel#forward} gives them, starting from
     * {@code state} (null: the zero state), and the state after the chunk's last step.
     */
    Continued forward(Batch chunk, List<Tensor> state);

    /** @param state the model's own layout of states (entries may be null, e.g. no cell state) */
    record Continued(Tensor output, List<Tensor> state) {}
}
