package org.seqlab.autograd.ops;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link ReluMaxPool} in float32 for windows one column wide (pooling over frequency only, the
 * CRNN's case), on the floats' bit patterns as ints. A non-negative float orders like its bits
 * read as an int, and a negative one has the sign bit set, so ReLU is "clear negative ints" and
 * the running maximum an int comparison. Every loop reads and writes rows at the same index
 * from arrays of its own, with only add, subtract, shift and bitwise operations: the form the
 * JIT turns into vector instructions. (Offset indices into another array, {@code Math.max} and
 * float-to-int bit conversions each kept JDK 17's loops scalar, at 3-6 ns an element instead of
 * under 0.5; bench/RESULTS.md, engine session 3.)
 *
 * <p>Same results as the general loops: ties go to the first row of the window, a window
 * without a positive value outputs 0 and passes no gradient. A NaN with the sign bit clear wins
 * its window (and so reaches the loss); one with the sign bit set counts as negative.
 */
final class ReluMaxPoolRows {
    private ReluMaxPoolRows() {}

    /**
     * Where the rows of a [planes, h, w] operand lie: row r of plane p starts at element
     * {@code p * plane + start + r * pitch}. Dense arrays have {@code plane = h w, pitch = w};
     * the fused convolution reads and writes its padded-width rows in place.
     */
    record Rows(INDArray array, int plane, int start, int pitch) {
        static Rows dense(INDArray a, int h, int w) {
            return new Rows(a, h * w, 0, w);
        }

        int at(int p, int r) {
            return p * plane + start + r * pitch;
        }
    }

    /** Forward over planes [p0, p1) of x [planes, h, w]; out dense [planes, h / kh, w]; one winner row per output row. */
    static void forward(Rows x, INDArray out, byte[] winner, int p0, int p1, int h, int w, int kh) {
        IntBuffer xi = ints(x.array());
        IntBuffer yi = ints(out);
        int oh = h / kh;
        int[] v = new int[w];
        int[] m = new int[w];
        int[] win = new int[w];
        for (int p = p0; p < p1; p++) {
            for (int i = 0; i < oh; i++) {
                java.util.Arrays.fill(m, 0);
                java.util.Arrays.fill(win, -1);
                for (int r = 0; r < kh; r++) {
                    xi.get(x.at(p, i * kh + r), v);
                    for (int j = 0; j < w; j++) {
                        int a = v[j] & ~(v[j] >> 31);
                        int gt = m[j] - a >> 31;
                        m[j] ^= (m[j] ^ a) & gt;
                        win[j] ^= (win[j] ^ r) & gt;
                    }
                }
                int at = (p * oh + i) * w;
                yi.put(at, m);
                for (int j = 0; j < w; j++) {
                    winner[at + j] = (byte) win[j];
                }
            }
        }
    }

    /**
     * Backward over planes [p0, p1): writes every covered row of gx [planes, h, w]; rows below
     * the last window are written as 0 when {@code zeroRest} (else left as they are).
     */
    static void backward(INDArray g, Rows gx, byte[] winner, int p0, int p1, int h, int w, int kh, boolean zeroRest) {
        IntBuffer gi = ints(g);
        IntBuffer gxi = ints(gx.array());
        int oh = h / kh;
        int[] go = new int[w];
        int[] win = new int[w];
        int[] row = new int[w];
        for (int p = p0; p < p1; p++) {
            for (int i = 0; i < oh; i++) {
                int at = (p * oh + i) * w;
                gi.get(at, go);
                for (int j = 0; j < w; j++) {
                    win[j] = winner[at + j] & 0xFF;
                }
                for (int r = 0; r < kh; r++) {
                    // winner == r, as a mask: (winner ^ r) - 1 is negative only for 0 (no winner is 255)
                    for (int j = 0; j < w; j++) {
                        row[j] = go[j] & (win[j] ^ r) - 1 >> 31;
                    }
                    gxi.put(gx.at(p, i * kh + r), row);
                }
            }
            if (zeroRest) {
                java.util.Arrays.fill(row, 0);
                for (int r = oh * kh; r < h; r++) {
                    gxi.put(gx.at(p, r), row);
                }
            }
        }
    }

    private static IntBuffer ints(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asIntBuffer();
    }
}
