package org.seqlab.experiment.run;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Elementwise;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.StatefulModel;

/**
 * Truncated backpropagation through time for one batch: the sequence is cut into chunks of
 * {@code k} steps; each chunk starts from the previous chunk's final state with its gradient
 * cut off, so no gradient reaches further back than the chunk start. Each chunk's loss is
 * weighted by its share of the labelled steps, so the returned loss equals the full-sequence
 * mean and {@code k >= T} gives exactly the full BPTT gradient.
 */
public final class TruncatedBptt {
    private TruncatedBptt() {}

    /**
     * Accumulates the truncated gradient into the model's parameters and returns the loss of
     * the whole batch; a non-finite chunk loss is returned at once, before its backward pass.
     */
    public static double backward(StatefulModel model, Objective objective, Batch b, int k) {
        int steps = b.steps();
        if (b.labels() == null || b.labels().length != b.size() * steps) {
            throw new IllegalStateException("train.truncate needs a task with a label per time step; this task has "
                    + (b.labels() == null ? "real-valued targets" : "one label per sequence"));
        }
        long total = counted(b.labels(), 0, b.labels().length);
        if (total == 0) {
            return 0;
        }
        double loss = 0;
        List<Tensor> state = null;
        for (int from = 0; from < steps; from += k) {
            int to = Math.min(steps, from + k);
            Batch chunk = chunk(b, from, to);
            long labelled = counted(chunk.labels(), 0, chunk.labels().length);
            StatefulModel.Continued out;
            // a chunk without labels only moves the state on: no graph needed
            try (GradMode mode = labelled > 0 ? GradMode.on() : GradMode.off()) {
                out = model.forward(chunk, state);
                if (labelled > 0) {
                    Tensor l = objective.loss(out.output(), chunk);
                    double value = l.item();
                    if (!Double.isFinite(value)) {
                        return value;
                    }
                    double w = (double) labelled / total;
                    loss += w * value;
                    Elementwise.scale(l, w).backward();
                }
            }
            state = detached(out.state());
        }
        return loss;
    }

    /** Steps [from, to) of every row; labels keep their row-major [batch, time] layout. */
    static Batch chunk(Batch b, int from, int to) {
        INDArray x = b.inputs().get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
        INDArray mask = b.mask() == null ? null : b.mask().get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).dup();
        int len = to - from;
        int[] labels = new int[b.size() * len];
        for (int i = 0; i < b.size(); i++) {
            System.arraycopy(b.labels(), i * b.steps() + from, labels, i * len, len);
        }
        return new Batch(x, mask, new org.seqlab.experiment.train.Target.FrameClasses(labels, len));
    }

    private static List<Tensor> detached(List<Tensor> state) {
        List<Tensor> out = new ArrayList<>(state.size());
        for (Tensor t : state) {
            out.add(t == null ? null : t.detach());
        }
        return out;
    }

    private static long counted(int[] labels, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (labels[i] >= 0) {
                n++;
            }
        }
        return n;
    }
}
