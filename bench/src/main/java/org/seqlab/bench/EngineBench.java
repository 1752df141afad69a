package org.seqlab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Convolution;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.display.Progress;
import org.seqlab.experiment.builtin.LasModel;
import org.seqlab.experiment.builtin.Seq2SeqLoss;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.Target;
import org.seqlab.losses.BinaryCrossEntropy;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.losses.CtcLoss;
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
 * in subprocesses on the same shapes, in PyTorch at its best ({@link TorchPeer}: the machine's
 * environment and one without the OpenBLAS kernel variables, each with both thread splits; the
 * fastest of the four per model is the peer; one far behind in round 1 is not run again).
 * Prints the machine (CPU model, cores, load
 * average, the OpenBLAS kernel each side runs) and per model
 * {@code MODEL seqlab_ms=.. torch_ms=.. ratio=.. ratio_range=.. torch_best=.. gflops=.. peak_gflops=..}
 * plus peak memory, then a table of every PyTorch configuration.
 *
 * <p>Arguments: {@code [--models lstm,gru,bilstm,crnn,hgru] [--steps 10] [--warmup 3] [--rounds 3]
 * [--no-torch] [--torch-envs machine,unset] [--no-memory] [--python /usr/bin/python3]
 * [--script bench/torch/engine_step.py]} (one round by default without PyTorch); {@code --models}
 * also takes the speech models {@code ctc} and {@code las} ({@link #DEFAULT_MODELS}). Each round runs
 * Seqlab and then every PyTorch configuration; times are medians of the timed steps after
 * warm-up, then medians over rounds; the peer is the configuration with the lowest median, and the
 * ratio is the median (and range) of the rounds' Seqlab / peer ratios. Rounds alternate the sides
 * because this machine's speed drifts by a third over minutes (a shared VM): one Seqlab run and
 * one PyTorch run minutes apart compare two machines. gflops is 3x the forward matrix-product
 * FLOPs over Seqlab's time, peak_gflops a large gemm here.
 *
 * <p>Memory ({@link PeakMemory}): each model runs once more in a JVM of its own (same options),
 * so that its peak resident set (VmHWM: JVM, Java heap and native arrays together) is that
 * model's; PyTorch's peak comes from its per-model processes.
 */
public final class EngineBench {
    private static final long SEED = 1;

    /** Every model {@code --models} accepts. */
    static final List<String> MODELS = List.of("lstm", "gru", "bilstm", "crnn", "hgru", "ctc", "las");

    /**
     * The models of a run without {@code --models}: all but the speech models, whose steps take 3-6 s
     * on each side (10-20x the others), so that three default rounds would go from about 8 minutes to
     * about 25; run them with {@code --models ctc,las}.
     */
    static final List<String> DEFAULT_MODELS = List.of("lstm", "gru", "bilstm", "crnn", "hgru");

    private EngineBench() {}

    /** A benchmark model: its one-step loss and its forward FLOPs. */
    record Problem(Module model, Supplier<Tensor> loss, double forwardFlops) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt;
        try {
            opt = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> models = Arrays.asList(opt.getOrDefault("models", String.join(",", DEFAULT_MODELS)).split(","));
        int steps = Integer.parseInt(opt.getOrDefault("steps", "10"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "3"));
        int blasThreads = Integer.parseInt(opt.getOrDefault("blas-threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        Nd4j.factory().blas().setMaxThreads(blasThreads);
        if (opt.containsKey("memory-child")) {
            PeakMemory.child(opt.get("memory-child"), steps, warmup);
            return;
        }
        boolean torch = !opt.containsKey("no-torch");
        int cores = Runtime.getRuntime().availableProcessors();
        TorchPeer peer = new TorchPeer(opt.getOrDefault("python", "/usr/bin/python3"),
                Path.of(opt.getOrDefault("script", "bench/torch/engine_step.py")));
        List<TorchPeer.Config> configs = torch
                ? TorchPeer.configs(Arrays.asList(opt.getOrDefault("torch-envs", "machine,unset").split(",")), cores)
                : List.of();
        for (String name : models) {
            build(name); // unknown names fail here, before minutes of benchmarking
        }
        double peak = peakGflops();
        System.out.printf("# engine benchmark: %d steps after %d warm-up, %d cores, BLAS threads %d%n",
                steps, warmup, cores, blasThreads);
        System.out.printf("# cpu: %s; %s; load average %s%n", Machine.cpu(), TorchPeer.kernelEnvironment(), Machine.load());
        if (torch) {
            System.out.printf("# seqlab's OpenBLAS: %s%n", seqlabKernels(peer));
            if (!TorchPeer.machineSetsKernel()) {
                System.out.println("# the machine sets no OpenBLAS kernel variable: PyTorch runs in its one environment");
            }
        }
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", torch ? "3" : "1"));
        boolean memory = !opt.containsKey("no-memory");
        List<String> table = new ArrayList<>();
        for (String name : models) {
            double[] seqlabMs = new double[rounds];
            Map<TorchPeer.Config, List<TorchPeer.Run>> runs = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                seqlabMs[r] = seqlab(name, steps, warmup);
                double fastest = Double.POSITIVE_INFINITY;
                for (TorchPeer.Config c : configs) {
                    List<TorchPeer.Run> before = runs.get(c);
                    if (r > 0 && before.get(0).ms() > CONTENDER * fastestFirst(runs)) {
                        continue; // far behind in round 1: not the peer, and slow to run
                    }
                    double budget = Double.isInfinite(fastest) ? 0 : BUDGET * (warmup + steps) * fastest / 1e3;
                    TorchPeer.Run run = peer.run(name, steps, warmup, c, budget);
                    fastest = Math.min(fastest, run.ms());
                    runs.computeIfAbsent(c, k -> new ArrayList<>()).add(run);
                    System.out.printf("#   torch %s %s: median %.1f ms wall (%d steps), %.1f ms CPU, OpenBLAS kernel %s, peak RSS %.0f MB,"
                            + " %.0f parameters trained%n", name, c.label(), run.ms(), run.steps(), run.cpuMs(), run.core(),
                            run.rssPeakMb(), run.params());
                }
                System.out.printf("#   round %d of %d done (%s), load average %s%n", r + 1, rounds, name, Machine.load());
            }
            TorchPeer.Config best = null;
            for (var e : runs.entrySet()) {
                if (e.getValue().size() < rounds) {
                    table.add(String.format("%s | %s | %s | (round 1 only: %.0f ms, %d steps, over %.1fx the fastest) | | %.0f",
                            name, e.getKey().label(), e.getValue().get(0).core(), e.getValue().get(0).ms(),
                            e.getValue().get(0).steps(), CONTENDER, e.getValue().get(0).cpuMs()));
                    continue;
                }
                double ms = median(e.getValue().stream().mapToDouble(TorchPeer.Run::ms).toArray());
                table.add(String.format("%s | %s | %s | %.1f | %s | %s", name, e.getKey().label(), e.getValue().get(0).core(),
                        ms, join(e.getValue().stream().mapToDouble(TorchPeer.Run::ms).toArray()),
                        join(e.getValue().stream().mapToDouble(TorchPeer.Run::cpuMs).toArray())));
                if (best == null || ms < median(runs.get(best).stream().mapToDouble(TorchPeer.Run::ms).toArray())) {
                    best = e.getKey();
                }
            }
            double[] torchMs = best == null ? new double[] {Double.NaN}
                    : runs.get(best).stream().mapToDouble(TorchPeer.Run::ms).toArray();
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = seqlabMs[r] / torchMs[Math.min(r, torchMs.length - 1)];
            }
            double[] sorted = ratio.clone();
            Arrays.sort(sorted);
            double flops = 3 * build(name).forwardFlops();
            StringBuilder line = new StringBuilder(String.format(
                    "%s seqlab_ms=%.1f torch_ms=%.1f ratio=%.2f ratio_range=%.2f-%.2f torch_best=%s gflops=%.1f peak_gflops=%.1f",
                    name, median(seqlabMs), median(torchMs), median(ratio), sorted[0], sorted[sorted.length - 1],
                    best == null ? "-" : best.label().replace(' ', ','), flops / median(seqlabMs) / 1e6, peak));
            if (memory) {
                PeakMemory.Reading m = PeakMemory.ofSeqlab(name, Math.min(steps, 3), 1, blasThreads);
                line.append(String.format(" seqlab_rss_peak_mb=%.0f seqlab_rss_base_mb=%.0f seqlab_heap_peak_mb=%.0f",
                        m.rssPeakMb(), m.rssBaseMb(), m.heapPeakMb()));
            }
            if (best != null) {
                List<TorchPeer.Run> b = runs.get(best);
                line.append(String.format(" torch_rss_peak_mb=%.0f torch_rss_base_mb=%.0f",
                        b.stream().mapToDouble(TorchPeer.Run::rssPeakMb).max().orElse(Double.NaN),
                        b.stream().mapToDouble(TorchPeer.Run::rssBaseMb).max().orElse(Double.NaN)));
            }
            System.out.println(line);
            // per model, so that a run cut short keeps what it measured
            if (!table.isEmpty()) {
                System.out.println("# every PyTorch configuration: model | environment and split (OpenBLAS threads x torch threads)"
                        + " | OpenBLAS kernel | median ms | ms per round | CPU ms per round");
                table.forEach(t -> System.out.println("#   " + t));
                table.clear();
            }
        }
        System.out.printf("# load average at the end: %s%n", Machine.load());
    }

    /** The OpenBLAS copies this JVM mapped and the kernel each picks in this environment. */
    private static String seqlabKernels(TorchPeer peer) {
        List<String> libs = Machine.mappedOpenBlas();
        if (libs.isEmpty()) {
            return "no libopenblas mapped";
        }
        try {
            return peer.probeKernels(libs).replace('\n', ';');
        } catch (Exception e) {
            return "unknown (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    /**
     * A PyTorch configuration more than this factor slower than the fastest in round 1 is not run
     * again: it cannot become the peer (rounds move a configuration by +-30% here) and a losing
     * thread split under load took 54 s a step against 2 s for the winner.
     */
    private static final double CONTENDER = 1.5;

    /** Later configurations of a round stop timing after this many times the round's fastest run. */
    private static final double BUDGET = 3;

    private static double fastestFirst(Map<TorchPeer.Config, List<TorchPeer.Run>> runs) {
        return runs.values().stream().mapToDouble(l -> l.get(0).ms()).min().orElse(Double.POSITIVE_INFINITY);
    }

    private static String join(double[] v) {
        StringBuilder s = new StringBuilder();
        for (double d : v) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format("%.0f", d));
        }
        return s.toString();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String key = args[i].substring(2);
            if (key.equals("no-torch") || key.equals("no-memory")) {
                m.put(key, "true");
            } else if (i + 1 < args.length) {
                m.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + key + " needs a value");
            }
        }
        for (String k : List.of("steps", "warmup", "rounds", "blas-threads")) {
            if (m.containsKey(k) && !m.get(k).matches("[1-9][0-9]*|0")) {
                throw new IllegalArgumentException("--" + k + " takes a whole number, got '" + m.get(k) + "'");
            }
        }
        for (String env : m.getOrDefault("torch-envs", "machine").split(",")) {
            if (!env.equals("machine") && !env.equals("unset")) {
                throw new IllegalArgumentException("--torch-envs takes machine and/or unset (comma-separated), got '" + env + "'");
            }
        }
        if (m.containsKey("models")) {
            for (String name : m.get("models").split(",")) {
                if (!MODELS.contains(name)) {
                    throw new IllegalArgumentException("unknown model '" + name + "' in --models; expected one of " + MODELS);
                }
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
        System.out.printf("#   seqlab %s: median %.1f ms wall, %.1f ms CPU (all threads), %d parameters trained%n", name,
                median(ms), median(cpu), p.model().parameterCount());
        return median(ms);
    }

    static Problem build(String name) {
        Rng rng = new Rng(SEED);
        return switch (name) {
            case "lstm", "gru", "bilstm" -> recurrent(name, rng);
            case "crnn" -> crnn(rng);
            case "hgru" -> hgru(rng);
            case "ctc" -> ctc(Speech.FULL, rng);
            case "las" -> las(Speech.FULL, rng);
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; expected one of " + MODELS);
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
     * Lecture 06's hierarchical GRU: 32 utterances x 505 frames x 40 features cut into 41 windows
     * of 25 frames every 12 (505 = 25 + 40 x 12, so every window is full and torch's
     * {@code unfold} makes the same ones), a GRU 64 per window read by its last state, a GRU 64
     * over the windows, additive attention 32, linear to 8 languages, cross-entropy per utterance.
     */
    private static Problem hgru(Rng rng) {
        int b = 32;
        int t = 505;
        int in = 40;
        int h = 64;
        int languages = 8;
        int windows = org.seqlab.autograd.ops.Segments.count(t, 25, 12);
        org.seqlab.experiment.builtin.HierarchicalGru m = new org.seqlab.experiment.builtin.HierarchicalGru(in, languages, h, h,
                25, 12, 32, SEED, DataType.FLOAT);
        INDArray x = rng.normal(DataType.FLOAT, 0, 1, b, t, in);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, b);
        for (int i = 0; i < b; i++) {
            y.putScalar(i, rng.nextInt(languages));
        }
        org.seqlab.experiment.train.Batch batch = new org.seqlab.experiment.train.Batch(x, null, null);
        double flops = 2.0 * b * windows * 25 * (in + h) * 3 * h + 2.0 * b * windows * (h + h) * 3 * h
                + 2.0 * b * windows * h * 32 + 2.0 * b * h * languages;
        return new Problem(m, () -> CrossEntropy.loss(m.forward(batch), y), flops);
    }

    /**
     * The shapes of the speech models (lecture 05): {@code batch} utterances of {@code frames}
     * frames x {@code features}, recurrent layers of {@code hidden} units per direction, and
     * transcripts of {@code shortest} to {@code longest} characters. The lengths follow
     * {@link #transcriptLength} rather than the Rng so that {@code engine_step.py} runs the very
     * same lattices and decoder steps (the CTC recursion and the speller's loop cost per label).
     */
    record Speech(int batch, int frames, int features, int hidden, int shortest, int longest) {
        /** Issue 15's size: 16 x 400 frames x 80 features, BLSTM 256, transcripts of 40-60 characters. */
        static final Speech FULL = new Speech(16, 400, 80, 256, 40, 60);

        /** Example {@code i}'s transcript length, spread over [shortest, longest] (13 is prime to any span up to 25). */
        int transcriptLength(int i) {
            return shortest + (13 * i) % (longest - shortest + 1);
        }

        /** Transcripts of classes 1..classes-1 (0 is the CTC blank or the speller's end of sentence). */
        int[][] transcripts(Rng rng, int classes) {
            int[][] out = new int[batch][];
            for (int i = 0; i < batch; i++) {
                out[i] = new int[transcriptLength(i)];
                for (int u = 0; u < out[i].length; u++) {
                    out[i][u] = 1 + rng.nextInt(classes - 1);
                }
            }
            return out;
        }
    }

    /** Lecture 05's CTC characters: 29 and the blank. */
    static final int CTC_CLASSES = 30;

    /** The LAS speller's output symbols, the end of sentence (0) included. */
    static final int LAS_CLASSES = 60;

    /**
     * Lecture 05's CTC model (experiments/asr/ctc.yaml at the size): a 3-layer BLSTM, a
     * linear layer to {@link #CTC_CLASSES} per frame, and the CTC loss with PyTorch's mean
     * reduction (each utterance's loss over its transcript length, then the batch mean).
     */
    static Problem ctc(Speech s, Rng rng) {
        final class Model extends Module {
            final Stacked rnn = child("rnn", Stacked.of(Cell.LSTM, s.features(), s.hidden(), 3, Bidirectional.Merge.CONCAT,
                    SEED, DataType.FLOAT));
            final Linear out = child("out", new Linear(rnn.outputSize(), CTC_CLASSES, rng));
        }
        Model m = new Model();
        Tensor x = Tensor.constant(rng.normal(DataType.FLOAT, 0, 1, s.batch(), s.frames(), s.features()));
        int[][] labels = s.transcripts(rng, CTC_CLASSES);
        int[] frames = new int[s.batch()];
        Arrays.fill(frames, s.frames());
        double flops = 0;
        int in = s.features();
        for (int l = 0; l < 3; l++) {
            flops += 2 * 2.0 * s.batch() * s.frames() * (in + s.hidden()) * 4 * s.hidden();
            in = 2 * s.hidden();
        }
        flops += 2.0 * s.batch() * s.frames() * in * CTC_CLASSES;
        return new Problem(m, () -> CtcLoss.loss(m.out.forward(m.rnn.encode(x, null)), frames, labels,
                CtcLoss.Options.defaults()), flops);
    }

    /**
     * Listen, Attend and Spell ({@link LasModel}, as experiments/asr/las.yaml builds it): a
     * 3-layer BLSTM listener whose top two layers halve time by concatenating frame pairs (T/4
     * encoder frames), additive attention of hidden/2, a one-layer LSTM speller of {@code hidden}
     * units fed a hidden/4 embedding of the previous character and the last context, teacher
     * forced, scored over {@link #LAS_CLASSES} symbols by cross-entropy over each transcript and its
     * end of sentence. The speller's loop of longest+1 small steps is where per-op overhead shows.
     */
    static Problem las(Speech s, Rng rng) {
        int pyramid = 2;
        int attention = s.hidden() / 2;
        int embedding = s.hidden() / 4;
        LasModel m = new LasModel(s.features(), LAS_CLASSES, 3, s.hidden(), pyramid, s.hidden(), embedding, "additive",
                attention, 0.0, false, SEED, DataType.FLOAT);
        int[][] tokens = s.transcripts(rng, LAS_CLASSES);
        Batch batch = new Batch(rng.normal(DataType.FLOAT, 0, 1, s.batch(), s.frames(), s.features()), null,
                new Target.Tokens(tokens, null));
        Objective objective = new Seq2SeqLoss(0.0, 0.0).bind(m);
        double flops = 0;
        int in = s.features();
        int t = s.frames();
        for (int l = 0; l < 3; l++) {
            if (l >= 3 - pyramid) {
                in *= 2;
                t /= 2;
            }
            flops += 2 * 2.0 * s.batch() * t * (in + s.hidden()) * 4 * s.hidden();
            in = 2 * s.hidden();
        }
        int steps = s.longest() + 1;
        flops += 2.0 * s.batch() * t * in * attention; // keys, once
        flops += steps * 2.0 * s.batch() * (s.hidden() * attention + t * attention + t * in // query, scores, context
                + (embedding + in + s.hidden()) * 4 * s.hidden() // speller cell
                + (s.hidden() + in) * LAS_CLASSES); // output layer
        return new Problem(m, () -> objective.loss(m.forward(batch), batch), flops);
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
