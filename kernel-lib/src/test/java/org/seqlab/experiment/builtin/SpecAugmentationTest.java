package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.experiment.train.Batch;
import org.seqlab.features.SpecAugment;

class SpecAugmentationTest {
    @Test
    void masksOnlyValidFramesAndRepeatsForTheSameDraws() {
        INDArray x = Nd4j.ones(2, 6, 4).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(7);
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}});
        Batch b = new Batch(x, mask, new org.seqlab.experiment.train.Target.Classes(new int[] {0, 1}));
        SpecAugmentation aug = new SpecAugmentation(SpecAugment.none().freq(2, 2).time(1, 2));
        Batch a1 = aug.apply(b, new Random(5));
        Batch a2 = aug.apply(b, new Random(5));
        assertEquals(a1.inputs(), a2.inputs());
        assertEquals(1.0, x.getDouble(0, 0, 0), 0, "the input batch is not changed in place");
        float[][][] out = new float[2][][];
        out[0] = a1.inputs().slice(0).toFloatMatrix();
        out[1] = a1.inputs().slice(1).toFloatMatrix();
        for (int t = 3; t < 6; t++) {
            for (int f = 0; f < 4; f++) {
                assertEquals(7f, out[1][t][f], "padding untouched");
            }
        }
        int masked = 0;
        for (float[][] u : out) {
            for (float[] row : u) {
                for (float v : row) {
                    masked += v == 0f ? 1 : 0;
                }
            }
        }
        assertTrue(masked > 0, "some cells masked");
    }
}
