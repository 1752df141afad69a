package org.seqlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a benchmark result must be read beside: the CPU (benchmarks here run on Intel Xeons and
 * AMD EPYCs, whose OpenBLAS kernels differ) and how busy the shared machine was.
 */
final class Machine {
    private Machine() {}

    /** "MODEL NAME (VENDOR), N cores" from /proc/cpuinfo, or what the JVM knows elsewhere. */
    static String cpu() {
        String model = cpuinfo("model name");
        String vendor = cpuinfo("vendor_id");
        return (model == null ? System.getProperty("os.arch") : model) + (vendor == null ? "" : " (" + vendor + ")")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    private static String cpuinfo(String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The 1-, 5- and 15-minute load averages, e.g. "1.10 0.95 0.80", or "unknown". */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    /** Paths of the OpenBLAS shared objects mapped into this process (ND4J's and the one StridedGemm calls). */
    static List<String> mappedOpenBlas() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1)).filter(p -> p.contains("libopenblas")).distinct().sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A line of /proc/self/status in MiB (VmRSS: resident now; VmHWM: the peak), NaN if unreadable. */
    static double statusMb(String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith(key + ":")).mapToDouble(l -> Double.parseDouble(l.split("\\s+")[1]) / 1024)
                    .findFirst().orElse(Double.NaN);
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
