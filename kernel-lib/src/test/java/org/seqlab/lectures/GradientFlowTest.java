package org.seqlab.lectures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientFlowTest {

    @Test
    void normsAreIndexedByDistanceFromTheLastStepAndAveragedOverTheBatch() {
        // batch 2, time 3, H 2; norms per (b, t): b0 = [5, 0, 1], b1 = [1, 2, 3]
        INDArray g = Nd4j.create(new double[][][] {
                {{3, 4}, {0, 0}, {1, 0}},
                {{0, 1}, {2, 0}, {0, -3}}});
        // distance 0 is the last step: mean(1, 3) = 2; distance 1: mean(0, 2) = 1; distance 2: mean(5, 1) = 3
        assertArrayEquals(new double[] {2, 1, 3}, GradientFlow.normsByDistance(g), 1e-12);
    }

    @Test
    void factorPerStepRecoversAGeometricRate() {
        double[] norms = new double[20];
        for (int d = 0; d < norms.length; d++) {
            norms[d] = 2 * Math.pow(0.8, d);
        }
        assertEquals(0.8, GradientFlow.factorPerStep(norms, 0, 20), 1e-12);
        norms[15] = 0; // underflow stops the fit
        assertEquals(0.8, GradientFlow.factorPerStep(norms, 5, 20), 1e-12);
    }

    @Test
    void missingGradientsExplainWhatToDo() {
        var e = assertThrows(IllegalArgumentException.class, () -> GradientFlow.normsByDistance(null));
        assertTrue(e.getMessage().contains("recordStateGradients"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> GradientFlow.factorPerStep(new double[3], 0, 1));
        assertTrue(e2.getMessage().contains("at least 2"), e2.getMessage());
    }
}
