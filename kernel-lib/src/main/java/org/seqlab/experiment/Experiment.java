package org.seqlab.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqlab.display.Display;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.EpochRecord;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.run.Runner;
import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.DataSpec;
import org.seqlab.experiment.spec.EvalSpec;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.spec.Problems;
import org.seqlab.experiment.spec.Schema;
import org.seqlab.experiment.spec.TrainSpec;
import org.seqlab.experiment.cli.Sweep;
import org.seqlab.experiment.yaml.Overrides;
import org.seqlab.experiment.yaml.SpecYaml;
import org.seqlab.report.TrainingCurves;

/**
 * An experiment ready to run, from Java or from a YAML file; the two faces build the same
 * {@link ExperimentSpec} and run it the same way as {@code ./seqlab run}.
 *
 * <pre>{@code
 * var run = Experiment.named("lm-lstm")
 *         .data(Data.corpus("chars"))
 *         .model(Choice.of("lstm").with("hidden", 128))
 *         .train(Train.adam(1e-3).epochs(30).batch(32).seed(1))
 *         .evaluate(Eval.metrics("bpc"))
 *         .run();
 * run.results();   // a Tablesaw table
 * }</pre>
 * Instances are immutable: every method returns a new one.
 */
public final class Experiment {
    private final ExperimentSpec spec;
    private final List<Long> seeds;
    private final Path root;
    private final Path dataRoot;
    private final boolean curves;
    /** The YAML file it was loaded from, while it is still that file plus {@link #overrides}; else null. */
    private final Path source;
    private final List<String> overrides;
    private final List<String> axes;
    private final int jobs;

    private Experiment(ExperimentSpec spec, List<Long> seeds, Path root, Path dataRoot, boolean curves,
                       Path source, List<String> overrides, List<String> axes, int jobs) {
        this.spec = spec;
        this.seeds = List.copyOf(seeds);
        this.root = root;
        this.dataRoot = dataRoot;
        this.curves = curves;
        this.source = source;
        this.overrides = List.copyOf(overrides);
        this.axes = List.copyOf(axes);
        this.jobs = jobs;
    }

    /** Runs go under {@code runs/} of the working folder unless {@code -Dseqlab.runs} or {@link #root} says otherwise. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("seqlab.runs", "runs"));
    }

    /** Prepared corpora: {@code -Dseqlab.data}, {@code $SEQLAB_DATA}, or ~/.cache/seqlab/data (see {@link org.seqlab.data.DataHome}). */
    public static Path defaultDataRoot() {
        return org.seqlab.data.DataHome.get();
    }

    public static Experiment named(String name) {
        return of(new ExperimentSpec(name, null, null, null, null, null, null));
    }

    public static Experiment of(ExperimentSpec spec) {
        return new Experiment(spec, List.of(), defaultRoot(), defaultDataRoot(), true, null, List.of(), List.of(), 1);
    }

    /**
     * Reads and checks a YAML spec; {@code overrides} are {@code key.path=value} as for {@code --set}.
     * A relative path that does not exist from the working folder is taken from the project root
     * ({@link ProjectRoot}), so notebooks name files as {@code ./seqlab run} does.
     */
    public static Experiment load(Path file, String... overrides) {
        Path found = ProjectRoot.resolve(file);
        List<String> o = List.of(overrides);
        return new Experiment(SpecYaml.load(found, o, Registry.global()), List.of(), defaultRoot(), defaultDataRoot(), true,
                found, o, List.of(), 1);
    }

    /** As {@link #load(Path, String...)}: a relative {@code file} is also looked for under the project root. */
    public static Experiment load(String file, String... overrides) {
        return load(Path.of(file), overrides);
    }

    public Experiment data(DataSpec d) {
        return with(spec.withData(d));
    }

    public Experiment data(String corpus) {
        return data(DataSpec.corpus(corpus));
    }

    public Experiment model(Choice m) {
        return with(spec.withModel(m));
    }

    /** {@code model("lstm", "hidden", 128, "layers", 2)}: a name and key/value pairs. */
    public Experiment model(String name, Object... keyValues) {
        return model(choice(name, keyValues));
    }

    /** {@code model(Models.gru().hidden(64).layers(2))}. */
    public Experiment model(org.seqlab.experiment.spec.ChoiceBuilder<?> m) {
        return model(m.choice());
    }

    /** {@code loss(Losses.crossEntropy().smoothing(0.1))}. */
    public Experiment loss(org.seqlab.experiment.spec.ChoiceBuilder<?> l) {
        return loss(l.choice());
    }

    public Experiment loss(Choice l) {
        return with(spec.withLoss(l));
    }

    public Experiment loss(String name, Object... keyValues) {
        return loss(choice(name, keyValues));
    }

    public Experiment decoder(Choice d) {
        return with(spec.withDecoder(d));
    }

    public Experiment train(TrainSpec t) {
        return with(spec.withTrain(t));
    }

    public Experiment evaluate(EvalSpec e) {
        return with(spec.withEvaluate(e));
    }

    /** The same override as {@code --set path=value}, checked when the spec is resolved. */
    public Experiment set(String path, Object value) {
        Map<String, Object> tree = Overrides.apply(Schema.toTree(spec), path, value);
        List<String> o = new ArrayList<>(overrides);
        o.add(path + "=" + value);
        return new Experiment(Schema.resolve(tree, Problems.inJava(), Registry.global()), seeds, root, dataRoot, curves,
                source, o, axes, jobs);
    }

    /**
     * Runs every listed value of {@code key} in turn, as {@code --sweep key=v1,v2} does; several
     * sweeps make a grid. Each point is its own experiment, named by its values
     * ({@code base--model.hidden=64}), and runs once per seed.
     */
    public Experiment sweep(String key, Object... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("sweep '" + key + "' needs at least one value");
        }
        List<String> v = new ArrayList<>();
        for (Object x : values) {
            String text = String.valueOf(x);
            if (text.contains(",")) {
                throw new IllegalArgumentException("sweep '" + key + "': value '" + text + "' contains a comma, which"
                        + " --sweep cannot spell; use set() per value instead");
            }
            v.add(text);
        }
        List<String> a = new ArrayList<>(axes);
        a.add(key + "=" + String.join(",", v));
        Sweep.of(a);
        return new Experiment(spec, seeds, root, dataRoot, curves, source, overrides, a, jobs);
    }

    /**
     * Every run this experiment stands for, in the order they run: one resolved spec per sweep
     * point and seed. A loaded experiment expands exactly as {@code ./seqlab run} expands its file;
     * one built in Java applies each point as {@link #set} would.
     */
    public List<ExperimentSpec> specs() {
        if (source != null) {
            return Sweep.specs(source, overrides, axes, seeds);
        }
        List<ExperimentSpec> out = new ArrayList<>();
        for (List<String> point : Sweep.of(axes).points()) {
            Map<String, Object> tree = Schema.toTree(spec);
            for (String assignment : point) {
                tree = Overrides.apply(tree, assignment);
            }
            ExperimentSpec s = Schema.resolve(tree, Problems.inJava(), Registry.global());
            out.addAll(Sweep.seeded(point.isEmpty() ? s : s.withName(Sweep.name(s.name(), point)), seeds));
        }
        return out;
    }

    /**
     * The {@code ./seqlab run ...} line, run from the project root, that reproduces these runs:
     * the YAML file, each {@link #set} as {@code --set}, each {@link #sweep} as {@code --sweep},
     * the seeds and a runs folder other than the default. Only for experiments loaded from a file
     * and changed by {@code set}, {@code sweep}, {@code seeds} or {@code root} alone; one built or
     * changed otherwise in Java has no file to name, and this says so.
     */
    public String commandLine() {
        if (source == null) {
            throw new IllegalStateException("this experiment was built or changed in Java, so no YAML file holds it;"
                    + " write yaml() to a file under experiments/ and load that, or change a loaded one with set() and sweep()");
        }
        StringBuilder b = new StringBuilder("./seqlab run ").append(quote(ProjectRoot.relative(source).toString()));
        overrides.forEach(o -> b.append(" --set ").append(quote(o)));
        axes.forEach(a -> b.append(" --sweep ").append(quote(a)));
        if (!seeds.isEmpty()) {
            b.append(" --seeds ").append(String.join(",", seeds.stream().map(String::valueOf).toList()));
        }
        if (jobs > 1) {
            b.append(" --jobs ").append(jobs);
        }
        // the line runs from the project root, where runs/ is the default: a notebook's runs/ needs no --root
        Path rel = ProjectRoot.relative(root);
        if (!root.equals(defaultRoot()) && !rel.equals(defaultRoot())) {
            b.append(" --root ").append(quote(rel.toString()));
        }
        return b.toString();
    }

    /** Shell-safe: plain when only safe characters, else in single quotes. */
    private static String quote(String word) {
        return word.matches("[A-Za-z0-9._=,/:+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** Runs once per seed (overriding train.seed) and gathers the results. */
    public Experiment seeds(long... s) {
        List<Long> l = new ArrayList<>();
        for (long x : s) {
            l.add(x);
        }
        return new Experiment(spec, l, root, dataRoot, curves, source, overrides, axes, jobs);
    }

    public Experiment root(Path runs) {
        return new Experiment(spec, seeds, runs, dataRoot, curves, source, overrides, axes, jobs);
    }

    public Experiment dataRoot(Path data) {
        return new Experiment(spec, seeds, root, data, curves, source, overrides, axes, jobs);
    }

    /**
     * Whether a notebook shows each run's training curve, redrawn after every epoch (the default).
     * A cell that runs a grid of dozens of small runs turns it off and plots the gathered results
     * instead; the progress bar stays either way.
     */
    public Experiment liveCurves(boolean show) {
        return new Experiment(spec, seeds, root, dataRoot, show, source, overrides, axes, jobs);
    }

    /** The checked spec with every default spelled out; throws {@link org.seqlab.experiment.spec.ConfigException}. */
    public ExperimentSpec spec() {
        return Schema.resolve(spec, Registry.global());
    }

    /** The resolved YAML: what {@code config.yaml} of each run holds. */
    public String yaml() {
        return SpecYaml.dump(spec());
    }

    /**
     * Trains up to {@code n} runs of this experiment at once, each in its own process with
     * cores / n native threads (see {@link org.seqlab.experiment.run.ParallelRuns} for why): on
     * two cores, two small recurrent models train in about the time of one. The numbers are
     * those of {@code ./seqlab run --jobs n}. Runs in other processes draw no live curves (the
     * progress bar shows what each is doing), and models registered only in this JVM cannot be
     * used; one job (the default) trains here, one run after another.
     */
    public Experiment jobs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("jobs(" + n + "): at least one run must train at a time");
        }
        return new Experiment(spec, seeds, root, dataRoot, curves, source, overrides, axes, n);
    }

    /** Runs every sweep point and seed ({@link #specs}) and gathers the results, {@link #jobs} at a time. */
    public ExperimentRun run() {
        return together(jobs, List.of(this));
    }

    /**
     * Runs several experiments as one pool, {@code jobs} at a time (their own {@link #jobs} aside),
     * and gathers the results in the order given. Models compared over a learning curve keep every
     * worker busy this way until the last run; run one by one, each experiment's last run would
     * train alone while the other workers wait. All must write to the same runs and data folders.
     */
    public static ExperimentRun together(int jobs, List<Experiment> experiments) {
        if (experiments.isEmpty()) {
            throw new IllegalArgumentException("together(...) needs at least one experiment");
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("together(" + jobs + ", ...): at least one run must train at a time");
        }
        Experiment first = experiments.get(0);
        List<ExperimentSpec> all = new ArrayList<>();
        List<Boolean> live = new ArrayList<>();
        for (Experiment e : experiments) {
            if (!e.root.equals(first.root) || !java.util.Objects.equals(e.dataRoot, first.dataRoot)) {
                throw new IllegalArgumentException("together(...): '" + e.spec.name() + "' writes to " + e.root
                        + " but '" + first.spec.name() + "' to " + first.root + "; give them one root(...) and dataRoot(...)");
            }
            for (ExperimentSpec one : e.specs()) {
                all.add(one);
                live.add(e.curves);
            }
        }
        String label = String.join(", ", experiments.stream().map(e -> e.spec().name()).distinct().toList());
        if (jobs > 1 && all.size() > 1) {
            return new ExperimentRun(org.seqlab.experiment.run.ParallelRuns.run(all, jobs, first.root, first.dataRoot, label));
        }
        List<RunResult> results = new ArrayList<>();
        try (var grid = all.size() > 1 ? org.seqlab.display.Progress.grid(label + ", " + all.size() + " runs", all.size()) : null) {
            for (int i = 0; i < all.size(); i++) {
                ExperimentSpec one = all.get(i);
                results.add(Runner.start(one, Registry.global(), first.root, first.dataRoot, live.get(i) ? liveCurves(one) : h -> { }));
            }
        }
        return new ExperimentRun(results);
    }

    /** Continues a killed or interrupted run from its folder to the end. */
    public static ExperimentRun resume(Path runFolder) {
        RunDirectory dir = RunDirectory.existing(defaultRoot(), runFolder.toString());
        ExperimentSpec spec = SpecYaml.load(dir.file(RunDirectory.CONFIG), List.of(), Registry.global());
        return new ExperimentRun(List.of(Runner.resume(dir, Registry.global(), defaultDataRoot(), liveCurves(spec))));
    }

    /** In a notebook, a curve shown once and redrawn in place after each epoch; nothing on a terminal. */
    static java.util.function.Consumer<List<EpochRecord>> liveCurves(ExperimentSpec spec) {
        if (!Display.sink().live()) {
            return h -> { };
        }
        List<String> metrics = spec.evaluate().metrics().stream().map(Choice::name).toList();
        String title = spec.name() + " seed " + spec.train().seed();
        String id = Display.showUpdatable(new TrainingCurves(title, List.of(), metrics));
        return h -> Display.update(id, new TrainingCurves(title, h, metrics));
    }

    /** A change made in Java: the experiment is no longer its file plus overrides. */
    private Experiment with(ExperimentSpec s) {
        return new Experiment(s, seeds, root, dataRoot, curves, null, overrides, axes, jobs);
    }

    private static Choice choice(String name, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected key/value pairs after '" + name + "', got " + keyValues.length + " values");
        }
        Choice c = Choice.of(name);
        for (int i = 0; i < keyValues.length; i += 2) {
            c = c.with(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        return c;
    }

    @Override
    public String toString() {
        try {
            return yaml();
        } catch (RuntimeException e) {
            return "Experiment (not valid yet: " + e.getMessage() + ")";
        }
    }
}
