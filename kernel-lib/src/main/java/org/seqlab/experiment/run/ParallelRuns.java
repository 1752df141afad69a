package org.seqlab.experiment.run;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.seqlab.display.Progress;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.yaml.SpecYaml;

/**
 * Trains the runs of a sweep several at a time, each in its own JVM with its share of the cores.
 *
 * <p>Why processes and not threads: the models here are recurrent, so a training step is a few
 * hundred small gemms and fused loops. Two native threads on one small gemm buy little (a
 * character-level GRU 256 took 0.12 s a step on two threads and 0.13 s on one), while two runs
 * side by side, one thread each, do twice the work in the same time. ND4J's and OpenBLAS's
 * thread pools are per process and read their size when the process starts, so separate
 * processes are the one reliable way to give each run its own core.
 *
 * <p>Each worker is {@code ./seqlab run} on one resolved spec ({@code config.yaml} as a run
 * folder keeps it), so it writes the same run folder and numbers as an in-process run, up to the
 * last digits that a different thread count may change ({@code environment.json} records it).
 * A worker's failure stops the others and is rethrown here as the same kind of error with the
 * worker's one-line message; an interrupt (kernel or Ctrl-C) stops them all, and every
 * unfinished run folder can be resumed with {@code ./seqlab run --resume}. Components registered
 * only in this JVM (a model defined in a notebook cell) do not exist in a worker: run those with
 * one job.
 */
public final class ParallelRuns {
    private ParallelRuns() {}

    private static final long POLL_MILLIS = 200;

    /**
     * Runs every spec, at most {@code jobs} at once, and returns their results in the order of
     * {@code specs}. With one job or one spec there is nothing to share: callers run in process.
     */
    public static List<RunResult> run(List<ExperimentSpec> specs, int jobs, Path root, Path dataRoot, String label) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
        Path work = temporaryFolder();
        List<Worker> running = new ArrayList<>();
        RunResult[] results = new RunResult[specs.size()];
        Map<Path, Set<String>> before = existingRuns(specs, root);
        boolean keepLogs = false;
        int next = 0;
        try (Progress.Grid grid = Progress.grid(label + ", " + specs.size() + " runs, " + jobs + " at a time", specs.size())) {
            while (next < specs.size() || !running.isEmpty()) {
                while (running.size() < jobs && next < specs.size()) {
                    running.add(Worker.start(next, specs.get(next), work, root, dataRoot, threads));
                    next++;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    stopAll(running);
                    Thread.interrupted();
                    throw interrupted(specs, root, before);
                }
                for (Worker w : List.copyOf(running)) {
                    if (w.process.isAlive()) {
                        continue;
                    }
                    running.remove(w);
                    int code = w.exitCode();
                    if (code != 0) {
                        stopAll(running);
                        keepLogs = true;
                        throw fail(w, code);
                    }
                    RunResult r = w.result();
                    results[w.index] = r;
                    grid.settled(new Progress.Settled(w.label, w.elapsed(), r.summaryLine(), true));
                }
                grid.status(status(running));
            }
        } finally {
            if (!keepLogs) {
                deleteQuietly(work);
            }
        }
        return List.of(results);
    }

    private static String status(List<Worker> running) {
        StringBuilder b = new StringBuilder();
        for (Worker w : running) {
            b.append(b.length() == 0 ? "" : "; ").append(w.label);
            String last = w.lastLine();
            if (!last.isEmpty()) {
                b.append(": ").append(last.length() > 90 ? last.substring(0, 90) + "..." : last);
            }
        }
        return b.toString();
    }

    /** One worker process: {@code ./seqlab run} on one spec, its output kept in a log file. */
    private static final class Worker {
        final int index;
        final String label;
        final Process process;
        final Path log;
        final Path json;
        final long startNanos = System.nanoTime();
        private volatile String lastLine = "";

        private Worker(int index, String label, Process process, Path log, Path json) {
            this.index = index;
            this.label = label;
            this.process = process;
            this.log = log;
            this.json = json;
        }

        static Worker start(int index, ExperimentSpec spec, Path work, Path root, Path dataRoot, int threads) {
            Path config = work.resolve("run-" + index + ".yaml");
            Path json = work.resolve("run-" + index + ".json");
            Path log = work.resolve("run-" + index + ".log");
            RunFiles.writeString(config, SpecYaml.dump(spec));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.addAll(List.of("org.seqlab.cli.Main", "run", config.toString(), "--root", root.toAbsolutePath().toString(),
                    "--data", dataRoot.toAbsolutePath().toString(), "--json", json.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
            pb.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(threads));
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start a worker JVM (" + command.get(0) + "): " + e.getMessage(), e);
            }
            Worker w = new Worker(index, spec.name() + " seed " + spec.train().seed(), p, log, json);
            Thread reader = new Thread(() -> w.pump(p.getInputStream()), "seqlab-worker-" + index);
            reader.setDaemon(true);
            reader.start();
            return w;
        }

        /** Copies the worker's output to its log and keeps its latest line (bars redraw with carriage returns). */
        private void pump(InputStream in) {
            try (in; var out = Files.newOutputStream(log)) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                    out.write(c);
                    if (c == '\r' || c == '\n') {
                        if (line.length() > 0) {
                            lastLine = line.toString().strip();
                        }
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
            } catch (IOException e) {
                lastLine = "(output lost: " + e.getMessage() + ")";
            }
        }

        String lastLine() {
            return lastLine;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        int exitCode() {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        /** The worker's error line ({@code error: ...}), or its last line of output. */
        String errorLine() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                for (int i = lines.size() - 1; i >= 0; i--) {
                    String l = lines.get(i).strip();
                    if (l.startsWith("error: ")) {
                        return l.substring("error: ".length());
                    }
                }
                // an uncaught error prints a stack trace: its first line names it
                for (String l : lines) {
                    if (l.startsWith("Exception in thread") || l.matches("^[a-z][\\w.$]*(Error|Exception)\\b.*")) {
                        return l.strip();
                    }
                }
                return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
            } catch (IOException e) {
                return lastLine;
            }
        }

        @SuppressWarnings("unchecked")
        RunResult result() {
            Map<String, Object> all = Json.readObject(RunFiles.read(json));
            Map<String, Object> m = ((List<Map<String, Object>>) all.get("runs")).get(0);
            Path path = Path.of((String) m.get("path"));
            List<String> metricNames = new ArrayList<>(((Map<String, Object>) m.get("metrics")).keySet());
            metricNames.remove("loss");
            List<EpochRecord> history = new ArrayList<>();
            for (Object row : (List<Object>) m.get("history")) {
                history.add(EpochRecord.fromMap((Map<String, Object>) row, metricNames));
            }
            return RunResult.fromMap(m, path, history);
        }
    }

    /**
     * The JVM options of this process minus those that must not be repeated by a worker
     * (a profiler, an agent, a class-data archive being written).
     */
    static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:StartFlightRecording") || a.startsWith("-agentlib") || a.startsWith("-javaagent")
                    || a.startsWith("-XX:ArchiveClassesAtExit") || a.startsWith("-Xlog") || a.startsWith("-XX:Flight")
                    || a.startsWith("-Xdebug") || a.startsWith("-Xrunjdwp")) {
                continue;
            }
            out.add(a);
        }
        return out;
    }

    private static void stopAll(List<Worker> running) {
        for (Worker w : running) {
            w.process.destroy();
        }
        for (Worker w : running) {
            try {
                if (!w.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    w.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                w.process.destroyForcibly();
            }
        }
    }

    private static RuntimeException fail(Worker w, int code) {
        String line = w.errorLine();
        String message = w.label + ": " + line;
        return switch (code) {
            case ExitCodes.DIVERGED -> new TrainingDivergedException(message);
            case ExitCodes.CORPUS_MISSING -> org.seqlab.experiment.CorpusMissingException.reported(message);
            case ExitCodes.USAGE -> new IllegalArgumentException(message);
            case ExitCodes.STORAGE -> new IllegalStateException(message);
            default -> new IllegalStateException(w.label + " failed (exit " + code + "): " + line + "; its output is in " + w.log);
        };
    }

    /** Each experiment folder's run folders before the workers start, to tell which ones they made. */
    private static Map<Path, Set<String>> existingRuns(List<ExperimentSpec> specs, Path root) {
        Map<Path, Set<String>> out = new LinkedHashMap<>();
        for (ExperimentSpec s : specs) {
            out.computeIfAbsent(root.resolve(s.name()), ParallelRuns::children);
        }
        return out;
    }

    private static Set<String> children(Path folder) {
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                list.forEach(p -> names.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new RunStorageException(folder, "list", e);
            }
        }
        return names;
    }

    private static RunInterruptedException interrupted(List<ExperimentSpec> specs, Path root, Map<Path, Set<String>> before) {
        List<String> unfinished = new ArrayList<>();
        before.forEach((folder, old) -> {
            for (String name : children(folder)) {
                RunDirectory d = new RunDirectory(folder.resolve(name));
                if (!old.contains(name) && !"complete".equals(Runner.state(d))) {
                    unfinished.add(d.path().toString());
                }
            }
        });
        return new RunInterruptedException("runs interrupted; " + (unfinished.isEmpty() ? "none had started"
                : "continue each with ./seqlab run --resume RUN: " + String.join(", ", unfinished)));
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("seqlab-jobs");
        } catch (IOException e) {
            throw new RunStorageException(Path.of(System.getProperty("java.io.tmpdir")), "create a folder in", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder harms nothing
        }
    }
}
