package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Dropout;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.experiment.train.Task;
import org.seqlab.nn.Linear;
import org.seqlab.nn.recurrent.Bidirectional;
import org.seqlab.nn.recurrent.Cell;
import org.seqlab.nn.recurrent.RecurrentLayer;
import org.seqlab.nn.recurrent.SequenceEncoder;
import org.seqlab.nn.recurrent.SequenceResult;
import org.seqlab.nn.recurrent.Stacked;
import org.seqlab.experiment.train.StatefulModel;

/**
 * A stack of recurrent layers (plain, or bidirectional with concatenated or summed directions), dropout
 * between layers and before the read-out, and a linear read-out: per step for step targets (language models, running parity), after the last
 * valid step or the mean over steps for one answer per sequence.
 */
final class RecurrentModel extends TaskModel implements StatefulModel {
    private final Stacked encoder;
    private final Linear head;
    private final boolean perStep;
    private final boolean meanPool;
    private final double dropout;

    RecurrentModel(Cell cell, Params p, TaskShape shape, long seed) {
        Bidirectional.Merge merge = !p.bool("bidirectional") ? null
                : p.string("merge").equals("sum") ? Bidirectional.Merge.SUM : Bidirectional.Merge.CONCAT;
        encoder = child("encoder", Stacked.of(cell, shape.inputDim(), p.integer("hidden"), p.integer("layers"), merge,
                seed, DataType.FLOAT));
        head = child("head", new Linear(encoder.outputSize(), shape.outputs(), new Rng(seed + 1_000_003L)));
        perStep = shape.task().perFrame();
        meanPool = p.string("pool").equals("mean");
        dropout = p.number("dropout");
        encoder.between(h -> Dropout.apply(h, dropout, stepRng(), true));
    }

    /**
     * Dropout masks come from ND4J's generator, which the trainer reseeds from (seed, step)
     * before every step: repeatable, and a resumed run draws the same masks.
     */
    private static Rng stepRng() {
        return new Rng(Nd4j.getRandom().nextLong());
    }

    @Override
    public Tensor forward(Batch batch) {
        Tensor mask = batch.mask() == null ? null : Tensor.constant(batch.mask());
        Tensor seq = encoder.encode(Tensor.constant(batch.inputs()), mask);
        seq = Dropout.apply(seq, dropout, stepRng(), isTraining());
        if (perStep) {
            return head.forward(seq);
        }
        int[] lengths = LastStep.lengths(batch.mask(), batch.size(), batch.steps());
        return head.forward(meanPool ? LastStep.mean(seq, lengths) : LastStep.last(seq, lengths));
    }

    /**
     * The per-step forward pass layer by layer from given states (h, c per layer), for truncated
     * BPTT; the same operations as {@link #forward(Batch)}, so a chunk as long as the sequence
     * gives the same scores.
     */
    @Override
    public Continued forward(Batch batch, java.util.List<Tensor> state) {
        if (!perStep) {
            throw new IllegalStateException("train.truncate needs a per-step task; this model gives one answer per sequence");
        }
        Tensor mask = batch.mask() == null ? null : Tensor.constant(batch.mask());
        Tensor h = Tensor.constant(batch.inputs());
        java.util.List<Tensor> next = new java.util.ArrayList<>();
        java.util.List<SequenceEncoder> layers = encoder.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof RecurrentLayer layer)) {
                throw new IllegalStateException("train.truncate needs a unidirectional model (bidirectional: false)");
            }
            if (i > 0 && isTraining()) {
                h = Dropout.apply(h, dropout, stepRng(), true);
            }
            SequenceResult r = layer.forward(h, mask, state == null ? null : state.get(2 * i),
                    state == null ? null : state.get(2 * i + 1), false);
            next.add(r.lastHidden());
            next.add(r.lastCell());
            h = r.sequence();
        }
        h = Dropout.apply(h, dropout, stepRng(), isTraining());
        return new Continued(head.forward(h), next);
    }
}
