package org.seqlab.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** log(e^a + e^b) against hand-computed sums, at the edges where the naive formula fails. */
class LogSpaceTest {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    @Test
    void addsProbabilities() {
        // 1 + 3 = 4; a few ulps of log for the round trip
        assertEquals(Math.log(4), LogSpace.add(Math.log(1), Math.log(3)), 1e-15);
        assertEquals(Math.log(4), LogSpace.add(Math.log(3), Math.log(1)), 1e-15);
    }

    @Test
    void zeroProbabilityIsExact() {
        assertEquals(-2.5, LogSpace.add(NEG_INF, -2.5));
        assertEquals(-2.5, LogSpace.add(-2.5, NEG_INF));
        assertEquals(NEG_INF, LogSpace.add(NEG_INF, NEG_INF));
    }

    @Test
    void largeAndFarApartArgumentsNeitherOverflowNorLoseTheLarger() {
        // e^1000 overflows a double; the sum of two equal terms is the term plus log 2
        assertEquals(1000 + Math.log(2), LogSpace.add(1000, 1000), 1e-12);
        // e^-50 next to 1 is below a double's resolution: the larger term comes back unchanged
        assertEquals(0.0, LogSpace.add(0.0, -50.0));
    }
}
