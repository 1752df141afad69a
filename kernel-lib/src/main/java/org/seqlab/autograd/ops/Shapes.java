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

    /** Joins tensors along {@code axis}; all other sizes must agree. */
    public static Tensor concat(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no tensors");
        }
        int rank = parts.get(0).rank();
        int ax = Dense.axis(axis, rank, "concat");
        long[] first = parts.get(0).shape();
        INDArray[] values = new INDArray[parts.size()];
        for (int k = 0; k < values.length; k++) {
            long[] s = parts.get(k).shape();
            boolean ok = s.length == rank;
            for (int i = 0; ok && i < rank; i++) {
                ok = i == ax || s[i] == first[i];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat on axis " + ax + ": shape " + Arrays.toString(s)
                        + " of part " + k + " does not fit shape " + Arrays.toString(first) + " of part 0");
            }
            values[k] = parts.get(k).value();
        }
        INDArray out = Nd4j.concat(ax, values);
        return Tensor.result(out, g -> {
            long start = 0;
            for (Tensor p : parts) {
                long len = p.size(ax);
                if (p.requiresGrad()) {
                    p.addGradOwned(g.get(range(rank, ax, start, start + len)).dup('c'));
                }
                start += len;
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
