package org.seqlab.experiment.train;

import org.seqlab.autograd.Tensor;
import org.seqlab.nn.Module;

/**
 * A whole model for a task: batch in, scores out. The trainer needs only this; registry entries
 * compose engine layers into one.
 */
public abstract class TaskModel extends Module {
    /**
     * Scores for the batch: [batch, outputs] for sequence targets, [batch, time, outputs] for
     * step targets (class scores are unnormalised logits).
     */
    public abstract Tensor forward(Batch batch);

    /**
     * Whether training and evaluation should run ND4J's native loops on one thread: true for
     * models made of many tiny per-step ops, which a second OpenMP thread slows down
     * ({@link org.seqlab.nn.NativeThreads}).
     */
    public boolean smallOps() {
        return false;
    }
}
