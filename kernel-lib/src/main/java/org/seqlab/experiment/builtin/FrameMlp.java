package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Dropout;
import org.seqlab.autograd.ops.Elementwise;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.nn.Linear;

/**
 * The frame classifier of the lecture's strong-label SED table: each frame sees itself and
 * {@code context} frames on either side (stacked into one vector, zeros beyond the clip's valid
 * frames), through {@code layers} ReLU layers of {@code hidden} units with dropout, to one logit
 * per class. It has no memory, which is what the LSTM and BLSTM rows are compared against.
 */
final class FrameMlp extends TaskModel {
    private final List<Linear> layers = new ArrayList<>();
    private final Linear head;
    private final int context;
    private final double dropout;

    FrameMlp(Params p, TaskShape shape, long seed) {
        context = p.integer("context");
        dropout = p.number("dropout");
        int in = (2 * context + 1) * shape.inputDim();
        for (int i = 0; i < p.integer("layers"); i++) {
            layers.add(child("dense" + i, new Linear(in, p.integer("hidden"), new Rng(seed + i))));
            in = p.integer("hidden");
        }
        head = child("head", new Linear(in, shape.outputs(), new Rng(seed + 1_000_003L)));
    }

    @Override
    public Tensor forward(Batch batch) {
        Tensor h = Tensor.constant(stack(batch.inputs(), batch.mask(), context));
        for (Linear l : layers) {
            h = Dropout.apply(Elementwise.relu(l.forward(h)), dropout, new Rng(Nd4j.getRandom().nextLong()), isTraining());
        }
        return head.forward(h);
    }

    /** [B, T, F] -> [B, T, (2k+1) F]: frames t-k .. t+k side by side, zero outside the valid frames. */
    static INDArray stack(INDArray inputs, INDArray mask, int k) {
        INDArray x = Dense.of(inputs);
        int b = (int) x.size(0);
        int steps = (int) x.size(1);
        int f = (int) x.size(2);
        int[] lengths = LastStep.lengths(mask, b, steps);
        int width = (2 * k + 1) * f;
        INDArray out = Nd4j.zeros(x.dataType(), b, steps, width);
        Buf xb = Buf.of(x);
        Buf ob = Buf.of(out);
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                for (int d = -k; d <= k; d++) {
                    int s = t + d;
                    if (s >= 0 && s < lengths[i]) {
                        ob.copy(xb, (i * steps + s) * f, (i * steps + t) * width + (d + k) * f, f);
                    }
                }
            }
        }
        return out;
    }
}
