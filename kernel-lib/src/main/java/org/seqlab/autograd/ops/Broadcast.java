package org.seqlab.autograd.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.MemoryScope;

/** Numpy-style broadcasting of arrays and the matching reduction of gradients. */
public final class Broadcast {
    private Broadcast() {}

    /** A dense copy of {@code v} repeated to {@code shape} (trailing dimensions aligned). */
    public static INDArray to(INDArray v, long[] shape) {
        long[] padded = new long[shape.length];
        Arrays.fill(padded, 1);
        long[] s = v.shape();
        System.arraycopy(s, 0, padded, shape.length - s.length, s.length);
        INDArray r = v.reshape(padded);
        return MemoryScope.track(r.broadcast(shape).dup('c'));
    }

    /** Sums {@code g} over the dimensions that broadcasting expanded, giving shape {@code target}. */
    public static INDArray reduceTo(INDArray g, long[] target) {
        if (Arrays.equals(g.shape(), target)) {
            return g;
        }
        long[] gs = g.shape();
        int lead = gs.length - target.length;
        int[] dims = new int[gs.length];
        int n = 0;
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (target[i - lead] == 1 && gs[i] != 1)) {
                dims[n++] = i;
            }
        }
        INDArray r = n == 0 ? g : g.sum(true, Arrays.copyOf(dims, n));
        return r.reshape(target).dup('c');
    }
}
