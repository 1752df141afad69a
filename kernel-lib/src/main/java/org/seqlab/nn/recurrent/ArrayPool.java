package org.seqlab.nn.recurrent;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reuses the large Java arrays of the recurrent ops (activation caches of tens of MB per
 * layer) from one training step to the next: allocating and zeroing them anew each step cost
 * milliseconds and garbage collections. Arrays come back with old contents; callers clear
 * what they read before writing. Bounded, so an unusual shape cannot pin memory forever.
 */
final class ArrayPool {
    private ArrayPool() {}

    private static final long MAX_POOLED_ELEMENTS = 64L << 20;
    private static final Map<Long, ArrayDeque<Object>> FREE = new HashMap<>();
    private static long pooled;

    private static long key(boolean isFloat, int length) {
        return ((long) length << 1) | (isFloat ? 1 : 0);
    }

    /** A float[] or double[] (by {@code type}) of exactly {@code length} elements, not cleared. */
    static synchronized Object take(DataType type, int length) {
        boolean isFloat = type == DataType.FLOAT;
        ArrayDeque<Object> q = FREE.get(key(isFloat, length));
        if (q != null && !q.isEmpty()) {
            pooled -= length;
            return q.pop();
        }
        return NativeRows.javaArray(type, length);
    }

    /** Returns arrays for reuse; nulls are ignored. The caller must not touch them again. */
    static synchronized void give(Object... arrays) {
        for (Object a : arrays) {
            if (a == null) {
                continue;
            }
            boolean isFloat = a instanceof float[];
            int length = isFloat ? ((float[]) a).length : ((double[]) a).length;
            if (pooled + length > MAX_POOLED_ELEMENTS) {
                continue;
            }
            FREE.computeIfAbsent(key(isFloat, length), k -> new ArrayDeque<>()).push(a);
            pooled += length;
        }
    }

    static void clear(Object a, int from, int to) {
        if (a instanceof float[] f) {
            java.util.Arrays.fill(f, from, to, 0f);
        } else {
            java.util.Arrays.fill((double[]) a, from, to, 0.0);
        }
    }
}
