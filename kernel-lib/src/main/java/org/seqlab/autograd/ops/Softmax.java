package org.seqlab.autograd.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/** Softmax and log-softmax over one axis, computed row by row in fused, max-shifted loops. */
public final class Softmax {
    private Softmax() {}

    public static Tensor softmax(Tensor a, int axis) {
        return apply(a, axis, false);
    }

    public static Tensor logSoftmax(Tensor a, int axis) {
        return apply(a, axis, true);
    }

    private static Tensor apply(Tensor a, int axis, boolean log) {
        int ax = Dense.axis(axis, a.rank(), log ? "logSoftmax" : "softmax");
        int last = a.rank() - 1;
        INDArray x = ax == last ? Dense.of(a.value()) : Dense.of(a.value().swapAxes(ax, last));
        INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
        int n = Dense.toInt(x.size(last));
        int rows = Dense.toInt(x.length() / n);
        forwardRows(Buf.of(x), Buf.of(y), rows, n, log);
        INDArray out = ax == last ? y : y.swapAxes(ax, last).dup('c');
        return Tensor.result(out, g -> {
            INDArray gl = ax == last ? Dense.of(g) : Dense.of(g.swapAxes(ax, last));
            INDArray gx = Nd4j.createUninitialized(g.dataType(), gl.shape());
            backwardRows(Buf.of(y), Buf.of(gl), Buf.of(gx), rows, n, log);
            a.addGradOwned(ax == last ? gx : gx.swapAxes(ax, last).dup('c'));
        }, a);
    }

    /** Row-wise (log-)softmax of dense [rows, n] data; shared with the cross-entropy loss. */
    static void forwardRows(Buf x, Buf y, int rows, int n, boolean log) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x.get(o + j));
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(x.get(o + j) - max);
            }
            double logSum = max + Math.log(sum);
            for (int j = 0; j < n; j++) {
                double v = x.get(o + j) - logSum;
                y.set(o + j, log ? v : Math.exp(v));
            }
        }
    }

    private static void backwardRows(Buf y, Buf g, Buf gx, int rows, int n, boolean log) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            double dot = 0;
            for (int j = 0; j < n; j++) {
                dot += log ? g.get(o + j) : g.get(o + j) * y.get(o + j);
            }
            for (int j = 0; j < n; j++) {
                double v = log ? g.get(o + j) - Math.exp(y.get(o + j)) * dot : y.get(o + j) * (g.get(o + j) - dot);
                gx.set(o + j, v);
            }
        }
    }
}
