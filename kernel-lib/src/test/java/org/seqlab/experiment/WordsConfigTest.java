package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.data.Datasets;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.Components;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;

/**
 * Lecture 2's spoken-word configs ({@code experiments/rnn/words-*.yaml}) on the smoke corpus
 * (110 utterances, synthesised by espeak-ng on first use): the CLI and {@code Experiment.load}
 * give the same numbers, and the data options the notebook's comparison relies on (training-set
 * normalisation, a balanced subset drawn by the seed) do what they say inside the pipeline.
 */
class WordsConfigTest {
    static final Path RNN = Path.of("../experiments/rnn");
    static final String[] TINY = {"data.corpus.corpus=speech-words-10-smoke", "model.hidden=8", "train.epochs=2",
        "data.train-fraction=0.5"};

    @TempDir
    Path root;

    @BeforeAll
    static void prepareSmokeCorpus() {
        Datasets.get("speech-words-10-smoke").prepare();
    }

    @Test
    void cliAndExperimentLoadGiveTheSameNumbers() throws Exception {
        Path config = RNN.resolve("words-gru.yaml");
        List<String> args = new ArrayList<>(List.of("run", config.toString(), "--root", root.resolve("cli").toString(),
                "--json", root.resolve("cli.json").toString()));
        for (String o : TINY) {
            args.add("--set");
            args.add(o);
        }
        Object[] r = SmokeCliTest.cli(args.toArray(new String[0]));
        assertEquals(0, r[0], (String) r[2]);
        Map<String, Object> fromCli = SmokeCliTest.onlyRunMetrics(root.resolve("cli.json"));
        RunResult java = Experiment.load(config, TINY).root(root.resolve("java")).run().first();
        assertEquals(fromCli.keySet(), java.metrics().keySet());
        java.metrics().forEach((k, v) -> assertEquals(v, ((Number) fromCli.get(k)).doubleValue(), k));
        // ceil(60 * 0.5) = 30 training utterances in batches of 16: 2 updates per epoch
        assertEquals(List.of(2L, 4L), java.history().stream().map(e -> e.step()).toList());
        String saved = Files.readString(java.path().resolve("config.yaml"));
        assertTrue(saved.contains("subset: balanced") && saved.contains("normalize: train") && saved.contains("hop: 320"), saved);
    }

    @Test
    void bothCellConfigsDifferOnlyInTheCell() throws Exception {
        String lstm = Experiment.load(RNN.resolve("words-lstm.yaml")).yaml();
        String gru = Experiment.load(RNN.resolve("words-gru.yaml")).yaml();
        assertEquals(lstm.replace("lstm", "gru"), gru);
    }

    @Test
    void theNewCorpusKeysSurviveAYamlRoundTripAndBadValuesNameTheKey() throws Exception {
        Experiment e = Experiment.load(RNN.resolve("words-lstm.yaml"), "data.corpus.subset=first", "data.corpus.normalize=none");
        Path saved = root.resolve("saved.yaml");
        Files.writeString(saved, e.yaml());
        assertEquals(e.spec(), Experiment.load(saved).spec());
        assertTrue(e.yaml().contains("subset: first") && e.yaml().contains("normalize: none"), e.yaml());
        ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> Experiment.load(RNN.resolve("words-lstm.yaml"), "data.corpus.subset=random").spec());
        assertTrue(bad.getMessage().contains("data.corpus.subset") && bad.getMessage().contains("balanced"), bad.getMessage());
    }

    @Test
    void trainingFeaturesAreNormalisedWithTheirOwnStatisticsAndOtherSplitsWithTheSame() {
        Components c = components(1, "data.train-fraction=0.25");
        double[][] train = meanAndVariance(c.data().split("train"));
        for (int k = 0; k < 40; k++) {
            assertEquals(0, train[0][k], 1e-4, "mean of coefficient " + k);
            assertEquals(1, train[1][k], 1e-3, "variance of coefficient " + k);
        }
        double[][] valid = meanAndVariance(c.data().split("validation"));
        double off = IntStream.range(0, 40).mapToDouble(k -> Math.abs(valid[0][k])).max().orElseThrow();
        assertTrue(off > 1e-3, "validation is scaled with the training statistics, not its own: max |mean| " + off);
        double[][] raw = meanAndVariance(components(1, "data.train-fraction=0.25", "data.corpus.normalize=none").data().split("train"));
        assertTrue(raw[0][0] < -1, "log-mel energies unnormalised are far below 0: " + raw[0][0]);
    }

    @Test
    void theSeedDrawsABalancedSubsetOfTheRightSize() {
        List<Integer> a = labels(components(1, "data.train-fraction=0.25").data().split("train"));
        List<Integer> b = labels(components(2, "data.train-fraction=0.25").data().split("train"));
        assertEquals(15, a.size(), "ceil(60 * 0.25)");
        assertEquals(10, a.stream().distinct().count(), "every word present: " + a);
        assertEquals(a, labels(components(1, "data.train-fraction=0.25").data().split("train")));
        double seed1 = meanAndVariance(components(1, "data.train-fraction=0.25", "data.corpus.normalize=none").data().split("train"))[0][0];
        double seed2 = meanAndVariance(components(2, "data.train-fraction=0.25", "data.corpus.normalize=none").data().split("train"))[0][0];
        assertNotEquals(seed1, seed2, "another seed draws other utterances");
        assertEquals(10, b.stream().distinct().count());
        List<Integer> first = labels(components(1, "data.train-fraction=0.25", "data.corpus.subset=first").data().split("train"));
        assertEquals(15, first.size());
    }

    private Components components(long seed, String... overrides) {
        List<String> o = new ArrayList<>(List.of(TINY));
        o.add("train.seed=" + seed);
        o.addAll(List.of(overrides));
        return Components.build(Experiment.load(RNN.resolve("words-gru.yaml"), o.toArray(new String[0])).spec(),
                Registry.global(), Experiment.defaultDataRoot());
    }

    private static Batch all(Split s) {
        return s.batch(IntStream.range(0, s.size()).toArray());
    }

    private static List<Integer> labels(Split s) {
        return java.util.Arrays.stream(all(s).labels()).boxed().toList();
    }

    /** Per coefficient, over the real (unpadded) frames of the whole split: {mean, population variance}. */
    private static double[][] meanAndVariance(Split s) {
        Batch b = all(s);
        INDArray x = b.inputs();
        int dims = (int) x.size(2);
        double[] sum = new double[dims];
        double[] sq = new double[dims];
        long n = 0;
        for (int i = 0; i < b.size(); i++) {
            for (int t = 0; t < b.steps(); t++) {
                if (b.mask() != null && b.mask().getDouble(i, t) == 0) {
                    continue;
                }
                n++;
                for (int k = 0; k < dims; k++) {
                    double v = x.getDouble(i, t, k);
                    sum[k] += v;
                    sq[k] += v * v;
                }
            }
        }
        double[] mean = new double[dims];
        double[] var = new double[dims];
        for (int k = 0; k < dims; k++) {
            mean[k] = sum[k] / n;
            var[k] = sq[k] / n - mean[k] * mean[k];
        }
        return new double[][] {mean, var};
    }
}
