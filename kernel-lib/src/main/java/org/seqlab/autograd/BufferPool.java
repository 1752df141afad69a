package org.seqlab.autograd;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Native buffers for the large temporaries of a step, reused by the next step instead of
 * freed. ND4J zero-fills every buffer it allocates, "uninitialized" ones included: 20 ms for
 * the 131 MB output of a CRNN's first convolution, and a quarter of the native time of the
 * CRNN step went to such fills (bench/RESULTS.md, engine session 3). A training step asks for
 * the same shapes every time, so after the first step every large temporary is a pool hit.
 *
 * <p>Buffers are JavaCPP pointers: an array that escapes its scope through
 * {@link MemoryScope#keep} keeps its pointer reachable through its data buffer, and the pointer
 * is freed by the garbage collector like any JavaCPP allocation. Free buffers are bounded by
 * half of JavaCPP's byte limit; over it, a returned buffer is freed at once. A request takes the
 * smallest free buffer that holds it, if that is at most twice the size, so that batches of
 * varying length reuse each other's buffers without pinning ever larger ones.
 */
final class BufferPool {
    private BufferPool() {}

    /** Below this, ND4J's fill costs less than a pool lookup and an array wrapper (about 0.1 ms). */
    static final long MIN_BYTES = 1L << 20;

    private static final Map<DataType, TreeMap<Long, ArrayDeque<Pointer>>> FREE = Map.of(
            DataType.FLOAT, new TreeMap<>(), DataType.DOUBLE, new TreeMap<>());
    private static long freeBytes;

    /** Whether arrays of this type and element count come from the pool. */
    static boolean handles(DataType type, long elements) {
        return FREE.containsKey(type) && elements * type.width() >= MIN_BYTES;
    }

    /** A buffer of at least {@code elements}, uninitialised; null when native memory is exhausted. */
    static Pointer take(DataType type, long elements) {
        synchronized (BufferPool.class) {
            TreeMap<Long, ArrayDeque<Pointer>> free = FREE.get(type);
            Map.Entry<Long, ArrayDeque<Pointer>> fit = free.ceilingEntry(elements);
            if (fit != null && fit.getKey() <= 2 * elements) {
                Pointer p = fit.getValue().pop();
                if (fit.getValue().isEmpty()) {
                    free.remove(fit.getKey());
                }
                freeBytes -= fit.getKey() * type.width();
                return p;
            }
        }
        try {
            return allocate(type, elements);
        } catch (OutOfMemoryError e) {
            // JavaCPP's byte limit counts the free buffers too: give them up and try once more
            clear();
            try {
                return allocate(type, elements);
            } catch (OutOfMemoryError again) {
                return null;
            }
        }
    }

    /** Returns a buffer whose arrays are all closed. */
    static void giveBack(DataType type, Pointer p) {
        long bytes = p.capacity() * type.width();
        synchronized (BufferPool.class) {
            if (freeBytes + bytes <= Pointer.maxBytes() / 2) {
                FREE.get(type).computeIfAbsent(p.capacity(), k -> new ArrayDeque<>()).push(p);
                freeBytes += bytes;
                return;
            }
        }
        p.deallocate();
    }

    /** Frees every buffer not in use. */
    static void clear() {
        synchronized (BufferPool.class) {
            for (TreeMap<Long, ArrayDeque<Pointer>> free : FREE.values()) {
                free.values().forEach(q -> q.forEach(Pointer::deallocate));
                free.clear();
            }
            freeBytes = 0;
        }
    }

    /** Bytes held by free buffers; for tests. */
    static synchronized long freeBytes() {
        return freeBytes;
    }

    private static Pointer allocate(DataType type, long elements) {
        return type == DataType.FLOAT ? new FloatPointer(elements) : new DoublePointer(elements);
    }
}
