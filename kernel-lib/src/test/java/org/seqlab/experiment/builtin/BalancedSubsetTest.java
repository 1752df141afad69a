package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BalancedSubsetTest {
    /** 60 examples, 10 classes, grouped by class as a corpus listed speaker by speaker or word by word is. */
    static final List<Integer> GROUPED = new ArrayList<>();

    static {
        for (int i = 0; i < 60; i++) {
            GROUPED.add(i);
        }
    }

    static String classOf(int i) {
        return "w" + i / 6;
    }

    @Test
    void keepsTheSameCountAsTakingTheFirstPart() {
        for (double f : new double[] {0.05, 0.1, 0.25, 0.5, 1.0}) {
            int first = SequenceTasks.fraction(GROUPED, f).size();
            assertEquals(first, BalancedSubset.draw(GROUPED, f, 1, BalancedSubsetTest::classOf).size(), "fraction " + f);
        }
        assertEquals(3, BalancedSubset.size(60, 0.05));   // ceil(3.0)
        assertEquals(1, BalancedSubset.size(60, 1e-4));
    }

    @Test
    void everyClassIsPresentOnceThereIsRoomAndCountsDifferByAtMostOne() {
        // the first 25% of the grouped list would hold 3 of the 10 classes
        assertEquals(3, SequenceTasks.fraction(GROUPED, 0.25).stream().map(BalancedSubsetTest::classOf).distinct().count());
        for (long seed = 1; seed <= 5; seed++) {
            List<Integer> s = BalancedSubset.draw(GROUPED, 0.25, seed, BalancedSubsetTest::classOf);   // 15 examples
            Map<String, Long> counts = s.stream().collect(Collectors.groupingBy(BalancedSubsetTest::classOf, Collectors.counting()));
            assertEquals(10, counts.size(), "seed " + seed + ": " + s);
            long min = counts.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            long max = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(max - min <= 1, counts.toString());
            assertEquals(15, new HashSet<>(s).size(), "no example twice");
        }
    }

    @Test
    void theSeedDecidesTheDrawAndTheSameSeedRepeatsIt() {
        List<Integer> a = BalancedSubset.draw(GROUPED, 0.25, 1, BalancedSubsetTest::classOf);
        assertEquals(a, BalancedSubset.draw(GROUPED, 0.25, 1, BalancedSubsetTest::classOf));
        assertNotEquals(a, BalancedSubset.draw(GROUPED, 0.25, 2, BalancedSubsetTest::classOf));
        List<Integer> sorted = new ArrayList<>(a);
        sorted.sort(null);
        assertEquals(sorted, a, "kept in list order");
        assertEquals(GROUPED, BalancedSubset.draw(GROUPED, 1.0, 3, BalancedSubsetTest::classOf), "the whole split at fraction 1");
    }

    @Test
    void unevenClassesRunOutAndTheOthersFillTheCount() {
        List<Integer> l = List.of(0, 1, 2, 3, 4, 5, 6, 7);     // class a: 0; class b: 1..7
        List<Integer> s = BalancedSubset.draw(l, 0.5, 9, i -> i == 0 ? "a" : "b");
        assertEquals(4, s.size());
        assertTrue(s.contains(0), "the lone example of class a is dealt first: " + s);
    }
}
