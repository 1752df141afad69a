package org.seqlab.autograd;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The hand-written backward pass of one operation: given the gradient of the loss with
 * respect to the operation's output, add the gradients of its inputs with
 * {@link Tensor#addGrad} or {@link Tensor#addGradOwned}.
 */
@FunctionalInterface
public interface Backward {
    void apply(INDArray gradOutput);
}
