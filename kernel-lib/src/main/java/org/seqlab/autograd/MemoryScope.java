package org.seqlab.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Releases the native memory of everything an operation allocated inside the scope when the
 * scope closes, instead of waiting for the garbage collector: a training step opens one, so
 * thousands of steps run in constant native memory.
 *
 * <p>Arrays that must outlive the step (parameters, optimizer state, a loss value kept for
 * logging) are created outside the scope or released from it with {@link #keep(INDArray)}.
 *
 * <p>Large temporaries made by {@link #uninitialized} and {@link #zeros} inside a scope take
 * their memory from a pool and give it back when the scope closes ({@code BufferPool}): ND4J
 * fills every buffer it allocates, and a step that allocates the same shapes each time would
 * otherwise pay for that fill on every one of them. A closed array refuses to be read either
 * way; its memory is only reused sooner.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<Deque<MemoryScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<INDArray> tracked = new ArrayList<>();
    private final Map<INDArray, Pointer> pooled = new IdentityHashMap<>();
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private MemoryScope() {}

    public static MemoryScope open() {
        MemoryScope scope = new MemoryScope();
        OPEN.get().push(scope);
        return scope;
    }

    /** Registers an array with the innermost open scope of this thread, if any; returns it. */
    public static INDArray track(INDArray array) {
        MemoryScope scope = OPEN.get().peek();
        if (scope != null && array != null && !array.isView()) {
            scope.tracked.add(array);
        }
        return array;
    }

    /**
     * A c-order array whose contents are undefined, released with the innermost scope; from
     * the pool when a scope is open and the array is large.
     */
    public static INDArray uninitialized(DataType type, long... shape) {
        MemoryScope scope = OPEN.get().peek();
        INDArray array = scope == null ? null : scope.fromPool(type, shape);
        if (array == null) {
            array = track(Nd4j.createUninitialized(type, shape));
        }
        return POISON && type.isFPType() ? array.assign(Double.NaN) : array;
    }

    /**
     * With {@code -Dseqlab.poison=true} (the test suite sets it) every uninitialized array is
     * filled with NaN, so that code reading an element it never wrote fails its tests instead of
     * passing on ND4J's zero-filled small buffers and breaking on the pool's reused large ones.
     */
    private static final boolean POISON = Boolean.getBoolean("seqlab.poison");

    /** {@link #uninitialized} filled with zeros. */
    public static INDArray zeros(DataType type, long... shape) {
        MemoryScope scope = OPEN.get().peek();
        INDArray array = scope == null ? null : scope.fromPool(type, shape);
        if (array == null) {
            return track(Nd4j.zeros(type, shape));
        }
        Pointer.memset(scope.pooled.get(array), 0, array.length() * type.width());
        return array;
    }

    /** A pooled array owned by this scope, or null when the pool does not serve this request. */
    private INDArray fromPool(DataType type, long[] shape) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        if (!BufferPool.handles(type, length)) {
            return null;
        }
        Pointer p = BufferPool.take(type, length);
        if (p == null) {
            return null;
        }
        DataBuffer buffer = type == DataType.FLOAT
                ? Nd4j.createBuffer(p, type, length, FloatIndexer.create((FloatPointer) p))
                : Nd4j.createBuffer(p, type, length, DoubleIndexer.create((DoublePointer) p));
        INDArray array = Nd4j.create(buffer, shape, Nd4j.getStrides(shape, 'c'), 0, 'c');
        tracked.add(array);
        pooled.put(array, p);
        return array;
    }

    /**
     * Frees the pooled buffers no scope is using. A process keeps the largest step's
     * temporaries for the next step (up to half of JavaCPP's byte limit); a notebook that has
     * finished training and goes on to other work can give that memory back.
     */
    public static void releasePool() {
        BufferPool.clear();
    }

    /** Takes an array out of the innermost scope so that it survives the scope's close. */
    public static INDArray keep(INDArray array) {
        MemoryScope scope = OPEN.get().peek();
        if (scope != null) {
            scope.tracked.removeIf(a -> a == array);
            // a pooled buffer now belongs to the array; the garbage collector frees it with the array
            scope.pooled.remove(array);
        }
        return array;
    }

    /** Number of arrays this scope will release; used by tests. */
    public int size() {
        return tracked.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a MemoryScope must be closed by the thread that opened it");
        }
        closed = true;
        Deque<MemoryScope> open = OPEN.get();
        if (open.peek() != this) {
            throw new IllegalStateException("MemoryScopes must be closed in reverse order of opening");
        }
        open.pop();
        for (INDArray a : tracked) {
            if (a.closeable()) {
                a.close();
            }
            Pointer p = pooled.remove(a);
            if (p != null && a.wasClosed()) {
                BufferPool.giveBack(a.dataType(), p);
            }
        }
        tracked.clear();
    }
}
