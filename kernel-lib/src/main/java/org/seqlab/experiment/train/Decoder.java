package org.seqlab.experiment.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a batch's model scores into typed predictions. Registered with the tasks it accepts and
 * the prediction type it gives ({@link org.seqlab.experiment.registry.Factories.DecoderFactory}).
 * Beam search over CTC outputs (branch {@code ctc}) plugs in here as a decoder giving
 * {@link Prediction.Tokens} for {@link Task#TRANSCRIPTION}.
 */
public interface Decoder<P extends Prediction> {
    P decode(INDArray output, Batch batch);

    /**
     * The decoder the trainer validates with after every epoch; the final numbers always come from
     * this one. A decoder whose search costs far more than the epoch's training (LAS beam search,
     * one utterance at a time) returns a cheap stand-in, so monitoring does not dominate a run.
     */
    default Decoder<P> monitoring() {
        return this;
    }
}
