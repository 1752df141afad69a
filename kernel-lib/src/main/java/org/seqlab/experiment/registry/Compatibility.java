package org.seqlab.experiment.registry;

import java.util.List;
import java.util.Set;
import org.seqlab.experiment.registry.Factories.DecoderFactory;
import org.seqlab.experiment.registry.Factories.MetricFactory;
import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Task;

/**
 * Checks that a spec's loss, decoder and metrics fit its dataset's task and each other, once the
 * dataset has said what its task is and before any training: a token-sequence decoder on a
 * classification dataset, or an event metric behind a decoder that gives no events, fails in one
 * line that names the key and lists what would fit. The decoder's task is checked only when a
 * metric reads its predictions (metrics such as bpc and mse read the raw scores), so specs that
 * never decode keep the default decoder; a CTC decoder named on an attention speller without a
 * CTC head (LAS, seq2seq), whose scores are per output label and not per frame, fails always.
 */
public final class Compatibility {
    private Compatibility() {}

    public static void check(ExperimentSpec spec, Registry registry, Task task) {
        String dataset = "dataset '" + spec.data().corpus().name() + "' is a " + task.label() + " task (" + task.description() + ")";
        Factories.LossFactory loss = registry.get(Kind.LOSS, spec.loss().name()).factory();
        if (!loss.tasks().contains(task)) {
            fail("loss", "loss '" + spec.loss().name() + "' cannot train it: " + dataset
                    + fitting(registry, Kind.LOSS, e -> ((Factories.LossFactory) e.factory()).tasks().contains(task), "losses for it"));
        }
        DecoderFactory decoder = registry.get(Kind.DECODER, spec.decoder().name()).factory();
        String instead = decoder.readsCtc() ? registry.get(Kind.MODEL, spec.model().name()).factory()
                .insteadOfCtc(new Params(spec.model().name(), spec.model().params())) : null;
        if (instead != null) {
            fail("decoder", spec.decoder().name() + " needs a model with a CTC output; " + spec.model().name()
                    + " has none; use " + instead);
        }
        for (Choice m : spec.evaluate().metrics()) {
            MetricFactory metric = registry.get(Kind.METRIC, m.name()).factory();
            if (!metric.tasks().contains(task)) {
                fail("evaluate.metrics", "metric '" + m.name() + "' does not apply: " + dataset
                        + fitting(registry, Kind.METRIC, e -> ((MetricFactory) e.factory()).tasks().contains(task), "metrics for it"));
            }
            if (metric.reads() == Prediction.class) {
                continue;
            }
            if (!decoder.tasks().contains(task)) {
                fail("decoder", "decoder '" + spec.decoder().name() + "' cannot decode it: " + dataset
                        + fitting(registry, Kind.DECODER, e -> ((DecoderFactory) e.factory()).tasks().contains(task), "decoders for it"));
            }
            if (!Prediction.views(decoder.gives()).contains(metric.reads())) {
                fail("decoder", "metric '" + m.name() + "' reads " + Prediction.describe(metric.reads())
                        + " but decoder '" + spec.decoder().name() + "' gives " + Prediction.describe(decoder.gives())
                        + fitting(registry, Kind.DECODER, e -> {
                            DecoderFactory d = (DecoderFactory) e.factory();
                            return d.tasks().contains(task) && Prediction.views(d.gives()).contains(metric.reads());
                        }, "decoders giving them"));
            }
        }
    }

    private static String fitting(Registry registry, Kind<?> kind, java.util.function.Predicate<Entry<?>> fits, String what) {
        List<String> names = registry.entries(kind).stream().filter(fits).map(Entry::name).toList();
        return names.isEmpty() ? "; no registered " + kind + " fits" : "; " + what + ": " + String.join(", ", names);
    }

    private static void fail(String key, String message) {
        throw new ConfigException(null, key, message);
    }

    /** The tasks every entry of {@code kind} accepts, for listings ({@code ./seqlab run --list}). */
    public static Set<Task> tasks(Entry<?> entry) {
        Object f = entry.factory();
        if (f instanceof Factories.LossFactory l) {
            return l.tasks();
        }
        if (f instanceof DecoderFactory d) {
            return d.tasks();
        }
        if (f instanceof MetricFactory m) {
            return m.tasks();
        }
        return Set.copyOf(Task.ALL);
    }
}
