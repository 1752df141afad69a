package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.cli.Main;
import org.seqlab.experiment.run.Json;

/**
 * The smoke experiments through both faces: {@code seqlab run} (in this JVM, through the real
 * picocli entry point) and {@code Experiment.load(...).run()}, which must give the same numbers.
 */
class SmokeCliTest {
    static final Path SMOKE = Path.of("../experiments/smoke");

    @TempDir
    Path root;

    /** Runs the CLI; returns {exit code, stdout, stderr}. */
    static Object[] cli(String... args) {
        return org.seqlab.testing.Cli.run(args);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> onlyRunMetrics(Path json) throws Exception {
        Map<String, Object> all = Json.readObject(Files.readString(json));
        return (Map<String, Object>) ((Map<String, Object>) ((List<Object>) all.get("runs")).get(0)).get("metrics");
    }

    @Test
    void smokeExperimentsGiveTheSameNumbersFromCliAndJava() throws Exception {
        for (String name : List.of("parity-lstm", "parity-gru", "adding-lstm", "chars-lstm")) {
            Path config = SMOKE.resolve(name + ".yaml");
            Path json = root.resolve(name + ".json");
            Object[] r = cli("run", config.toString(), "--set", "train.epochs=2", "--root", root.resolve("cli").toString(),
                    "--json", json.toString());
            assertEquals(0, r[0], name + ": " + r[2]);
            assertTrue(((String) r[1]).contains(name), (String) r[1]);
            ExperimentRun java = Experiment.load(config, "train.epochs=2").root(root.resolve("java")).run();
            Map<String, Object> fromCli = onlyRunMetrics(json);
            java.first().metrics().forEach((k, v) -> assertEquals(v, ((Number) fromCli.get(k)).doubleValue(), name + " " + k));
        }
    }

    @Test
    void seedsSweepAndCompare() {
        Path config = SMOKE.resolve("parity-gru.yaml");
        Object[] r = cli("run", config.toString(), "--set", "train.epochs=1", "--set", "data.corpus.train=64",
                "--seeds", "1,2", "--sweep", "model.hidden=4,8", "--root", root.toString());
        assertEquals(0, r[0], (String) r[2]);
        String table = (String) r[1];
        assertTrue(table.contains("parity-gru--model.hidden=4") && table.contains("parity-gru--model.hidden=8"), table);
        Object[] c = cli("compare", "--root", root.toString());
        assertEquals(0, c[0], (String) c[2]);
        String lines = (String) c[1];
        assertTrue(lines.lines().anyMatch(l -> l.startsWith("parity-gru--model.hidden=4") && l.contains(" 2 ") && l.contains("1,2")), lines);
        assertTrue(lines.lines().findFirst().orElseThrow().contains("accuracy_ci95_low"), lines);
        Object[] perRun = cli("compare", "parity-gru--model.hidden=8", "--runs", "--root", root.toString());
        assertEquals(4, ((String) perRun[1]).lines().count(), (String) perRun[1]);
    }

    @Test
    void configErrorsExitBeforeAnyWork() throws Exception {
        Path bad = root.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(SMOKE.resolve("parity-lstm.yaml")).replace("hidden: 16", "hiden: 16"));
        Object[] r = cli("run", bad.toString(), "--root", root.resolve("runs").toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("bad.yaml:5: model.hiden: unknown key 'hiden'; did you mean 'hidden'?"), (String) r[2]);
        assertTrue(Files.notExists(root.resolve("runs")));
        Object[] list = cli("run", "--list");
        assertTrue(((String) list[1]).contains("hidden: an integer in [1, 8192], default 64"), (String) list[1]);
    }

    @Test
    void unpreparedAudioCorpusSaysHowToPrepareIt() throws Exception {
        Path config = Path.of("../experiments/examples/spoken-words-gru.yaml");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir", ""),
                "org.seqlab.cli.Main", "run", config.toString(), "--root", root.resolve("runs").toString())
                .redirectErrorStream(true);
        pb.environment().put("SEQLAB_DATA", root.resolve("empty-data").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.waitFor(), out);
        assertTrue(out.contains("error: corpus 'speech-words' is not prepared: it is not built under "
                + root.resolve("empty-data").resolve("speech-words")
                + "; generate it with ./seqlab datasets prepare speech-words (needs espeak-ng)"), out);
        assertTrue(Files.notExists(root.resolve("runs")), "no run folder for a run that could not start");
    }

    @Test
    void unwritableRootGivesAClearError() throws Exception {
        Path file = root.resolve("not-a-folder");
        Files.writeString(file, "x");
        Object[] r = cli("run", SMOKE.resolve("parity-lstm.yaml").toString(), "--root", file.toString());
        assertEquals(5, r[0]);
        assertTrue(((String) r[2]).startsWith("error: cannot create the run folder " + file.resolve("parity-lstm")), (String) r[2]);
    }
}
