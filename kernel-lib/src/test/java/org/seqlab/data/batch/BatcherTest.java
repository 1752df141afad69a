package org.seqlab.data.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatcherTest {

    /** Sequence i has length lengths[i]; frame t holds (i, t) so placement can be checked. */
    static List<Sequence<Integer>> sequences(int n, long seed) {
        Random r = new Random(seed);
        List<Sequence<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 1 + r.nextInt(100);
            float[][] f = new float[len][2];
            for (int t = 0; t < len; t++) {
                f[t][0] = i;
                f[t][1] = t;
            }
            out.add(new Sequence<>("s" + i, f, i));
        }
        return out;
    }

    @Test
    void paddingAndMaskFollowTheLengths() {
        List<Sequence<Integer>> seqs = sequences(3, 1);
        SequenceBatch<Integer> b = SequenceBatch.of(seqs);
        int maxLen = seqs.stream().mapToInt(Sequence::length).max().orElseThrow();
        assertEquals(maxLen, b.maxLength());
        float[][] mask = b.mask();
        for (int i = 0; i < 3; i++) {
            int len = seqs.get(i).length();
            assertEquals(len, b.lengths()[i]);
            for (int t = 0; t < maxLen; t++) {
                assertEquals(t < len ? 1f : 0f, mask[i][t]);
                assertEquals(t < len ? i : 0f, b.get(i, t, 0));
                assertEquals(t < len ? t : 0f, b.get(i, t, 1));
            }
        }
        assertEquals(List.of(0, 1, 2), b.targets());
        INDArray x = b.featuresArray();
        assertArrayEquals(new long[] {3, maxLen, 2}, x.shape());
        assertEquals(b.get(2, 5, 1), x.getFloat(2, 5, 1));
        INDArray m = b.maskArray();
        assertArrayEquals(new long[] {3, maxLen}, m.shape());
        assertEquals(mask[1][maxLen - 1], m.getFloat(1, maxLen - 1));
        assertEquals(b.features()[1][3][1], x.getFloat(1, 3, 1));
    }

    @Test
    void labelsPadToTheLongest() {
        List<Sequence<int[]>> seqs = List.of(new Sequence<>("a", new float[2][1], new int[] {3, 1}),
                new Sequence<>("b", new float[4][1], new int[] {5, 6, 7}));
        SequenceBatch<int[]> b = SequenceBatch.of(seqs);
        assertArrayEquals(new int[][] {{3, 1, -1}, {5, 6, 7}}, b.paddedLabels(y -> y, -1));
        assertArrayEquals(new int[] {2, 3}, b.labelLengths(y -> y));
    }

    @Test
    void everyExampleOncePerEpochAndOrderSetBySeedAndEpoch() {
        Batcher<Integer> batcher = Batcher.of(sequences(103, 2), 8).bucketed(4).seed(5);
        List<int[]> plan = batcher.plan(0);
        int[] all = plan.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(java.util.stream.IntStream.range(0, 103).toArray(), all);
        assertEquals(13, plan.size());
        List<int[]> again = Batcher.of(sequences(103, 2), 8).bucketed(4).seed(5).plan(0);
        for (int i = 0; i < plan.size(); i++) {
            assertArrayEquals(plan.get(i), again.get(i));
        }
        assertNotEquals(Arrays.toString(plan.get(0)), Arrays.toString(batcher.plan(1).get(0)));
        assertEquals(12, Batcher.of(sequences(103, 2), 8).dropLast(true).plan(0).size());
    }

    @Test
    void bucketingCutsPadding() {
        List<Sequence<Integer>> seqs = sequences(640, 3);
        double plain = padding(Batcher.of(seqs, 16).seed(1));
        double bucketed = padding(Batcher.of(seqs, 16).seed(1).bucketed(20));
        assertTrue(plain > 0.3, "random batches of lengths 1-100 pad about 40%: " + plain);
        assertTrue(bucketed < 0.1, "bucketed batches pad little: " + bucketed);
    }

    private static double padding(Batcher<Integer> b) {
        double sum = 0;
        int n = 0;
        for (Iterator<SequenceBatch<Integer>> it = b.batches(0); it.hasNext(); n++) {
            sum += it.next().paddingFraction();
        }
        return sum / n;
    }

    @Test
    void prefetchGivesTheSameBatchesAndLoadsOnItsOwnThread() throws Exception {
        List<Sequence<Integer>> seqs = sequences(50, 4);
        int[] lengths = seqs.stream().mapToInt(Sequence::length).toArray();
        List<String> loaderThreads = new ArrayList<>();
        Batcher<Integer> lazy = Batcher.lazy(lengths, i -> {
            synchronized (loaderThreads) {
                loaderThreads.add(Thread.currentThread().getName());
            }
            return seqs.get(i);
        }, 7).bucketed(3).seed(9);
        List<List<String>> direct = new ArrayList<>();
        Batcher.of(seqs, 7).bucketed(3).seed(9).batches(2).forEachRemaining(b -> direct.add(b.ids()));
        List<List<String>> fetched = new ArrayList<>();
        try (Prefetcher<SequenceBatch<Integer>> p = lazy.prefetch(2, 2)) {
            while (p.hasNext()) {
                fetched.add(p.next().ids());
            }
        }
        assertEquals(direct, fetched);
        assertTrue(loaderThreads.stream().allMatch(n -> n.startsWith("seqlab-prefetch")), loaderThreads.get(0));
    }

    /** Without bucketing the plan is the trainer's historical order: its seeded permutation cut into consecutive batches. */
    @Test
    void unbucketedPlanIsTheSeededPermutationInConsecutiveBatches() {
        int[] lengths = new int[45];
        Arrays.fill(lengths, 3);
        List<int[]> plan = Batcher.ofLengths(lengths, 8).seed(11).plan(3);
        int[] order = org.seqlab.experiment.run.Seeds.permutation(45, org.seqlab.experiment.run.Seeds.derive(11, Batcher.DATA_ORDER, 3));
        assertEquals(6, plan.size());
        for (int b = 0; b < plan.size(); b++) {
            assertArrayEquals(Arrays.copyOfRange(order, b * 8, Math.min(45, b * 8 + 8)), plan.get(b), "batch " + b);
        }
        List<int[]> inOrder = Batcher.ofLengths(lengths, 8).seed(11).inOrder().plan(3);
        assertArrayEquals(new int[] {40, 41, 42, 43, 44}, inOrder.get(5));
        assertThrows(IllegalStateException.class, () -> Batcher.ofLengths(lengths, 8).batches(0), "no loader to make sequences");
    }

    /** A run resumed at batch k of an epoch gets exactly the rest of that epoch, in the same order, prefetched or not. */
    @Test
    void assembledBatchesFromAStepOnAreTheSameInForegroundAndBackground() {
        List<Sequence<Integer>> seqs = sequences(61, 8);
        int[] lengths = seqs.stream().mapToInt(Sequence::length).toArray();
        Batcher<Void> batcher = Batcher.ofLengths(lengths, 6).bucketed(2).seed(3);
        java.util.function.Function<int[], String> assemble = idx -> Arrays.toString(idx);
        List<String> all = new ArrayList<>();
        batcher.batches(1, 0, assemble).forEachRemaining(all::add);
        assertEquals(11, all.size());
        List<String> rest = new ArrayList<>();
        try (Prefetcher<String> p = batcher.prefetch(1, 4, 2, assemble)) {
            p.forEachRemaining(rest::add);
        }
        assertEquals(all.subList(4, all.size()), rest);
        List<String> skipped = new ArrayList<>();
        batcher.batches(1, 0, idx -> idx.length < 6 ? null : Arrays.toString(idx)).forEachRemaining(skipped::add);
        assertEquals(10, skipped.size(), "a batch its assembler drops is skipped");
    }

    @Test
    void maskIsLeftOutOnlyWhenNothingIsPadded() {
        float[][] two = new float[2][3];
        float[][] three = new float[3][3];
        SequenceBatch<Void> even = SequenceBatch.of(List.of(new Sequence<>("a", two, null), new Sequence<>("b", two, null)));
        assertFalse(even.padded());
        assertEquals(null, even.maskArrayIfPadded());
        SequenceBatch<Void> ragged = SequenceBatch.of(List.of(new Sequence<>("a", two, null), new Sequence<>("b", three, null)));
        assertTrue(ragged.padded());
        INDArray m = ragged.maskArrayIfPadded();
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 1}, m.data().asFloat());
        assertArrayEquals(new long[] {2, 3, 3}, ragged.featuresArray().shape());
    }

    @Test
    void closeStopsTheProducerAndErrorsReachTheConsumer() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Iterator<Integer> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return made.incrementAndGet();
            }
        };
        Prefetcher<Integer> p = new Prefetcher<>(endless, 3, "test");
        assertEquals(1, p.next());
        p.close();
        p.join(2000);
        assertFalse(p.producerAlive(), "producer still running after close");
        assertTrue(made.get() <= 6, "a bounded queue stops the producer early: made " + made.get());

        Iterator<Integer> failing = List.of(1, 2).iterator();
        Prefetcher<Integer> q = new Prefetcher<>(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (failing.hasNext()) {
                    return failing.next();
                }
                throw new IllegalStateException("corrupt file x.wav");
            }
        }, 2, "failing");
        assertEquals(1, q.next());
        assertEquals(2, q.next());
        assertEquals("corrupt file x.wav", assertThrows(IllegalStateException.class, q::next).getMessage());
        q.join(2000);
        assertFalse(q.producerAlive());
    }
}
