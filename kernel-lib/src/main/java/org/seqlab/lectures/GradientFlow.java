package org.seqlab.lectures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.MatMul;
import org.seqlab.autograd.ops.Reductions;
import org.seqlab.data.batch.Sequence;
import org.seqlab.data.batch.SequenceBatch;
import org.seqlab.data.generate.CopyTask;
import org.seqlab.experiment.run.RunModels;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.recurrent.RecurrentLayer;
import org.seqlab.nn.recurrent.SequenceResult;
import org.seqlab.nn.recurrent.Stacked;

/**
 * How far back a loss on the last step reaches: {@code ||dE_T/dh_t||} against the distance
 * {@code T - t}, from the per-step state gradients a recurrent layer records
 * ({@code RecurrentLayer.recordStateGradients}). Vanishing gradients show as a straight
 * falling line on a log scale; its slope is the mean factor per step.
 */
public final class GradientFlow {
    private GradientFlow() {}

    /**
     * Mean over the batch of the L2 norm over H of {@code grads} [batch, time, H], indexed by
     * distance: element {@code d} belongs to step {@code t = T - 1 - d}. All rows must be
     * full length (no padding), as in the lecture's experiments.
     */
    public static double[] normsByDistance(INDArray grads) {
        if (grads == null) {
            throw new IllegalArgumentException("no state gradients: call recordStateGradients(true) on the layer "
                    + "before the forward pass, and backward() before reading them");
        }
        if (grads.rank() != 3) {
            throw new IllegalArgumentException("state gradients must be [batch, time, H], got " + Arrays.toString(grads.shape()));
        }
        int b = (int) grads.size(0);
        int t = (int) grads.size(1);
        int h = (int) grads.size(2);
        double[] flat = grads.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[t];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                double sq = 0;
                int o = (i * t + s) * h;
                for (int k = 0; k < h; k++) {
                    sq += flat[o + k] * flat[o + k];
                }
                out[t - 1 - s] += Math.sqrt(sq) / b;
            }
        }
        return out;
    }

    /**
     * The mean factor by which the norm changes per step back in time, from a least-squares
     * line through {@code log(norms[d])} for {@code d} in [from, to): below 1 the gradient
     * vanishes, above 1 it explodes. Zero norms (gradient underflow) end the fit early.
     */
    public static double factorPerStep(double[] norms, int from, int to) {
        if (from < 0 || to > norms.length || to - from < 2) {
            throw new IllegalArgumentException("need a range of at least 2 distances within [0, " + norms.length
                    + "), got [" + from + ", " + to + ")");
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int d = from; d < to && norms[d] > 0 && Double.isFinite(norms[d]); d++) {
            double y = Math.log(norms[d]);
            sx += d;
            sy += y;
            sxx += (double) d * d;
            sxy += d * y;
            n++;
        }
        if (n < 2) {
            return 0;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return Math.exp(slope);
    }

    /**
     * {@code ||dE_T/dh_t||} by distance for one batch: records the layer's state gradients for one
     * forward and backward pass of {@code lastStepLoss}, then clears every gradient it made.
     */
    public static double[] measure(RecurrentLayer layer, INDArray input, Function<SequenceResult, Tensor> lastStepLoss) {
        layer.recordStateGradients(true);
        try {
            layer.parameters().values().forEach(Parameter::zeroGrad);
            SequenceResult r = layer.forward(Tensor.constant(input), null);
            lastStepLoss.apply(r).backward();
            return normsByDistance(r.stateGradients());
        } finally {
            layer.recordStateGradients(false);
            layer.parameters().values().forEach(Parameter::zeroGrad);
        }
    }

    /** The lecture's probe loss: a fixed random read-out {@code readout} [H, 1] of the last state, summed over the batch. */
    public static double[] measureWithReadout(RecurrentLayer layer, INDArray input, INDArray readout) {
        return measure(layer, input, r -> Reductions.sum(MatMul.linear("readout", r.lastHidden(), Tensor.constant(readout), null)));
    }

    /**
     * The gradient flow of a copy-task run's model, as it was initialised and as trained
     * ({@code {initial, trained}}), with the real loss: the cross-entropy of the last recall step
     * on {@code examples} sequences of {@code task}'s test stream. The run must be a one-layer
     * recurrent model with a linear head (the lecture's {@code copy-lag.yaml}).
     */
    public static double[][] onCopyRun(Path runFolder, CopyTask task, int examples) {
        List<Sequence<float[][]>> ex = new ArrayList<>();
        for (int i = 0; i < examples; i++) {
            ex.add(task.example("test", i));
        }
        SequenceBatch<float[][]> batch = SequenceBatch.of(ex);
        int steps = batch.maxLength();
        int classes = task.outputSize();
        float[][][] targets = batch.paddedFrameTargets(t -> t);
        float[][] yb = new float[examples][steps];
        for (int i = 0; i < examples; i++) {
            for (int t = 0; t < steps; t++) {
                int cls = 0;
                for (int k = 1; k < classes; k++) {
                    if (targets[i][t][k] > targets[i][t][cls]) {
                        cls = k;
                    }
                }
                yb[i][t] = cls;
            }
        }
        INDArray x = batch.featuresArray();
        INDArray y = Nd4j.create(yb);
        INDArray lastOnly = Nd4j.zeros(DataType.FLOAT, examples, steps);
        lastOnly.get(NDArrayIndex.all(), NDArrayIndex.point(steps - 1)).assign(1);
        double[][] out = new double[2][];
        int i = 0;
        for (TaskModel m : List.of(RunModels.initial(runFolder), RunModels.trained(runFolder))) {
            RecurrentLayer layer = (RecurrentLayer) ((Stacked) m.children().get("encoder")).layers().get(0);
            Linear head = (Linear) m.children().get("head");
            out[i++] = measure(layer, x, r -> CrossEntropy.loss(head.forward(r.sequence()), y, lastOnly, 0.0));
        }
        return out;
    }
}
