package org.seqlab.autograd.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.autograd.Tensor;

/**
 * Elementwise arithmetic and activations. Binary operations broadcast numpy-style (a bias row
 * [F] onto [B, T, F], a mask [B, T, 1] onto [B, T, F]); the gradient of a broadcast input is
 * summed back to its shape.
 */
public final class Elementwise {
    private Elementwise() {}

    public static Tensor add(Tensor a, Tensor b) {
        return binary("add", a, b, (x, y) -> x.add(y), (g, x, y) -> g, (g, x, y) -> g);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return binary("sub", a, b, (x, y) -> x.sub(y), (g, x, y) -> g, (g, x, y) -> g.neg());
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return binary("mul", a, b, (x, y) -> x.mul(y), (g, x, y) -> g.mul(y), (g, x, y) -> g.mul(x));
    }

    /** {@code a * s + c} for constants s and c. */
    public static Tensor affine(Tensor a, double s, double c) {
        INDArray out = a.value().mul(s).addi(c);
        return Tensor.result(out, g -> a.addGradOwned(g.mul(s)), a);
    }

    public static Tensor scale(Tensor a, double s) {
        return affine(a, s, 0);
    }

    public static Tensor neg(Tensor a) {
        return affine(a, -1, 0);
    }

    public static Tensor sigmoid(Tensor a) {
        INDArray s = Transforms.sigmoid(a.value(), true);
        return Tensor.result(s, g -> a.addGradOwned(s.rsub(1.0).muli(s).muli(g)), a);
    }

    public static Tensor tanh(Tensor a) {
        INDArray t = Transforms.tanh(a.value(), true);
        return Tensor.result(t, g -> a.addGradOwned(t.mul(t).rsubi(1.0).muli(g)), a);
    }

    public static Tensor relu(Tensor a) {
        INDArray r = Transforms.relu(a.value(), true);
        // one native pass (relu_bp) instead of compare, cast and multiply over a conv-sized array
        return Tensor.result(r, g -> {
            INDArray ga = Nd4j.createUninitialized(g.dataType(), g.shape());
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(r, Dense.of(g)).addOutputs(ga)
                    .addFloatingPointArguments(0.0).build());
            a.addGradOwned(ga);
        }, a);
    }

    public static Tensor exp(Tensor a) {
        INDArray e = Transforms.exp(a.value(), true);
        return Tensor.result(e, g -> a.addGradOwned(g.mul(e)), a);
    }

    public static Tensor log(Tensor a) {
        INDArray l = Transforms.log(a.value(), true);
        return Tensor.result(l, g -> a.addGradOwned(g.div(a.value())), a);
    }

    /** Multiplies by a constant array (a mask), broadcasting it; no gradient flows into the mask. */
    public static Tensor mask(Tensor a, INDArray mask) {
        return mul(a, Tensor.constant(mask));
    }

    private interface Fwd {
        INDArray apply(INDArray x, INDArray y);
    }

    private interface Bwd {
        INDArray apply(INDArray g, INDArray x, INDArray y);
    }

    private static Tensor binary(String op, Tensor a, Tensor b, Fwd fwd, Bwd da, Bwd db) {
        Dense.requireSameType(op, a.value(), b.value());
        long[] shape = broadcastShape(op, a.shape(), b.shape());
        INDArray x = expand(a.value(), shape);
        INDArray y = expand(b.value(), shape);
        INDArray out = fwd.apply(x, y);
        return Tensor.result(out, g -> {
            if (a.requiresGrad()) {
                give(a, g, Broadcast.reduceTo(da.apply(g, x, y), a.shape()));
            }
            if (b.requiresGrad()) {
                give(b, g, Broadcast.reduceTo(db.apply(g, x, y), b.shape()));
            }
        }, a, b);
    }

    /** Passes the upstream gradient itself by copy, a fresh array by ownership. */
    static void give(Tensor t, INDArray upstream, INDArray grad) {
        if (grad == upstream) {
            t.addGrad(grad);
        } else {
            t.addGradOwned(grad);
        }
    }

    private static INDArray expand(INDArray v, long[] shape) {
        if (Arrays.equals(v.shape(), shape)) {
            return v;
        }
        return Broadcast.to(v, shape);
    }

    static long[] broadcastShape(String op, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            long y = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (x != y && x != 1 && y != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and "
                        + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = Math.max(x, y);
        }
        return out;
    }
}
