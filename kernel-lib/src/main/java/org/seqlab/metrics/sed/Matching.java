package org.seqlab.metrics.sed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maximum bipartite matching between reference events (rows) and estimated events (columns) of
 * a hit matrix, by Hopcroft and Karp's algorithm (SIAM J. Comput. 1973).
 *
 * <p>Why not greedy: taking the first estimate that fits each reference in turn can use up an
 * estimate that a later reference needed, and counts fewer hits than there are. sed_eval 0.2.1
 * matches optimally by default, and so does Seqlab.
 *
 * <p>Every maximum matching has the same size, but which events it leaves unmatched decides the
 * substitutions sed_eval counts afterwards. So the search visits vertices in the order of
 * sed_eval's (the Hopcroft-Karp of Eppstein, via mir_eval): estimates in the order in which a
 * row-major scan of the hit matrix first meets them, each with its references in row order; a
 * greedy first pass; then phases that layer the free estimates breadth-first and augment along
 * shortest paths depth-first, from the free references of the last layer in the order found.
 */
public final class Matching {
    private Matching() {}

    /** For each reference row, the matched estimate column, or -1. */
    public static int[] maximum(boolean[][] hits, int estimates) {
        int nRef = hits.length;
        // adjacency: estimate -> references, estimates in order of first appearance in a row-major scan
        Map<Integer, List<Integer>> graph = new LinkedHashMap<>();
        for (int r = 0; r < nRef; r++) {
            for (int e = 0; e < estimates; e++) {
                if (hits[r][e]) {
                    graph.computeIfAbsent(e, x -> new ArrayList<>()).add(r);
                }
            }
        }
        int[] refMatch = new int[nRef]; // reference -> estimate
        Arrays.fill(refMatch, -1);
        int[] order = graph.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[][] adj = new int[estimates][];
        for (int e : order) {
            adj[e] = graph.get(e).stream().mapToInt(Integer::intValue).toArray();
        }
        boolean[] estMatched = new boolean[estimates];
        for (int e : order) { // greedy start
            for (int r : adj[e]) {
                if (refMatch[r] < 0) {
                    refMatch[r] = e;
                    estMatched[e] = true;
                    break;
                }
            }
        }
        final int root = -2;
        final int absent = -1;
        while (true) {
            int[] pred = new int[estimates]; // estimate -> reference it was reached from, root, or absent
            Arrays.fill(pred, absent);
            for (int e : order) {
                pred[e] = root;
            }
            for (int r = 0; r < nRef; r++) {
                if (refMatch[r] >= 0) {
                    pred[refMatch[r]] = absent;
                }
            }
            List<Integer> layer = new ArrayList<>();
            for (int e : order) {
                if (pred[e] == root) {
                    layer.add(e);
                }
            }
            @SuppressWarnings("unchecked")
            List<Integer>[] preds = new List[nRef]; // reference -> estimates of the previous layer
            List<Integer> freeRefs = new ArrayList<>();
            while (!layer.isEmpty() && freeRefs.isEmpty()) {
                Map<Integer, List<Integer>> next = new LinkedHashMap<>();
                for (int e : layer) {
                    for (int r : adj[e]) {
                        if (preds[r] == null) {
                            next.computeIfAbsent(r, x -> new ArrayList<>()).add(e);
                        }
                    }
                }
                layer = new ArrayList<>();
                for (Map.Entry<Integer, List<Integer>> en : next.entrySet()) {
                    int r = en.getKey();
                    preds[r] = en.getValue();
                    if (refMatch[r] >= 0) {
                        layer.add(refMatch[r]);
                        pred[refMatch[r]] = r;
                    } else {
                        freeRefs.add(r);
                    }
                }
            }
            if (freeRefs.isEmpty()) {
                return refMatch;
            }
            for (int r : freeRefs) {
                augment(r, preds, pred, refMatch, root, absent);
            }
        }
    }

    /** Searches back through the layers from reference {@code r}; true if it found and flipped a path. */
    private static boolean augment(int r, List<Integer>[] preds, int[] pred, int[] refMatch, int root, int absent) {
        List<Integer> from = preds[r];
        if (from == null) {
            return false;
        }
        preds[r] = null;
        for (int e : from) {
            if (pred[e] != absent) {
                int back = pred[e];
                pred[e] = absent;
                if (back == root || augment(back, preds, pred, refMatch, root, absent)) {
                    refMatch[r] = e;
                    return true;
                }
            }
        }
        return false;
    }
}
