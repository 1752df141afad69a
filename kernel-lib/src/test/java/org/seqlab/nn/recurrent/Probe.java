package org.seqlab.nn.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/**
 * Test-only scalar probes: a fixed random weighting of a tensor's elements, so that every
 * output element gets a distinct gradient and a gradient check sees every path.
 */
final class Probe {
    private Probe() {}

    /** sum(a * w) with {@code w} fixed. */
    static Tensor weightedSum(Tensor a, INDArray w) {
        return Tensor.result(Nd4j.scalar(a.dtype(), a.value().mul(w).sumNumber().doubleValue()),
                g -> a.addGradOwned(w.mul(g.getDouble(0))), a);
    }

    static Tensor add(Tensor... parts) {
        double s = 0;
        for (Tensor p : parts) {
            s += p.item();
        }
        return Tensor.result(Nd4j.scalar(parts[0].dtype(), s), g -> {
            for (Tensor p : parts) {
                p.addGrad(g);
            }
        }, parts);
    }

    static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, shape);
    }
}
