package org.seqlab.experiment.builtin;

import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.DecoderFactory;
import org.seqlab.experiment.registry.Factories.FeaturesFactory;
import org.seqlab.experiment.registry.Factories.MetricFactory;
import org.seqlab.experiment.registry.Factories.ScheduleFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.registry.RegistryContributor;

/** The entries the experiment layer itself provides: metrics, the argmax decoder, no features, a constant rate. */
public final class Builtins implements RegistryContributor {
    @Override
    public void contribute(Registry r) {
        r.register(Entry.of(Kind.METRIC, "accuracy", "fraction of labels predicted right",
                MetricFactory.of(true, (p, s) -> Metrics.accuracy(false))));
        r.register(Entry.of(Kind.METRIC, "error-rate", "1 - accuracy",
                MetricFactory.of(false, (p, s) -> Metrics.accuracy(true))));
        r.register(Entry.of(Kind.METRIC, "macro-f1", "unweighted mean of per-class F1",
                MetricFactory.of(true, (p, s) -> Metrics.macroF1(s))));
        r.register(Entry.of(Kind.METRIC, "bpc", "bits per character (symbol) of the softmax of the scores",
                MetricFactory.of(false, (p, s) -> Metrics.languageModel(false))));
        r.register(Entry.of(Kind.METRIC, "perplexity", "exp of the mean negative log-likelihood per symbol",
                MetricFactory.of(false, (p, s) -> Metrics.languageModel(true))));
        r.register(Entry.of(Kind.METRIC, "mse", "mean squared error of real-valued predictions",
                MetricFactory.of(false, (p, s) -> Metrics.meanSquaredError())));
        r.register(Entry.of(Kind.DECODER, "argmax", "highest-scoring class per label position",
                (DecoderFactory) p -> new ArgmaxDecoder()));
        r.register(Entry.of(Kind.FEATURES, "none", "use the corpus' own inputs (symbolic and toy tasks)",
                (FeaturesFactory) p -> null));
        r.register(Entry.of(Kind.SCHEDULE, "constant", "the optimizer's learning rate throughout",
                (ScheduleFactory) p -> (base, step, total) -> base * org.seqlab.optim.LrSchedule.constant().factor(step)));
    }
}
