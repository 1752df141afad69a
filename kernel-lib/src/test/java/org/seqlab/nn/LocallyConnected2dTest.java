package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Convolution.Geometry;
import org.seqlab.nn.LocallyConnected2d.Padding;

class LocallyConnected2dTest {

    /**
     * The lecture's counts for a 200 x 200 one-channel image, biases not counted, read from built
     * layers: locally connected 10 x 10 fields at 4 x 10^4 positions (SAME padding keeps 200 x 200
     * positions) = 4 x 10^6; 100 shared 10 x 10 filters = 10^4. The dense layer of 4 x 10^4 units
     * would hold 1.6 x 10^9 floats (6.4 GB) and the engine has no shape-only layer, so its count is
     * read from a 20 x 20 twin (400 inputs to 400 units = 400^2) and scaled by the same rule,
     * inputs x units.
     */
    @Test
    void lectureParameterCountsFromBuiltLayers() {
        Rng rng = new Rng(1);
        LocallyConnected2d local = new LocallyConnected2d(1, 1, 200, 200, 10, 10, 1, 1, Padding.SAME, false, rng,
                DataType.FLOAT);
        assertEquals(4_000_000L, local.parameterCount());
        assertArrayEquals(new long[] {200, 200, 1, 1, 10, 10}, local.weight().shape());
        Conv2d conv = new Conv2d(1, 100, 10, 10, Geometry.of(1, 0, 1), false, rng, DataType.FLOAT);
        assertEquals(10_000L, conv.parameterCount());
        Linear twin = new Linear(20 * 20, 20 * 20, false, rng, DataType.FLOAT);
        assertEquals(400L * 400L, twin.parameterCount());
        long dense = 200L * 200L * 40_000L; // inputs x units, the rule the twin's count just confirmed
        assertEquals(1_600_000_000L, dense);
        // the ratios the lecture draws: 400 times fewer than dense, 400 times more than shared
        assertEquals(400L, dense / local.parameterCount());
        assertEquals(400L, local.parameterCount() / conv.parameterCount());
    }

    @Test
    void countsBiasPerPositionAndChannel() {
        LocallyConnected2d layer = new LocallyConnected2d(3, 4, 7, 6, 3, 2, new Rng(2));
        // VALID: 5 x 5 positions, each with 4 x 3 x 3 x 2 weights and 4 biases
        assertEquals(25L * (4 * 3 * 3 * 2 + 4), layer.parameterCount());
        assertEquals(Set.of("w", "b"), layer.parameters().keySet());
        assertArrayEquals(new long[] {4, 5, 5}, layer.bias().shape());
        assertNull(new LocallyConnected2d(3, 4, 7, 6, 3, 2, 1, 1, Padding.VALID, false, new Rng(2), DataType.FLOAT)
                .bias());
    }

    @Test
    void outputShapesForValidSameAndStride() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.constant(rng.uniform(DataType.FLOAT, -1, 1, 2, 3, 7, 6));
        assertArrayEquals(new long[] {2, 4, 5, 5}, new LocallyConnected2d(3, 4, 7, 6, 3, 2, rng).forward(x).shape());
        assertArrayEquals(new long[] {2, 4, 7, 6}, new LocallyConnected2d(3, 4, 7, 6, 3, 2, 1, 1, Padding.SAME, true,
                rng, DataType.FLOAT).forward(x).shape());
        // SAME with stride 2: ceil(7 / 2) x ceil(6 / 2); even 4 x 4 kernel
        assertArrayEquals(new long[] {2, 4, 4, 3}, new LocallyConnected2d(3, 4, 7, 6, 4, 4, 2, 2, Padding.SAME, true,
                rng, DataType.FLOAT).forward(x).shape());
        // VALID with stride 2: (7 - 3) / 2 + 1 x (6 - 2) / 2 + 1
        assertArrayEquals(new long[] {2, 4, 3, 3}, new LocallyConnected2d(3, 4, 7, 6, 3, 2, 2, 2, Padding.VALID,
                true, rng, DataType.FLOAT).forward(x).shape());
    }

    @Test
    void rejectsAnotherImageSizeNamingTheLayer() {
        LocallyConnected2d layer = new LocallyConnected2d(1, 2, 5, 5, 3, 3, new Rng(4));
        Tensor x = Tensor.constant(new Rng(5).uniform(DataType.FLOAT, -1, 1, 1, 1, 6, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(x));
        assertTrue(e.getMessage().startsWith("LocallyConnected2d(1 -> 2, 3x3 at 3x3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new LocallyConnected2d(1, 2, 5, 5, 6, 3, new Rng(4)));
    }
}
