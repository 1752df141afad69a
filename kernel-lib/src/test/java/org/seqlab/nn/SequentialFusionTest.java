package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Reductions;
import org.seqlab.testing.Float32Rounding;

/**
 * Sequential's fused ReLU + pooling, and conv + ReLU + pooling, must be invisible: same values,
 * gradients and summary as the layers one by one. With 2 input channels only ReLU and pooling
 * fuse; with 16 the convolution joins them.
 */
class SequentialFusionTest {

    @Test
    void fusedLayersMatchLayersRunOneByOne() {
        for (int channels : new int[] {2, 16}) {
            fusedLayersMatchLayersRunOneByOne(channels);
        }
    }

    private void fusedLayersMatchLayersRunOneByOne(int channels) {
        Rng rng = new Rng(5);
        Conv2d conv = new Conv2d(channels, 3, 3, 3, rng);
        Sequential fused = new Sequential().add("conv", conv).add("relu", Activation.relu()).add("pool", Pool.max2d(2, 1));
        INDArray x = new Rng(6).normal(DataType.FLOAT, 0, 1, 2, channels, 7, 5);

        Tensor y = fused.forward(Tensor.constant(x));
        Reductions.sum(y).backward();
        INDArray gw = conv.parameters().get("w").grad().dup();
        INDArray gb = conv.parameters().get("b").grad().dup();
        fused.parameters().values().forEach(Tensor::zeroGrad);

        List<Layer> layers = fused.layers();
        Tensor z = Tensor.constant(x);
        for (Layer l : layers) {
            z = l.forward(z); // the unfused path: each layer's own forward
        }
        Reductions.sum(z).backward();

        assertArrayEquals(new long[] {2, 3, 3, 5}, y.shape());
        assertClose(z.value(), y.value());
        assertClose(conv.parameters().get("w").grad(), gw);
        assertClose(conv.parameters().get("b").grad(), gb);
    }

    @Test
    void summaryStillListsConvAndReluWithTheirShapes() {
        for (int channels : new int[] {1, 16}) {
            Rng rng = new Rng(5);
            Sequential model = new Sequential().add("conv", new Conv2d(channels, 3, 3, 3, rng))
                    .add("relu", Activation.relu()).add("pool", Pool.max2d(2, 1));
            var table = model.summary(Tensor.constant(new Rng(1).normal(DataType.FLOAT, 0, 1, 1, channels, 6, 4)));
            String text = table.print();
            assertTrue(text.contains("ReLU") && text.contains("[1, 3, 6, 4]") && text.contains("[1, 3, 3, 4]"), text);
            assertTrue(text.indexOf("[1, 3, 6, 4]") != text.lastIndexOf("[1, 3, 6, 4]"), "conv and ReLU both listed: " + text);
        }
    }

    /**
     * Fused and unfused layers run other gemm shapes, which BLAS may round differently on other
     * CPUs: equal to float32 rounding of one dot product over at most 16 channels x 9 taps
     * (forward) or 2 x 7 x 5 positions (gradients), at the scale of the largest value.
     */
    private static void assertClose(INDArray expected, INDArray actual) {
        double[] e = expected.reshape(expected.length()).toDoubleVector();
        double[] a = actual.reshape(actual.length()).toDoubleVector();
        double scale = java.util.Arrays.stream(e).map(Math::abs).max().orElse(0);
        assertArrayEquals(e, a, Float32Rounding.bound(1, 16 * 9, scale));
    }
}
