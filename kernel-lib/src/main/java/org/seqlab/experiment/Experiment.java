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

    private Experiment(ExperimentSpec spec, List<Long> seeds, Path root, Path dataRoot, boolean curves) {
        this.spec = spec;
        this.seeds = List.copyOf(seeds);
        this.root = root;
        this.dataRoot = dataRoot;
        this.curves = curves;
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
        return new Experiment(spec, List.of(), defaultRoot(), defaultDataRoot(), true);
    }

    /** Reads and checks a YAML spec; {@code overrides} are {@code key.path=value} as for {@code --set}. */
    public static Experiment load(Path file, String... overrides) {
        return of(SpecYaml.load(file, List.of(overrides), Registry.global()));
    }

    /** A relative {@code file} not found in the working folder is read from the project root ({@link org.seqlab.notebook.Project}). */
    public static Experiment load(String file, String... overrides) {
        return load(org.seqlab.notebook.Project.resolve(file), overrides);
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
        return with(Schema.resolve(tree, Problems.inJava(), Registry.global()));
    }

    /** Runs once per seed (overriding train.seed) and gathers the results. */
    public Experiment seeds(long... s) {
        List<Long> l = new ArrayList<>();
        for (long x : s) {
            l.add(x);
        }
        return new Experiment(spec, l, root, dataRoot, curves);
    }

    public Experiment root(Path runs) {
        return new Experiment(spec, seeds, runs, dataRoot, curves);
    }

    public Experiment dataRoot(Path data) {
        return new Experiment(spec, seeds, root, data, curves);
    }

    /**
     * Whether a notebook shows each run's training curve, redrawn after every epoch (the default).
     * A cell that runs a grid of dozens of small runs turns it off and plots the gathered results
     * instead; the progress bar stays either way.
     */
    public Experiment liveCurves(boolean show) {
        return new Experiment(spec, seeds, root, dataRoot, show);
    }

    /** The checked spec with every default spelled out; throws {@link org.seqlab.experiment.spec.ConfigException}. */
    public ExperimentSpec spec() {
        return Schema.resolve(spec, Registry.global());
    }

    /** The resolved YAML: what {@code config.yaml} of each run holds. */
    public String yaml() {
        return SpecYaml.dump(spec());
    }

    public ExperimentRun run() {
        ExperimentSpec resolved = spec();
        List<Long> s = seeds.isEmpty() ? List.of(resolved.train().seed()) : seeds;
        List<RunResult> results = new ArrayList<>();
        for (long seed : s) {
            ExperimentSpec one = resolved.withTrain(resolved.train().seed(seed));
            results.add(Runner.start(one, Registry.global(), root, dataRoot, curves ? liveCurves(one) : h -> { }));
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

    private Experiment with(ExperimentSpec s) {
        return new Experiment(s, seeds, root, dataRoot, curves);
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
