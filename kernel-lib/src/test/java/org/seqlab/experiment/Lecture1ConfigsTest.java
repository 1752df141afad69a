package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.GradMode;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.Components;
import org.seqlab.experiment.run.EpochRecord;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunModels;
import org.seqlab.experiment.run.RunOutcome;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.run.TrainingDivergedException;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.yaml.SpecYaml;

/**
 * Lecture 1's configs (experiments/rnn/copy-*.yaml, generator-teacher-forcing.yaml) at tiny
 * sizes: the CLI and {@code Experiment.load} give the same numbers, the new keys survive the
 * resolved YAML, bad values are named, a divergence is reported, and a run's model comes back
 * from its folder with the numbers the run reported.
 */
class Lecture1ConfigsTest {
    static final Path RNN = Path.of("../experiments/rnn");
    static final String[] TINY = {"data.corpus.train=32", "data.corpus.validation=8", "data.corpus.test=16", "train.epochs=2", "train.updates=0",
            "train.batch=8", "model.hidden=6"};

    @TempDir
    Path root;

    static String[] tiny(String... more) {
        String[] all = java.util.Arrays.copyOf(TINY, TINY.length + more.length);
        System.arraycopy(more, 0, all, TINY.length, more.length);
        return all;
    }

    static String[] cliArgs(Path config, Path runs, Path json, String[] overrides) {
        List<String> args = new java.util.ArrayList<>(List.of("run", config.toString(), "--root", runs.toString(), "--json", json.toString()));
        for (String o : overrides) {
            args.add("--set");
            args.add(o);
        }
        return args.toArray(new String[0]);
    }

    @Test
    void cliAndExperimentLoadGiveTheSameNumbers() throws Exception {
        Map<String, String[]> cases = Map.of(
                "copy-truncated.yaml", tiny("train.truncate=3"),
                "generator-teacher-forcing.yaml", tiny("model.teacher-forcing=false"),
                "copy-clipping.yaml", tiny("train.optimizer.lr=0.01"));
        for (var c : cases.entrySet()) {
            Path config = RNN.resolve(c.getKey());
            Path json = root.resolve(c.getKey() + ".json");
            Object[] r = SmokeCliTest.cli(cliArgs(config, root.resolve("cli"), json, c.getValue()));
            assertEquals(0, r[0], c.getKey() + ": " + r[2]);
            RunResult java = Experiment.load(config, c.getValue()).root(root.resolve("java")).run().first();
            Map<String, Object> fromCli = SmokeCliTest.onlyRunMetrics(json);
            assertEquals(java.metrics().keySet(), fromCli.keySet(), c.getKey());
            java.metrics().forEach((k, v) -> assertEquals(v, ((Number) fromCli.get(k)).doubleValue(), c.getKey() + " " + k));
            assertEquals(TrainingRunTest.metricsWithoutTime(java.path()),
                    TrainingRunTest.metricsWithoutTime(Files.list(root.resolve("cli")).filter(p -> p.getFileName().toString()
                            .equals(java.experiment())).findFirst().orElseThrow().toFile().listFiles()[0].toPath()), c.getKey());
        }
    }

    /**
     * train.updates fixes the number of optimizer steps, not of epochs: 32 examples in batches of
     * 8 are 4 steps an epoch, so 10 updates take 3 epochs (12 steps) on the whole set and 10
     * epochs (10 steps) on a quarter of it, where train.epochs=2 would give 8 and 2 steps.
     */
    @Test
    void updatesFixTheNumberOfStepsWhateverTheTrainingSetSize() {
        Path config = RNN.resolve("copy-truncated.yaml");
        RunResult whole = Experiment.load(config, tiny("train.updates=10")).root(root).run().first();
        assertEquals(3, whole.epochs());
        assertEquals(12, whole.history().get(whole.history().size() - 1).step());
        RunResult quarter = Experiment.load(config, tiny("train.updates=10", "data.train-fraction=0.25")).root(root).run().first();
        assertEquals(10, quarter.epochs());
        assertEquals(10, quarter.history().get(quarter.history().size() - 1).step());
        RunResult byEpochs = Experiment.load(config, tiny("data.train-fraction=0.25")).root(root).run().first();
        assertEquals(2, byEpochs.epochs(), "train.updates=0 keeps train.epochs");
        assertTrue(Experiment.load(config, "train.updates=10").yaml().contains("updates: 10"));
    }

    @Test
    void newKeysSurviveTheResolvedYamlAndBadValuesAreNamed() {
        ExperimentSpec spec = Experiment.load(RNN.resolve("copy-truncated.yaml"), "train.truncate=7").spec();
        assertEquals(7, spec.train().truncate());
        String yaml = SpecYaml.dump(spec);
        assertTrue(yaml.contains("truncate: 7") && yaml.contains("recall-only: true"), yaml);
        assertEquals(spec, SpecYaml.parse(yaml, "resolved", List.of(), Registry.global()));
        ExperimentSpec gen = Experiment.load(RNN.resolve("generator-teacher-forcing.yaml"), "model.teacher-forcing=false").spec();
        assertEquals(gen, SpecYaml.parse(SpecYaml.dump(gen), "resolved", List.of(), Registry.global()));
        ExperimentSpec clip = Experiment.load(RNN.resolve("copy-clipping.yaml")).spec();
        assertEquals(1.5, ((Number) clip.model().params().get("spectral-radius")).doubleValue());

        ConfigException negative = assertThrows(ConfigException.class,
                () -> Experiment.load(RNN.resolve("copy-truncated.yaml"), "train.truncate=-1").spec());
        assertTrue(negative.getMessage().contains("train.truncate"), negative.getMessage());
        ConfigException lstmRadius = assertThrows(ConfigException.class,
                () -> Experiment.load(RNN.resolve("copy-lag.yaml"), "model.spectral-radius=1.5").spec());
        assertTrue(lstmRadius.getMessage().contains("spectral-radius"), lstmRadius.getMessage());
        ConfigException generatorTruncated = assertThrows(ConfigException.class,
                () -> Experiment.load(RNN.resolve("generator-teacher-forcing.yaml"), tiny("train.truncate=3")).root(root).run());
        assertTrue(generatorTruncated.getMessage().contains("train.truncate"), generatorTruncated.getMessage());
    }

    @Test
    void divergenceCarriesItsStepHistoryAndFolder() {
        // the toy corpus' example 100 of 160 is poisoned (NaN): met in epoch 1 with batch 16
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> TrainingRunTest.toy(3).set("data.corpus.nan-example", 100).root(root).run());
        assertTrue(e.step() >= 1 && e.step() <= 10 && e.getMessage().contains("(global step " + e.step() + ")"), e.getMessage());
        assertTrue(e.history().isEmpty(), "no epoch finished before the poisoned step");
        assertTrue(Files.exists(e.run().resolve(RunDirectory.STATUS)), e.run().toString());
        RunOutcome o = RunOutcome.of(() -> TrainingRunTest.toy(3).set("data.corpus.nan-example", 100).root(root).run().first());
        assertTrue(o.diverged() && Double.isNaN(o.metric("accuracy")), "a divergence is an outcome, not an escape");
        assertEquals("at step " + e.step(), o.divergedWhere());
        RunOutcome fine = RunOutcome.of(() -> TrainingRunTest.toy(1).root(root).run().first());
        assertEquals("no", fine.divergedWhere());
        assertEquals(1, fine.history().size());
    }

    @Test
    void largestGradientNormBeforeClippingIsRecordedPerEpoch() {
        RunResult clipped = Experiment.load(RNN.resolve("copy-clipping.yaml"), tiny("train.clip=0.01")).root(root).run().first();
        for (EpochRecord e : clipped.history()) {
            assertTrue(e.maxGradNorm() > 0.01 && Double.isFinite(e.maxGradNorm()), "norm before clipping: " + e);
        }
    }

    @Test
    void aRunsModelComesBackFromItsFolderWithTheReportedAccuracy() {
        RunResult run = Experiment.load(RNN.resolve("copy-lag.yaml"), tiny()).root(root).run().first();
        var model = RunModels.trained(run.path());
        ExperimentSpec spec = Experiment.load(RNN.resolve("copy-lag.yaml"), tiny()).spec();
        Split test = Components.build(spec, Registry.global(), Experiment.defaultDataRoot()).data().split("test");
        long right = 0;
        long total = 0;
        try (GradMode off = GradMode.off()) {
            int[] all = java.util.stream.IntStream.range(0, test.size()).toArray();
            Batch b = test.batch(all);
            INDArray scores = model.forward(b).value();
            long[] pred = scores.argMax(2).reshape(-1).toLongVector();
            for (int i = 0; i < pred.length; i++) {
                if (b.labels()[i] >= 0) {
                    total++;
                    right += pred[i] == b.labels()[i] ? 1 : 0;
                }
            }
        }
        assertEquals(run.metrics().get("accuracy"), (double) right / total, 1e-12);
        var fresh = RunModels.initial(run.path());
        var again = Components.build(spec, Registry.global(), Experiment.defaultDataRoot()).model();
        fresh.parameters().forEach((k, p) -> assertEquals(again.parameters().get(k).value(), p.value(), k));
    }
}
