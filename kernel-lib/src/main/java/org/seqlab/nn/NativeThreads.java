package org.seqlab.nn;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a stretch of work with ND4J's native loops and OpenBLAS on one thread, restoring the previous counts
 * afterwards (scopes nest). A step-by-step decoder issues thousands of tiny native ops (a few
 * hundred elements each); with two OpenMP threads each op waits for the second thread, which
 * on a busy machine is often not scheduled: a seq2seq epoch took 42 s with two threads and
 * 8.6 s with one at load 12 on 2 cores, the same results either way (experiments/attention/README.md).
 * Unlike OMP_NUM_THREADS, which is read once when the JVM starts, these counts take effect
 * at run time, so other models in the same JVM (a notebook kernel) keep both cores.
 */
public final class NativeThreads implements AutoCloseable {
    private final int threads;
    private final int master;
    private final int blasThreads;

    private NativeThreads() {
        Environment env = Nd4j.getEnvironment();
        threads = env.maxThreads();
        master = env.maxMasterThreads();
        blasThreads = Nd4j.factory().blas().getMaxThreads();
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
    }

    /** One native thread until {@link #close()}. */
    public static NativeThreads single() {
        return new NativeThreads();
    }

    @Override
    public void close() {
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(threads);
        env.setMaxMasterThreads(master);
        Nd4j.factory().blas().setMaxThreads(blasThreads);
    }
}
