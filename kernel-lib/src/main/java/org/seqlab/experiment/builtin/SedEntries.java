package org.seqlab.experiment.builtin;

import java.util.EnumSet;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Elementwise;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.DatasetFactory;
import org.seqlab.experiment.registry.Factories.DecoderFactory;
import org.seqlab.experiment.registry.Factories.LossFactory;
import org.seqlab.experiment.registry.Factories.ModelFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.registry.RegistryContributor;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.losses.BinaryCrossEntropy;
import org.seqlab.losses.WeakLabels;

/**
 * Lecture 04 (weakly labelled sound event detection): the soundscape corpora as a tagging task,
 * the DCASE 2018 baseline CRNN and the strong-label frame MLP, the clip-level poolings that
 * train frame detectors from clip tags, and DCASE post-processing.
 */
public final class SedEntries implements RegistryContributor {
    /** The clip-level poolings of {@code weak-labels}, as the lecture names them. */
    static final List<String> POOLINGS = List.of("max", "max-cosine", "attention", "mean", "fsl");

    @Override
    public void contribute(Registry r) {
        r.register(Entry.of(Kind.DATASET, "soundscape-events",
                "sound event detection on a DCASE-layout corpus of datasets.yaml (weak train tags, strong validation and test events)",
                (DatasetFactory) SoundscapeEvents::open,
                Param.string("corpus", "soundscapes", "corpus in datasets.yaml in the DESED / DCASE 2018 task 4 layout"),
                Param.oneOf("train-labels", "weak", List.of("weak", "strong"),
                        "weak: clip tags; strong: the training clips' events (the split's own, or the generator's truth/train_strong.tsv)"),
                Param.string("train-split", "train/weak", "training split (metadata/<split>.tsv); DESED: train/weak, train/synthetic..."),
                Param.string("validation-split", "validation", "strongly labelled split for early stopping and tuning"),
                Param.string("test-split", "test", "strongly labelled split the final numbers come from (DESED: e.g. eval/public)"),
                Param.integer("max-examples", 0, 0, 100_000_000, "cap on clips per split (0: all), for small runs")));
        r.register(Entry.of(Kind.MODEL, "crnn",
                "DCASE 2018 baseline CRNN: [conv 3x3, batch norm, ReLU or GLU, max-pool over frequency, dropout] blocks, BiGRU, per-frame sigmoid",
                (ModelFactory) Crnn::new,
                Param.integer("channels", 64, 1, 1024, "conv channels per block"),
                Param.intList("pools", List.of(4, 2, 2), 1, 64, "frequency pooling of each block (one block per entry)"),
                Param.integer("hidden", 64, 1, 4096, "GRU units per direction"),
                Param.bool("gated", false, "gated linear units instead of ReLU in the conv blocks"),
                Param.bool("attention", false, "a second per-frame read-out: attention logits for attention pooling"),
                Param.number("dropout", 0.25, 0.0, 0.9, "dropout after each conv block and the GRU (training only)")));
        r.register(Entry.of(Kind.MODEL, "frame-mlp", "MLP on stacked frames (each frame with its neighbours), one logit per class and frame",
                (ModelFactory) FrameMlp::new,
                Param.integer("context", 2, 0, 100, "frames on each side stacked with each frame"),
                Param.integer("hidden", 512, 1, 16384, "units per hidden layer"),
                Param.integer("layers", 2, 1, 16, "hidden ReLU layers"),
                Param.number("dropout", 0.2, 0.0, 0.9, "dropout after each hidden layer (training only)")));
        r.register(Entry.of(Kind.LOSS, "weak-labels",
                "frame detectors from clip tags: max (MIL), max-cosine (MIL + similarity penalty), attention, mean pooling, or fsl (false strong labels)",
                LossFactory.of(EnumSet.of(Task.TAGGING), (p, shape) -> loss(p.string("pooling"), p.number("alpha"), shape.outputs())),
                Param.oneOf("pooling", "max", POOLINGS, "how frame scores become the clip's: max over time, the same plus the"
                        + " cosine penalty, softmax-over-time attention (model attention: true), mean, or every frame gets the clip's tags"),
                Param.number("alpha", 0.1, 0.0, 100.0, "weight of the cosine similarity penalty (max-cosine only)")));
        r.register(Entry.of(Kind.METRIC, "class-event-f1",
                "event-based micro F1 (sed_eval 0.2.1, DCASE collars) over the named classes' events only, e.g. the short ones",
                org.seqlab.experiment.registry.Factories.MetricFactory.of(true, EnumSet.of(Task.TAGGING), Prediction.Events.class,
                        (p, shape) -> classEventF1(SedPostProcessing.classList(p.string("classes"), shape.classNames()))),
                Param.string("classes", "click,knock,dog_bark,bird_chirp",
                        "comma-separated classes scored (default: the lecture 04 recipe's short classes, 0.1-0.5 s)")));
        r.register(Entry.of(Kind.DECODER, "sed-events",
                "DCASE post-processing: median filter, per-class thresholds, optional tagging pass, runs of frames as events",
                DecoderFactory.of(EnumSet.of(Task.TAGGING), Prediction.Events.class, (p, shape) -> SedPostProcessing.decoder(
                        new SedPostProcessing.Settings(p.number("threshold"),
                                SedPostProcessing.classThresholds(p.string("class-thresholds"), shape.classNames()),
                                p.integer("median"), p.bool("two-pass"), p.number("tag-threshold"), p.integer("min-frames")))),
                Param.number("threshold", 0.5, 0.0, 1.0, "frame probability at which a class is active"),
                Param.string("class-thresholds", "", "per-class thresholds overriding it, e.g. 'dog_bark=0.3,alarm=0.6'"),
                Param.integer("median", 1, 1, 10_001, "median filter window in frames (1: none)"),
                Param.bool("two-pass", false, "tag first (clip probability >= tag-threshold), then localise only tagged classes"),
                Param.number("tag-threshold", 0.5, 0.0, 1.0, "clip probability at which a class is tagged (two-pass only)"),
                Param.integer("min-frames", 1, 1, 100_000, "shortest event kept, in frames")));
    }

    /**
     * Event F1 of {@link EventDetection#eventF1} restricted to the events (reference and detected)
     * of {@code classes}; like it, 0 when none of them was detected, so that a method that never
     * finds a short event scores 0 in the comparison instead of dropping out of it.
     */
    static org.seqlab.experiment.train.Metric<Prediction.Events, Target.Tags> classEventF1(List<String> classes) {
        var inner = EventDetection.eventF1(0.2, 0.2);
        return new org.seqlab.experiment.train.Metric<>() {
            @Override
            public void add(INDArray output, Prediction.Events predictions, Target.Tags references) {
                List<List<org.seqlab.data.Event>> ref = references.events().stream().map(l -> only(l, classes)).toList();
                List<List<org.seqlab.data.Event>> est = predictions.events().stream().map(l -> only(l, classes)).toList();
                inner.add(output, new Prediction.Events(est, predictions.frames()), new Target.Tags(references.clip(),
                        references.frames(), ref, classes, references.hopSeconds()));
            }

            @Override
            public double value() {
                return inner.value();
            }
        };
    }

    private static List<org.seqlab.data.Event> only(List<org.seqlab.data.Event> events, List<String> classes) {
        return events.stream().filter(e -> classes.contains(e.label())).toList();
    }

    /**
     * The clip loss of one pooling on [B, T, C] class logits (the first C columns of a model
     * with an attention head, whose other C columns are the attention logits).
     */
    static Objective loss(String pooling, double alpha, int classes) {
        return (Tensor out, Batch batch) -> {
            Target.Tags tags = (Target.Tags) batch.target();
            int[] lengths = LastStep.lengths(batch.mask(), batch.size(), batch.steps());
            INDArray y = Nd4j.create(tags.clip()).castTo(out.dtype());
            long width = out.size(2);
            Tensor cla = width == 2L * classes ? Shapes.slice(out, 2, 0, classes) : out;
            return switch (pooling) {
                case "fsl" -> WeakLabels.falseStrongLabels(cla, y, batch.mask());
                case "max" -> BinaryCrossEntropy.withLogits(LastStep.max(cla, lengths), y);
                case "max-cosine" -> Elementwise.add(BinaryCrossEntropy.withLogits(LastStep.max(cla, lengths), y),
                        WeakLabels.cosinePenalty(cla, lengths, y, alpha));
                case "mean" -> WeakLabels.binaryCrossEntropy(WeakLabels.meanPool(cla, lengths), y);
                case "attention" -> {
                    if (width != 2L * classes) {
                        throw new IllegalArgumentException("loss.pooling: attention needs attention logits beside the class"
                                + " logits; use model crnn with attention: true");
                    }
                    yield WeakLabels.binaryCrossEntropy(WeakLabels.attentionPool(cla,
                            Shapes.slice(out, 2, classes, 2L * classes), lengths), y);
                }
                default -> throw new IllegalArgumentException("unknown pooling " + pooling);
            };
        };
    }
}
