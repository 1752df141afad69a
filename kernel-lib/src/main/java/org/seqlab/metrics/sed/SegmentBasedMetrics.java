package org.seqlab.metrics.sed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segment-based metrics as sed_eval 0.2.1's {@code SegmentBasedMetrics}: each file's time axis is
 * cut into segments of {@code timeResolution} seconds, a class is active in a segment if any of
 * its events overlaps it, and reference and estimate activity are compared segment by segment.
 *
 * <p>An event covers segments {@code floor(onset / res)} to {@code ceil(offset / res) - 1}. A
 * file has {@code ceil(length / res)} segments, its length being its duration if durations are
 * given (events past it are cut off) or else the larger of its last reference and last estimated
 * offset ({@link SedData#length}). Padding only adds true negatives: error rate and F do not
 * change, accuracy does.
 *
 * <p>Per segment, with {@code Nref}, {@code Nsys} the active classes and {@code Ntp} the
 * classes active in both: S = min(Nref, Nsys) - Ntp, D = max(0, Nref - Nsys), I = max(0,
 * Nsys - Nref) (Poliner and Ellis 2007, as sed_eval). DCASE uses 1 s segments.
 */
public final class SegmentBasedMetrics {
    private SegmentBasedMetrics() {}

    public static SedScores score(SedData data, double timeResolution) {
        if (!(timeResolution > 0) || !Double.isFinite(timeResolution)) {
            throw new SedInputException("--time-resolution must be a positive number of seconds, got " + timeResolution);
        }
        List<String> classes = data.classes();
        int k = classes.size();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            index.put(classes.get(c), c);
        }
        long[][] perClass = new long[k][4]; // nref, nsys, ntp, ntn
        Counts overall = Counts.ZERO;
        for (String file : data.files()) {
            int segments = (int) Math.ceil(data.length(file) / timeResolution);
            boolean[][] ref = roll(data.reference().get(file), index, segments, timeResolution);
            boolean[][] sys = roll(data.estimate().get(file), index, segments, timeResolution);
            long ntp = 0, ntn = 0, nfp = 0, nfn = 0, nref = 0, nsys = 0, s = 0, d = 0, i = 0;
            for (int t = 0; t < segments; t++) {
                int segRef = 0, segSys = 0, segTp = 0;
                for (int c = 0; c < k; c++) {
                    boolean r = ref[c][t];
                    boolean e = sys[c][t];
                    segRef += r ? 1 : 0;
                    segSys += e ? 1 : 0;
                    segTp += r && e ? 1 : 0;
                    ntn += !r && !e ? 1 : 0;
                    nfp += e && !r ? 1 : 0;
                    nfn += r && !e ? 1 : 0;
                    perClass[c][0] += r ? 1 : 0;
                    perClass[c][1] += e ? 1 : 0;
                    perClass[c][2] += r && e ? 1 : 0;
                    perClass[c][3] += !r && !e ? 1 : 0;
                }
                ntp += segTp;
                nref += segRef;
                nsys += segSys;
                s += Math.min(segRef, segSys) - segTp;
                d += Math.max(0, segRef - segSys);
                i += Math.max(0, segSys - segRef);
            }
            overall = overall.plus(new Counts(nref, nsys, ntp, ntn, nfp, nfn, s, d, i));
        }
        Map<String, Counts> classWise = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            long[] n = perClass[c];
            classWise.put(classes.get(c), Counts.ofClass(n[0], n[1], n[2], n[3]));
        }
        return new SedScores(overall, classWise, true);
    }

    /** Activity per class and segment; events past the last segment are cut. */
    static boolean[][] roll(List<Event> events, Map<String, Integer> index, int segments, double res) {
        boolean[][] roll = new boolean[index.size()][segments];
        for (Event e : events) {
            int c = index.get(e.label());
            int from = (int) Math.floor(e.onset() / res);
            int to = Math.min(segments, (int) Math.ceil(e.offset() / res));
            for (int t = from; t < to; t++) {
                roll[c][t] = true;
            }
        }
        return roll;
    }
}
