package org.seqlab.experiment.registry;

import java.util.Map;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Augmentation;
import org.seqlab.experiment.train.DataContext;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.Optimizer;
import org.seqlab.experiment.train.Schedule;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.features.FeatureExtractor;
import org.seqlab.nn.Parameter;

/** The builder each kind of registry entry supplies; the spec's resolved parameters come in as {@link Params}. */
public final class Factories {
    private Factories() {}

    public interface DatasetFactory {
        /** Throws {@link org.seqlab.experiment.CorpusMissingException} when the corpus must be prepared first. */
        TaskData open(Params params, DataContext context);
    }

    public interface FeaturesFactory {
        FeatureExtractor create(Params params);
    }

    public interface ModelFactory {
        /** Initialise weights from {@code seed} only, so a run is reproducible. */
        TaskModel create(Params params, TaskShape shape, long seed);
    }

    public interface LossFactory {
        Objective create(Params params, TaskShape shape);
    }

    public interface DecoderFactory {
        Decoder create(Params params);
    }

    /** A metric and the direction in which it improves (for early stopping and best checkpoints). */
    public interface MetricFactory {
        Metric create(Params params, TaskShape shape);

        boolean higherIsBetter();

        static MetricFactory of(boolean higherIsBetter, java.util.function.BiFunction<Params, TaskShape, Metric> create) {
            return new MetricFactory() {
                @Override
                public Metric create(Params params, TaskShape shape) {
                    return create.apply(params, shape);
                }

                @Override
                public boolean higherIsBetter() {
                    return higherIsBetter;
                }
            };
        }
    }

    public interface OptimizerFactory {
        /** {@code parameters} by dotted path; the base learning rate is the entry's {@code lr} parameter. */
        Optimizer create(Params params, Map<String, Parameter> parameters);
    }

    public interface ScheduleFactory {
        Schedule create(Params params);
    }

    public interface AugmentFactory {
        Augmentation create(Params params);
    }
}
