package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;

/**
 * Utterance to a score per target (language identification): a classification model's scores
 * read as log posteriors, each (utterance, target) pair a detection trial, scored by the equal
 * error rate. Cavg and per-language tables (branch {@code score-asr-lid}, {@code org.seqlab.metrics.lid})
 * plug in as further metrics reading {@link Prediction.Scores}.
 */
final class TargetScoring {
    private TargetScoring() {}

    /** Log-softmax of each row: log posteriors, comparable across utterances, as detection scores. */
    static Decoder<Prediction.Scores> logPosteriors() {
        return (INDArray output, Batch batch) -> {
            float[] s = Outputs.rows(output);
            int c = Outputs.classes(output);
            float[][] out = new float[s.length / c][c];
            for (int r = 0; r < out.length; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    max = Math.max(max, s[r * c + k]);
                }
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    sum += Math.exp(s[r * c + k] - max);
                }
                double log = max + Math.log(sum);
                for (int k = 0; k < c; k++) {
                    out[r][k] = (float) (s[r * c + k] - log);
                }
            }
            return new Prediction.Scores(out);
        };
    }

    /** Equal error rate over every (utterance, target) trial; trials of the true target are target trials. */
    static Metric<Prediction.Scores, Target.Classes> equalErrorRate() {
        return new Metric<>() {
            final List<Double> target = new ArrayList<>();
            final List<Double> nontarget = new ArrayList<>();

            @Override
            public void add(INDArray output, Prediction.Scores predictions, Target.Classes references) {
                float[][] s = predictions.scores();
                for (int i = 0; i < s.length; i++) {
                    for (int k = 0; k < s[i].length; k++) {
                        (k == references.ids()[i] ? target : nontarget).add((double) s[i][k]);
                    }
                }
            }

            @Override
            public double value() {
                return eer(target.stream().mapToDouble(Double::doubleValue).toArray(),
                        nontarget.stream().mapToDouble(Double::doubleValue).toArray());
            }
        };
    }

    /**
     * The equal error rate: trials with a score at or above a threshold are accepted; over every
     * threshold (each distinct score, and one above them all) the miss rate falls and the false-alarm
     * rate rises, and the EER is the mean of the two where they are closest (the lowest such
     * threshold on ties). NaN without trials of either kind.
     */
    static double eer(double[] target, double[] nontarget) {
        if (target.length == 0 || nontarget.length == 0) {
            return Double.NaN;
        }
        double[] t = target.clone();
        double[] n = nontarget.clone();
        Arrays.sort(t);
        Arrays.sort(n);
        double[] thresholds = new double[t.length + n.length + 1];
        System.arraycopy(t, 0, thresholds, 0, t.length);
        System.arraycopy(n, 0, thresholds, t.length, n.length);
        thresholds[thresholds.length - 1] = Double.POSITIVE_INFINITY;
        Arrays.sort(thresholds);
        double best = Double.NaN;
        double gap = Double.POSITIVE_INFINITY;
        for (double th : thresholds) {
            double miss = (double) below(t, th) / t.length;
            double fa = (double) (n.length - below(n, th)) / n.length;
            if (Math.abs(miss - fa) < gap) {
                gap = Math.abs(miss - fa);
                best = (miss + fa) / 2;
            }
        }
        return best;
    }

    /** How many of the sorted {@code v} are below {@code th}. */
    private static int below(double[] v, double th) {
        int lo = 0;
        int hi = v.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] < th) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
