package org.seqlab.data.batch;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs an iterator on a daemon thread, keeping up to {@code capacity} items ready so that
 * decoding and feature extraction overlap with training. An exception in the producer is
 * rethrown by {@link #next()}; {@link #close()} (or interrupting the consumer) stops the
 * producer, so an abandoned epoch leaves no thread behind.
 */
public final class Prefetcher<B> implements Iterator<B>, AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    private Object head;

    public Prefetcher(Iterator<B> source, int capacity, String name) {
        if (capacity < 1) {
            throw new IllegalArgumentException("prefetch capacity must be at least 1, got " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> produce(source), "seqlab-prefetch " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce(Iterator<B> source) {
        try {
            while (!closed && source.hasNext()) {
                queue.put(source.next());
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // closed by the consumer
        } catch (RuntimeException | Error e) {
            try {
                queue.put(new Failure(e));
            } catch (InterruptedException ignored) {
                // closed while failing
            }
        }
    }

    private record Failure(Throwable error) {
    }

    /** The consumer was interrupted while waiting for the next item; its interrupt flag is set again. */
    public static final class Interrupted extends IllegalStateException {
        Interrupted(InterruptedException cause) {
            super("interrupted while waiting for the next batch", cause);
        }
    }

    @Override
    public boolean hasNext() {
        if (head == null) {
            try {
                head = queue.take();
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new Interrupted(e);
            }
        }
        if (head instanceof Failure f) {
            close();
            if (f.error instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) f.error;
        }
        return head != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public B next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        B b = (B) head;
        head = null;
        return b;
    }

    /** True while the producer thread runs; for tests and diagnostics. */
    public boolean producerAlive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        queue.clear();
    }

    /** Waits for the producer to finish after {@link #close()}. */
    public void join(long millis) throws InterruptedException {
        thread.join(millis);
    }
}
