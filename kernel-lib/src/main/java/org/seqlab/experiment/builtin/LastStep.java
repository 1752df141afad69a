package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.Tensor;

/**
 * Reduces an encoder's output sequence [B, T, H] to one vector per sequence for many-to-one
 * tasks: the output at each row's last valid step, or the mean or the maximum over its valid steps.
 */
final class LastStep {
    private LastStep() {}

    static Tensor last(Tensor seq, int[] lengths) {
        INDArray v = seq.value();
        int b = (int) v.size(0);
        INDArray out = Nd4j.create(v.dataType(), b, v.size(2));
        for (int i = 0; i < b; i++) {
            out.putRow(i, v.get(NDArrayIndex.point(i), NDArrayIndex.point(lengths[i] - 1), NDArrayIndex.all()));
        }
        return Tensor.result(out, g -> {
            INDArray dx = Nd4j.zeros(v.dataType(), v.shape());
            for (int i = 0; i < b; i++) {
                dx.get(NDArrayIndex.point(i), NDArrayIndex.point(lengths[i] - 1), NDArrayIndex.all()).assign(g.getRow(i));
            }
            seq.addGradOwned(dx);
        }, seq);
    }

    static Tensor mean(Tensor seq, int[] lengths) {
        INDArray v = seq.value();
        int b = (int) v.size(0);
        INDArray out = Nd4j.create(v.dataType(), b, v.size(2));
        for (int i = 0; i < b; i++) {
            INDArray rows = v.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, lengths[i]), NDArrayIndex.all());
            out.putRow(i, rows.mean(0));
        }
        return Tensor.result(out, g -> {
            INDArray dx = Nd4j.zeros(v.dataType(), v.shape());
            for (int i = 0; i < b; i++) {
                INDArray share = g.getRow(i).div(lengths[i]);
                dx.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, lengths[i]), NDArrayIndex.all()).addiRowVector(share);
            }
            seq.addGradOwned(dx);
        }, seq);
    }

    /** The maximum over each row's valid steps, per channel; the gradient flows to the step that won (max pooling). */
    static Tensor max(Tensor seq, int[] lengths) {
        INDArray v = seq.value();
        int b = (int) v.size(0);
        int h = (int) v.size(2);
        INDArray out = Nd4j.create(v.dataType(), b, h);
        int[][] winner = new int[b][h];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < h; k++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < lengths[i]; t++) {
                    double x = v.getDouble(i, t, k);
                    if (x > best) {
                        best = x;
                        winner[i][k] = t;
                    }
                }
                out.putScalar(i, k, best);
            }
        }
        return Tensor.result(out, g -> {
            INDArray dx = Nd4j.zeros(v.dataType(), v.shape());
            for (int i = 0; i < b; i++) {
                for (int k = 0; k < h; k++) {
                    dx.putScalar(new long[] {i, winner[i][k], k}, g.getDouble(i, k));
                }
            }
            seq.addGradOwned(dx);
        }, seq);
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
