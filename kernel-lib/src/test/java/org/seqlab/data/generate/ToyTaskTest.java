package org.seqlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.data.batch.Sequence;

class ToyTaskTest {

    @Test
    void addingProblemTargetIsTheSumOfTheTwoMarkedValues() {
        AddingProblem task = new AddingProblem(50, 1);
        for (Sequence<float[][]> s : task.generate("train", 200)) {
            int marks = 0;
            double sum = 0;
            int firstHalf = 0;
            for (int t = 0; t < 50; t++) {
                if (s.frames()[t][1] == 1f) {
                    marks++;
                    sum += s.frames()[t][0];
                    firstHalf += t < 25 ? 1 : 0;
                }
            }
            assertEquals(2, marks);
            assertEquals(1, firstHalf);
            assertEquals(sum, s.target()[0][0], 1e-6);
        }
    }

    @Test
    void copyTaskRecallsTheSymbolsAfterTheLag() {
        CopyTask task = new CopyTask(5, 4, 7, 3);
        Sequence<float[][]> s = task.example("train", 0);
        assertEquals(4 + 7 + 4, s.length());
        for (int t = 0; t < 4; t++) {
            assertArrayEquals(java.util.Arrays.copyOf(s.frames()[t], 6), s.target()[4 + 7 + t], "symbol " + t);
        }
        assertEquals(1f, s.frames()[4 + 7 - 1][task.delimiter()]);
        for (int t = 0; t < 11; t++) {
            assertEquals(1f, s.target()[t][task.blank()]);
        }
    }

    @Test
    void parityIsTheRunningXorAndLengthsVary() {
        ParityTask task = new ParityTask(5, 20, true, 9);
        java.util.Set<Integer> lengths = new java.util.HashSet<>();
        for (Sequence<float[][]> s : task.generate("train", 100)) {
            int p = 0;
            for (int t = 0; t < s.length(); t++) {
                p ^= (int) s.frames()[t][0];
                assertEquals(p, (int) s.target()[t][0]);
            }
            lengths.add(s.length());
        }
        assertTrue(lengths.size() > 10);
    }

    @Test
    void examplesDependOnlyOnSeedStreamAndIndex() {
        AddingProblem a = new AddingProblem(30, 42);
        List<Sequence<float[][]>> first = a.generate("train", 5);
        assertArrayEquals(first.get(3).frames(), new AddingProblem(30, 42).example("train", 3).frames());
        assertNotEquals(first.get(3).target()[0][0], a.example("validation", 3).target()[0][0]);
        assertNotEquals(first.get(3).target()[0][0], new AddingProblem(30, 43).example("train", 3).target()[0][0]);
    }
}
