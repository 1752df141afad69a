package org.seqlab.autograd.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/**
 * Matrix products as single large {@code Nd4j.gemm} calls: a [B, T, F] sequence is multiplied
 * as one [B*T, F] matrix, never frame by frame.
 */
public final class MatMul {
    private MatMul() {}

    /** [n, k] x [k, m] = [n, m]. */
    public static Tensor matmul(Tensor a, Tensor b) {
        Dense.requireRank("matmul", a.value(), 2, "[n, k]");
        Dense.requireRank("matmul", b.value(), 2, "[k, m]");
        if (a.size(1) != b.size(0)) {
            throw new IllegalArgumentException("matmul: inner sizes differ, " + Arrays.toString(a.shape())
                    + " x " + Arrays.toString(b.shape()));
        }
        Dense.requireSameType("matmul", a.value(), b.value());
        INDArray out = Nd4j.createUninitialized(a.dtype(), a.size(0), b.size(1));
        StridedGemm.matrices(a.value(), b.value(), out, false, false, 1.0, 0.0);
        return Tensor.result(out, g -> {
            if (a.requiresGrad()) {
                INDArray ga = Nd4j.createUninitialized(g.dataType(), a.shape());
                StridedGemm.matrices(g, b.value(), ga, false, true, 1.0, 0.0);
                a.addGradOwned(ga);
            }
            if (b.requiresGrad()) {
                INDArray gb = Nd4j.createUninitialized(g.dataType(), b.shape());
                StridedGemm.matrices(a.value(), g, gb, true, false, 1.0, 0.0);
                b.addGradOwned(gb);
            }
        }, a, b);
    }

    /**
     * {@code x W + b} over the last axis: x [..., in], W [in, out], b [out] or null; the result
     * is [..., out]. {@code name} identifies the layer in shape errors.
     */
    public static Tensor linear(String name, Tensor x, Tensor w, Tensor b) {
        long[] xs = x.shape();
        if (w.rank() != 2 || xs[xs.length - 1] != w.size(0)) {
            throw new IllegalArgumentException(name + ": input shape " + Arrays.toString(xs)
                    + " does not fit weight shape " + Arrays.toString(w.shape()) + " (last input axis must equal "
                    + "the weight's first)");
        }
        if (b != null && (b.rank() != 1 || b.size(0) != w.size(1))) {
            throw new IllegalArgumentException(name + ": bias shape " + Arrays.toString(b.shape())
                    + " does not fit weight shape " + Arrays.toString(w.shape()));
        }
        Dense.requireSameType(name, x.value(), w.value());
        long in = w.size(0);
        long outSize = w.size(1);
        long rows = x.value().length() / in;
        INDArray x2 = Dense.of(x.value()).reshape(rows, in);
        INDArray out = Nd4j.createUninitialized(x.dtype(), rows, outSize);
        StridedGemm.matricesPlusBias(x2, w.value(), b == null ? null : b.value(), out, false);
        long[] outShape = xs.clone();
        outShape[outShape.length - 1] = outSize;
        INDArray result = out.reshape(outShape);
        return Tensor.result(result, g -> {
            INDArray g2 = Dense.of(g).reshape(rows, outSize);
            if (x.requiresGrad()) {
                // allocated in x's shape, so that the gradient is a dense array, not a reshaped view
                // (ND4J marks those as views: they would be copied, or summed by ND4J's threads)
                INDArray gx = Nd4j.createUninitialized(g.dataType(), xs);
                StridedGemm.matrices(g2, w.value(), xs.length == 2 ? gx : gx.reshape(rows, in), false, true, 1.0, 0.0);
                x.addGradOwned(gx);
            }
            if (w.requiresGrad()) {
                INDArray gw = Nd4j.createUninitialized(g.dataType(), in, outSize);
                StridedGemm.matrices(x2, g2, gw, true, false, 1.0, 0.0);
                w.addGradOwned(gw);
            }
            if (b != null && b.requiresGrad()) {
                b.addGradOwned(g2.sum(0));
            }
        }, x, w, b);
    }

    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        return linear("linear", x, w, b);
    }
}
