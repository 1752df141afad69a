package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libnd4j does not raise the counts above what OMP_NUM_THREADS gave at start (1 under surefire),
 * so restoring a count above one is seen only in the ./seqlab JVM; here the scopes must give one
 * thread inside and leave the start counts unchanged after nesting.
 */
class NativeThreadsTest {
    @Test
    void oneThreadInsideAndTheFormerCountsAfterNestedScopes() {
        Environment env = Nd4j.getEnvironment();
        int threads = env.maxThreads();
        int master = env.maxMasterThreads();
        try (NativeThreads outer = NativeThreads.single()) {
            assertEquals(1, env.maxThreads());
            assertEquals(1, env.maxMasterThreads());
            try (NativeThreads inner = NativeThreads.single()) {
                assertEquals(1, env.maxThreads());
            }
            assertEquals(1, env.maxThreads(), "the inner scope restores the outer one's count");
        }
        assertEquals(threads, env.maxThreads());
        assertEquals(master, env.maxMasterThreads());
    }
}
