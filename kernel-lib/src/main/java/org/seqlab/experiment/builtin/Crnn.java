package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Dropout;
import org.seqlab.autograd.ops.Gating;
import org.seqlab.autograd.ops.Pooling;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.nn.BatchNorm;
import org.seqlab.nn.Conv2d;
import org.seqlab.nn.Linear;
import org.seqlab.nn.recurrent.Bidirectional;

/**
 * The DCASE 2018 task 4 baseline CRNN: blocks of [conv 3x3, batch norm, ReLU, max-pool over
 * frequency only, dropout] so every frame keeps its own output, a bidirectional GRU over the
 * pooled maps, and a per-frame linear read-out whose sigmoid is each class's frame probability.
 * {@code gated} replaces the ReLU by a gated linear unit (twice the conv channels, one half
 * gating the other through a sigmoid), the variant of the attention-pooling systems of that
 * challenge. {@code attention} adds a second per-frame read-out, the attention logits of
 * attention pooling; the output is then [B, T, 2C]: classification logits, then attention logits.
 * Padded frames of a batch stay out of the batch norm statistics ({@link #valid}).
 */
final class Crnn extends TaskModel {
    private final List<Conv2d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();
    private final int[] pools;
    private final int channels;
    private final boolean gated;
    private final double dropout;
    private final Bidirectional rnn;
    private final Linear head;
    private final Linear attention;

    Crnn(Params p, TaskShape shape, long seed) {
        List<Integer> poolList = p.intList("pools");
        pools = poolList.stream().mapToInt(Integer::intValue).toArray();
        channels = p.integer("channels");
        gated = p.bool("gated");
        dropout = p.number("dropout");
        int height = shape.inputDim();
        int in = 1;
        Rng rng = new Rng(seed);
        for (int i = 0; i < pools.length; i++) {
            int out = gated ? 2 * channels : channels;
            convs.add(child("conv" + i, new Conv2d(in, out, 3, 3, rng)));
            norms.add(child("bn" + i, new BatchNorm(out, 1, DataType.FLOAT)));
            if (height / pools[i] < 1) {
                throw new ConfigException(null, "model.pools", "pooling " + poolList + " over " + shape.inputDim()
                        + " features leaves no frequency bin; use fewer or smaller pools, or more mel bins");
            }
            height /= pools[i];
            in = channels;
        }
        rnn = child("rnn", Bidirectional.gru(channels * height, p.integer("hidden"), Bidirectional.Merge.CONCAT,
                seed + 17, DataType.FLOAT));
        head = child("head", new Linear(rnn.outputSize(), shape.outputs(), new Rng(seed + 1_000_003L)));
        attention = p.bool("attention")
                ? child("attention", new Linear(rnn.outputSize(), shape.outputs(), new Rng(seed + 2_000_003L))) : null;
    }

    /**
     * The batch's frame mask [B, T] spread over {@code height} frequency rows ([B, H, T], the conv
     * maps without their channel axis), or null when no clip is padded. Batch norm then leaves
     * padded frames out of its statistics and outputs 0 there, which ReLU, GLU, pooling and
     * dropout keep 0: the next "same" convolution reads them as the zeros past a clip's end, so a
     * clip's scores do not depend on the lengths of the clips batched with it (toy-events' clips
     * differ in length, a real corpus's may; the generated soundscapes are all 10 s).
     */
    private static INDArray valid(INDArray mask, long height) {
        if (mask == null) {
            return null;
        }
        long b = mask.size(0);
        long t = mask.size(1);
        return mask.reshape(b, 1, t).broadcast(b, height, t);
    }

    /** Dropout masks from ND4J's generator, which the trainer reseeds from (seed, step) before every step. */
    private static Rng stepRng() {
        return new Rng(Nd4j.getRandom().nextLong());
    }

    @Override
    public Tensor forward(Batch batch) {
        Tensor x = Tensor.constant(batch.inputs()); // [B, T, F]
        long b = x.size(0);
        long t = x.size(1);
        Tensor f = Shapes.reshape(Shapes.permute(x, 0, 2, 1), b, 1, x.size(2), t); // [B, 1, F, T]
        for (int i = 0; i < pools.length; i++) {
            Tensor c = convs.get(i).forward(f);
            Tensor h = norms.get(i).forward(c, valid(batch.mask(), c.size(2)));
            if (gated) {
                h = Gating.gate(Shapes.slice(h, 1, 0, channels), Shapes.slice(h, 1, channels, 2L * channels));
                h = Pooling.maxPool2d(h, pools[i], 1, pools[i], 1);
            } else {
                h = Pooling.reluMaxPool2d(h, pools[i], 1);
            }
            f = Dropout.apply(h, dropout, stepRng(), isTraining());
        }
        // [B, C, H, T] -> [B, T, C*H]
        Tensor seq = Shapes.reshape(Shapes.permute(f, 0, 3, 1, 2), b, t, f.size(1) * f.size(2));
        Tensor mask = batch.mask() == null ? null : Tensor.constant(batch.mask());
        Tensor h = Dropout.apply(rnn.encode(seq, mask), dropout, stepRng(), isTraining());
        Tensor logits = head.forward(h);
        return attention == null ? logits : Shapes.concat(2, logits, attention.forward(h));
    }
}
