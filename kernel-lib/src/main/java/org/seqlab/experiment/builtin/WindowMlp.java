package org.seqlab.experiment.builtin;

import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Elementwise;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.nn.Linear;

/**
 * The lecture's feed-forward answer to "where is the memory?": an MLP over a sliding window of
 * the last {@code window} steps, flattened, one tanh hidden layer, a linear read-out. Its first
 * layer has window x features x hidden weights, so its parameters grow linearly with the window,
 * and it sees nothing older than the window, however long the sequence; a recurrent layer shares
 * its weights across steps instead.
 */
final class WindowMlp extends TaskModel {
    private final int window;
    private final Linear hidden;
    private final Linear out;

    WindowMlp(Params p, TaskShape shape, long seed) {
        if (shape.task().perFrame()) {
            throw new IllegalArgumentException("window-mlp gives one answer per sequence; this is a "
                    + shape.task().label() + " task");
        }
        window = p.integer("window");
        Rng rng = new Rng(seed);
        hidden = child("hidden", new Linear((long) window * shape.inputDim(), p.integer("hidden"), rng.split()));
        out = child("out", new Linear(p.integer("hidden"), shape.outputs(), rng.split()));
    }

    @Override
    public Tensor forward(Batch batch) {
        if (batch.mask() != null) {
            throw new IllegalArgumentException("window-mlp needs sequences of one length (the window ends at the last step)");
        }
        Tensor x = Tensor.constant(batch.inputs());
        int steps = batch.steps();
        if (steps < window) {
            throw new IllegalArgumentException("window-mlp: window " + window + " is longer than the sequences ("
                    + steps + " steps)");
        }
        Tensor last = Shapes.slice(x, 1, steps - window, steps);
        return out.forward(Elementwise.tanh(hidden.forward(Shapes.reshape(last, batch.size(), -1))));
    }
}
