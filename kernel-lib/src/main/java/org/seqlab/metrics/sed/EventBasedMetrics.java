package org.seqlab.metrics.sed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event-based metrics as sed_eval 0.2.1's {@code EventBasedMetrics} with
 * {@code event_matching_type='optimal'}: an estimated event hits a reference event of the same
 * class when its onset is within the collar and its offset within
 * {@code max(collar, percentageOfLength * reference length)}, both bounds inclusive (the 'car'
 * example of sed_eval's tests sits exactly on both). Hits are matched one to one by a maximum
 * bipartite matching per class and file ({@link Matching}).
 *
 * <p>Overall, reference and estimated events left unmatched are then paired greedily, in file
 * order, when their times fit whatever their labels: each pair is one substitution, and
 * D = Nref - Ntp - S, I = Nsys - Ntp - S. Class-wise counts have no substitutions.
 *
 * <p>DCASE task 4 scores with a 200 ms onset collar and an offset collar of max(200 ms, 20% of
 * the event's length); sed_eval's own default percentage is 50%.
 */
public final class EventBasedMetrics {
    private EventBasedMetrics() {}

    /**
     * @param tCollar            onset collar and smallest offset collar, seconds (> 0)
     * @param percentageOfLength offset collar as a share of the reference event's length, in [0, 1]
     * @param evaluateOnset      whether onsets must fit
     * @param evaluateOffset     whether offsets must fit (at least one of the two)
     */
    public record Settings(double tCollar, double percentageOfLength, boolean evaluateOnset, boolean evaluateOffset) {
        /** DCASE task 4 (DESED): 200 ms collar, 20% of the length, onset and offset. */
        public static final Settings DCASE = new Settings(0.2, 0.2, true, true);

        public Settings {
            if (!(tCollar > 0) || !Double.isFinite(tCollar)) {
                throw new SedInputException("--t-collar must be a positive number of seconds, got " + tCollar);
            }
            if (!(percentageOfLength >= 0 && percentageOfLength <= 1)) {
                throw new SedInputException("--percentage-of-length must be in [0, 1], got " + percentageOfLength);
            }
            if (!evaluateOnset && !evaluateOffset) {
                throw new SedInputException("--evaluate-onset and --evaluate-offset cannot both be false");
            }
        }

        boolean onsetFits(Event ref, Event est) {
            return !evaluateOnset || Math.abs(ref.onset() - est.onset()) <= tCollar;
        }

        boolean offsetFits(Event ref, Event est) {
            return !evaluateOffset
                    || Math.abs(ref.offset() - est.offset()) <= Math.max(tCollar, percentageOfLength * ref.length());
        }

        boolean fits(Event ref, Event est) {
            return onsetFits(ref, est) && offsetFits(ref, est);
        }
    }

    public static SedScores score(SedData data, Settings settings) {
        List<String> classes = data.classes();
        long[][] perClass = new long[classes.size()][3]; // nref, nsys, ntp
        Counts overall = Counts.ZERO;
        for (String file : data.files()) {
            List<Event> ref = data.reference().get(file);
            List<Event> est = data.estimate().get(file);
            boolean[] refHit = new boolean[ref.size()];
            boolean[] estHit = new boolean[est.size()];
            long ntp = 0;
            for (int c = 0; c < classes.size(); c++) {
                String label = classes.get(c);
                List<Integer> r = indicesOf(ref, label);
                List<Integer> e = indicesOf(est, label);
                boolean[][] hits = new boolean[r.size()][e.size()];
                for (int j = 0; j < r.size(); j++) {
                    for (int i = 0; i < e.size(); i++) {
                        hits[j][i] = settings.fits(ref.get(r.get(j)), est.get(e.get(i)));
                    }
                }
                int[] match = Matching.maximum(hits, e.size());
                long classTp = 0;
                for (int j = 0; j < match.length; j++) {
                    if (match[j] >= 0) {
                        classTp++;
                        refHit[r.get(j)] = true;
                        estHit[e.get(match[j])] = true;
                    }
                }
                perClass[c][0] += r.size();
                perClass[c][1] += e.size();
                perClass[c][2] += classTp;
                ntp += classTp;
            }
            long subs = substitutions(ref, est, refHit, estHit, settings);
            long nfp = est.size() - ntp - subs;
            long nfn = ref.size() - ntp - subs;
            overall = overall.plus(new Counts(ref.size(), est.size(), ntp, 0, nfp, nfn, subs, nfn, nfp));
        }
        Map<String, Counts> classWise = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            long[] n = perClass[c];
            classWise.put(classes.get(c), Counts.ofClass(n[0], n[1], n[2], 0));
        }
        return new SedScores(overall, classWise, false);
    }

    /** Unmatched references, in file order, each paired with the first unpaired unmatched estimate that fits. */
    private static long substitutions(List<Event> ref, List<Event> est, boolean[] refHit, boolean[] estHit,
            Settings settings) {
        boolean[] used = estHit.clone();
        long subs = 0;
        for (int j = 0; j < ref.size(); j++) {
            if (refHit[j]) {
                continue;
            }
            for (int i = 0; i < est.size(); i++) {
                if (!used[i] && settings.fits(ref.get(j), est.get(i))) {
                    used[i] = true;
                    subs++;
                    break;
                }
            }
        }
        return subs;
    }

    private static List<Integer> indicesOf(List<Event> events, String label) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).label().equals(label)) {
                out.add(i);
            }
        }
        return out;
    }
}
