package org.seqlab.decode.lm;

import java.util.Map;

/**
 * The n-gram table of an {@link NgramLm} as an open-addressing hash from packed keys to
 * probability and backoff, for the lookups a beam search makes per new prefix: no key object is
 * built and no entry is boxed. An n-gram packs its ids (plus one, so that n-grams of different
 * orders never share a key) into a long when {@code order * bits(vocabulary + 1) <= 63}, which
 * holds for character models (order 6 needs at most 10 bits per id) and for word models of up to
 * 2^21 words at order 3; larger models use the string keys of {@link NgramLm}.
 */
final class PackedGrams {
    private final int bits;
    private final long[] keys;
    private final double[] prob;
    private final double[] backoff;
    private final int mask;

    private PackedGrams(int bits, int capacity) {
        this.bits = bits;
        this.keys = new long[capacity];
        this.prob = new double[capacity];
        this.backoff = new double[capacity];
        this.mask = capacity - 1;
    }

    /** The packed table, or null when the model's keys do not fit in a long. */
    static PackedGrams of(int order, int vocabulary, Map<String, NgramLm.Entry> grams) {
        int bits = 32 - Integer.numberOfLeadingZeros(vocabulary + 1);
        if ((long) bits * order > 63) {
            return null;
        }
        int capacity = Integer.highestOneBit(Math.max(4, grams.size() * 2 - 1)) << 1;
        PackedGrams t = new PackedGrams(bits, capacity);
        for (Map.Entry<String, NgramLm.Entry> e : grams.entrySet()) {
            int[] ids = NgramLm.unkey(e.getKey());
            long k = 0;
            for (int id : ids) {
                k = t.append(k, id);
            }
            int slot = t.slot(k);
            t.keys[slot] = k;
            t.prob[slot] = e.getValue().log10Prob();
            t.backoff[slot] = e.getValue().log10Backoff();
        }
        return t;
    }

    /** The key of an n-gram extended by one id on the right. */
    long append(long key, int id) {
        return (key << bits) | (id + 1L);
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 29)) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Slot of a stored key, or -1. */
    int find(long key) {
        int i = slot(key);
        return keys[i] == 0 ? -1 : i;
    }

    double prob(int slot) {
        return prob[slot];
    }

    double backoff(int slot) {
        return backoff[slot];
    }
}
