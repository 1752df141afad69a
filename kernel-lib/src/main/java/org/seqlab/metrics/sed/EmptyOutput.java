package org.seqlab.metrics.sed;

/**
 * What precision is when a system output nothing ({@code Nsys = 0}), sed_eval 0.2.1's
 * {@code empty_system_output_handling}. The choice decides whether a silent detector scores 0
 * or drops out: class-wise averages skip NaN classes, so on sed_eval's own test
 * ({@code test_empty_system_output_handling}) the class-wise F is 1.0 with {@link #NAN} and 0.5
 * with {@link #ZERO_SCORE}.
 */
public enum EmptyOutput {
    /**
     * sed_eval's default ({@code None}): 0/0 is undefined, so precision and F are NaN. {@code seqlab
     * score sed} reports this, so that its numbers are sed_eval's (the conformance cases assert it).
     */
    NAN,
    /**
     * sed_eval's {@code 'zero_score'}: precision 0, so F is 0 when there was something to find
     * (recall 0) and stays NaN when there was nothing to find either. Seqlab's experiment metrics
     * ({@code event-f1}, {@code class-event-f1}, {@code tag-f1}) use it: a model that detects
     * nothing is the worst model, and a NaN would instead leave its seed out of means and claims.
     */
    ZERO_SCORE
}
