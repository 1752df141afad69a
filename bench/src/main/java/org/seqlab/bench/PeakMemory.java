package org.seqlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;
import org.seqlab.optim.Adam;

/**
 * Peak resident memory of one model's training steps in Seqlab. Why a JVM of its own per model:
 * the kernel's peak (VmHWM) only grows, and a JVM keeps what it took (heap, pooled native
 * buffers, malloc arenas the launcher tells glibc not to trim), so in one JVM running every model
 * the later ones would inherit the first one's peak. A fresh JVM with the same options and
 * environment runs a warm-up step and a few steps of the model; its VmHWM is JVM, Java heap and
 * native arrays together, the number to set beside PyTorch's process peak. It also reports the
 * resident set before the model is built (JVM and ND4J loaded) and the Java heap's peak use (the
 * sum of the heap pools' peaks, an upper bound, since eden and old generation peak at different
 * times), so the native part can be told apart: roughly peak - base - heap.
 */
final class PeakMemory {
    private PeakMemory() {}

    /** Resident MiB: peak (VmHWM) and before the model was built; Java heap peak in use (upper bound). */
    record Reading(double rssPeakMb, double rssBaseMb, double heapPeakMb) {}

    /** Runs {@code model} in a child JVM and reads what it reports. */
    static Reading ofSeqlab(String model, int steps, int warmup, int blasThreads) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineBench.class.getName(), "--memory-child", model,
                "--steps", String.valueOf(steps), "--warmup", String.valueOf(warmup), "--blas-threads", String.valueOf(blasThreads)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process proc = pb.start();
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.append(line).append('\n');
            }
        }
        int rc = proc.waitFor();
        Matcher m = Pattern.compile("memory rss_peak_mb=([0-9.]+) rss_base_mb=([0-9.]+) heap_peak_mb=([0-9.]+)").matcher(all);
        if (rc != 0 || !m.find()) {
            throw new IllegalStateException("the memory run of " + model + " failed (exit " + rc + "):\n" + all);
        }
        return new Reading(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
    }

    /** The child's side: a few quiet steps of {@code model}, then one "memory ..." line. */
    static void child(String model, int steps, int warmup) {
        // JVM and ND4J's native libraries loaded, as PyTorch's base is taken after importing torch
        Nd4j.create(DataType.FLOAT, 4).addi(1);
        double base = Machine.statusMb("VmRSS");
        EngineBench.Problem p = EngineBench.build(model);
        Adam adam = new Adam(p.model().parameters(), 1e-3);
        for (int i = 0; i < warmup + steps; i++) {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor loss = p.loss().get();
                loss.backward();
                adam.step();
            }
        }
        double heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap += pool.getPeakUsage().getUsed() / (1024.0 * 1024.0);
            }
        }
        System.out.printf("memory rss_peak_mb=%.1f rss_base_mb=%.1f heap_peak_mb=%.1f%n", Machine.statusMb("VmHWM"), base, heap);
    }
}
