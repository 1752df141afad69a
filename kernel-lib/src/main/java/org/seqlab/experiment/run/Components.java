package org.seqlab.experiment.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.experiment.registry.Factories.MetricFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Augmentation;
import org.seqlab.experiment.train.DataContext;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.features.FeatureExtractor;
import org.seqlab.optim.LrSchedule;
import org.seqlab.optim.Optimizer;

/**
 * Everything a resolved spec names, built from the registry. Built before the run folder is
 * created, so a missing corpus, a model that cannot fit the task, or a loss, decoder or metric
 * of another task ({@link org.seqlab.experiment.registry.Compatibility}) fails before any work.
 */
public record Components(TaskData data, TaskModel model, Objective objective, Decoder<?> decoder,
                         Map<String, MetricFactory> metrics, List<Choice> metricChoices, Optimizer optimizer,
                         double baseRate, LrSchedule schedule, List<Augmentation> augment,
                         Class<? extends org.seqlab.experiment.train.Prediction> decoderGives) {

    public static Components build(ExperimentSpec spec, Registry registry, Path dataRoot) {
        long seed = spec.train().seed();
        FeatureExtractor features = registry.get(Kind.FEATURES, spec.data().features().name()).factory()
                .create(params(spec.data().features()));
        TaskData data = registry.get(Kind.DATASET, spec.data().corpus().name()).factory()
                .open(params(spec.data().corpus()), new DataContext(seed, spec.data().trainFraction(), features, dataRoot));
        org.seqlab.experiment.registry.Compatibility.check(spec, registry, data.shape().task());
        TaskModel model = registry.get(Kind.MODEL, spec.model().name()).factory()
                .create(params(spec.model()), data.shape(), seed);
        if (spec.train().truncate() > 0 && !(model instanceof org.seqlab.experiment.train.StatefulModel)) {
            throw new org.seqlab.experiment.spec.ConfigException(null, "train.truncate", "model '" + spec.model().name()
                    + "' cannot carry its state from chunk to chunk; use train.truncate: 0 or a recurrent model (rnn, lstm, gru)");
        }
        Objective objective = org.seqlab.experiment.train.ModelBound.bind(
                registry.get(Kind.LOSS, spec.loss().name()).factory().create(params(spec.loss()), data.shape()), model);
        var decoderFactory = registry.get(Kind.DECODER, spec.decoder().name()).factory();
        Decoder<?> decoder = org.seqlab.experiment.train.ModelBound.bind(decoderFactory.create(params(spec.decoder()), data.shape()), model);
        Map<String, MetricFactory> metrics = new LinkedHashMap<>();
        for (Choice c : spec.evaluate().metrics()) {
            MetricFactory f = registry.get(Kind.METRIC, c.name()).factory();
            // made once here only to check its params against the data (class-event-f1's classes), before epoch 1, not after it
            f.create(params(c), data.shape());
            metrics.put(c.name(), f);
        }
        Choice opt = spec.train().optimizer();
        Optimizer optimizer = registry.get(Kind.OPTIMIZER, opt.name()).factory().create(params(opt), model.parameters());
        Object lr = opt.params().get("lr");
        if (!(lr instanceof Double rate)) {
            throw new IllegalStateException("optimizer '" + opt.name() + "' must declare a number parameter 'lr'");
        }
        int trainSize = data.split("train").size();
        long totalSteps = (long) spec.train().stepsPerEpoch(trainSize) * spec.train().epochsFor(trainSize);
        LrSchedule schedule = registry.get(Kind.SCHEDULE, spec.train().schedule().name()).factory()
                .create(params(spec.train().schedule()), totalSteps);
        List<Augmentation> augment = new ArrayList<>();
        for (Choice a : spec.data().augment()) {
            augment.add(registry.get(Kind.AUGMENT, a.name()).factory().create(params(a)));
        }
        return new Components(data, model, objective, decoder, metrics, spec.evaluate().metrics(), optimizer,
                rate, schedule, augment, decoderFactory.gives());
    }

    public static Params params(Choice c) {
        return new Params(c.name(), c.params());
    }
}
