package org.seqlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PyTorch as the engine benchmark's peer, at its best: Debian's torch 1.13 reaches OpenBLAS,
 * and how fast it runs depends on two choices the machine's owner, not PyTorch, made. (1) The
 * environment: some machines set {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE}, which
 * force OpenBLAS's kernel (Haswell, AVX2) and its blocking; on an AVX-512 AMD EPYC that cost
 * PyTorch up to 20% on some models (FACTS.md). (2) The thread split between OpenBLAS's pool and
 * torch's own (2 x 1 or 1 x 2 on two cores; they fight when both take every core). Each is tried,
 * so the comparison is against the fastest of the four. The variables are removed for the
 * PyTorch subprocess only; Seqlab keeps the machine's environment.
 */
final class TorchPeer {
    /** The variables a machine may set to force OpenBLAS's kernel choice. */
    static final List<String> KERNEL_VARIABLES = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    /**
     * One way to run PyTorch: in the machine's environment or without {@link #KERNEL_VARIABLES},
     * with {@code blas} OpenBLAS threads and {@code torch} intra-op threads.
     */
    record Config(boolean machineEnv, int blas, int torch) {
        String label() {
            return (machineEnv ? "machine-env" : "unset-env") + " " + blas + "x" + torch;
        }
    }

    /**
     * One PyTorch run of one model: medians of its timed steps (how many), its OpenBLAS kernel, its
     * memory, and how many parameters it trains (NaN if the script did not say).
     */
    record Run(double ms, double cpuMs, int steps, String core, double rssBaseMb, double rssPeakMb, double params) {}

    private final String python;
    private final Path script;

    TorchPeer(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** Whether the machine sets any of {@link #KERNEL_VARIABLES} (else both environments are one). */
    static boolean machineSetsKernel() {
        return KERNEL_VARIABLES.stream().anyMatch(v -> System.getenv(v) != null);
    }

    /** The machine's values of {@link #KERNEL_VARIABLES}, e.g. "OPENBLAS_CORETYPE=Haswell OPENBLAS_L2_SIZE=512". */
    static String kernelEnvironment() {
        StringBuilder s = new StringBuilder();
        for (String v : KERNEL_VARIABLES) {
            s.append(s.length() == 0 ? "" : " ").append(v).append('=').append(System.getenv(v) == null ? "(unset)" : System.getenv(v));
        }
        return s.toString();
    }

    /**
     * The configurations to try: each environment in {@code envs} ("machine", "unset") times the
     * two thread splits ({@code cores} x 1 and 1 x {@code cores}). "unset" is dropped when the
     * machine sets none of the variables, since it would repeat "machine".
     */
    static List<Config> configs(List<String> envs, int cores) {
        List<Config> out = new ArrayList<>();
        for (String env : envs) {
            boolean machine = switch (env) {
                case "machine" -> true;
                case "unset" -> false;
                default -> throw new IllegalArgumentException("--torch-envs takes machine and/or unset, got '" + env + "'");
            };
            if (!machine && !machineSetsKernel() && envs.contains("machine")) {
                continue;
            }
            out.add(new Config(machine, cores, 1));
            if (cores > 1) {
                out.add(new Config(machine, 1, cores));
            }
        }
        return out;
    }

    /**
     * Runs {@code model} in a fresh PyTorch process (so its peak memory is this model's). With a
     * {@code budgetSeconds} above 0 the process stops timing once that much time went by and at
     * least one step was timed: on a loaded machine a losing split can take 50 s a step.
     */
    Run run(String model, int steps, int warmup, Config c, double budgetSeconds) throws IOException, InterruptedException {
        String out = exec(List.of(script.toString(), "--models", model, "--steps", String.valueOf(steps), "--warmup",
                String.valueOf(warmup), "--torch-threads", String.valueOf(c.torch()), "--budget-s",
                String.format(java.util.Locale.ROOT, "%.1f", budgetSeconds)), c);
        Double ms = number(out, "median_ms");
        if (ms == null) {
            throw new IllegalStateException("PyTorch benchmark printed no result:\n" + out);
        }
        Matcher core = Pattern.compile("\"openblas_core\": \"([^\"]*)\"").matcher(out);
        Double timed = number(out, "steps");
        return new Run(ms, orNaN(number(out, "median_cpu_ms")), timed == null ? steps : timed.intValue(),
                core.find() ? core.group(1) : "unknown",
                orNaN(number(out, "rss_base_mb")), orNaN(number(out, "rss_peak_mb")), orNaN(number(out, "params")));
    }

    /**
     * The OpenBLAS kernel each of {@code libraries} (paths of shared objects) picks in the
     * machine's environment, asked of the libraries themselves through the same script.
     */
    String probeKernels(List<String> libraries) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(script.resolveSibling("openblas_core.py").toString()));
        args.addAll(libraries);
        return exec(args, new Config(true, 1, 1)).strip();
    }

    private String exec(List<String> args, Config c) throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("PyTorch benchmark script not found at " + script.toAbsolutePath()
                    + " (run from the repository root or pass --script)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("OPENBLAS_NUM_THREADS", String.valueOf(c.blas()));
        env.put("OMP_NUM_THREADS", String.valueOf(c.torch()));
        // the peer as installed: without the launcher's tuning of Seqlab's own OpenBLAS
        env.remove("OPENBLAS_THREAD_TIMEOUT");
        if (!c.machineEnv()) {
            KERNEL_VARIABLES.forEach(env::remove);
        }
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.append(line).append('\n');
            }
        }
        int rc = proc.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("PyTorch benchmark failed (exit " + rc + ", " + c.label() + "):\n" + all);
        }
        return all.toString();
    }

    private static Double number(String out, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([0-9.eE+-]+)").matcher(out);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }
}
