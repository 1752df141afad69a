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
}
