package org.seqlab.experiment;

import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.TrainSpec;

/** Starting points for the training section: {@code Train.adam(1e-3).epochs(30).batch(32).seed(1)}. */
public final class Train {
    private Train() {}

    public static TrainSpec adam(double lr) {
        return TrainSpec.adam(lr);
    }

    public static TrainSpec sgd(double lr) {
        return TrainSpec.sgd(lr);
    }

    /** {@code Train.with(Optimizers.adamw().lr(1e-3).weightDecay(0.05))}. */
    public static TrainSpec with(org.seqlab.experiment.spec.ChoiceBuilder<?> optimizer) {
        return TrainSpec.with(optimizer.choice());
    }

    /** Any registered optimizer: {@code Train.with(Choice.of("adamw").with("lr", 1e-3))}. */
    public static TrainSpec with(Choice optimizer) {
        return TrainSpec.with(optimizer);
    }
}
