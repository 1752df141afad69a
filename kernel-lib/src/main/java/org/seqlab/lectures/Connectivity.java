package org.seqlab.lectures;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.ops.Convolution.Geometry;
import org.seqlab.nn.Conv2d;
import org.seqlab.nn.Linear;
import org.seqlab.nn.LocallyConnected2d;
import org.seqlab.nn.Module;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Barcelona lecture's parameter count for one 200 x 200 grey image: a fully connected layer
 * of 4 x 10^4 neurons has 16 x 10^8 weights, a locally connected layer with 10 x 10 receptive
 * fields 4 x 10^6, a convolution with 100 filters of 10 x 10 only 10^4 (biases not counted).
 * Each count comes from the engine's layer as built ({@link Module#parameterCount()}); the dense
 * and locally connected layers are built {@link Module#declared declared-only}, since the dense
 * one would take 6.4 GB of float32.
 */
public final class Connectivity {
    private Connectivity() {}

    /** The lecture's numbers for {@link #table(int, int, int, int)} at (200, 40000, 10, 100). */
    public static final long DENSE = 1_600_000_000L;
    public static final long LOCAL = 4_000_000L;
    public static final long CONVOLUTION = 10_000L;

    /**
     * One row per connectivity on a {@code side} x {@code side} image: dense to {@code neurons}
     * units, locally connected with {@code field} x {@code field} windows and one output per
     * pixel (SAME padding: {@code side^2} neurons), convolution with {@code filters} shared
     * {@code field} x {@code field} filters; with the lecture's count beside each and the ratio
     * to the convolution's.
     */
    public static Table table(int side, int neurons, int field, int filters) {
        Rng rng = new Rng(0);
        Module dense = Module.declared(() -> new Linear((long) side * side, neurons, false, rng, DataType.FLOAT));
        Module local = Module.declared(() -> new LocallyConnected2d(1, 1, side, side, field, field, 1, 1,
                LocallyConnected2d.Padding.SAME, false, rng, DataType.FLOAT));
        Module conv = Module.declared(() -> new Conv2d(1, filters, field, field, Geometry.same(field, field), false, rng,
                DataType.FLOAT));
        StringColumn layer = StringColumn.create("layer");
        StringColumn built = StringColumn.create("built as");
        LongColumn count = LongColumn.create("parameters");
        LongColumn lecture = LongColumn.create("lecture");
        DoubleColumn ratio = DoubleColumn.create("ratio to convolution");
        boolean lectureSizes = side == 200 && neurons == 40_000 && field == 10 && filters == 100;
        Object[][] rows = {
            {"fully connected", dense, DENSE},
            {"locally connected", local, LOCAL},
            {"convolutional", conv, CONVOLUTION}};
        for (Object[] r : rows) {
            Module m = (Module) r[1];
            layer.append((String) r[0]);
            built.append(m instanceof org.seqlab.nn.Layer l ? describe(l) : m.getClass().getSimpleName());
            count.append(m.parameterCount());
            if (lectureSizes) {
                lecture.append((Long) r[2]);
            } else {
                lecture.appendMissing();
            }
            ratio.append(m.parameterCount() / (double) conv.parameterCount());
        }
        return Table.create("Parameters of one layer on a " + side + " x " + side + " image (no biases)",
                layer, built, count, lecture, ratio);
    }

    /** The lecture's setting: 200 x 200 image, 4 x 10^4 neurons, 10 x 10 fields, 100 filters. */
    public static Table lecture() {
        return table(200, 40_000, 10, 100);
    }

    private static String describe(org.seqlab.nn.Layer l) {
        StringBuilder b = new StringBuilder(l.getClass().getSimpleName()).append(" w");
        b.append(java.util.Arrays.toString(l.parameters().values().iterator().next().shape()));
        return b.toString();
    }
}
