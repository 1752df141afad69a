package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;

/**
 * Reduces an encoder's output sequence [B, T, H] to one vector per sequence for many-to-one
 * tasks: the output at each row's last valid step, or the mean or the maximum over its valid steps.
 */
final class LastStep {
    private LastStep() {}

    // Each reduction reads and writes the contiguous [B, T, H] buffer directly: ND4J's per-row
    // get/put costs about 10 us a call, and the hierarchical GRU reduces 1312 window rows per
    // batch (50 ms of a 150 ms step in lecture 06's benchmark); MIL max pooling read every
    // element with getDouble.

    static Tensor last(Tensor seq, int[] lengths) {
        Rows v = new Rows(seq.value(), lengths);
        INDArray out = Nd4j.create(v.type, v.b, v.h);
        Rows o = new Rows(out);
        for (int i = 0; i < v.b; i++) {
            o.copyRow(i * v.h, v, v.at(i, lengths[i] - 1), v.h);
        }
        return Tensor.result(out, g -> {
            INDArray dx = Nd4j.zeros(v.type, seq.value().shape());
            Rows d = new Rows(dx);
            Rows gr = new Rows(g);
            for (int i = 0; i < v.b; i++) {
                d.copyRow(v.at(i, lengths[i] - 1), gr, i * v.h, v.h);
            }
            seq.addGradOwned(dx);
        }, seq);
    }

    static Tensor mean(Tensor seq, int[] lengths) {
        Rows v = new Rows(seq.value(), lengths);
        INDArray out = Nd4j.create(v.type, v.b, v.h);
        Rows o = new Rows(out);
        for (int i = 0; i < v.b; i++) {
            for (int k = 0; k < v.h; k++) {
                double sum = 0;
                for (int t = 0; t < lengths[i]; t++) {
                    sum += v.get(v.at(i, t) + k);
                }
                o.set(i * v.h + k, sum / lengths[i]);
            }
        }
        return Tensor.result(out, g -> {
            INDArray dx = Nd4j.zeros(v.type, seq.value().shape());
            Rows d = new Rows(dx);
            Rows gr = new Rows(g);
            for (int i = 0; i < v.b; i++) {
                for (int k = 0; k < v.h; k++) {
                    double share = gr.get(i * v.h + k) / lengths[i];
                    for (int t = 0; t < lengths[i]; t++) {
                        d.set(v.at(i, t) + k, share);
                    }
                }
            }
            seq.addGradOwned(dx);
        }, seq);
    }

    /** The maximum over each row's valid steps, per channel; the gradient flows to the step that won (max pooling). */
    static Tensor max(Tensor seq, int[] lengths) {
        Rows v = new Rows(seq.value(), lengths);
        INDArray out = Nd4j.create(v.type, v.b, v.h);
        Rows o = new Rows(out);
        int[] winner = new int[v.b * v.h];
        for (int i = 0; i < v.b; i++) {
            for (int k = 0; k < v.h; k++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < lengths[i]; t++) {
                    double x = v.get(v.at(i, t) + k);
                    if (x > best) {
                        best = x;
                        winner[i * v.h + k] = t;
                    }
                }
                o.set(i * v.h + k, best);
            }
        }
        return Tensor.result(out, g -> {
            INDArray dx = Nd4j.zeros(v.type, seq.value().shape());
            Rows d = new Rows(dx);
            Rows gr = new Rows(g);
            for (int i = 0; i < v.b; i++) {
                for (int k = 0; k < v.h; k++) {
                    d.set(v.at(i, winner[i * v.h + k]) + k, gr.get(i * v.h + k));
                }
            }
            seq.addGradOwned(dx);
        }, seq);
    }

    /** An array seen as [B, T, H] (or [B, H]) through the engine's buffer view ({@link Dense#of} copies a view first). */
    private static final class Rows {
        final INDArray array;
        final DataType type;
        final int b;
        final int t;
        final int h;
        private final Buf buf;

        Rows(INDArray a, int[] lengths) {
            this(a);
            if (a.rank() != 3 || lengths.length != b) {
                throw new IllegalArgumentException("sequence pooling: expected [batch=" + lengths.length
                        + ", time, features], got " + java.util.Arrays.toString(a.shape()));
            }
            for (int l : lengths) {
                if (l < 1 || l > t) {
                    throw new IllegalArgumentException("sequence pooling: length " + l + " outside 1.." + t);
                }
            }
        }

        Rows(INDArray a) {
            array = Dense.of(a);
            type = a.dataType();
            b = (int) a.size(0);
            t = a.rank() == 3 ? (int) a.size(1) : 1;
            h = (int) a.size(a.rank() - 1);
            buf = Buf.of(array);
        }

        int at(int row, int step) {
            return (row * t + step) * h;
        }

        double get(int i) {
            return buf.get(i);
        }

        void set(int i, double x) {
            buf.set(i, x);
        }

        void copyRow(int to, Rows from, int at, int n) {
            for (int k = 0; k < n; k++) {
                set(to + k, from.get(at + k));
            }
        }
    }

    static int[] lengths(INDArray mask, int batch, int steps) {
        if (mask == null) {
            int[] l = new int[batch];
            java.util.Arrays.fill(l, steps);
            return l;
        }
        return org.seqlab.autograd.ops.Sequences.lengths(mask);
    }
}
