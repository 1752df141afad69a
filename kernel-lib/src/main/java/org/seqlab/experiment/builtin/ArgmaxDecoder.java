package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Prediction;

/** The highest-scoring class at every label position (first one on ties). */
final class ArgmaxDecoder implements Decoder<Prediction.Classes> {
    @Override
    public Prediction.Classes decode(INDArray output, Batch batch) {
        float[] s = Outputs.rows(output);
        int c = Outputs.classes(output);
        int[] out = new int[s.length / c];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (s[r * c + k] > s[r * c + best]) {
                    best = k;
                }
            }
            out[r] = best;
        }
        return new Prediction.Classes(out);
    }
}
