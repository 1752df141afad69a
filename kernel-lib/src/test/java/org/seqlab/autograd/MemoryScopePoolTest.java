package org.seqlab.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The buffer pool behind {@link MemoryScope#uninitialized} and {@link MemoryScope#zeros}. */
class MemoryScopePoolTest {
    /** 2 MiB of floats: above the pool's threshold. */
    private static final long[] LARGE = {512, 1024};

    @BeforeEach
    @AfterEach
    void emptyPool() {
        MemoryScope.releasePool();
        assertEquals(0, BufferPool.freeBytes());
    }

    @Test
    void aClosedScopesBufferServesTheNextScopeAndTheOldArrayRefusesReads() {
        INDArray first;
        long address;
        try (var scope = MemoryScope.open()) {
            first = MemoryScope.uninitialized(DataType.FLOAT, LARGE);
            first.assign(7);
            address = first.data().address();
            assertEquals(1, scope.size());
        }
        assertTrue(first.wasClosed());
        assertThrows(IllegalStateException.class, () -> first.getFloat(0));
        assertEquals(512L * 1024 * 4, BufferPool.freeBytes());
        try (var scope = MemoryScope.open()) {
            INDArray second = MemoryScope.zeros(DataType.FLOAT, 1024, 512);
            assertEquals(address, second.data().address(), "the same shape's buffer is reused");
            assertArrayEqualsValue(second, 0);
            assertEquals(0, BufferPool.freeBytes());
        }
    }

    @Test
    void aKeptArraySurvivesWithItsValuesAndItsBufferIsNotReused() {
        INDArray kept;
        try (var scope = MemoryScope.open()) {
            kept = MemoryScope.keep(MemoryScope.uninitialized(DataType.DOUBLE, LARGE).assign(3));
        }
        assertFalse(kept.wasClosed());
        assertEquals(0, BufferPool.freeBytes(), "a kept buffer is not handed back");
        try (var scope = MemoryScope.open()) {
            INDArray other = MemoryScope.zeros(DataType.DOUBLE, LARGE);
            assertNotEquals(kept.data().address(), other.data().address());
        }
        assertArrayEqualsValue(kept, 3);
    }

    @Test
    void aSmallerRequestTakesALargerFreeBufferUpToTwiceItsSize() {
        long address;
        try (var scope = MemoryScope.open()) {
            address = MemoryScope.uninitialized(DataType.FLOAT, LARGE).data().address();
        }
        try (var scope = MemoryScope.open()) {
            // under half of the free buffer: a fresh buffer, the larger one is not pinned by it
            INDArray small = MemoryScope.uninitialized(DataType.FLOAT, 200, 1024);
            assertNotEquals(address, small.data().address());
            // 3/4 of it: served from it, with its own length and shape
            INDArray smaller = MemoryScope.zeros(DataType.FLOAT, 384, 1024);
            assertEquals(address, smaller.data().address());
            assertEquals(384L * 1024, smaller.length());
            assertEquals(384L * 1024, smaller.data().length());
            assertArrayEqualsValue(smaller, 0);
        }
    }

    @Test
    void outsideAScopeSmallArraysAndOtherTypesAreOrdinaryArrays() {
        INDArray loose = MemoryScope.uninitialized(DataType.FLOAT, LARGE);
        loose.close();
        try (var scope = MemoryScope.open()) {
            MemoryScope.uninitialized(DataType.FLOAT, 16, 16);
            MemoryScope.uninitialized(DataType.INT32, LARGE);
            assertEquals(2, scope.size());
        }
        assertEquals(0, BufferPool.freeBytes(), "none of these came from the pool");
    }

    @Test
    void freeBuffersStayWithinHalfOfJavaCppsLimit() {
        try (var scope = MemoryScope.open()) {
            for (int i = 0; i < 8; i++) {
                MemoryScope.uninitialized(DataType.FLOAT, 1024L * (i + 1), 1024);
            }
        }
        assertTrue(BufferPool.freeBytes() > 0);
        assertTrue(BufferPool.freeBytes() <= Pointer.maxBytes() / 2);
    }

    private static void assertArrayEqualsValue(INDArray a, double value) {
        assertEquals(value, a.minNumber().doubleValue(), 0);
        assertEquals(value, a.maxNumber().doubleValue(), 0);
    }
}
