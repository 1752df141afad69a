package org.seqlab.experiment.spec;

import java.util.Arrays;
import java.util.List;

/**
 * What to measure and on which split; {@code monitor} is {@code loss} or one of the metrics,
 * measured on the validation split after every epoch to pick the best checkpoint and to stop early.
 * {@code batch} is the evaluation's batch size, 0 meaning the training batch: a step-by-step decoder
 * (LAS's greedy spelling) costs per decoding step, not per row, so evaluating in larger batches than
 * the optimizer steps on saves most of the per-epoch validation time.
 */
public record EvalSpec(List<Choice> metrics, String split, String monitor, int batch) {
    public EvalSpec {
        metrics = List.copyOf(metrics);
    }

    public EvalSpec(List<Choice> metrics, String split, String monitor) {
        this(metrics, split, monitor, 0);
    }

    public static EvalSpec metrics(String... names) {
        return new EvalSpec(Arrays.stream(names).map(Choice::of).toList(),
                (String) Schema.SPLIT.defaultValue(), (String) Schema.MONITOR.defaultValue());
    }

    public static EvalSpec metrics(Choice... metrics) {
        return new EvalSpec(List.of(metrics), (String) Schema.SPLIT.defaultValue(), (String) Schema.MONITOR.defaultValue());
    }

    public EvalSpec on(String split) {
        return new EvalSpec(metrics, split, monitor, batch);
    }

    public EvalSpec monitor(String m) {
        return new EvalSpec(metrics, split, m, batch);
    }

    public EvalSpec batch(int examples) {
        return new EvalSpec(metrics, split, monitor, examples);
    }

    /** The batch size evaluation runs at, given the training batch. */
    public int batchOr(int trainBatch) {
        return batch > 0 ? batch : trainBatch;
    }
}
