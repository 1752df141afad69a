package org.seqlab.autograd.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/** Sums and means over all elements or one axis. */
public final class Reductions {
    private Reductions() {}

    /** Sum of all elements, a scalar. */
    public static Tensor sum(Tensor a) {
        INDArray out = Nd4j.scalar(a.dtype(), Sums.sum(a.value()));
        return Tensor.result(out, g -> a.addGradOwned(Nd4j.valueArrayOf(a.shape(), g.getDouble(0), a.dtype())), a);
    }

    /** Mean of all elements, a scalar. */
    public static Tensor mean(Tensor a) {
        return Elementwise.scale(sum(a), 1.0 / a.value().length());
    }

    /** Sum over {@code axis}, which is removed from the shape. */
    public static Tensor sum(Tensor a, int axis) {
        int ax = Dense.axis(axis, a.rank(), "sum");
        INDArray out = a.value().sum(true, ax);
        long[] keep = out.shape();
        long[] dropped = drop(a.shape(), ax);
        return Tensor.result(out.reshape(dropped), g -> a.addGradOwned(Broadcast.to(g.reshape(keep), a.shape()).dup()), a);
    }

    /** Mean over {@code axis}, which is removed from the shape. */
    public static Tensor mean(Tensor a, int axis) {
        int ax = Dense.axis(axis, a.rank(), "mean");
        return Elementwise.scale(sum(a, ax), 1.0 / a.size(ax));
    }

    static long[] drop(long[] shape, int axis) {
        long[] out = new long[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                out[j++] = shape[i];
            }
        }
        return out;
    }
}
