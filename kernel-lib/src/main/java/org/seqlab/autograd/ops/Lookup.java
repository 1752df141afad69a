package org.seqlab.autograd.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/** Embedding lookup: rows of a [V, D] table selected by integer indices; the gradient is scattered back. */
public final class Lookup {
    private Lookup() {}

    /** indices of any shape [...] (integer values in [0, V)) give [..., D]. */
    public static Tensor embedding(String name, Tensor table, INDArray indices) {
        Dense.requireRank(name, table.value(), 2, "[V, D]");
        int v = (int) table.size(0);
        int d = (int) table.size(1);
        int n = (int) indices.length();
        int[] idx = new int[n];
        INDArray flat = Dense.of(indices).reshape(n);
        for (int i = 0; i < n; i++) {
            double x = flat.getDouble(i);
            idx[i] = (int) x;
            if (idx[i] != x || idx[i] < 0 || idx[i] >= v) {
                throw new IllegalArgumentException(name + ": index " + x + " at position " + i
                        + " is outside the vocabulary [0, " + v + ")");
            }
        }
        long[] shape = Arrays.copyOf(indices.shape(), indices.rank() + 1);
        shape[shape.length - 1] = d;
        INDArray out = Nd4j.createUninitialized(table.dtype(), shape);
        Buf tb = Buf.of(Dense.of(table.value()));
        Buf ob = Buf.of(out);
        for (int i = 0; i < n; i++) {
            ob.copy(tb, idx[i] * d, i * d, d);
        }
        return Tensor.result(out, g -> {
            INDArray gt = Nd4j.zeros(g.dataType(), table.shape());
            Buf gtb = Buf.of(gt);
            Buf gb = Buf.of(Dense.of(g));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    gtb.add(idx[i] * d + j, gb.get(i * d + j));
                }
            }
            table.addGradOwned(gt);
        }, table);
    }
}
