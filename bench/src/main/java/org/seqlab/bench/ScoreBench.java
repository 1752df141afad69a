package org.seqlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqlab.experiment.run.Seeds;
import org.seqlab.metrics.sed.Durations;
import org.seqlab.metrics.sed.Event;
import org.seqlab.metrics.sed.EventBasedMetrics;
import org.seqlab.metrics.sed.EventTable;
import org.seqlab.metrics.sed.EventTsv;
import org.seqlab.metrics.sed.PsdsEval;
import org.seqlab.metrics.sed.SedData;
import org.seqlab.metrics.sed.SegmentBasedMetrics;
import org.seqlab.metrics.sed.TaggingMetrics;

/**
 * Scoring at DCASE task 4 scale, the size issue 14 asks to take seconds: 1000 clips of 10 s, 10
 * classes from clicks (0.1-0.5 s) to hums (several seconds), 50 operating points (detections
 * whose confidence passes thresholds 0.02 ... 1.0). PSDS is the known slow part of the Python
 * tools: psds_eval merges every detection with every ground truth of its file in pandas, per
 * operating point.
 *
 * <p>Timed, median of the rounds, after one warm-up round, in CPU time of the (only) scoring
 * thread, which is what one core spends whatever else the machine runs, and in wall time: (1) PSDS1 and PSDS2 over the 50
 * operating points, from the TSV files on disk (reading included, as {@code ./seqlab score psds}
 * does); (2) segment-based, event-based and tagging metrics of all 50 operating points in memory.
 * Usage: {@code ./seqlab bench score [ROUNDS]} (default 5).
 */
public final class ScoreBench {
    static final int CLIPS = 1000;
    static final double CLIP_SECONDS = 10;
    static final int CLASSES = 10;
    static final int OPERATING_POINTS = 50;
    static final long SEED = 14;
    static final long STREAM_REFERENCE = 1;
    static final long STREAM_DETECTIONS = 2;

    private ScoreBench() {}

    /** A detection with the confidence that decides at which thresholds it is output. */
    record Scored(Event event, double confidence) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Event> reference = reference(new SplittableRandom(Seeds.derive(SEED, STREAM_REFERENCE)));
        List<Scored> detections = detections(reference, new SplittableRandom(Seeds.derive(SEED, STREAM_DETECTIONS)));
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int c = 0; c < CLIPS; c++) {
            seconds.put(clip(c), CLIP_SECONDS);
        }
        Path dir = Files.createTempDirectory("seqlab-score-bench");
        Path gtFile = dir.resolve("ground_truth.tsv");
        Path metaFile = dir.resolve("durations.tsv");
        EventTsv.write(gtFile, reference);
        StringBuilder meta = new StringBuilder("filename\tduration\n");
        seconds.forEach((f, d) -> meta.append(f).append('\t').append(d).append('\n'));
        Files.writeString(metaFile, meta);
        List<Path> opFiles = new ArrayList<>();
        List<EventTable> ops = new ArrayList<>();
        int detected = 0;
        for (int o = 1; o <= OPERATING_POINTS; o++) {
            double threshold = (double) o / OPERATING_POINTS;
            List<Event> kept = detections.stream().filter(d -> d.confidence() >= threshold).map(Scored::event).toList();
            detected += kept.size();
            Path p = dir.resolve(String.format(Locale.ROOT, "op_%.2f.tsv", threshold));
            EventTsv.write(p, kept);
            opFiles.add(p);
            ops.add(EventTable.of(p.toString(), kept));
        }
        System.out.printf(Locale.ROOT, "score bench: %d clips of %.0f s, %d classes, %d reference events, %d operating points "
                        + "with %d detections in all; %s %s%n", CLIPS, CLIP_SECONDS, CLASSES, reference.size(), OPERATING_POINTS,
                detected, System.getProperty("java.vm.name"), System.getProperty("java.version"));

        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] psdsMs = new double[rounds];
        double[] sedMs = new double[rounds];
        double[] psdsCpuMs = new double[rounds];
        double[] sedCpuMs = new double[rounds];
        double psds1 = 0;
        double psds2 = 0;
        double eventF1 = 0;
        for (int r = -1; r < rounds; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            EventTable gt = EventTsv.readEvents(gtFile);
            Durations durations = EventTsv.readDurations(metaFile);
            PsdsEval one = new PsdsEval(gt, durations, new PsdsEval.Thresholds(0.7, 0.7, 0.3));
            PsdsEval two = new PsdsEval(gt, durations, new PsdsEval.Thresholds(0.1, 0.1, 0.3));
            for (Path p : opFiles) {
                EventTable t = EventTsv.readEvents(p);
                one.add(t);
                two.add(t);
            }
            psds1 = one.psds(0, 1, 100).value();
            psds2 = two.psds(0.5, 1, 100).value();
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            EventTable ref = EventTable.of("reference", reference);
            double best = 0;
            for (EventTable op : ops) {
                SedData data = SedData.of(ref, op, durations);
                SegmentBasedMetrics.score(data, 1.0);
                TaggingMetrics.score(data);
                best = Math.max(best, EventBasedMetrics.score(data, EventBasedMetrics.Settings.DCASE).overall().fMeasure());
            }
            eventF1 = best;
            long t2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            if (r >= 0) {
                psdsMs[r] = (t1 - t0) / 1e6;
                sedMs[r] = (t2 - t1) / 1e6;
                psdsCpuMs[r] = (c1 - c0) / 1e6;
                sedCpuMs[r] = (c2 - c1) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "psds1=%.4f psds2=%.4f best_event_f1=%.4f%n", psds1, psds2, eventF1);
        System.out.printf(Locale.ROOT, "psds_cpu_ms=%.0f psds_wall_ms=%.0f (PSDS1 and PSDS2 over %d operating points, TSV "
                + "reading included; wall runs %s)%n", median(psdsCpuMs), median(psdsMs), OPERATING_POINTS,
                Arrays.toString(Arrays.stream(psdsMs).map(Math::rint).toArray()));
        System.out.printf(Locale.ROOT, "sed_cpu_ms=%.0f sed_wall_ms=%.0f (segment, event and tagging metrics of all %d operating "
                + "points; wall runs %s)%n", median(sedCpuMs), median(sedMs), OPERATING_POINTS,
                Arrays.toString(Arrays.stream(sedMs).map(Math::rint).toArray()));
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    static String clip(int c) {
        return String.format(Locale.ROOT, "clip_%04d.wav", c);
    }

    /** 1-6 events per clip; class c lasts about 0.1 * 1.6^c s (0.1 s clicks to 6.9 s hums), capped by the clip. */
    static List<Event> reference(SplittableRandom random) {
        List<Event> events = new ArrayList<>();
        for (int c = 0; c < CLIPS; c++) {
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                int cls = random.nextInt(CLASSES);
                double length = Math.min(CLIP_SECONDS, 0.1 * Math.pow(1.6, cls) * (0.5 + random.nextDouble()));
                double onset = random.nextDouble() * (CLIP_SECONDS - length);
                events.add(new Event(clip(c), round(onset), round(onset + length), "class_" + cls));
            }
        }
        return events;
    }

    /**
     * Per reference event, a detection with jittered bounds (85% of them) whose confidence is
     * higher the better it fits; plus false alarms of random class and place with low confidence.
     */
    static List<Scored> detections(List<Event> reference, SplittableRandom random) {
        List<Scored> out = new ArrayList<>();
        for (Event e : reference) {
            if (random.nextDouble() < 0.85) {
                double jitter = 0.3 * random.nextGaussian();
                double onset = Math.min(CLIP_SECONDS - 0.02, Math.max(0, e.onset() + jitter * 0.5));
                double offset = Math.min(CLIP_SECONDS, Math.max(onset + 0.02, e.offset() + jitter));
                double confidence = Math.min(1, Math.max(0, 0.9 - Math.abs(jitter) + 0.2 * random.nextGaussian()));
                out.add(new Scored(new Event(e.file(), round(onset), round(offset), e.label()), confidence));
            }
        }
        for (int c = 0; c < CLIPS; c++) {
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                double onset = random.nextDouble() * 9;
                double length = 0.1 + random.nextDouble() * (CLIP_SECONDS - onset - 0.1);
                out.add(new Scored(new Event(clip(c), round(onset), round(onset + length), "class_" + random.nextInt(CLASSES)),
                        0.6 * random.nextDouble()));
            }
        }
        return out;
    }

    /** Times to the millisecond, as DCASE systems write them. */
    static double round(double t) {
        return Math.rint(t * 1000) / 1000;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
