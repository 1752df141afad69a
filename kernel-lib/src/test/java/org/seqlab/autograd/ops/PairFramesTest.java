package org.seqlab.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;

/** The pyramidal listener's frame-pair stacking: values by hand, gradients by finite differences. */
class PairFramesTest {
    @Test
    void framePairsAreConcatenatedAndAnOddLastFrameMeetsZeros() {
        // [1, 3, 2]: frames (1,2), (3,4), (5,6)
        Tensor x = Tensor.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(1.0, 2, 3, 4, 5, 6).reshape(1, 3, 2));
        INDArray y = Sequences.pairFrames(x).value();
        assertArrayEquals(new long[] {1, 2, 4}, y.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 0, 0}, y.data().asDouble(), 0.0);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(3);
        for (int t : new int[] {4, 5, 1}) {
            Tensor x = Checks.var(rng, 2, t, 3);
            Checks.assertGradients(() -> Sequences.pairFrames(x), x);
        }
    }

    @Test
    void theMaskHalvesEachLengthRoundingUp() {
        INDArray m = Sequences.mask(new int[] {5, 4, 1, 0}, 5, DataType.FLOAT);
        INDArray half = Sequences.pairMask(m);
        assertArrayEquals(new long[] {4, 3}, half.shape());
        assertArrayEquals(new int[] {3, 2, 1, 0}, Sequences.lengths(half));
        assertEquals(null, Sequences.pairMask(null));
    }
}
