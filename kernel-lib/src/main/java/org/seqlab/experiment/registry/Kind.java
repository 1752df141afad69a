package org.seqlab.experiment.registry;

import java.util.List;
import org.seqlab.experiment.registry.Factories.AugmentFactory;
import org.seqlab.experiment.registry.Factories.DatasetFactory;
import org.seqlab.experiment.registry.Factories.DecoderFactory;
import org.seqlab.experiment.registry.Factories.FeaturesFactory;
import org.seqlab.experiment.registry.Factories.LossFactory;
import org.seqlab.experiment.registry.Factories.MetricFactory;
import org.seqlab.experiment.registry.Factories.ModelFactory;
import org.seqlab.experiment.registry.Factories.OptimizerFactory;
import org.seqlab.experiment.registry.Factories.ScheduleFactory;

/** The kinds of things a spec chooses by name; typed by the factory their entries carry. */
public final class Kind<F> {
    public static final Kind<DatasetFactory> DATASET = new Kind<>("dataset", DatasetFactory.class);
    public static final Kind<FeaturesFactory> FEATURES = new Kind<>("features", FeaturesFactory.class);
    public static final Kind<AugmentFactory> AUGMENT = new Kind<>("augmentation", AugmentFactory.class);
    public static final Kind<ModelFactory> MODEL = new Kind<>("model", ModelFactory.class);
    public static final Kind<LossFactory> LOSS = new Kind<>("loss", LossFactory.class);
    public static final Kind<DecoderFactory> DECODER = new Kind<>("decoder", DecoderFactory.class);
    public static final Kind<MetricFactory> METRIC = new Kind<>("metric", MetricFactory.class);
    public static final Kind<OptimizerFactory> OPTIMIZER = new Kind<>("optimizer", OptimizerFactory.class);
    public static final Kind<ScheduleFactory> SCHEDULE = new Kind<>("schedule", ScheduleFactory.class);

    public static final List<Kind<?>> ALL = List.of(DATASET, FEATURES, AUGMENT, MODEL, LOSS, DECODER, METRIC, OPTIMIZER, SCHEDULE);

    private final String label;
    private final Class<F> factoryType;

    private Kind(String label, Class<F> factoryType) {
        this.label = label;
        this.factoryType = factoryType;
    }

    public String label() {
        return label;
    }

    public Class<F> factoryType() {
        return factoryType;
    }

    @Override
    public String toString() {
        return label;
    }
}
