package org.seqlab.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.GradCheck;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;

/** Gradient-check helpers: every output element gets a random weight so every gradient entry is probed. */
public final class Checks {
    private Checks() {}

    public static Tensor var(Rng rng, long... shape) {
        return Tensor.variable(rng.uniform(DataType.DOUBLE, -1, 1, shape));
    }

    public static INDArray rand(Rng rng, long... shape) {
        return rng.uniform(DataType.DOUBLE, -1, 1, shape);
    }

    /** {@code sum(out * R)} for a fixed random R of out's shape. */
    public static Supplier<Tensor> weighted(Supplier<Tensor> out, long seed) {
        INDArray[] r = new INDArray[1];
        return () -> {
            Tensor o = out.get();
            if (r[0] == null) {
                r[0] = new Rng(seed).uniform(DataType.DOUBLE, -1, 1, o.shape());
            }
            return Reductions.sum(Elementwise.mul(o, Tensor.constant(r[0])));
        };
    }

    public static void assertGradients(Supplier<Tensor> out, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(weighted(out, 99), List.of(inputs));
        assertTrue(r.passes(1e-5), r.toString());
    }

    public static void assertScalarGradients(Supplier<Tensor> loss, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(loss, List.of(inputs));
        assertTrue(r.passes(1e-5), r.toString());
    }
}
