package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.seqlab.experiment.run.Seeds;

/**
 * A seeded part of a training split for learning curves over data size. Taking the first part of
 * a corpus list (as {@code SequenceTasks.fraction} does) gives every seed the same utterances and,
 * on a list grouped by speaker or word, can leave whole classes out, which then silently vanish from
 * validation and test too. Here the seed draws the examples and the classes take turns, so every
 * class is present as soon as the subset has room for one example of each, and seed-to-seed spread
 * includes the luck of the draw, as a small-data claim must.
 */
final class BalancedSubset {
    private BalancedSubset() {}

    /** How many examples a fraction keeps: the same count as taking the first part, so the two modes compare. */
    static int size(int n, double fraction) {
        return Math.max(1, (int) Math.ceil(n * fraction));
    }

    /**
     * {@link #size} examples of {@code list}, in list order: each class's examples shuffled by
     * {@code seed}, then dealt one per class in class-name order until the count is reached.
     */
    static <T> List<T> draw(List<T> list, double fraction, long seed, Function<T, String> classOf) {
        int k = size(list.size(), fraction);
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            byClass.computeIfAbsent(classOf.apply(list.get(i)), c -> new ArrayList<>()).add(i);
        }
        List<int[]> queues = new ArrayList<>();
        int c = 0;
        for (List<Integer> members : byClass.values()) {
            int[] order = Seeds.permutation(members.size(), Seeds.derive(seed, 7, c++));
            int[] q = new int[members.size()];
            for (int j = 0; j < q.length; j++) {
                q[j] = members.get(order[j]);
            }
            queues.add(q);
        }
        boolean[] keep = new boolean[list.size()];
        int taken = 0;
        for (int round = 0; taken < k; round++) {
            for (int[] q : queues) {
                if (round < q.length && taken < k) {
                    keep[q[round]] = true;
                    taken++;
                }
            }
        }
        List<T> out = new ArrayList<>(k);
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                out.add(list.get(i));
            }
        }
        return out;
    }
}
