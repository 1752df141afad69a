package org.seqlab.experiment.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.RunFiles;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.run.Runner;
import org.seqlab.experiment.run.Runs;
import org.seqlab.experiment.run.TextTable;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.yaml.SpecYaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./seqlab run CONFIG}: the terminal face of {@link org.seqlab.experiment.Experiment#run()}.
 * Every configuration (sweep point) and seed is checked before the first one starts. Failures
 * propagate to {@link org.seqlab.cli.CliErrors}, which prints them and picks the exit code.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Train and evaluate an experiment from a YAML file; each seed writes runs/EXPERIMENT/RUN-ID/.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "experiment YAML file")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key, e.g. --set train.epochs=5 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seeds", split = ",", paramLabel = "S", description = "run once per seed, e.g. --seeds 1,2,3")
    List<Long> seeds = new ArrayList<>();

    @Option(names = "--sweep", paramLabel = "KEY=V1,V2", description = "run every value in turn (repeat for a grid)")
    List<String> sweep = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "train up to N runs at once, each in its own process with cores/N threads (default: 1)")
    int jobs = 1;

    @Option(names = "--resume", paramLabel = "RUN", description = "continue a killed or interrupted run (its folder)")
    String resume;

    @Option(names = "--root", paramLabel = "DIR", description = "where runs are written (default: runs)")
    Path root = org.seqlab.experiment.Experiment.defaultRoot();

    @Option(names = "--data", paramLabel = "DIR", description = "where prepared corpora live (default: $SEQLAB_DATA or ~/.cache/seqlab/data)")
    Path data;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the final results of all runs as JSON")
    Path json;

    @Option(names = "--list", description = "list the registered models, losses, metrics, datasets... with their parameters")
    boolean list;

    @Option(names = "--dry-run", description = "check the configuration and print the resolved YAML without training")
    boolean dryRun;

    @Override
    public Integer call() {
        if (data != null) {
            System.setProperty(org.seqlab.data.DataHome.PROPERTY, data.toString());
        }
        data = org.seqlab.experiment.Experiment.defaultDataRoot();
        if (list) {
            System.out.print(listing(Registry.global()));
            return 0;
        }
        List<RunResult> results = resume != null ? List.of(resumeRun()) : runAll();
        if (results.isEmpty()) {
            return 0;
        }
        ExperimentRun all = new ExperimentRun(results);
        System.out.print(TextTable.render(results.size() > 1 ? Runs.compare(results) : Runs.table(results)));
        if (json != null) {
            RunFiles.writeString(json, all.resultsJson());
        }
        return 0;
    }

    private RunResult resumeRun() {
        RunDirectory dir = RunDirectory.existing(root, resume);
        return Runner.resume(dir, Registry.global(), data, h -> { });
    }

    private List<RunResult> runAll() {
        if (config == null) {
            throw new ConfigException("run", "", "give an experiment file (or --resume RUN, or --list)");
        }
        List<ExperimentSpec> specs = specs(this);
        if (dryRun) {
            specs.forEach(s -> System.out.print("---\n" + SpecYaml.dump(s)));
            return List.of();
        }
        if (jobs < 1) {
            throw new ConfigException("run", "--jobs", "must be at least 1, got " + jobs);
        }
        if (jobs > 1 && specs.size() > 1) {
            List<RunResult> results = org.seqlab.experiment.run.ParallelRuns.run(specs, jobs, root, data, config.getFileName().toString());
            results.forEach(r -> System.err.println("finished " + r.experiment() + " seed " + r.seed() + ": " + r.path()));
            return results;
        }
        List<RunResult> results = new ArrayList<>();
        try (var grid = specs.size() > 1 ? org.seqlab.display.Progress.grid(config.getFileName() + ", " + specs.size() + " runs", specs.size()) : null) {
            for (ExperimentSpec s : specs) {
                results.add(Runner.start(s, Registry.global(), root, data, h -> { }));
                System.err.println("finished " + s.name() + " seed " + s.train().seed() + ": " + results.get(results.size() - 1).path());
            }
        }
        return results;
    }

    /** The runs a parsed command line stands for (its file, --set, --sweep and --seeds). */
    public static List<ExperimentSpec> specs(RunCommand c) {
        return Sweep.specs(org.seqlab.experiment.ProjectRoot.resolve(c.config), c.overrides, c.sweep, c.seeds);
    }

    static String listing(Registry r) {
        StringBuilder b = new StringBuilder();
        for (Kind<?> k : Kind.ALL) {
            b.append(k).append(":\n");
            for (Entry<?> e : r.entries(k)) {
                b.append("  ").append(e.name()).append(" - ").append(e.summary()).append('\n');
                if (k == Kind.LOSS || k == Kind.DECODER || k == Kind.METRIC) {
                    b.append("      tasks: ").append(String.join(", ", org.seqlab.experiment.train.Task.ALL.stream()
                            .filter(org.seqlab.experiment.registry.Compatibility.tasks(e)::contains)
                            .map(org.seqlab.experiment.train.Task::label).toList())).append('\n');
                }
                for (Param p : e.params()) {
                    b.append("      ").append(p.name()).append(": ").append(p.allowed())
                            .append(p.required() ? ", required" : ", default " + p.defaultValue())
                            .append(p.doc().isEmpty() ? "" : " - " + p.doc()).append('\n');
                }
            }
        }
        return b.toString();
    }
}
