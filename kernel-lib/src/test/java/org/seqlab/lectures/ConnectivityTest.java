package org.seqlab.lectures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.ops.Convolution.Geometry;
import org.seqlab.nn.Conv2d;
import org.seqlab.nn.Linear;
import org.seqlab.nn.LocallyConnected2d;
import org.seqlab.nn.Module;
import org.seqlab.nn.Parameter;
import tech.tablesaw.api.Table;

class ConnectivityTest {

    @Test
    void theLecturesCountsComeFromTheBuiltLayers() {
        Table t = Connectivity.lecture();
        // lecture: 16e8 dense, 4e6 locally connected, 1e4 convolutional (no biases)
        assertEquals(1_600_000_000L, t.longColumn("parameters").get(0));
        assertEquals(4_000_000L, t.longColumn("parameters").get(1));
        assertEquals(10_000L, t.longColumn("parameters").get(2));
        assertEquals(160_000.0, t.doubleColumn("ratio to convolution").get(0), 0.0);
        assertEquals(400.0, t.doubleColumn("ratio to convolution").get(1), 0.0);
    }

    @Test
    void declaredLayersCountWhatAllocatedLayersHold() {
        Module[] declared = {
            Module.declared(() -> new Linear(30, 20, true, new Rng(1), DataType.FLOAT)),
            Module.declared(() -> new LocallyConnected2d(2, 3, 9, 7, 3, 2, 2, 1, LocallyConnected2d.Padding.SAME, true,
                    new Rng(1), DataType.FLOAT)),
            Module.declared(() -> new Conv2d(4, 5, 3, 3, Geometry.same(3, 3), true, new Rng(1), DataType.FLOAT))};
        Module[] built = {
            new Linear(30, 20, true, new Rng(1), DataType.FLOAT),
            new LocallyConnected2d(2, 3, 9, 7, 3, 2, 2, 1, LocallyConnected2d.Padding.SAME, true, new Rng(1), DataType.FLOAT),
            new Conv2d(4, 5, 3, 3, Geometry.same(3, 3), true, new Rng(1), DataType.FLOAT)};
        for (int i = 0; i < built.length; i++) {
            assertEquals(built[i].parameterCount(), declared[i].parameterCount(), "layer " + i);
            for (String name : built[i].parameters().keySet()) {
                Parameter d = declared[i].parameters().get(name);
                assertArrayEquals(built[i].parameters().get(name).shape(), d.shape(), name);
                assertFalse(d.allocated());
                assertTrue(built[i].parameters().get(name).allocated());
            }
        }
        assertEquals(30 * 20 + 20, built[0].parameterCount());
        assertEquals(5 * 4 * 9 + 5, built[2].parameterCount());
    }

    @Test
    void aDeclaredParameterHasNoValuesToUse() {
        Linear huge = Module.declared(() -> new Linear(40_000, 40_000, false, new Rng(1), DataType.FLOAT));
        assertEquals(1_600_000_000L, huge.parameterCount());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> huge.weight().value());
        assertTrue(e.getMessage().contains("only declared"), e.getMessage());
        // declaring does not leak into modules built afterwards
        assertTrue(new Linear(3, 2, new Rng(1)).weight().allocated());
    }
}
