package org.seqlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.seqlab.features.Fbank;
import org.seqlab.features.FeatureExtractor;
import org.seqlab.features.LogMel;
import org.seqlab.features.Mfcc;

/**
 * Feature extraction throughput on one core: how many seconds of 16 kHz audio each extractor
 * turns into features per second of CPU, on a 60 s chirp with seeded noise. The target
 * is {@code logmel realtime_factor >= 500} for 64-bin log-mel.
 *
 * <p>Usage: {@code ./seqlab bench features [repeats]}; prints one line per extractor,
 * {@code NAME realtime_factor=R wall_realtime_factor=W ms_per_audio_second=M}, medians over the
 * repeats. {@code realtime_factor} divides by the thread's CPU time, which is what one core
 * spends whatever else the machine runs; the wall-clock factor is printed beside it and equals
 * it on an otherwise idle core.
 */
public final class FeaturesBench {
    private static final int SAMPLE_RATE = 16000;
    private static final int SECONDS = 60;

    private FeaturesBench() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        // One core: JTransforms only threads FFTs far longer than these, but make it explicit.
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        float[] signal = chirpWithNoise(SECONDS * SAMPLE_RATE, 42L);
        System.out.println("features bench: " + SECONDS + " s of 16 kHz audio, median of " + repeats
                + " runs, 1 thread, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        run("logmel", LogMel.bins(64), signal, repeats);
        run("mfcc13", Mfcc.coefficients(13), signal, repeats);
        run("fbank80", Fbank.kaldi(80), signal, repeats);
    }

    private static void run(String name, FeatureExtractor extractor, float[] signal, int repeats) {
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        double sink = 0;
        while (System.nanoTime() < warmUntil) {
            sink += extractor.extract(signal, SAMPLE_RATE)[0][0];
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[repeats];
        double[] wall = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            float[][] f = extractor.extract(signal, SAMPLE_RATE);
            wall[r] = (System.nanoTime() - start) / 1e9;
            cpu[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            sink += f[f.length / 2][1];
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        double audio = (double) signal.length / SAMPLE_RATE;
        double median = cpu[repeats / 2];
        System.out.printf(Locale.ROOT, "%s realtime_factor=%.0f wall_realtime_factor=%.0f ms_per_audio_second=%.4f"
                        + " (cpu min %.0fx max %.0fx)%s%n",
                name, audio / median, audio / wall[repeats / 2], median * 1000 / audio, audio / cpu[repeats - 1],
                audio / cpu[0], Double.isNaN(sink) ? " NaN!" : "");
    }

    /** A linear chirp 100 Hz to 7 kHz at amplitude 0.5 plus white noise of std 0.05. */
    static float[] chirpWithNoise(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        double duration = (double) n / SAMPLE_RATE;
        for (int i = 0; i < n; i++) {
            double t = (double) i / SAMPLE_RATE;
            double phase = 2 * Math.PI * (100 * t + 0.5 * (7000 - 100) / duration * t * t);
            double noise = gaussian(random) * 0.05;
            x[i] = (float) (0.5 * Math.sin(phase) + noise);
        }
        return x;
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
