package org.seqlab.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a checkpoint needs from an optimizer: its state as named arrays. The engine's optimizers
 * and the experiment runner's optimizers both implement it, so one checkpoint format
 * ({@link org.seqlab.nn.Checkpoint}) serves notebooks and runs alike.
 */
public interface StatefulOptimizer {
    /** The state arrays by a stable name (may be live references; read them before the next step). */
    Map<String, INDArray> stateArrays();

    /**
     * Replaces the whole state with {@code arrays} (an empty map means a freshly built optimizer).
     * A name or shape that does not fit throws {@link IllegalArgumentException} naming every
     * problem, and then the state is unchanged.
     */
    void loadStateArrays(Map<String, INDArray> arrays);
}
