package org.seqlab.experiment.registry;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Augmentation;
import org.seqlab.experiment.train.DataContext;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.features.FeatureExtractor;
import org.seqlab.optim.LrSchedule;
import org.seqlab.optim.Optimizer;
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

        /**
         * Null when the model's scores hold per-frame class scores, which CTC decoders read. An
         * attention speller without a CTC head scores one row per output label, which a CTC
         * decoder would misread as frames: it says how to decode it instead (e.g. "las-beam"),
         * and {@link Compatibility} refuses a CTC decoder before the run.
         */
        default String insteadOfCtc(Params params) {
            return null;
        }

        /** An attention speller; {@code instead} gives {@link #insteadOfCtc}, null when {@code params} add a CTC head. */
        static ModelFactory speller(ModelFactory create, java.util.function.Function<Params, String> instead) {
            return new ModelFactory() {
                @Override
                public TaskModel create(Params params, TaskShape shape, long seed) {
                    return create.create(params, shape, seed);
                }

                @Override
                public String insteadOfCtc(Params params) {
                    return instead.apply(params);
                }
            };
        }
    }

    /** A loss and the tasks whose targets it reads. */
    public interface LossFactory {
        Objective create(Params params, TaskShape shape);

        /** The tasks it can train; all by default. */
        default Set<Task> tasks() {
            return EnumSet.allOf(Task.class);
        }

        static LossFactory of(Set<Task> tasks, BiFunction<Params, TaskShape, Objective> create) {
            return new LossFactory() {
                @Override
                public Objective create(Params params, TaskShape shape) {
                    return create.apply(params, shape);
                }

                @Override
                public Set<Task> tasks() {
                    return tasks;
                }
            };
        }
    }

    /**
     * A decoder, the tasks whose model outputs it reads and the prediction type it gives. A beam
     * search for CTC outputs (branch {@code ctc}) registers as {@code of(Set.of(TRANSCRIPTION),
     * Prediction.Tokens.class, ...)}.
     */
    public interface DecoderFactory {
        Decoder<?> create(Params params, TaskShape shape);

        Set<Task> tasks();

        Class<? extends Prediction> gives();

        /** Whether it reads per-frame CTC scores (class 0 the blank), which not every model gives ({@link ModelFactory#insteadOfCtc}). */
        default boolean readsCtc() {
            return false;
        }

        static <P extends Prediction> DecoderFactory of(Set<Task> tasks, Class<P> gives,
                                                         BiFunction<Params, TaskShape, Decoder<P>> create) {
            return of(tasks, gives, false, create);
        }

        /** A decoder of per-frame CTC scores ({@link #readsCtc}). */
        static <P extends Prediction> DecoderFactory ctc(Set<Task> tasks, Class<P> gives,
                                                          BiFunction<Params, TaskShape, Decoder<P>> create) {
            return of(tasks, gives, true, create);
        }

        private static <P extends Prediction> DecoderFactory of(Set<Task> tasks, Class<P> gives, boolean readsCtc,
                                                                 BiFunction<Params, TaskShape, Decoder<P>> create) {
            return new DecoderFactory() {
                @Override
                public Decoder<?> create(Params params, TaskShape shape) {
                    return create.apply(params, shape);
                }

                @Override
                public Set<Task> tasks() {
                    return tasks;
                }

                @Override
                public Class<? extends Prediction> gives() {
                    return gives;
                }

                @Override
                public boolean readsCtc() {
                    return readsCtc;
                }
            };
        }
    }

    /**
     * A metric, the direction in which it improves (for early stopping and best checkpoints),
     * the tasks whose references it reads and the prediction type it needs from the decoder
     * ({@code Prediction.class}: it reads only the raw scores). The scoring packages
     * {@code org.seqlab.metrics.sed/asr/lid} register here as {@code of(true, Set.of(TAGGING),
     * Prediction.Events.class, ...)} and the like.
     */
    public interface MetricFactory {
        Metric<?, ?> create(Params params, TaskShape shape);

        boolean higherIsBetter();

        Set<Task> tasks();

        Class<? extends Prediction> reads();

        static <P extends Prediction> MetricFactory of(boolean higherIsBetter, Set<Task> tasks, Class<P> reads,
                                                        BiFunction<Params, TaskShape, Metric<P, ?>> create) {
            return new MetricFactory() {
                @Override
                public Metric<?, ?> create(Params params, TaskShape shape) {
                    return create.apply(params, shape);
                }

                @Override
                public boolean higherIsBetter() {
                    return higherIsBetter;
                }

                @Override
                public Set<Task> tasks() {
                    return tasks;
                }

                @Override
                public Class<? extends Prediction> reads() {
                    return reads;
                }
            };
        }
    }

    /**
     * The engine's optimizer over a model's parameters. The trainer sets its learning-rate factor
     * before every step (base rate x the schedule's factor); its state arrays go into every
     * checkpoint, so a resumed run continues exactly where it stopped.
     */
    public interface OptimizerFactory {
        /** {@code parameters} by dotted path; the base learning rate is the entry's {@code lr} parameter. */
        Optimizer create(Params params, Map<String, Parameter> parameters);
    }

    /**
     * The engine's learning-rate schedule, a pure function of the step so that resuming needs no
     * state; {@code totalSteps} (batches per epoch x epochs) is for schedules that end somewhere.
     */
    public interface ScheduleFactory {
        LrSchedule create(Params params, long totalSteps);
    }

    public interface AugmentFactory {
        Augmentation create(Params params);
    }
}
