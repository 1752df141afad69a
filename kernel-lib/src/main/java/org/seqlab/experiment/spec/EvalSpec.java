package org.seqlab.experiment.spec;

import java.util.Arrays;
import java.util.List;

/**
 * What to measure and on which split; {@code monitor} is {@code loss} or one of the metrics,
 * measured on the validation split after every epoch to pick the best checkpoint and to stop early.
 */
public record EvalSpec(List<Choice> metrics, String split, String monitor) {
    public EvalSpec {
        metrics = List.copyOf(metrics);
    }

    public static EvalSpec metrics(String... names) {
        return new EvalSpec(Arrays.stream(names).map(Choice::of).toList(),
                (String) Schema.SPLIT.defaultValue(), (String) Schema.MONITOR.defaultValue());
    }

    public static EvalSpec metrics(Choice... metrics) {
        return new EvalSpec(List.of(metrics), (String) Schema.SPLIT.defaultValue(), (String) Schema.MONITOR.defaultValue());
    }

    public EvalSpec on(String split) {
        return new EvalSpec(metrics, split, monitor);
    }

    public EvalSpec monitor(String m) {
        return new EvalSpec(metrics, split, m);
    }
}
