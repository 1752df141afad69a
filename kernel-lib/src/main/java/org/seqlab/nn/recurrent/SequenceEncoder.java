package org.seqlab.nn.recurrent;

import org.seqlab.autograd.Tensor;

/**
 * Anything that maps a padded sequence batch [batch, time, in] with its mask to a sequence
 * [batch, time, outputSize()]: single, bidirectional and stacked recurrent layers, so that
 * they stack and swap freely in model definitions.
 */
public interface SequenceEncoder {
    /** The output sequence; padded steps are zero. {@code mask} may be null (all valid). */
    Tensor encode(Tensor x, Tensor mask);

    int outputSize();
}
