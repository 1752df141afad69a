package org.seqlab.experiment;

import org.seqlab.experiment.spec.EvalSpec;

/**
 * Starting point for the evaluation section: {@code Eval.metrics("accuracy", "macro-f1").on("test").monitor("accuracy")},
 * and {@code .batch(100)} where a step-by-step decoder makes evaluation cost per batch (LAS).
 */
public final class Eval {
    private Eval() {}

    public static EvalSpec metrics(String... names) {
        return EvalSpec.metrics(names);
    }
}
