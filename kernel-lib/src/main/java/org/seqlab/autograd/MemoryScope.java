package org.seqlab.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Releases the native memory of everything an operation allocated inside the scope when the
 * scope closes, instead of waiting for the garbage collector: a training step opens one, so
 * thousands of steps run in constant native memory.
 *
 * <p>Arrays that must outlive the step (parameters, optimizer state, a loss value kept for
 * logging) are created outside the scope or released from it with {@link #keep(INDArray)}.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<Deque<MemoryScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<INDArray> tracked = new ArrayList<>();
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

    /** Takes an array out of the innermost scope so that it survives the scope's close. */
    public static INDArray keep(INDArray array) {
        MemoryScope scope = OPEN.get().peek();
        if (scope != null) {
            scope.tracked.removeIf(a -> a == array);
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
        }
        tracked.clear();
    }
}
