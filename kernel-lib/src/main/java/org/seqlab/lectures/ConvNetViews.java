package org.seqlab.lectures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;
import org.seqlab.data.Datasets;
import org.seqlab.data.generate.GlyphGenerator;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.builtin.LeNetModel;
import org.seqlab.experiment.run.RunModels;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.results.Measurements;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What a trained LeNet on the glyph images learnt, for lecture 03: its first-layer filters and
 * feature maps as image mosaics (a (row, column, value) table for
 * {@code Plots.heatmap(...).image()}), and its accuracy when the test images are moved by a few
 * pixels, the invariance the lecture credits to pooling.
 */
public final class ConvNetViews {
    private ConvNetViews() {}

    /** The first {@code n} training images of a glyph corpus, ten to a row. */
    public static Table samples(String corpus, int n) {
        GlyphGenerator.Images train = images(corpus, "train");
        List<float[][]> tiles = new ArrayList<>();
        for (int i = 0; i < Math.min(n, train.count()); i++) {
            tiles.add(train.pixels()[i]);
        }
        return mosaic(tiles, 10, false).setName("Training images of " + corpus);
    }

    /** The first convolution's filters of the run's trained model, side by side, each scaled to [-1, 1]. */
    public static Table filters(Path runFolder) {
        LeNetModel m = lenet(runFolder);
        INDArray w = m.firstFilters().value();
        List<float[][]> tiles = new ArrayList<>();
        for (int f = 0; f < w.size(0); f++) {
            tiles.add(w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(f), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                    .toFloatMatrix());
        }
        return mosaic(tiles, tiles.size(), true).setName("First-layer filters");
    }

    /**
     * Test image {@code index} of {@code corpus} and the first layer's feature maps (after the
     * ReLU) of the run's trained model on it: the image first, then one tile per filter, each
     * scaled to its own largest value.
     */
    public static Table featureMaps(Path runFolder, String corpus, int index) {
        LeNetModel m = lenet(runFolder);
        GlyphGenerator.Images test = images(corpus, "test");
        float[][] image = test.pixels()[index];
        List<float[][]> tiles = new ArrayList<>();
        tiles.add(image);
        try (var off = GradMode.off(); var scope = MemoryScope.open()) {
            INDArray maps = m.firstMaps(Tensor.constant(Nd4j.create(new float[][][] {image}))).value();
            for (int c = 0; c < maps.size(1); c++) {
                tiles.add(maps.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(c)).toFloatMatrix());
            }
        }
        return mosaic(tiles, 7, true).setName("Test image '" + test.symbols().get(test.labels()[index])
                + "' and its first-layer feature maps");
    }

    /**
     * Test accuracy of every run of {@code runs} (LeNets on {@code corpus}) with the first
     * {@code maxImages} test images moved by each of {@code shifts} pixels, averaged over the four
     * directions (zeros fill the uncovered border). A long table keyed by the runs'
     * {@code model.pool} and the shift: metric {@code accuracy}, and {@code accuracy-drop}, the
     * accuracy lost against the unshifted images (so the first shift should be 0).
     */
    public static Table shiftAccuracy(ExperimentRun runs, String corpus, int[] shifts, int maxImages) {
        GlyphGenerator.Images all = images(corpus, "test");
        int n = Math.min(maxImages, all.count());
        GlyphGenerator.Images test = new GlyphGenerator.Images(all.symbols(), all.size(),
                java.util.Arrays.copyOf(all.pixels(), n), java.util.Arrays.copyOf(all.labels(), n));
        Measurements m = Measurements.named("Test accuracy under shifts");
        for (RunResult r : runs.runs()) {
            TaskModel model = RunModels.trained(r.path());
            String pool = org.seqlab.results.Results.config(r).getOrDefault("model.pool", "max");
            double unshifted = accuracy(model, test, 0, 0);
            for (int s : shifts) {
                double sum = 0;
                int[][] directions = s == 0 ? new int[][] {{0, 0}} : new int[][] {{s, 0}, {-s, 0}, {0, s}, {0, -s}};
                for (int[] d : directions) {
                    sum += s == 0 ? unshifted : accuracy(model, test, d[0], d[1]);
                }
                double acc = sum / directions.length;
                m.addOn("test", "accuracy", org.seqlab.results.Results.ALL, acc, r.seed(), "model.pool", pool, "shift", s);
                m.addOn("test", "accuracy-drop", org.seqlab.results.Results.ALL, unshifted - acc, r.seed(),
                        "model.pool", pool, "shift", s);
            }
        }
        return m.table();
    }

    /** Share of {@code images} the model classifies right after moving them by (dx, dy) pixels. */
    static double accuracy(TaskModel model, GlyphGenerator.Images images, int dx, int dy) {
        model.eval();
        int right = 0;
        int n = images.count();
        int chunk = 200;
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            float[][][] x = new float[end - start][][];
            for (int i = start; i < end; i++) {
                x[i - start] = shift(images.pixels()[i], dx, dy);
            }
            try (var off = GradMode.off(); var scope = MemoryScope.open()) {
                INDArray scores = model.forward(new Batch(Nd4j.create(x), null, null)).value();
                INDArray best = scores.argMax(1);
                for (int i = start; i < end; i++) {
                    right += best.getInt(i - start) == images.labels()[i] ? 1 : 0;
                }
            }
        }
        return right / (double) n;
    }

    /** The image moved right by dx and down by dy pixels (negative: left, up); zeros come in. */
    public static float[][] shift(float[][] image, int dx, int dy) {
        int h = image.length;
        int w = image[0].length;
        float[][] out = new float[h][w];
        for (int y = 0; y < h; y++) {
            int sy = y - dy;
            if (sy < 0 || sy >= h) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int sx = x - dx;
                if (sx >= 0 && sx < w) {
                    out[y][x] = image[sy][sx];
                }
            }
        }
        return out;
    }

    /**
     * Tiles laid out {@code columns} to a row with a one-pixel gap, as (row, column, value); with
     * {@code scale}, each tile divided by its largest absolute value, so weak and strong filters
     * both show their pattern.
     */
    public static Table mosaic(List<float[][]> tiles, int columns, boolean scale) {
        IntColumn row = IntColumn.create("row");
        IntColumn col = IntColumn.create("column");
        DoubleColumn value = DoubleColumn.create("value");
        for (int k = 0; k < tiles.size(); k++) {
            float[][] t = tiles.get(k);
            double max = 0;
            for (float[] line : t) {
                for (float v : line) {
                    max = Math.max(max, Math.abs(v));
                }
            }
            double f = scale && max > 0 ? 1 / max : 1;
            int r0 = (k / columns) * (t.length + 1);
            int c0 = (k % columns) * (t[0].length + 1);
            for (int y = 0; y < t.length; y++) {
                for (int x = 0; x < t[y].length; x++) {
                    row.append(r0 + y);
                    col.append(c0 + x);
                    value.append(t[y][x] * f);
                }
            }
        }
        return Table.create("mosaic", row, col, value);
    }

    private static LeNetModel lenet(Path runFolder) {
        TaskModel m = RunModels.trained(runFolder);
        if (!(m instanceof LeNetModel l)) {
            throw new IllegalArgumentException(runFolder + " trained a " + m.getClass().getSimpleName() + ", not a lenet model");
        }
        return l;
    }

    private static GlyphGenerator.Images images(String corpus, String split) {
        try {
            return GlyphGenerator.read(Datasets.get(corpus).prepare().dir(), split);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
