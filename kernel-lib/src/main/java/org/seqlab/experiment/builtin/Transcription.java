package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;

/**
 * Sequence to label sequence: greedy decoding of per-frame scores in the CTC convention (best
 * class per frame, repeats merged, blanks (class 0) dropped), and the token error rate. The CTC
 * loss (branch {@code ctc}) plugs in as a loss for {@link org.seqlab.experiment.train.Task#TRANSCRIPTION};
 * prefix beam search as a decoder giving {@link Prediction.Tokens}; WER and CER
 * ({@code org.seqlab.metrics.asr}) as metrics reading them.
 */
final class Transcription {
    private Transcription() {}

    static Decoder<Prediction.Tokens> greedy() {
        return (INDArray output, Batch batch) -> {
            float[] s = Outputs.rows(output);
            int c = Outputs.classes(output);
            int steps = batch.steps();
            int[] lengths = LastStep.lengths(batch.mask(), batch.size(), steps);
            int[][] tokens = new int[batch.size()][];
            double[] scores = new double[batch.size()];
            for (int b = 0; b < tokens.length; b++) {
                List<Integer> out = new ArrayList<>();
                int previous = 0;
                double logp = 0;
                for (int t = 0; t < lengths[b]; t++) {
                    int row = (b * steps + t) * c;
                    int best = 0;
                    double max = s[row];
                    for (int k = 1; k < c; k++) {
                        if (s[row + k] > max) {
                            max = s[row + k];
                            best = k;
                        }
                    }
                    double sum = 0;
                    for (int k = 0; k < c; k++) {
                        sum += Math.exp(s[row + k] - max);
                    }
                    logp -= Math.log(sum);
                    if (best != 0 && best != previous) {
                        out.add(best);
                    }
                    previous = best;
                }
                tokens[b] = out.stream().mapToInt(Integer::intValue).toArray();
                scores[b] = logp;
            }
            return new Prediction.Tokens(tokens, scores);
        };
    }

    /** Edits (substitutions, insertions, deletions) over reference tokens, summed over the split. */
    static Metric<Prediction.Tokens, Target.Tokens> tokenErrorRate() {
        return new Metric<>() {
            long edits;
            long words;

            @Override
            public void add(INDArray output, Prediction.Tokens predictions, Target.Tokens references) {
                for (int i = 0; i < references.tokens().length; i++) {
                    edits += editDistance(references.tokens()[i], predictions.tokens()[i]);
                    words += references.tokens()[i].length;
                }
            }

            @Override
            public double value() {
                return words == 0 ? Double.NaN : (double) edits / words;
            }
        };
    }

    /** Levenshtein distance with unit costs. */
    static int editDistance(int[] ref, int[] hyp) {
        int[] row = new int[hyp.length + 1];
        for (int j = 0; j <= hyp.length; j++) {
            row[j] = j;
        }
        for (int i = 1; i <= ref.length; i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= hyp.length; j++) {
                int up = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (ref[i - 1] == hyp[j - 1] ? 0 : 1));
                diagonal = up;
            }
        }
        return row[hyp.length];
    }
}
