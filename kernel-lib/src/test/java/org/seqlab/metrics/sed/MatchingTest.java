package org.seqlab.metrics.sed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MatchingTest {
    static int size(int[] match) {
        int n = 0;
        for (int m : match) {
            n += m >= 0 ? 1 : 0;
        }
        return n;
    }

    /** Largest matching by trying every assignment (tiny matrices only). */
    static int bruteForce(boolean[][] hits, int row, boolean[] used) {
        if (row == hits.length) {
            return 0;
        }
        int best = bruteForce(hits, row + 1, used);
        for (int e = 0; e < used.length; e++) {
            if (hits[row][e] && !used[e]) {
                used[e] = true;
                best = Math.max(best, 1 + bruteForce(hits, row + 1, used));
                used[e] = false;
            }
        }
        return best;
    }

    static void assertValid(boolean[][] hits, int[] match, int estimates) {
        boolean[] seen = new boolean[estimates];
        for (int r = 0; r < match.length; r++) {
            if (match[r] >= 0) {
                assertEquals(true, hits[r][match[r]], "matched pair must be a hit");
                assertEquals(false, seen[match[r]], "estimate matched twice");
                seen[match[r]] = true;
            }
        }
    }

    @Test
    void findsTheMatchingGreedyMisses() {
        // reference 0 fits estimates 0 and 1, reference 1 only estimate 0: greedy gives 0-0 and leaves 1 unmatched
        boolean[][] hits = {{true, true}, {true, false}};
        int[] match = Matching.maximum(hits, 2);
        assertEquals(2, size(match));
        assertValid(hits, match, 2);
    }

    @Test
    void agreesWithBruteForceOnRandomMatrices() {
        SplittableRandom random = new SplittableRandom(20261202L);
        for (int trial = 0; trial < 2000; trial++) {
            int refs = random.nextInt(7);
            int ests = random.nextInt(7);
            double density = random.nextDouble();
            boolean[][] hits = new boolean[refs][ests];
            for (boolean[] row : hits) {
                for (int e = 0; e < ests; e++) {
                    row[e] = random.nextDouble() < density;
                }
            }
            int[] match = Matching.maximum(hits, ests);
            assertValid(hits, match, ests);
            assertEquals(bruteForce(hits, 0, new boolean[ests]), size(match), "trial " + trial);
        }
    }

    @Test
    void greedyWouldCountFewer() {
        // a 3x3 chain where first-fit in row order gets 2 and the maximum is 3
        boolean[][] hits = {{true, true, false}, {true, false, false}, {false, true, true}};
        int greedy = 0;
        boolean[] used = new boolean[3];
        for (boolean[] row : hits) {
            for (int e = 0; e < 3; e++) {
                if (row[e] && !used[e]) {
                    used[e] = true;
                    greedy++;
                    break;
                }
            }
        }
        assertEquals(3, size(Matching.maximum(hits, 3)));
        assertNotEquals(3, greedy);
    }

    /**
     * The same matching as sed_eval 0.2.1 on 400 random hit matrices (make_matching_fixture.py
     * beside the data ran sed_eval's bipartite_match): not just as many hits, the same pairs.
     */
    @Test
    void picksTheSameMatchingAsSedEval() throws Exception {
        String text;
        try (InputStream in = MatchingTest.class.getResourceAsStream("sed_eval_matchings.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int cases = 0;
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            int estimates = Integer.parseInt(f[0]);
            String[] rows = f[1].equals("-") ? new String[0] : f[1].split(",");
            boolean[][] hits = new boolean[rows.length][estimates];
            for (int r = 0; r < rows.length; r++) {
                for (int e = 0; e < estimates; e++) {
                    hits[r][e] = rows[r].charAt(1 + e) == '1'; // each row is 'r' and one digit per estimate
                }
            }
            String expected = f[2].equals("-") ? "" : f[2];
            int[] match = Matching.maximum(hits, estimates);
            assertEquals(expected, java.util.Arrays.stream(match).mapToObj(Integer::toString)
                    .collect(java.util.stream.Collectors.joining(",")), line);
            cases++;
        }
        assertEquals(400, cases);
    }
}
