package org.seqlab.decode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * N-best rescoring: a second pass that adds an external score (a bigger LM, a word LM on whole
 * sentences, an attention model's log-likelihood) to each hypothesis of a first pass and ranks
 * them again. The first pass only has to keep the right answer somewhere in its list; the
 * rescoring model never has to run inside the search. This is how the lecture's LAS numbers with
 * "LM rescoring" were obtained.
 */
public final class Rescoring {
    private Rescoring() {}

    /**
     * The hypotheses with {@code weight * scorer(h)} (natural log) added to their LM part and
     * total, best first; ties keep the input order.
     */
    public static List<Hypothesis> rescore(List<Hypothesis> nBest, ToDoubleFunction<Hypothesis> scorer, double weight) {
        List<Hypothesis> out = new ArrayList<>(nBest.size());
        for (Hypothesis h : nBest) {
            double s = scorer.applyAsDouble(h);
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("rescoring: the scorer gave NaN for " + h);
            }
            out.add(h.plusLm(weight * s));
        }
        out.sort(Comparator.comparingDouble(Hypothesis::total).reversed());
        return out;
    }
}
