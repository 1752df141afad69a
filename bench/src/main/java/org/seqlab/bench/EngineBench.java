package org.seqlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Convolution;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.display.Progress;
import org.seqlab.losses.BinaryCrossEntropy;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.nn.Init;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Module;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.recurrent.Bidirectional;
import org.seqlab.nn.recurrent.Cell;
import org.seqlab.nn.recurrent.Stacked;
import org.seqlab.optim.Adam;

/**
 * One training step (forward, backward, Adam) of each engine benchmark model in Seqlab and,
 * in a subprocess on the same shapes, in PyTorch at its faster thread split; prints
 * {@code MODEL seqlab_ms=.. torch_ms=.. ratio=.. gflops=.. peak_gflops=..} per model.
 * Times are medians over several steps after warm-up; gflops is the model's arithmetic
 * (3x the forward matrix products) over Seqlab's time, peak_gflops a large gemm here.
 *
 * <p>Arguments: {@code [--models lstm,gru,bilstm,crnn] [--steps 10] [--warmup 3] [--rounds 3]
 * [--no-torch] [--python /usr/bin/python3] [--script bench/torch/engine_step.py]} (one round by
 * default without PyTorch). Each round runs Seqlab and then PyTorch (the faster thread split,
 * chosen in round 1); the printed figures are medians over rounds, the ratio the median of the
 * rounds' ratios. Rounds alternate the two because this machine's speed drifts by a third over
 * minutes (a shared VM): one Seqlab run and one PyTorch run minutes apart compare two machines.
 */
public final class EngineBench {
    private static final long SEED = 1;

    private EngineBench() {}

    /** A benchmark model: its one-step loss and its forward FLOPs. */
    record Problem(Module model, Supplier<Tensor> loss, double forwardFlops) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        List<String> models = Arrays.asList(opt.getOrDefault("models", "lstm,gru,bilstm,crnn").split(","));
        int steps = Integer.parseInt(opt.getOrDefault("steps", "10"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "3"));
        boolean torch = !opt.containsKey("no-torch");
        int blasThreads = Integer.parseInt(opt.getOrDefault("blas-threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        Nd4j.factory().blas().setMaxThreads(blasThreads);
        double peak = peakGflops();
        System.out.printf("# engine benchmark: %d steps after %d warm-up, %d cores, BLAS threads %d%n",
                steps, warmup, Runtime.getRuntime().availableProcessors(), blasThreads);
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", torch ? "3" : "1"));
        for (String name : models) {
            double[] seqlabMs = new double[rounds];
            double[] torchMs = new double[rounds];
            double[] ratio = new double[rounds];
            int[] split = null;
            for (int r = 0; r < rounds; r++) {
                seqlabMs[r] = seqlab(name, steps, warmup);
                if (torch) {
                    if (split == null) {
                        split = torchBest(name, steps, warmup, opt);
                        torchMs[r] = split[2] / 1e3;
                    } else {
                        torchMs[r] = torch(name, steps, warmup, split[0], split[1], opt)[0];
                        System.out.printf("#   torch %s openblas_threads=%d torch_threads=%d: median %.1f ms wall%n", name,
                                split[0], split[1], torchMs[r]);
                    }
                } else {
                    torchMs[r] = Double.NaN;
                }
                ratio[r] = seqlabMs[r] / torchMs[r];
                if (rounds > 1) {
                    System.out.printf("#   round %d of %d: %s ratio %.2f%n", r + 1, rounds, name, ratio[r]);
                }
            }
            double flops = 3 * build(name).forwardFlops();
            System.out.printf("%s seqlab_ms=%.1f torch_ms=%.1f ratio=%.2f gflops=%.1f peak_gflops=%.1f%n", name,
                    median(seqlabMs), median(torchMs), median(ratio), flops / median(seqlabMs) / 1e6, peak);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String key = args[i].substring(2);
            if (key.equals("no-torch")) {
                m.put(key, "true");
            } else if (i + 1 < args.length) {
                m.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + key + " needs a value");
            }
        }
        return m;
    }

    /** Median milliseconds of one Seqlab training step. */
    static double seqlab(String name, int steps, int warmup) {
        Problem p = build(name);
        Adam adam = new Adam(p.model().parameters(), 1e-3);
        double[] ms = new double[steps];
        double[] cpu = new double[steps];
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (var bar = Progress.start("seqlab " + name, warmup + steps)) {
            for (int i = 0; i < warmup + steps; i++) {
                long t0 = System.nanoTime();
                long c0 = os.getProcessCpuTime();
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor loss = p.loss().get();
                    loss.backward();
                    adam.step();
                }
                double elapsed = (System.nanoTime() - t0) / 1e6;
                if (i >= warmup) {
                    ms[i - warmup] = elapsed;
                    cpu[i - warmup] = (os.getProcessCpuTime() - c0) / 1e6;
                }
                bar.step();
                bar.status("%.0f ms", elapsed);
            }
        }
        System.out.printf("#   seqlab %s: median %.1f ms wall, %.1f ms CPU (all threads)%n", name, median(ms), median(cpu));
        return median(ms);
    }

    static Problem build(String name) {
        Rng rng = new Rng(SEED);
        return switch (name) {
            case "lstm", "gru", "bilstm" -> recurrent(name, rng);
            case "crnn" -> crnn(rng);
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; expected lstm, gru, bilstm or crnn");
        };
    }

    /** 2 layers, batch 32 x 200 frames x 40 features, hidden 128, linear to 30 classes, CE per frame. */
    private static Problem recurrent(String name, Rng rng) {
        int b = 32;
        int t = 200;
        int in = 40;
        int h = 128;
        int classes = 30;
        Cell cell = name.equals("gru") ? Cell.GRU : Cell.LSTM;
        boolean bi = name.equals("bilstm");
        final class Model extends Module {
            final Stacked rnn = child("rnn", Stacked.of(cell, in, h, 2, bi ? Bidirectional.Merge.CONCAT : null, SEED, DataType.FLOAT));
            final Linear out = child("out", new Linear(rnn.outputSize(), classes, rng));
        }
        Model m = new Model();
        Tensor x = Tensor.constant(rng.normal(DataType.FLOAT, 0, 1, b, t, in));
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, b, t);
        for (int i = 0; i < b * t; i++) {
            y.putScalar(i / t, i % t, rng.nextInt(classes));
        }
        int gates = cell.gates();
        int dirs = bi ? 2 : 1;
        double flops = 0;
        int layerIn = in;
        for (int l = 0; l < 2; l++) {
            flops += dirs * 2.0 * b * t * (layerIn + h) * gates * h;
            layerIn = dirs * h;
        }
        flops += 2.0 * b * t * layerIn * classes;
        return new Problem(m, () -> CrossEntropy.loss(m.out.forward(m.rnn.encode(x, null)), y), flops);
    }

    /**
     * Three conv2d 3x3x64 (same padding, ReLU), each followed by max-pooling over frequency by
     * 4, 2, 2 (frames kept), on 16 x 1 x 64 mel x 500 frames; BiGRU 64; sigmoid output 10 per
     * frame with binary cross-entropy.
     */
    private static Problem crnn(Rng rng) {
        int n = 16;
        int mel = 64;
        int frames = 500;
        int ch = 64;
        int[] pools = {4, 2, 2};
        final class Model extends Module {
            final Parameter[] w = new Parameter[3];
            final Parameter[] bias = new Parameter[3];
            final Bidirectional gru;
            final Linear out;

            Model() {
                int cin = 1;
                for (int i = 0; i < 3; i++) {
                    w[i] = parameter("conv" + i + "_w", Init.heUniform(rng, DataType.FLOAT, ch, cin, 3, 3));
                    bias[i] = parameter("conv" + i + "_b", Init.constant(DataType.FLOAT, 0.0, ch));
                    cin = ch;
                }
                gru = child("gru", Bidirectional.gru(ch * 4, 64, Bidirectional.Merge.CONCAT, SEED, DataType.FLOAT));
                out = child("out", new Linear(128, 10, rng));
            }

            Tensor logits(Tensor x) {
                Tensor f = x;
                for (int i = 0; i < 3; i++) {
                    f = Convolution.conv2dReluMaxPool("conv" + i, f, w[i], bias[i], Convolution.Geometry.same(3, 3),
                            pools[i], 1);
                }
                // [N, C, 4, T] -> [N, T, C*4]
                Tensor seq = Shapes.reshape(Shapes.permute(f, 0, 3, 1, 2), n, frames, ch * 4);
                return out.forward(gru.encode(seq, null));
            }
        }
        Model m = new Model();
        Tensor x = Tensor.constant(rng.normal(DataType.FLOAT, 0, 1, n, 1, mel, frames));
        INDArray y = rng.uniform(DataType.FLOAT, 0, 1, n, frames, 10).gt(0.8).castTo(DataType.FLOAT);
        double flops = 0;
        int cin = 1;
        int height = mel;
        for (int pool : pools) {
            flops += 2.0 * n * ch * cin * 9 * height * frames;
            cin = ch;
            height /= pool;
        }
        flops += 2 * 2.0 * n * frames * (ch * 4 + 64) * 3 * 64;
        flops += 2.0 * n * frames * 128 * 10;
        return new Problem(m, () -> BinaryCrossEntropy.withLogits(m.logits(x), y), flops);
    }

    /**
     * The faster of PyTorch's two thread splits (FACTS.md): {BLAS threads, torch threads, median
     * microseconds}.
     */
    private static int[] torchBest(String name, int steps, int warmup, Map<String, String> opt)
            throws IOException, InterruptedException {
        int[] best = null;
        double bestMs = Double.NaN;
        for (int[] split : new int[][] {{2, 1}, {1, 2}}) {
            double[] r = torch(name, steps, warmup, split[0], split[1], opt);
            double ms = r[0];
            System.out.printf("#   torch %s openblas_threads=%d torch_threads=%d: median %.1f ms wall, %.1f ms CPU%n", name,
                    split[0], split[1], r[0], r[1]);
            if (best == null || ms < bestMs) {
                best = split;
                bestMs = ms;
            }
        }
        return new int[] {best[0], best[1], (int) Math.round(bestMs * 1e3)};
    }

    /** {median wall ms, median CPU ms} of one PyTorch run. */
    private static double[] torch(String name, int steps, int warmup, int blas, int threads, Map<String, String> opt)
            throws IOException, InterruptedException {
        Path script = Path.of(opt.getOrDefault("script", "bench/torch/engine_step.py"));
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("PyTorch benchmark script not found at " + script.toAbsolutePath()
                    + " (run from the repository root or pass --script)");
        }
        ProcessBuilder pb = new ProcessBuilder(opt.getOrDefault("python", "/usr/bin/python3"), script.toString(),
                "--models", name, "--steps", String.valueOf(steps), "--warmup", String.valueOf(warmup),
                "--torch-threads", String.valueOf(threads));
        pb.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(blas));
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        // the peer as installed: without the launcher's tuning of Seqlab's own OpenBLAS
        pb.environment().remove("OPENBLAS_THREAD_TIMEOUT");
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        StringBuilder all = new StringBuilder();
        Double ms = null;
        double cpu = Double.NaN;
        Pattern p = Pattern.compile("\"median_ms\": ([0-9.eE+-]+)");
        Pattern pc = Pattern.compile("\"median_cpu_ms\": ([0-9.eE+-]+)");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.append(line).append('\n');
                Matcher m = p.matcher(line);
                if (m.find()) {
                    ms = Double.parseDouble(m.group(1));
                }
                Matcher mc = pc.matcher(line);
                if (mc.find()) {
                    cpu = Double.parseDouble(mc.group(1));
                }
            }
        }
        int rc = proc.waitFor();
        if (rc != 0 || ms == null) {
            throw new IllegalStateException("PyTorch benchmark failed (exit " + rc + "):\n" + all);
        }
        return new double[] {ms, cpu};
    }

    /** GFLOP/s of a large float gemm, [6400 x 256] x [256 x 512], the ceiling for these models. */
    static double peakGflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 6400, 256);
        INDArray b = Nd4j.rand(DataType.FLOAT, 256, 512);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, 6400, 512);
        double[] ms = new double[7];
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return 2.0 * 6400 * 256 * 512 / median(ms) / 1e6;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
