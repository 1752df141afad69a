package org.seqlab.decode.las;

/**
 * What a beam search needs from an attention decoder for one utterance: a start state and one
 * batched step for the k live hypotheses. Class {@link #eos()} ends a transcript; the start
 * symbol is fed as {@code previous = -1}.
 */
public interface Speller {
    /** The decoder state of k hypotheses (k rows). */
    interface State {
        /** The rows {@code rows} (repeats allowed), in that order: the survivors of a beam step. */
        State select(int[] rows);
    }

    /** The state before the first output, one row. */
    State start();

    /**
     * One step for every row of {@code state}: row r is fed {@code previous[r]}.
     *
     * @return natural-log probabilities [k][classes], the attention weights [k][encoder frames]
     *     and the state after the step
     */
    Step step(State state, int[] previous);

    record Step(double[][] logProbs, double[][] attention, State next) {}

    /** The end-of-sentence class. */
    int eos();
}
