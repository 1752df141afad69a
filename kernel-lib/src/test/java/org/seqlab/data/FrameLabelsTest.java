package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameLabelsTest {
    @Test
    void handComputedFrames() {
        // hop 0.1 s: dog covers [0.25, 0.52): frame 2 overlaps 0.05 (half: yes), 3 and 4 fully, 5 overlaps 0.02 (no)
        List<Event> events = List.of(new Event(0.25, 0.52, "dog"), new Event(0.0, 0.14, "bell"));
        float[][] y = FrameLabels.of(events, List.of("bell", "dog"), 7, 0.1);
        float[][] expected = {{1, 0}, {0, 0}, {0, 1}, {0, 1}, {0, 1}, {0, 0}, {0, 0}};
        assertArrayEquals(expected, y);
        assertArrayEquals(new float[] {0, 1, 1}, FrameLabels.tags(List.of("dog", "cat"), List.of("bell", "dog", "cat")));
        assertThrows(IllegalArgumentException.class, () -> FrameLabels.tags(List.of("cow"), List.of("dog")));
    }
}
