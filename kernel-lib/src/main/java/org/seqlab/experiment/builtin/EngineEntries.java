package org.seqlab.experiment.builtin;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.data.CorpusException;
import org.seqlab.data.generate.TextCorpus;
import org.seqlab.data.generate.ToyTask;
import org.seqlab.experiment.CorpusMissingException;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Factories.DatasetFactory;
import org.seqlab.experiment.registry.Factories.LossFactory;
import org.seqlab.experiment.registry.Factories.ModelFactory;
import org.seqlab.experiment.registry.Factories.OptimizerFactory;
import org.seqlab.experiment.registry.Factories.ScheduleFactory;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.registry.RegistryContributor;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.DataContext;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.builtin.SequenceTasks.Labels;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.losses.MeanSquaredError;
import org.seqlab.nn.recurrent.Cell;
import org.seqlab.optim.Adam;
import org.seqlab.optim.LrSchedule;
import org.seqlab.optim.ParamGroup;
import org.seqlab.optim.Sgd;

/**
 * Registry entries over the engine (recurrent layers, losses, optimizers, schedules) and the
 * data branch's generated corpora. Adding a model here makes it available to YAML files and to
 * {@code Experiment.model("name", ...)} at once.
 */
public final class EngineEntries implements RegistryContributor {
    @Override
    public void contribute(Registry r) {
        models(r);
        losses(r);
        optimizers(r);
        schedules(r);
        datasets(r);
        features(r);
        r.register(Entry.of(Kind.AUGMENT, "specaugment", "frequency and time masks on training features (no time warping)",
                (org.seqlab.experiment.registry.Factories.AugmentFactory) p -> new SpecAugmentation(
                        org.seqlab.features.SpecAugment.none().freq(p.integer("freq-masks"), p.integer("max-freq-width"))
                                .time(p.integer("time-masks"), p.integer("max-time-width"))
                                .maxTimeFraction(p.number("max-time-fraction"))),
                Param.integer("freq-masks", 2, 0, 16, "frequency masks per utterance"),
                Param.integer("max-freq-width", 8, 0, 512, "widest frequency mask, in bins"),
                Param.integer("time-masks", 2, 0, 64, "time masks per utterance"),
                Param.integer("max-time-width", 20, 0, 100_000, "widest time mask, in frames"),
                Param.number("max-time-fraction", 1.0, 0.0, 1.0, "a time mask covers at most this part of the utterance")));
    }

    private static void features(Registry r) {
        List<Param> logmel = org.seqlab.features.LogMel.PARAMS;
        List<Param> mfcc = org.seqlab.features.Mfcc.PARAMS;
        r.register(Entry.of(Kind.FEATURES, "logmel", "log mel filterbank energies (org.seqlab.features.LogMel)",
                (org.seqlab.experiment.registry.Factories.FeaturesFactory) p -> org.seqlab.features.Features.fromMap(Map.of(
                        "name", "logmel", "bins", p.integer("bins"), "sample_rate", p.integer("sample-rate"),
                        "win", p.integer("win"), "hop", p.integer("hop"), "fft", p.integer("fft"))),
                declared(logmel, "bins"), declared(logmel, "sample_rate"), declared(logmel, "win"), declared(logmel, "hop"),
                declared(logmel, "fft")));
        r.register(Entry.of(Kind.FEATURES, "mfcc", "mel-frequency cepstral coefficients (org.seqlab.features.Mfcc)",
                (org.seqlab.experiment.registry.Factories.FeaturesFactory) p -> org.seqlab.features.Features.fromMap(Map.of(
                        "name", "mfcc", "coefficients", p.integer("coefficients"), "bins", p.integer("bins"),
                        "sample_rate", p.integer("sample-rate"), "win", p.integer("win"), "hop", p.integer("hop"),
                        "fft", p.integer("fft"))),
                declared(mfcc, "coefficients"), declared(mfcc, "bins"), declared(mfcc, "sample_rate"), declared(mfcc, "win"),
                declared(mfcc, "hop"), declared(mfcc, "fft")));
    }

    private static void models(Registry r) {
        for (Cell cell : List.of(Cell.LSTM, Cell.GRU, Cell.RNN_TANH)) {
            String name = switch (cell) {
                case LSTM -> "lstm";
                case GRU -> "gru";
                default -> "rnn";
            };
            List<Param> params = new java.util.ArrayList<>(List.of(
                    Param.integer("hidden", 64, 1, 8192, "units per layer and direction"),
                    Param.integer("layers", 1, 1, 16, "stacked recurrent layers"),
                    Param.bool("bidirectional", false, "run each layer both ways and merge the directions"),
                    Param.oneOf("merge", "concat", List.of("concat", "sum"),
                            "how a bidirectional layer merges its directions: concatenated, or summed as Keras' merge_mode='sum'"),
                    Param.number("dropout", 0.0, 0.0, 0.9, "dropout between layers and before the read-out (training only)"),
                    Param.oneOf("pool", "last", List.of("last", "mean"),
                            "for one answer per sequence: the last valid step's output or the mean over steps")));
            if (cell == Cell.RNN_TANH) {
                params.add(RecurrentInit.SPECTRAL_RADIUS);
            }
            r.register(Entry.of(Kind.MODEL, name, cell + " layers and a linear read-out",
                    (ModelFactory) (p, shape, seed) -> RecurrentInit.apply(new RecurrentModel(cell, p, shape, seed), p),
                    params.toArray(new Param[0])));
        }
    }

    private static void losses(Registry r) {
        r.register(Entry.of(Kind.LOSS, "cross-entropy", "softmax cross-entropy per label (per frame on a transcription's alignment), padding masked",
                LossFactory.of(EnumSet.of(Task.CLASSIFICATION, Task.FRAME_CLASSIFICATION, Task.TRANSCRIPTION), (p, shape) -> {
                    double smoothing = p.number("smoothing");
                    return (out, batch) -> {
                        if (batch.labels() == null) {
                            throw new IllegalStateException("cross-entropy needs a class per label position; this "
                                    + shape.task().label() + " data has no frame alignment (use an alignment-free loss such as CTC)");
                        }
                        return CrossEntropy.loss(out, targets(batch, out.shape()), mask(batch), smoothing);
                    };
                }),
                Param.number("smoothing", 0.0, 0.0, 0.99, "label smoothing")));
        r.register(Entry.of(Kind.LOSS, "mse", "mean squared error of real-valued predictions",
                LossFactory.of(EnumSet.of(Task.REGRESSION), (p, shape) -> (out, batch) -> {
                    INDArray target = Nd4j.createFromArray(batch.values()).castTo(out.dtype()).reshape(out.shape());
                    return MeanSquaredError.loss(out, target);
                })));
        r.register(Entry.of(Kind.LOSS, "binary-cross-entropy",
                "sigmoid cross-entropy per class: on frame activity (strong labels) or on max-pooled clip logits (weak labels)",
                LossFactory.of(EnumSet.of(Task.TAGGING), (p, shape) -> EventDetection.loss(p.string("labels").equals("weak"))),
                Param.oneOf("labels", "strong", List.of("strong", "weak"),
                        "strong: frame activity; weak: clip tags only (the clip logit is the largest of its frames' logits)")));
        r.register(Entry.of(Kind.LOSS, "ctc", "connectionist temporal classification over all alignments (no frame labels needed), torch's mean reduction",
                LossFactory.of(EnumSet.of(Task.TRANSCRIPTION), (p, shape) -> {
                    int blank = p.integer("blank");
                    if (blank >= shape.outputs()) {
                        throw new org.seqlab.experiment.spec.ConfigException(null, "loss.blank",
                                "blank " + blank + " is not one of the model's " + shape.outputs() + " classes");
                    }
                    return Transcription.ctcLoss(blank);
                }),
                Param.integer("blank", 0, 0, 100_000, "class index of the blank (the datasets and CTC decoders use 0)")));
    }

    /** Labels in the logits' shape without the class axis ([B] or [B, T]). */
    private static INDArray targets(Batch b, long[] logitsShape) {
        long[] shape = java.util.Arrays.copyOf(logitsShape, logitsShape.length - 1);
        int[] l = b.labels().clone();
        for (int i = 0; i < l.length; i++) {
            l[i] = Math.max(l[i], 0);
        }
        return Nd4j.createFromArray(l).reshape(shape);
    }

    private static INDArray mask(Batch b) {
        boolean any = false;
        float[] m = new float[b.labels().length];
        for (int i = 0; i < m.length; i++) {
            m[i] = b.labels()[i] >= 0 ? 1f : 0f;
            any |= b.labels()[i] < 0;
        }
        if (!any) {
            return null;
        }
        return b.labels().length == b.size() ? Nd4j.createFromArray(m) : Nd4j.createFromArray(m).reshape(b.size(), b.steps());
    }

    private static void optimizers(Registry r) {
        Param lr = Param.number("lr", 1e-3, 1e-8, 10.0, "base learning rate");
        Param wd = Param.number("weight-decay", 0.0, 0.0, 1.0, "L2 penalty added to the gradient");
        r.register(Entry.of(Kind.OPTIMIZER, "adam", "Adam (PyTorch's form)",
                (OptimizerFactory) (p, params) -> new Adam(List.of(new ParamGroup(params,
                        p.number("lr"), p.number("weight-decay"))), p.number("beta1"), p.number("beta2"), p.number("eps"), false),
                lr, Param.number("beta1", 0.9, 0.0, 0.999999, "first-moment decay"),
                Param.number("beta2", 0.999, 0.0, 0.999999, "second-moment decay"),
                Param.number("eps", 1e-8, 1e-12, 1.0, "denominator floor"), wd));
        r.register(Entry.of(Kind.OPTIMIZER, "adamw", "Adam with decoupled weight decay",
                (OptimizerFactory) (p, params) -> new Adam(List.of(new ParamGroup(params,
                        p.number("lr"), p.number("weight-decay"))), p.number("beta1"), p.number("beta2"), p.number("eps"), true),
                lr, Param.number("beta1", 0.9, 0.0, 0.999999, "first-moment decay"),
                Param.number("beta2", 0.999, 0.0, 0.999999, "second-moment decay"),
                Param.number("eps", 1e-8, 1e-12, 1.0, "denominator floor"),
                Param.number("weight-decay", 0.01, 0.0, 1.0, "decoupled weight decay")));
        r.register(Entry.of(Kind.OPTIMIZER, "sgd", "SGD with optional (Nesterov) momentum",
                (OptimizerFactory) (p, params) -> new Sgd(List.of(new ParamGroup(params,
                        p.number("lr"), p.number("weight-decay"))), p.number("momentum"), p.bool("nesterov")),
                Param.number("lr", 0.1, 1e-8, 100.0, "learning rate"),
                Param.number("momentum", 0.0, 0.0, 0.999, "momentum"),
                Param.bool("nesterov", false, "Nesterov momentum"), wd));
    }

    private static void schedules(Registry r) {
        r.register(Entry.of(Kind.SCHEDULE, "step", "multiply the rate by gamma every so many steps",
                (ScheduleFactory) (p, total) -> LrSchedule.step(p.integer("every"), p.number("gamma")),
                Param.integer("every", 1000, 1, Integer.MAX_VALUE, "steps between decays"),
                Param.number("gamma", 0.5, 0.0, 1.0, "decay factor")));
        r.register(Entry.of(Kind.SCHEDULE, "cosine", "linear warm-up, then cosine decay to min-factor at the last step",
                (ScheduleFactory) (p, total) -> LrSchedule.warmup(p.integer("warmup"),
                        LrSchedule.cosine(Math.max(1, total - p.integer("warmup")), p.number("min-factor"))),
                Param.integer("warmup", 0, 0, Integer.MAX_VALUE, "warm-up steps"),
                Param.number("min-factor", 0.0, 0.0, 1.0, "final rate as a fraction of the base rate")));
    }

    static final Param TRAIN = Param.integer("train", 1000, 1, 10_000_000, "training examples");
    static final Param VALIDATION = Param.integer("validation", 200, 1, 10_000_000, "validation examples");
    static final Param TEST = Param.integer("test", 200, 1, 10_000_000, "test examples");

    /**
     * A toy corpus's key as its generator declares it for datasets.yaml, spelt the experiment way
     * ({@code min_length} as {@code min-length}), so the default lives in the generator alone.
     */
    static Param generatorParam(String generator, String key) {
        return declared(org.seqlab.data.generate.Generators.declaration(generator), key);
    }

    /** Key {@code key} of a datasets.yaml or feature-spec declaration, spelt the experiment way ({@code a_b} as {@code a-b}). */
    private static Param declared(List<Param> declaration, String key) {
        return declaration.stream().filter(q -> q.name().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no declared parameter '" + key + "'"))
                .renamed(key.replace('_', '-'));
    }

    private static void datasets(Registry r) {
        r.register(Entry.of(Kind.DATASET, "adding", "the adding problem: sum of the two marked values (regression)",
                (DatasetFactory) (p, ctx) -> toy("adding", Map.of("length", p.integer("length")), p, ctx,
                        t -> new TaskShape(t.inputSize(), 1, Task.REGRESSION, List.of()), Labels.VALUE),
                generatorParam("adding", "length"), TRAIN, VALIDATION, TEST,
                Param.longInt("data-seed", 1, "seed of the generated examples (datasets.yaml: 1)")));
        r.register(Entry.of(Kind.DATASET, "parity", "parity of random bit strings, running (per step) or final",
                (DatasetFactory) (p, ctx) -> toy("parity", Map.of("min_length", p.integer("min-length"),
                                "max_length", p.integer("max-length"), "per_step", p.bool("per-step")), p, ctx,
                        t -> new TaskShape(t.inputSize(), 2, t.perStep() ? Task.FRAME_CLASSIFICATION : Task.CLASSIFICATION,
                                List.of("even", "odd")), Labels.BINARY),
                generatorParam("parity", "min_length"), generatorParam("parity", "max_length"),
                generatorParam("parity", "per_step"), TRAIN, VALIDATION, TEST,
                Param.longInt("data-seed", 3, "seed of the generated examples (datasets.yaml: 3)")));
        r.register(Entry.of(Kind.DATASET, "copy", "recall a symbol string after a lag (per-step classes, blank elsewhere)",
                (DatasetFactory) (p, ctx) -> RecallOnly.applyIf(p.bool("recall-only"), p.integer("symbols"),
                        toy("copy", Map.of("symbols", p.integer("symbols"), "length", p.integer("length"),
                                "lag", p.integer("lag")), p, ctx,
                        t -> new TaskShape(t.inputSize(), t.outputSize(), Task.FRAME_CLASSIFICATION, List.of()), Labels.ONE_HOT)),
                RecallOnly.PARAM,
                generatorParam("copy", "symbols"), generatorParam("copy", "length"), generatorParam("copy", "lag"), TRAIN, VALIDATION, TEST,
                Param.longInt("data-seed", 2, "seed of the generated examples (datasets.yaml: 2)")));
        r.register(Entry.of(Kind.DATASET, "toy-events", "sound event detection made in memory: class signatures summed over events, plus noise",
                (DatasetFactory) (p, ctx) -> new ToyEvents(p.integer("classes"), p.integer("features"), p.integer("frames"),
                        p.number("noise"), p.longInt("data-seed")).open(p.integer("train"), p.integer("validation"), p.integer("test"),
                        ctx.trainFraction()),
                Param.integer("classes", 3, 1, 100, "event classes"),
                Param.integer("features", 16, 1, 1024, "features per frame"),
                Param.integer("frames", 40, 20, 100_000, "longest clip in frames (0.1 s each); clips are 1/2 to 1 times this"),
                Param.number("noise", 1.0, 0.0, 100.0, "std of the Gaussian noise on every feature"), TRAIN, VALIDATION, TEST,
                Param.longInt("data-seed", 5, "seed of the generated clips")));
        r.register(Entry.of(Kind.DATASET, "toy-spelling", "transcription made in memory: noisy one-hot frames spelling a token string",
                (DatasetFactory) (p, ctx) -> new ToySpelling(p.integer("symbols"), p.integer("min-tokens"), p.integer("max-tokens"),
                        p.number("noise"), p.longInt("data-seed")).open(p.integer("train"), p.integer("validation"), p.integer("test"),
                        ctx.trainFraction()),
                Param.integer("symbols", 5, 1, 1000, "vocabulary size (tokens 1..symbols; 0 is the blank)"),
                Param.integer("min-tokens", 2, 1, 10_000, "shortest string"),
                Param.integer("max-tokens", 6, 1, 10_000, "longest string"),
                Param.number("noise", 0.3, 0.0, 100.0, "std of the Gaussian noise on every feature"), TRAIN, VALIDATION, TEST,
                Param.longInt("data-seed", 6, "seed of the generated utterances")));
        r.register(Entry.of(Kind.DATASET, "spoken-words", "spoken-word classification (many-to-one) on a speech corpus of datasets.yaml",
                (DatasetFactory) EngineEntries::words,
                Param.string("corpus", "speech-words", "word corpus in datasets.yaml (librispeech layout, one word per utterance)"),
                Param.integer("max-examples", 0, 0, 100_000_000, "cap on utterances per split (0: all), for small runs"),
                Param.oneOf("subset", "first", List.of("first", "balanced"), "which utterances data.train-fraction keeps:"
                        + " the first ones, or a draw by train.seed with the words taking turns (every word present)"),
                Param.oneOf("normalize", "none", List.of("none", "train"), "train: every split scaled to zero mean and"
                        + " unit variance per coefficient with the statistics of the utterances trained on")));
        r.register(Entry.of(Kind.DATASET, "chars", "next-character prediction on a text corpus of datasets.yaml",
                (DatasetFactory) EngineEntries::chars,
                Param.string("corpus", "licences-text", "text corpus in datasets.yaml"),
                Param.integer("length", 64, 2, 100_000, "characters per training window"),
                Param.integer("stride", 64, 1, 100_000, "characters between window starts"),
                Param.integer("eval-length", 0, 0, 1_000_000, "characters per validation and test window, each read from"
                        + " the zero state; longer windows spread the cost of the cold start (0: the training length)"),
                Param.integer("max-windows", 0, 0, 100_000_000, "cap on windows per split (0: all), for small runs"),
                Param.oneOf("alphabet", "as-is", List.of("as-is", "letters"), "as-is: every character of the text;"
                        + " letters: lower-cased a-z with every other run of characters one space (text8's 27 symbols)")));
    }

    static TaskData words(Params p, DataContext ctx) {
        String name = p.string("corpus");
        if (ctx.features() == null) {
            throw new org.seqlab.experiment.spec.ConfigException(null, "data.features",
                    "corpus '" + name + "' is audio: choose features, e.g. features: {name: logmel, bins: 40}");
        }
        org.seqlab.data.Corpus corpus = ctx.corpus(name);
        if (!corpus.isReady()) {
            throw new CorpusMissingException(name, "it is not built under " + corpus.dir()
                    + "; generate it with ./seqlab datasets prepare " + name + " (needs espeak-ng)");
        }
        var fx = corpus.features(ctx.features());
        var all = capped(fx.split("train").sequences(), p.integer("max-examples"));
        var train = p.string("subset").equals("balanced")
                ? BalancedSubset.draw(all, ctx.trainFraction(), ctx.seed(), s -> SequenceTasks.classOf(s.target()))
                : SequenceTasks.fraction(all, ctx.trainFraction());
        var stats = p.string("normalize").equals("train") ? TrainStatistics.fit(train) : null;
        if (stats != null) {
            train = TrainStatistics.apply(stats, train);
        }
        List<String> classes = train.stream().map(s -> SequenceTasks.classOf(s.target())).distinct().sorted().toList();
        TaskShape shape = new TaskShape(ctx.features().dimension(), classes.size(), Task.CLASSIFICATION, classes);
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("train", new SequenceTasks.SequenceSplit<>(train, Task.CLASSIFICATION, Labels.EXAMPLE_LABEL, classes));
        for (String s : List.of("validation", "test")) {
            var examples = capped(fx.split(s).sequences(), p.integer("max-examples")).stream()
                    .filter(e -> classes.contains(SequenceTasks.classOf(e.target()))).toList();
            if (stats != null) {
                examples = TrainStatistics.apply(stats, examples);
            }
            splits.put(s, new SequenceTasks.SequenceSplit<>(examples, Task.CLASSIFICATION, Labels.EXAMPLE_LABEL, classes));
        }
        return new SequenceTasks.Data(shape, splits);
    }

    static TaskData toy(String generator, Map<String, Object> generatorParams, Params p, DataContext ctx,
                                java.util.function.Function<ToyTask, TaskShape> shapeOf, Labels labels) {
        ToyTask task = ToyTask.create(generator, new org.seqlab.data.Params("experiment data", generator,
                org.seqlab.data.generate.Generators.declaration(generator), generatorParams), p.longInt("data-seed"));
        TaskShape shape = shapeOf.apply(task);
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("train", new SequenceTasks.SequenceSplit<>(
                SequenceTasks.fraction(task.generate("train", p.integer("train")), ctx.trainFraction()), shape.task(), labels));
        splits.put("validation", new SequenceTasks.SequenceSplit<>(task.generate("validation", p.integer("validation")), shape.task(), labels));
        splits.put("test", new SequenceTasks.SequenceSplit<>(task.generate("test", p.integer("test")), shape.task(), labels));
        return new SequenceTasks.Data(shape, splits);
    }

    private static TaskData chars(Params p, DataContext ctx) {
        String name = p.string("corpus");
        TextCorpus text;
        try {
            text = ctx.corpus(name).text();
            if (p.string("alphabet").equals("letters")) {
                text = text.lettersOnly();
            }
        } catch (CorpusException e) {
            throw new CorpusMissingException(name, e.getMessage() + " (prepare it with ./seqlab datasets prepare " + name + ")");
        }
        int length = p.integer("length");
        int stride = p.integer("stride");
        int cap = p.integer("max-windows");
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < text.vocabularySize(); i++) {
            names.add(String.valueOf(text.symbol(i)));
        }
        TaskShape shape = new TaskShape(text.vocabularySize(), text.vocabularySize(), Task.FRAME_CLASSIFICATION, names);
        Map<String, Split> splits = new LinkedHashMap<>();
        var train = capped(text.windows("train", length, stride), cap);
        splits.put("train", new SequenceTasks.SequenceSplit<>(SequenceTasks.fraction(train, ctx.trainFraction()),
                Task.FRAME_CLASSIFICATION, Labels.IDS));
        int heldOut = p.integer("eval-length") > 0 ? p.integer("eval-length") : length;
        splits.put("validation", new SequenceTasks.SequenceSplit<>(capped(text.windows("validation", heldOut, heldOut), cap),
                Task.FRAME_CLASSIFICATION, Labels.IDS));
        splits.put("test", new SequenceTasks.SequenceSplit<>(capped(text.windows("test", heldOut, heldOut), cap),
                Task.FRAME_CLASSIFICATION, Labels.IDS));
        return new SequenceTasks.Data(shape, splits);
    }

    private static <T> List<T> capped(List<T> l, int cap) {
        return cap > 0 && l.size() > cap ? l.subList(0, cap) : l;
    }

}
