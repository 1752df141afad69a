package org.seqlab.lectures;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Convolution.Geometry;
import org.seqlab.autograd.ops.Pooling;
import org.seqlab.nn.Conv2d;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The Barcelona lecture's worked example: a 5 x 5 binary image convolved with a 3 x 3 kernel
 * (valid positions only, stride 1) gives a 3 x 3 feature map whose first value is 4; then max
 * and average pooling of that map. Computed by the engine's {@link Conv2d} with the slide's
 * kernel copied into its weights, so the example checks the layer, not a loop written here.
 * (The kernel is symmetric under a half turn, so convolution and cross-correlation agree.)
 */
public final class SlideConvolution {
    private SlideConvolution() {}

    public static final float[][] IMAGE = {
        {1, 1, 1, 0, 0},
        {0, 1, 1, 1, 0},
        {0, 0, 1, 1, 1},
        {0, 0, 1, 1, 0},
        {0, 1, 1, 0, 0}};
    public static final float[][] KERNEL = {
        {1, 0, 1},
        {0, 1, 0},
        {1, 0, 1}};
    /** The slide's convolved feature. */
    public static final float[][] SLIDE_OUTPUT = {
        {4, 3, 4},
        {2, 4, 3},
        {2, 3, 4}};

    /** The engine's convolution of {@link #IMAGE} with {@link #KERNEL}: [3][3]. */
    public static float[][] convolve() {
        return toGrid(engineConvolution(IMAGE, KERNEL));
    }

    /** {@code image} (H x W) convolved with {@code kernel} by a one-filter {@link Conv2d} without padding or bias. */
    public static INDArray engineConvolution(float[][] image, float[][] kernel) {
        Conv2d conv = new Conv2d(1, 1, kernel.length, kernel[0].length, Geometry.of(1, 0, 1), false, new Rng(0),
                DataType.FLOAT);
        conv.parameters().get("w").value().assign(Nd4j.create(kernel).reshape(1, 1, kernel.length, kernel[0].length));
        try (var off = GradMode.off()) {
            return conv.forward(Tensor.constant(Nd4j.create(image).reshape(1, 1, image.length, image[0].length)))
                    .value().dup();
        }
    }

    /** Number of positions where the engine's output differs from the slide's (0 when they agree). */
    public static int mismatches() {
        float[][] out = convolve();
        int n = 0;
        for (int i = 0; i < SLIDE_OUTPUT.length; i++) {
            for (int j = 0; j < SLIDE_OUTPUT[i].length; j++) {
                n += out[i][j] == SLIDE_OUTPUT[i][j] ? 0 : 1;
            }
        }
        return n;
    }

    /**
     * The example as a table for the notebook: one row per output position (row, column), the
     * engine's value, the slide's value; and the 2 x 2 max and average pooling (stride 1) of
     * the engine's map, which shrink the 3 x 3 map to 2 x 2.
     */
    public static Table table() {
        float[][] out = convolve();
        IntColumn row = IntColumn.create("row");
        IntColumn col = IntColumn.create("column");
        DoubleColumn engine = DoubleColumn.create("engine");
        DoubleColumn slide = DoubleColumn.create("slide");
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                row.append(i + 1);
                col.append(j + 1);
                engine.append(out[i][j]);
                slide.append(SLIDE_OUTPUT[i][j]);
            }
        }
        return Table.create("5 x 5 image convolved with the 3 x 3 kernel (valid positions)", row, col, engine, slide);
    }

    /** The engine's feature map pooled 2 x 2 with stride 1 by max and by average: rows (pooling, row, column, value). */
    public static Table pooled() {
        INDArray map = engineConvolution(IMAGE, KERNEL);
        StringColumn kind = StringColumn.create("pooling");
        IntColumn row = IntColumn.create("row");
        IntColumn col = IntColumn.create("column");
        DoubleColumn value = DoubleColumn.create("value");
        try (var off = GradMode.off()) {
            for (String k : new String[] {"max", "average"}) {
                Tensor x = Tensor.constant(map);
                float[][] p = toGrid(k.equals("max") ? Pooling.maxPool2d(x, 2, 2, 1, 1).value()
                        : Pooling.avgPool2d(x, 2, 2, 1, 1).value());
                for (int i = 0; i < p.length; i++) {
                    for (int j = 0; j < p[i].length; j++) {
                        kind.append(k);
                        row.append(i + 1);
                        col.append(j + 1);
                        value.append(p[i][j]);
                    }
                }
            }
        }
        return Table.create("The feature map pooled 2 x 2, stride 1", kind, row, col, value);
    }

    private static float[][] toGrid(INDArray a) {
        int h = (int) a.size(2);
        int w = (int) a.size(3);
        float[][] g = new float[h][w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                g[i][j] = a.getFloat(0, 0, i, j);
            }
        }
        return g;
    }
}
