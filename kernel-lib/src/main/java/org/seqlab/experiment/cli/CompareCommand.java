package org.seqlab.experiment.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.run.Runs;
import org.seqlab.experiment.run.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./seqlab compare}: finished runs across experiments and seeds as one aligned table. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare finished runs: mean, std and 95%% CI per metric over seeds, per experiment and config.")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "WHAT", arity = "0..*",
            description = "experiment names under the root, experiment folders or run folders (default: all)")
    List<String> what = new ArrayList<>();

    @Option(names = "--root", paramLabel = "DIR", description = "where runs are (default: runs)")
    Path root = org.seqlab.experiment.Experiment.defaultRoot();

    @Option(names = "--runs", description = "one row per run instead of per configuration")
    boolean perRun;

    @Override
    public Integer call() {
        List<RunResult> runs = Runs.load(root, what);
        if (runs.isEmpty()) {
            System.err.println("error: no finished runs under " + (what.isEmpty() ? root : what)
                    + "; finish one with ./seqlab run CONFIG (or --resume RUN), or name another --root");
            return 1;
        }
        System.out.print(TextTable.render(perRun ? Runs.table(runs) : Runs.compare(runs)));
        return 0;
    }
}
