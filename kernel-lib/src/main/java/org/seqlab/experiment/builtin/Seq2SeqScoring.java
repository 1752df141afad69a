package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;
import org.seqlab.metrics.text.Bleu;

/**
 * Decoder and metrics for models that emit a token sequence step by step and stop with the end
 * class 0 (seq2seq, captioning): the tokens up to the first end, and exact match, positional
 * token accuracy and corpus BLEU-4. Their loss is {@link Seq2SeqLoss}, shared with LAS.
 */
public final class Seq2SeqScoring {
    private Seq2SeqScoring() {}

    /** Argmax per output step up to (not including) the first end class 0. */
    public static int[][] untilEnd(INDArray logits) {
        int b = (int) logits.size(0);
        int steps = (int) logits.size(1);
        INDArray best = logits.argMax(2);
        int[][] out = new int[b][];
        for (int i = 0; i < b; i++) {
            List<Integer> row = new ArrayList<>();
            for (int u = 0; u < steps; u++) {
                int k = best.getInt(i, u);
                if (k == 0) {
                    break;
                }
                row.add(k);
            }
            out[i] = row.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    static Decoder<Prediction.Tokens> untilEnd() {
        return (INDArray output, Batch batch) -> {
            int[][] tokens = untilEnd(output);
            double[] scores = new double[tokens.length];
            java.util.Arrays.fill(scores, Double.NaN);
            return new Prediction.Tokens(tokens, scores);
        };
    }

    /** Share of sequences whose hypothesis equals the reference. */
    static Metric<Prediction.Tokens, Target.Tokens> exactMatch() {
        return new Metric<>() {
            long right;
            long n;

            @Override
            public void add(INDArray output, Prediction.Tokens p, Target.Tokens refs) {
                for (int i = 0; i < refs.tokens().length; i++) {
                    right += java.util.Arrays.equals(refs.tokens()[i], p.tokens()[i]) ? 1 : 0;
                    n++;
                }
            }

            @Override
            public double value() {
                return n == 0 ? Double.NaN : (double) right / n;
            }
        };
    }

    /** Positional token accuracy: reference positions u whose hypothesis token u is the same, over all reference tokens. */
    public static long[] positionalMatches(int[] ref, int[] hyp) {
        long right = 0;
        for (int u = 0; u < ref.length && u < hyp.length; u++) {
            right += ref[u] == hyp[u] ? 1 : 0;
        }
        return new long[] {right, ref.length};
    }

    static Metric<Prediction.Tokens, Target.Tokens> tokenAccuracy() {
        return new Metric<>() {
            long right;
            long n;

            @Override
            public void add(INDArray output, Prediction.Tokens p, Target.Tokens refs) {
                for (int i = 0; i < refs.tokens().length; i++) {
                    long[] m = positionalMatches(refs.tokens()[i], p.tokens()[i]);
                    right += m[0];
                    n += m[1];
                }
            }

            @Override
            public double value() {
                return n == 0 ? Double.NaN : (double) right / n;
            }
        };
    }

    /** Corpus BLEU-4 over the split ({@link Bleu}), one reference per example. */
    static Metric<Prediction.Tokens, Target.Tokens> bleu() {
        return new Metric<>() {
            final List<List<int[]>> refs = new ArrayList<>();
            final List<int[]> hyps = new ArrayList<>();

            @Override
            public void add(INDArray output, Prediction.Tokens p, Target.Tokens r) {
                for (int i = 0; i < r.tokens().length; i++) {
                    refs.add(List.of(r.tokens()[i]));
                    hyps.add(p.tokens()[i]);
                }
            }

            @Override
            public double value() {
                return hyps.isEmpty() ? Double.NaN : Bleu.corpus(refs, hyps);
            }
        };
    }
}
