package org.seqlab.lectures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SlideConvolutionTest {

    @Test
    void theEnginesConvolutionGivesTheSlidesFeatureMap() {
        float[][] out = SlideConvolution.convolve();
        // by hand, first position: rows 111/011/001 against 101/010/101 -> 1+1+1+1 = 4
        assertEquals(4f, out[0][0]);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(SlideConvolution.SLIDE_OUTPUT[i], out[i], 0f, "row " + i);
        }
        assertEquals(0, SlideConvolution.mismatches());
    }

    @Test
    void anAsymmetricKernelIsCrossCorrelatedAsInEveryFramework() {
        // kernel with a single 1 at the top left picks the image's top-left of each window
        float[][] k = {{1, 0}, {0, 0}};
        float[][] img = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        var out = SlideConvolution.engineConvolution(img, k);
        assertEquals(1f, out.getFloat(0, 0, 0, 0));
        assertEquals(5f, out.getFloat(0, 0, 1, 1));
    }

    @Test
    void poolingByHand() {
        Table p = SlideConvolution.pooled();
        // map 4 3 4 / 2 4 3 / 2 3 4: every 2x2 window holds a 4; averages (4+3+2+4)/4 = 3.25, (3+4+4+3)/4 = 3.5,
        // (2+4+2+3)/4 = 2.75, (4+3+3+4)/4 = 3.5
        double[] expected = {4, 4, 4, 4, 3.25, 3.5, 2.75, 3.5};
        assertArrayEquals(expected, p.doubleColumn("value").asDoubleArray(), 1e-6);
    }
}
