package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunDirectory;

/**
 * The real failure: {@code seqlab run} in its own JVM is killed with SIGKILL in the middle of
 * training, then {@code --resume} finishes it, and its final numbers equal an uninterrupted run.
 */
class KillResumeTest {
    @TempDir
    Path root;

    @Test
    void killedRunResumesToTheSameResult() throws Exception {
        String config = SmokeCliTest.SMOKE.resolve("parity-lstm.yaml").toString();
        List<String> overrides = List.of("--set", "train.epochs=8", "--set", "data.corpus.train=256");
        Path killedRoot = root.resolve("killed");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir", ""),
                "org.seqlab.cli.Main", "run", config, "--root", killedRoot.toString()));
        cmd.addAll(overrides);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(root.resolve("child.log").toFile()).start();
        Path dir = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            dir = runFolder(killedRoot.resolve("parity-lstm"));
            if (dir != null && Files.exists(dir.resolve(RunDirectory.LAST))) {
                break;
            }
            Thread.sleep(10);
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed:\n" + Files.readString(root.resolve("child.log")));
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(dir != null && Files.notExists(dir.resolve(RunDirectory.RESULTS_JSON)), "killed mid-training");
        assertEquals("running", Json.readObject(Files.readString(dir.resolve(RunDirectory.STATUS))).get("state"));

        Object[] resumed = SmokeCliTest.cli("run", "--resume", dir.toString(), "--json", root.resolve("resumed.json").toString());
        assertEquals(0, resumed[0], (String) resumed[2]);
        List<String> args = new java.util.ArrayList<>(List.of("run", config, "--root", root.resolve("straight").toString(),
                "--json", root.resolve("straight.json").toString()));
        args.addAll(overrides);
        Object[] straight = SmokeCliTest.cli(args.toArray(String[]::new));
        assertEquals(0, straight[0], (String) straight[2]);

        // exact: both JVMs inherit this one's environment (threads, OPENBLAS_*) on the same CPU, so the
        // same BLAS calls run on the same shapes (README, Reproducibility)
        Map<String, Object> a = SmokeCliTest.onlyRunMetrics(root.resolve("straight.json"));
        Map<String, Object> b = SmokeCliTest.onlyRunMetrics(root.resolve("resumed.json"));
        assertEquals(a, b);
        assertEquals("complete", Json.readObject(Files.readString(dir.resolve(RunDirectory.STATUS))).get("state"));
        Path straightDir = runFolder(root.resolve("straight").resolve("parity-lstm"));
        assertEquals(TrainingRunTest.metricsWithoutTime(straightDir), TrainingRunTest.metricsWithoutTime(dir));
        assertTrue(Files.readString(dir.resolve(RunDirectory.LOG)).contains("resumed at epoch"));
    }

    private static Path runFolder(Path experiment) throws java.io.IOException {
        if (!Files.isDirectory(experiment)) {
            return null;
        }
        try (Stream<Path> s = Files.list(experiment)) {
            return s.findFirst().orElse(null);
        }
    }
}
