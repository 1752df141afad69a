package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Normalization;

/**
 * Batch normalisation per channel: batch statistics in training (updating the running mean and
 * variance buffers, momentum 0.1 as PyTorch), running statistics in evaluation. {@code axis} is
 * the channel axis: 1 for [N, C, ...] conv layouts, -1 for [B, T, F] sequences.
 *
 * <p>A batch of clips of different lengths is padded, and padded frames would count in the
 * statistics, shifting every clip's normalisation by an amount that depends on its batch
 * partners: {@link #forward(Tensor, INDArray)} takes which positions hold data. The generated
 * soundscapes are all exactly 10 s (never padded, so they pass no mask and nothing changes), but
 * toy-events' clips are 1/2 to 1 times {@code frames} long, and nothing holds a real corpus's
 * downloaded clips (DESED) to one length.
 */
public final class BatchNorm extends Layer {
    private final Parameter gamma;
    private final Parameter beta;
    private final INDArray runningMean;
    private final INDArray runningVar;
    private final int axis;

    public BatchNorm(int channels, int axis, DataType type) {
        Rng unused = new Rng(0);
        this.gamma = parameter("gamma", Initializer.constant(1), unused, type, channels);
        this.beta = parameter("beta", Initializer.zeros(), unused, type, channels);
        this.runningMean = buffer("running_mean", Init.constant(type, 0, channels));
        this.runningVar = buffer("running_var", Init.constant(type, 1, channels));
        this.axis = axis;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /**
     * {@code valid}: x's shape without the channel axis, 1 where a position holds data and 0 on
     * padding (null: no padding). Padding stays out of the statistics and comes out as 0
     * ({@link Normalization#batchNorm(String, Tensor, INDArray, Tensor, Tensor, INDArray, INDArray, int, boolean, double, double)}).
     */
    public Tensor forward(Tensor x, INDArray valid) {
        // statistics are updated only by a training pass that records gradients, not by a summary or probe
        boolean batchStats = isTraining() && GradMode.enabled();
        return Normalization.batchNorm(describe(), x, valid, gamma, beta, runningMean, runningVar,
                axis, batchStats, 0.1, 1e-5);
    }
}
