package org.seqlab.metrics.sed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.seqlab.io.InputFileException;

/**
 * Polyphonic sound detection score, exactly as psds_eval 0.3.0 (Bilen, Ferroni, Tuveri, Azcarreta,
 * Krstulovic, ICASSP 2020), which DCASE task 4 has reported since 2021.
 *
 * <p>Per operating point (a table of detections), in each file, with intersections counted when
 * intervals meet or touch (bounds inclusive):
 * <ul>
 *   <li>a detection passes the detection tolerance criterion (DTC) when the share of it covered by
 *       ground truths of its own class is at least {@code dtc};</li>
 *   <li>a ground truth is detected when the share of it covered by DTC-passing detections of its
 *       class is at least {@code gtc} (ground-truth intersection criterion);</li>
 *   <li>a detection that does not pass DTC is a false positive against the whole file ("world",
 *       counted once) and a cross-trigger on each other class whose ground truths cover at least
 *       {@code cttc} of it; a DTC-passing detection is counted nowhere else, even when the ground
 *       truth it overlaps fails GTC.</li>
 * </ul>
 * A share of a zero-length interval is 0/0, which psds_eval's sums skip: it adds nothing.
 * TPR = detected / ground truths of the class; FPR = false positives per hour of all files in the
 * durations; cross-trigger rate per hour of the other class's ground truth.
 *
 * <p>Then, over all operating points plus one at (0, 0): per class, TPR as a step function of the
 * effective FPR (FPR + alphaCt times the mean cross-trigger rate), made non-decreasing; the mean
 * over classes minus alphaSt times their (population) standard deviation, floored at 0; its area up
 * to {@code maxEfpr}, divided by {@code maxEfpr}. DESED's settings: PSDS1 dtc = gtc = 0.7, cttc
 * 0.3, alphaCt 0, alphaSt 1, maxEfpr 100; PSDS2 dtc = gtc = 0.1, cttc 0.3, alphaCt 0.5, alphaSt 1,
 * maxEfpr 100.
 *
 * <p>Classes are those of the ground truth. Every file of the ground truth and of each detection
 * table must have a duration; detections with a label the ground truth lacks count nowhere.
 * Identical operating points are kept (psds_eval skips them with a warning; the curve is the same).
 */
public final class PsdsEval {
    static final double SECONDS_PER_HOUR = 3600;

    /** The three intersection criteria, each in [0, 1]. */
    public record Thresholds(double dtc, double gtc, double cttc) {
        public Thresholds {
            check("--dtc", dtc);
            check("--gtc", gtc);
            check("--cttc", cttc);
        }

        private static void check(String name, double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new SedInputException(name + " must be in [0, 1], got " + v);
            }
        }
    }

    private record Truth(int cls, double onset, double offset) {}

    private final Thresholds thresholds;
    private final Durations durations;
    private final List<String> classes;
    private final Map<String, Integer> classIndex = new HashMap<>();
    private final Map<String, List<Truth>> truthByFile = new HashMap<>();
    private final long[] truths;
    private final double[] truthSeconds;
    private final double datasetSeconds;
    private final List<OperatingPoint> operatingPoints = new ArrayList<>();

    public PsdsEval(EventTable groundTruth, Durations durations, Thresholds thresholds) {
        this.thresholds = thresholds;
        this.durations = durations;
        requireDurations(groundTruth, durations);
        if (durations.seconds().isEmpty()) {
            throw new InputFileException(durations.source(), 0, "no file listed: PSDS needs the audio's durations");
        }
        this.classes = List.copyOf(new TreeSet<>(groundTruth.events().stream().map(Event::label).toList()));
        if (classes.isEmpty()) {
            throw new InputFileException(groundTruth.source(), 0, "no ground-truth event: PSDS is undefined without classes");
        }
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        truths = new long[classes.size()];
        truthSeconds = new double[classes.size()];
        for (Event e : groundTruth.events()) {
            int c = classIndex.get(e.label());
            truthByFile.computeIfAbsent(e.file(), f -> new ArrayList<>()).add(new Truth(c, e.onset(), e.offset()));
            truths[c]++;
            truthSeconds[c] += e.length();
        }
        double total = 0;
        for (double d : new TreeMap<>(durations.seconds()).values()) { // psds_eval sums in filename order
            total += d;
        }
        this.datasetSeconds = total;
    }

    public List<String> classes() {
        return classes;
    }

    public List<OperatingPoint> operatingPoints() {
        return List.copyOf(operatingPoints);
    }

    /** Scores one table of detections and keeps it as an operating point. */
    public OperatingPoint add(EventTable detections) {
        requireDurations(detections, durations);
        int k = classes.size();
        long[] tp = new long[k];
        long[] fp = new long[k];
        long[][] ct = new long[k][k];
        for (Map.Entry<String, List<Event>> file : detections.byFile().entrySet()) {
            List<Truth> gts = truthByFile.getOrDefault(file.getKey(), List.of());
            double fileSeconds = durations.of(file.getKey());
            List<Event> dets = file.getValue();
            int[] detClass = new int[dets.size()];
            boolean[] dtcPass = new boolean[dets.size()];
            for (int i = 0; i < dets.size(); i++) {
                Event d = dets.get(i);
                detClass[i] = classIndex.getOrDefault(d.label(), -1);
                dtcPass[i] = detClass[i] >= 0 && coveredShare(d, gts, detClass[i], thresholds.dtc());
            }
            for (Truth g : gts) {
                double covered = 0;
                boolean touched = false;
                for (int i = 0; i < dets.size(); i++) {
                    Event d = dets.get(i);
                    if (dtcPass[i] && detClass[i] == g.cls && intersects(d.onset(), d.offset(), g.onset, g.offset)) {
                        touched = true;
                        covered += share(overlap(d.onset(), d.offset(), g.onset, g.offset), g.offset - g.onset);
                    }
                }
                if (touched && covered >= thresholds.gtc()) {
                    tp[g.cls]++;
                }
            }
            for (int i = 0; i < dets.size(); i++) {
                Event d = dets.get(i);
                int c = detClass[i];
                if (c < 0 || dtcPass[i]) {
                    continue;
                }
                if (intersects(d.onset(), d.offset(), 0, fileSeconds)) {
                    fp[c]++;
                }
                for (int other = 0; other < k; other++) {
                    if (other != c && coveredShare(d, gts, other, thresholds.cttc())) {
                        ct[c][other]++;
                    }
                }
            }
        }
        double[] tpr = new double[k];
        double[] fpr = new double[k];
        double[][] ctr = new double[k][k];
        for (int c = 0; c < k; c++) {
            tpr[c] = tp[c] / (double) truths[c];
            fpr[c] = fp[c] * SECONDS_PER_HOUR / datasetSeconds;
            for (int o = 0; o < k; o++) {
                ctr[c][o] = o == c ? 0 : ct[c][o] * SECONDS_PER_HOUR / truthSeconds[o];
            }
        }
        OperatingPoint op = new OperatingPoint(detections.source(), tpr, fpr, ctr, tp, fp);
        operatingPoints.add(op);
        return op;
    }

    /**
     * Whether ground truths of class {@code cls} touch detection {@code d} and cover at least
     * {@code threshold} of it (summed over the ground truths).
     */
    private static boolean coveredShare(Event d, List<Truth> gts, int cls, double threshold) {
        double covered = 0;
        boolean touched = false;
        for (Truth g : gts) {
            if (g.cls == cls && intersects(d.onset(), d.offset(), g.onset, g.offset)) {
                touched = true;
                covered += share(overlap(d.onset(), d.offset(), g.onset, g.offset), d.length());
            }
        }
        return touched && covered >= threshold;
    }

    private static boolean intersects(double on1, double off1, double on2, double off2) {
        return on1 <= off2 && on2 <= off1;
    }

    private static double overlap(double on1, double off1, double on2, double off2) {
        return Math.min(off1, off2) - Math.max(on1, on2);
    }

    /** part / whole, with psds_eval's NaN-skipping sum: 0/0 adds nothing. */
    private static double share(double part, double whole) {
        double s = part / whole;
        return Double.isNaN(s) ? 0 : s;
    }

    /** The score over every operating point added so far. */
    public PsdsScore psds(double alphaCt, double alphaSt, double maxEfpr) {
        checkScoreOptions(alphaCt, alphaSt, maxEfpr);
        if (operatingPoints.isEmpty()) {
            throw new SedInputException("PSDS needs at least one operating point (--estimate)");
        }
        return scoreCurves(alphaCt, alphaSt, maxEfpr);
    }

    /** Rejects scoring options psds_eval would reject (and a max_efpr of 0, which divides by 0). */
    public static void checkScoreOptions(double alphaCt, double alphaSt, double maxEfpr) {
        if (!(alphaCt >= 0 && alphaCt <= 1)) {
            throw new SedInputException("--alpha-ct must be in [0, 1], got " + alphaCt);
        }
        if (!(alphaSt >= 0) || !Double.isFinite(alphaSt)) {
            throw new SedInputException("--alpha-st must be >= 0, got " + alphaSt);
        }
        if (!(maxEfpr > 0) || !Double.isFinite(maxEfpr)) {
            throw new SedInputException("--max-efpr must be > 0 (false positives per hour), got " + maxEfpr);
        }
    }

    private PsdsScore scoreCurves(double alphaCt, double alphaSt, double maxEfpr) {
        int k = classes.size();
        int n = operatingPoints.size() + 1; // plus the (0, 0) point
        double[][] x = new double[k][n];
        double[][] y = new double[k][n];
        TreeSet<Double> axis = new TreeSet<>();
        for (int c = 0; c < k; c++) {
            for (int o = 0; o < n - 1; o++) {
                OperatingPoint op = operatingPoints.get(o);
                x[c][o] = op.effectiveFpr(c, alphaCt);
                y[c][o] = op.tpr()[c];
            }
            for (double v : x[c]) {
                axis.add(v);
            }
        }
        double[] xs = axis.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] curves = new double[k][];
        for (int c = 0; c < k; c++) {
            curves[c] = stepCurve(xs, x[c], y[c]);
        }
        double[] etpr = new double[xs.length];
        for (int p = 0; p < xs.length; p++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += curves[c][p];
            }
            double mean = sum / k;
            double sq = 0;
            for (int c = 0; c < k; c++) {
                double dev = curves[c][p] - mean;
                sq += dev * dev;
            }
            double v = mean - alphaSt * Math.sqrt(sq / k);
            etpr[p] = v < 0 ? 0 : v;
        }
        return new PsdsScore(area(xs, etpr, maxEfpr) / maxEfpr, alphaCt, alphaSt, maxEfpr, xs, etpr);
    }

    /**
     * One class's TPR at each axis value: the best TPR among its points at each distinct x, made
     * non-decreasing in x, then held from each point to the next (0 before the first).
     */
    static double[] stepCurve(double[] axis, double[] px, double[] py) {
        TreeMap<Double, Double> best = new TreeMap<>();
        for (int i = 0; i < px.length; i++) {
            best.merge(px[i], py[i], Math::max);
        }
        double run = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Double, Double> e : best.entrySet()) {
            run = Math.max(run, e.getValue());
            e.setValue(run);
        }
        double[] out = new double[axis.length];
        for (int p = 0; p < axis.length; p++) {
            Map.Entry<Double, Double> e = best.floorEntry(axis[p]);
            out[p] = e == null ? 0 : e.getValue();
        }
        return out;
    }

    /** Area under the step function (x[i], y[i]) held to the right, from x[0] to {@code max}. */
    static double area(double[] x, double[] y, double max) {
        double sum = 0;
        for (int i = 0; i < x.length && x[i] < max; i++) {
            double next = i + 1 < x.length ? Math.min(x[i + 1], max) : max;
            sum += (next - x[i]) * y[i];
        }
        return sum;
    }

    private static void requireDurations(EventTable t, Durations durations) {
        for (String f : t.firstLine().keySet()) {
            if (!durations.has(f)) {
                throw new InputFileException(t.source(), t.firstLine().get(f), "file '" + f + "' has no duration in " + durations.source());
            }
        }
    }

    @Override
    public String toString() {
        return "PsdsEval" + Arrays.asList(thresholds, classes.size() + " classes", operatingPoints.size() + " operating points");
    }
}
