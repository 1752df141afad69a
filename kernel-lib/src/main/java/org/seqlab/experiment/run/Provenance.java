package org.seqlab.experiment.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Seqlab;

/** Where a run's numbers came from: code version and commit, runtime, machine and thread settings. */
public final class Provenance {
    private Provenance() {}

    public static Map<String, Object> collect() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seqlab", Seqlab.version());
        m.put("git-commit", git("rev-parse", "HEAD"));
        String dirty = git("status", "--porcelain", "--untracked-files=no");
        m.put("git-dirty", dirty.equals("unknown") ? "unknown" : Boolean.toString(!dirty.isEmpty()));
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        m.put("nd4j", nd4jVersion());
        m.put("nd4j-backend", Nd4j.getBackend().getClass().getSimpleName());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("OMP_NUM_THREADS", envOr("OMP_NUM_THREADS"));
        m.put("OPENBLAS_NUM_THREADS", envOr("OPENBLAS_NUM_THREADS"));
        m.put("started", Instant.now().toString());
        return m;
    }

    /** The thread setting that decides whether two runs can be bit-identical. */
    public static String threads() {
        return envOr("OMP_NUM_THREADS") + "/" + envOr("OPENBLAS_NUM_THREADS");
    }

    private static String envOr(String name) {
        String v = System.getenv(name);
        return v == null ? "unset" : v;
    }

    private static String nd4jVersion() {
        String v = Nd4j.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        String jar = Nd4j.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        var match = java.util.regex.Pattern.compile("nd4j-api-([^/]+)\\.jar").matcher(jar);
        return match.find() ? match.group(1) : "unknown";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through to the architecture
        }
        return System.getProperty("os.arch");
    }

    private static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return "unknown";
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
