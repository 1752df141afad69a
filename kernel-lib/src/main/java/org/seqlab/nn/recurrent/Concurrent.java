package org.seqlab.nn.recurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the two directions of a bidirectional layer at the same time, one per core. Each
 * direction is a chain of small gemms and gate loops that cannot use two cores well, so two
 * chains side by side with one BLAS thread each beat one chain after the other with two.
 * The BLAS thread count is restored afterwards.
 */
final class Concurrent {
    private Concurrent() {}

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seqlab-recurrent-worker");
        t.setDaemon(true);
        return t;
    });

    /** Whether to use a second thread; off on one core or with -Dseqlab.recurrent.concurrent=false. */
    static boolean enabled() {
        return Runtime.getRuntime().availableProcessors() >= 2
                && !"false".equals(System.getProperty("seqlab.recurrent.concurrent"));
    }

    static void both(Runnable a, Runnable b) {
        if (!enabled()) {
            a.run();
            b.run();
            return;
        }
        var blas = Nd4j.factory().blas();
        int threads = blas.getMaxThreads();
        blas.setMaxThreads(1);
        try {
            Future<?> other = WORKER.submit(b);
            try {
                a.run();
            } finally {
                try {
                    other.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the other direction ran", e);
                }
            }
        } finally {
            blas.setMaxThreads(threads);
        }
    }
}
