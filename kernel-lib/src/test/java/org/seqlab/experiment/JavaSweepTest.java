package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.experiment.cli.RunCommand;
import org.seqlab.experiment.spec.ExperimentSpec;
import picocli.CommandLine;

/** {@code Experiment.sweep} expands as {@code --sweep} does, and {@code commandLine()} reproduces the same runs. */
class JavaSweepTest {
    static final String SMOKE = "experiments/smoke/parity-lstm.yaml";

    @Test
    void configPathsResolveAgainstTheProjectRootFromAnyFolder() {
        // tests run in kernel-lib/, where experiments/ does not exist: the file is found under the root
        assertTrue(Files.isRegularFile(ProjectRoot.get().resolve("seqlab")), ProjectRoot.get().toString());
        assertEquals(ProjectRoot.get().resolve(SMOKE), ProjectRoot.resolve(Path.of(SMOKE)));
        assertEquals("parity-lstm", Experiment.load(SMOKE).spec().name());
    }

    @Test
    void sweepGivesOneNamedSpecPerPointAndSeedInGridOrder() {
        Experiment e = Experiment.load(SMOKE).set("train.epochs", 1).sweep("model.name", "lstm", "gru")
                .sweep("model.hidden", 4, 8).seeds(1, 2);
        List<ExperimentSpec> specs = e.specs();
        assertEquals(8, specs.size());
        assertEquals(List.of("parity-lstm--model.name=lstm--model.hidden=4", "parity-lstm--model.name=lstm--model.hidden=4",
                "parity-lstm--model.name=lstm--model.hidden=8", "parity-lstm--model.name=lstm--model.hidden=8",
                "parity-lstm--model.name=gru--model.hidden=4", "parity-lstm--model.name=gru--model.hidden=4",
                "parity-lstm--model.name=gru--model.hidden=8", "parity-lstm--model.name=gru--model.hidden=8"),
                specs.stream().map(ExperimentSpec::name).toList());
        assertEquals(List.of(1L, 2L, 1L, 2L, 1L, 2L, 1L, 2L), specs.stream().map(s -> s.train().seed()).toList());
        assertEquals("gru", specs.get(5).model().name());
        assertEquals(8, specs.get(6).model().params().get("hidden"));
        assertTrue(specs.stream().allMatch(s -> s.train().epochs() == 1));
    }

    @Test
    void commandLineParsesBackIntoTheSameRuns() throws Exception {
        Experiment e = Experiment.load(SMOKE, "train.batch=16").set("train.epochs", 2)
                .sweep("train.optimizer.lr", 0.01, 0.02).seeds(3, 4);
        String line = e.commandLine();
        assertEquals("./seqlab run experiments/smoke/parity-lstm.yaml --set train.batch=16 --set train.epochs=2"
                + " --sweep train.optimizer.lr=0.01,0.02 --seeds 3,4", line);
        RunCommand cmd = new RunCommand();
        String[] args = line.substring("./seqlab run ".length()).split(" ");
        new CommandLine(cmd).parseArgs(args);
        assertEquals(e.specs(), RunCommand.specs(cmd));
        // a notebook's runs/ under the project root is where ./seqlab run writes from there: no --root;
        // any other folder is named, relative to the project root when under it
        assertEquals(line, e.root(ProjectRoot.get().resolve("runs")).commandLine());
        assertTrue(e.root(ProjectRoot.get().resolve("runs-elsewhere")).commandLine().endsWith(" --root runs-elsewhere"));
    }

    @Test
    void aSpecBuiltInJavaSweepsLikeSetButHasNoCommandLine() {
        Experiment e = TrainingRunTest.toy(1).sweep("model.hidden", 4, 8);
        List<ExperimentSpec> specs = e.specs();
        assertEquals(List.of("toy--model.hidden=4", "toy--model.hidden=8"), specs.stream().map(ExperimentSpec::name).toList());
        assertEquals(TrainingRunTest.toy(1).set("model.hidden", 8).spec().withName("toy--model.hidden=8"), specs.get(1));
        IllegalStateException x = assertThrows(IllegalStateException.class, e::commandLine);
        assertTrue(x.getMessage().contains("built or changed in Java"), x.getMessage());
        // a loaded experiment changed in Java beyond set() has no file either
        assertThrows(IllegalStateException.class, () -> Experiment.load(SMOKE).model("gru").commandLine());
        assertTrue(Arrays.asList(assertThrows(IllegalArgumentException.class, () -> e.sweep("data.corpus.name", "a,b"))
                .getMessage().split(" ")).contains("comma,"));
    }
}
