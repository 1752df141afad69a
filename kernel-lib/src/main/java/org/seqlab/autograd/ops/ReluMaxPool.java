package org.seqlab.autograd.ops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Tensor;

/**
 * ReLU followed by max pooling with the window equal to the stride, as one operation. A CNN
 * front end spends a large share of its step on these two between the convolutions: the
 * separate ReLU writes a full-size output and, backward, a full-size mask product; the
 * separate pooling backward zero-fills a full-size gradient and scatters into it. Since ReLU
 * is monotone, {@code max(relu(x)) = max(0, max(x))}; forward keeps only the winning position
 * of each window (one byte per output), and backward writes every element of the input
 * gradient exactly once: the output gradient at the winner when the winner is positive, zero
 * elsewhere. Ties go to the first position in row-major window order, as in ND4J's pooling;
 * a window with no positive value passes no gradient, as ReLU's zero slope there does.
 * The loops are branch-free (comparisons become sign masks): the winner of a window is
 * as unpredictable as the sign of a conv output, and the branchy form spent about twice as
 * long on mispredictions as on the work (bench/RESULTS.md, engine session 3).
 * Planes run in parallel on the common fork-join pool (each plane is independent, so results
 * do not depend on the thread count).
 */
final class ReluMaxPool {
    private ReluMaxPool() {}

    /** Windows larger than this cannot record their winner in a byte; they use the unfused ops. */
    static final int MAX_WINDOW = 127;

    /** Below this many input elements one thread does all planes: forking costs more than it saves. */
    private static final long PARALLEL_MIN = 1 << 16;

    static Tensor apply(Tensor x, int kh, int kw) {
        long[] s = x.shape();
        int planes = Dense.toInt(s[0] * s[1]);
        int h = (int) s[2];
        int w = (int) s[3];
        int oh = h / kh;
        int ow = w / kw;
        int plane = h * w;
        int oplane = oh * ow;
        boolean f32 = x.dtype() == DataType.FLOAT;
        INDArray xd = Dense.of(x.value());
        INDArray out = Dense.empty(x.dtype(), s[0], s[1], oh, ow);
        byte[] winner = new byte[planes * oplane];
        if (f32 && kw == 1) {
            return rows(x, xd, out, winner, planes, h, w, kh);
        }
        FloatBuffer xf = f32 ? xd.data().asNioFloat() : null;
        FloatBuffer yf = f32 ? out.data().asNioFloat() : null;
        DoubleBuffer xdb = f32 ? null : xd.data().asNioDouble();
        DoubleBuffer ydb = f32 ? null : out.data().asNioDouble();
        forEachChunk(planes, (long) planes * plane, (p0, p1) -> {
            if (f32) {
                float[] in = new float[plane];
                float[] o = new float[oplane];
                for (int p = p0; p < p1; p++) {
                    xf.get(p * plane, in);
                    forward(in, w, kh, kw, oh, ow, o, winner, p * oplane);
                    yf.put(p * oplane, o);
                }
            } else {
                double[] in = new double[plane];
                double[] o = new double[oplane];
                for (int p = p0; p < p1; p++) {
                    xdb.get(p * plane, in);
                    forward(in, w, kh, kw, oh, ow, o, winner, p * oplane);
                    ydb.put(p * oplane, o);
                }
            }
        });
        return Tensor.result(out, g -> {
            INDArray gd = Dense.of(g);
            INDArray gx = Dense.empty(g.dataType(), s);
            boolean pad = oh * kh != h || ow * kw != w;
            if (f32) {
                FloatBuffer gf = gd.data().asNioFloat();
                FloatBuffer gxf = gx.data().asNioFloat();
                forEachChunk(planes, (long) planes * plane, (p0, p1) -> {
                    float[] gi = new float[plane];
                    float[] go = new float[oplane];
                    for (int p = p0; p < p1; p++) {
                        gf.get(p * oplane, go);
                        if (pad) {
                            Arrays.fill(gi, 0f);
                        }
                        backward(go, winner, p * oplane, w, kh, kw, oh, ow, gi);
                        gxf.put(p * plane, gi);
                    }
                });
            } else {
                DoubleBuffer gf = gd.data().asNioDouble();
                DoubleBuffer gxf = gx.data().asNioDouble();
                forEachChunk(planes, (long) planes * plane, (p0, p1) -> {
                    double[] gi = new double[plane];
                    double[] go = new double[oplane];
                    for (int p = p0; p < p1; p++) {
                        gf.get(p * oplane, go);
                        if (pad) {
                            Arrays.fill(gi, 0.0);
                        }
                        backward(go, winner, p * oplane, w, kh, kw, oh, ow, gi);
                        gxf.put(p * plane, gi);
                    }
                });
            }
            x.addGradOwned(gx);
        }, x);
    }

    /** Float32 with one-column windows: {@link ReluMaxPoolRows}. */
    private static Tensor rows(Tensor x, INDArray xd, INDArray out, byte[] winner, int planes, int h, int w, int kh) {
        long elements = (long) planes * h * w;
        forEachChunk(planes, elements,
                (p0, p1) -> ReluMaxPoolRows.forward(ReluMaxPoolRows.Rows.dense(xd, h, w), out, winner, p0, p1, h, w, kh));
        return Tensor.result(out, g -> {
            INDArray gd = Dense.of(g);
            INDArray gx = Dense.empty(g.dataType(), x.shape());
            forEachChunk(planes, elements, (p0, p1) -> ReluMaxPoolRows.backward(gd, ReluMaxPoolRows.Rows.dense(gx, h, w),
                    winner, p0, p1, h, w, kh, true));
            x.addGradOwned(gx);
        }, x);
    }

    interface Chunk {
        void run(int p0, int p1);
    }

    /** Splits the planes into one contiguous range per core. */
    static void forEachChunk(int planes, long elements, Chunk chunk) {
        int parts = elements < PARALLEL_MIN ? 1 : Math.min(planes, Runtime.getRuntime().availableProcessors());
        if (parts <= 1) {
            chunk.run(0, planes);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(k -> chunk.run(planes * k / parts, planes * (k + 1) / parts));
    }

    /** One plane: window (i, j) covers rows i kh .. i kh + kh - 1 and columns j kw .. j kw + kw - 1. */
    static void forward(float[] in, int w, int kh, int kw, int oh, int ow, float[] out, byte[] winner, int at) {
        Arrays.fill(out, 0f);
        Arrays.fill(winner, at, at + oh * ow, (byte) -1);
        for (int i = 0; i < oh; i++) {
            int o = i * ow;
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    int base = (i * kh + r) * w + c;
                    int k = r * kw + c;
                    for (int j = 0; j < ow; j++) {
                        float v = in[base + j * kw];
                        float m = out[o + j];
                        int gt = Float.floatToRawIntBits(m - v) >> 31;
                        out[o + j] = Float.intBitsToFloat(Float.floatToRawIntBits(v) & gt | Float.floatToRawIntBits(m) & ~gt);
                        winner[at + o + j] = (byte) (winner[at + o + j] & ~gt | k & gt);
                    }
                }
            }
        }
    }

    static void forward(double[] in, int w, int kh, int kw, int oh, int ow, double[] out, byte[] winner, int at) {
        Arrays.fill(out, 0.0);
        Arrays.fill(winner, at, at + oh * ow, (byte) -1);
        for (int i = 0; i < oh; i++) {
            int o = i * ow;
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    int base = (i * kh + r) * w + c;
                    int k = r * kw + c;
                    for (int j = 0; j < ow; j++) {
                        double v = in[base + j * kw];
                        double m = out[o + j];
                        long gt = Double.doubleToRawLongBits(m - v) >> 63;
                        out[o + j] = Double.longBitsToDouble(Double.doubleToRawLongBits(v) & gt | Double.doubleToRawLongBits(m) & ~gt);
                        winner[at + o + j] = (byte) (winner[at + o + j] & ~gt | k & gt);
                    }
                }
            }
        }
    }

    /** Writes every covered element of the plane's input gradient; uncovered ones stay as they are. */
    static void backward(float[] gOut, byte[] winner, int at, int w, int kh, int kw, int oh, int ow, float[] gIn) {
        for (int i = 0; i < oh; i++) {
            int o = i * ow;
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    int base = (i * kh + r) * w + c;
                    int k = r * kw + c;
                    for (int j = 0; j < ow; j++) {
                        int won = ((winner[at + o + j] ^ k) & 0xFF) - 1 >> 31;
                        gIn[base + j * kw] = Float.intBitsToFloat(Float.floatToRawIntBits(gOut[o + j]) & won);
                    }
                }
            }
        }
    }

    static void backward(double[] gOut, byte[] winner, int at, int w, int kh, int kw, int oh, int ow, double[] gIn) {
        for (int i = 0; i < oh; i++) {
            int o = i * ow;
            for (int r = 0; r < kh; r++) {
                for (int c = 0; c < kw; c++) {
                    int base = (i * kh + r) * w + c;
                    int k = r * kw + c;
                    for (int j = 0; j < ow; j++) {
                        long won = ((winner[at + o + j] ^ k) & 0xFF) - 1 >> 31;
                        gIn[base + j * kw] = Double.longBitsToDouble(Double.doubleToRawLongBits(gOut[o + j]) & won);
                    }
                }
            }
        }
    }
}
