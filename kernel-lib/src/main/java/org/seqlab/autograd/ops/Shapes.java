package org.seqlab.autograd.ops;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.Tensor;

/** Reshape, transpose, concatenation and slicing; results are always dense copies. */
public final class Shapes {
    private Shapes() {}

    public static Tensor reshape(Tensor a, long... shape) {
        long n = 1;
        int unknown = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                unknown = i;
            } else {
                n *= shape[i];
            }
        }
        long[] target = shape.clone();
        if (unknown >= 0 && n > 0) {
            target[unknown] = a.value().length() / n;
            n *= target[unknown];
        }
        if (n != a.value().length()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Arrays.toString(a.shape()) + " to "
                    + Arrays.toString(shape));
        }
        long[] from = a.shape();
        INDArray out = dense(a.value().dup('c').reshape(target));
        // ND4J may mark a reshape of a fresh copy as a view; fused loops and gradient clipping need it dense
        return Tensor.result(out, g -> a.addGradOwned(dense(g.dup('c').reshape(from))), a);
    }

    private static INDArray dense(INDArray a) {
        return Dense.isDense(a) ? a : a.dup('c');
    }

    /** Swaps two axes. */
    public static Tensor transpose(Tensor a, int axis0, int axis1) {
        int[] perm = new int[a.rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        int x = Dense.axis(axis0, a.rank(), "transpose");
        int y = Dense.axis(axis1, a.rank(), "transpose");
        perm[x] = y;
        perm[y] = x;
        return permute(a, perm);
    }

    /** Reorders axes: output axis i is input axis {@code perm[i]}. */
    public static Tensor permute(Tensor a, int... perm) {
        if (perm.length != a.rank()) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(perm) + " for shape "
                    + Arrays.toString(a.shape()));
        }
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        INDArray out = a.value().permute(perm).dup('c');
        return Tensor.result(out, g -> a.addGradOwned(g.permute(inverse).dup('c')), a);
    }

    /**
     * Joins tensors along {@code axis}; all other sizes must agree. Forward and backward are block
     * copies in Java: {@code Nd4j.concat} and the strided slice copies of its backward each took
     * about 2 ms under load (ND4J's threads), and an attention decoder runs two concatenations per
     * output step (LAS speller profile, bench/RESULTS.md).
     */
    public static Tensor concat(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors");
        }
        int rank = parts.get(0).rank();
        int ax = Dense.axis(axis, rank, "concat");
        long[] first = parts.get(0).shape();
        long outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= first[i];
        }
        long inner = 1;
        for (int i = ax + 1; i < rank; i++) {
            inner *= first[i];
        }
        int[] block = new int[parts.size()]; // elements of part k per outer index
        long total = 0;
        long along = 0;
        for (int k = 0; k < block.length; k++) {
            Tensor p = parts.get(k);
            long[] s = p.shape();
            boolean ok = s.length == rank;
            for (int i = 0; ok && i < rank; i++) {
                ok = i == ax || s[i] == first[i];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat on axis " + ax + ": shape " + Arrays.toString(s)
                        + " of part " + k + " does not fit shape " + Arrays.toString(first) + " of part 0");
            }
            if (p.dtype() != parts.get(0).dtype()) {
                throw new IllegalArgumentException("concat: part " + k + " is " + p.dtype() + ", part 0 is "
                        + parts.get(0).dtype());
            }
            block[k] = Dense.toInt(s[ax] * inner);
            total += block[k];
            along += s[ax];
        }
        long[] shape = first.clone();
        shape[ax] = along;
        int rows = Dense.toInt(outer);
        int width = Dense.toInt(total);
        INDArray out = Nd4j.createUninitialized(parts.get(0).dtype(), shape);
        if (out.isEmpty()) {
            return Tensor.result(out, g -> { }, parts.toArray(new Tensor[0]));
        }
        Buf dst = Buf.of(out);
        int at = 0;
        for (int k = 0; k < block.length; k++) {
            Buf src = Buf.of(Dense.of(parts.get(k).value()));
            for (int r = 0; r < rows; r++) {
                dst.copy(src, r * block[k], r * width + at, block[k]);
            }
            at += block[k];
        }
        return Tensor.result(out, g -> {
            Buf gs = Buf.of(Dense.of(g));
            int from = 0;
            for (int k = 0; k < block.length; k++) {
                Tensor p = parts.get(k);
                if (p.requiresGrad()) {
                    INDArray gp = Nd4j.createUninitialized(g.dataType(), p.shape());
                    Buf gd = Buf.of(gp);
                    for (int r = 0; r < rows; r++) {
                        gd.copy(gs, r * width + from, r * block[k], block[k]);
                    }
                    p.addGradOwned(gp);
                }
                from += block[k];
            }
        }, parts.toArray(new Tensor[0]));
    }

    public static Tensor concat(int axis, Tensor... parts) {
        return concat(axis, List.of(parts));
    }

    /** Elements {@code from} (inclusive) to {@code to} (exclusive) along {@code axis}. */
    public static Tensor slice(Tensor a, int axis, long from, long to) {
        int ax = Dense.axis(axis, a.rank(), "slice");
        if (from < 0 || to > a.size(ax) || from >= to) {
            throw new IllegalArgumentException("slice: range [" + from + ", " + to + ") on axis " + ax
                    + " of shape " + Arrays.toString(a.shape()));
        }
        INDArrayIndex[] idx = range(a.rank(), ax, from, to);
        INDArray out = a.value().get(idx).dup('c');
        return Tensor.result(out, g -> {
            INDArray ga = Nd4j.zeros(g.dataType(), a.shape());
            ga.get(idx).assign(g);
            a.addGradOwned(ga);
        }, a);
    }

    private static INDArrayIndex[] range(int rank, int axis, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            idx[i] = i == axis ? NDArrayIndex.interval(from, to) : NDArrayIndex.all();
        }
        return idx;
    }
}
