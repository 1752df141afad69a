package org.seqlab.autograd;

/**
 * Whether operations record the graph for backward. Evaluation and decoding run with it off,
 * so they keep no closures, saved activations or gradient buffers alive.
 *
 * <pre>{@code try (var off = GradMode.off()) { model.forward(x); } }</pre>
 */
public final class GradMode implements AutoCloseable {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private final boolean previous;

    private GradMode(boolean enabled) {
        previous = ENABLED.get();
        ENABLED.set(enabled);
    }

    public static boolean enabled() {
        return ENABLED.get();
    }

    /** Turns recording off until the returned handle is closed. */
    public static GradMode off() {
        return new GradMode(false);
    }

    /** Turns recording on until the returned handle is closed (inside an {@link #off()} block). */
    public static GradMode on() {
        return new GradMode(true);
    }

    @Override
    public void close() {
        ENABLED.set(previous);
    }
}
