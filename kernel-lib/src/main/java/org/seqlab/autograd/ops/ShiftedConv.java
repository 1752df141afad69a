package org.seqlab.autograd.ops;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;

/**
 * Stride-1 convolution without im2col. The input is zero-padded once into rows of width
 * {@code wp = W + 2 padW}; kernel tap (i, j) is then a [Cout, C] matrix applied to the padded
 * input shifted by {@code i dilH wp + j dilW} elements, a strided window that BLAS reads in place
 * ({@link StridedGemm}).
 * A 3x3 layer is 9 gemms per example and no 9-times-larger column matrix is written or read
 * (im2col's memory traffic cost as much as its gemm here). Outputs are computed over the padded
 * width and the extra columns cropped. The input gradient is the same kind of convolution of the
 * output gradient with the flipped, transposed kernel, so it needs no scatter either.
 */
final class ShiftedConv {
    private ShiftedConv() {}

    /** Fewer input channels than this make each tap's product too thin to be worth a pass over the output. */
    static final int MIN_CHANNELS = 16;

    /**
     * Whether a convolution runs here: stride 1, padding no larger than the dilated kernel's reach,
     * and enough input channels for each tap's gemm to be worth a pass over the output (with one
     * channel, 9 rank-1 updates would rewrite the output 9 times; im2col is cheaper there).
     */
    static boolean applies(Convolution.Geometry geo, long channels, long kh, long kw) {
        return channels >= MIN_CHANNELS && geo.strideH() == 1 && geo.strideW() == 1
                && geo.padH() <= (kh - 1) * geo.dilH() && geo.padW() <= (kw - 1) * geo.dilW();
    }

    static Tensor conv(Tensor x, Tensor w, Tensor b, Convolution.Geometry geo) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int cout = (int) w.size(0);
        int kh = (int) w.size(2);
        int kw = (int) w.size(3);
        Padded xp = Padded.of(Dense.of(x.value()), geo.padH(), geo.padW(), geo.dilW() * (kw - 1));
        int oh = xp.hp - geo.dilH() * (kh - 1);
        int ow = xp.wp - geo.dilW() * (kw - 1);
        int[] offsets = offsets(kh, kw, geo, xp.wp);
        INDArray out = forward(xp, tapMajor(w.value()), cout, oh, ow, offsets, b == null ? null : Dense.of(b.value()));
        long[] ws = w.shape();
        return Tensor.result(out, g -> {
            INDArray gd = Dense.of(g);
            boolean gradB = b != null && b.requiresGrad();
            int len = oh * xp.wp;
            // gOut over the padded width, zeros in the extra columns: the left operand of both parameter gradients
            INDArray gp = null;
            if (w.requiresGrad() || gradB) {
                gp = Dense.zeros(g.dataType(), n, cout, len);
                scatterRows(Buf.of(gd), Buf.of(gp), n * cout, oh, ow, len, 0, xp.wp);
            }
            if (w.requiresGrad()) {
                // dW[tap] = sum_n gOut_n x shifted input_n^T
                int taps = kh * kw;
                INDArray gwt = Dense.zeros(g.dataType(), taps, cout, c);
                for (int q = 0; q < taps; q++) {
                    var gq = new StridedGemm.Operand(gwt, (long) q * cout * c, cout, c, c);
                    for (int i = 0; i < n; i++) {
                        StridedGemm.gemm(new StridedGemm.Operand(gp, (long) i * cout * len, cout, len, len), false,
                                xp.window(i, offsets[q], len), true, 1.0, 1.0, gq);
                    }
                }
                w.addGradOwned(gwt.permute(1, 2, 0).dup('c').reshape(ws));
            }
            if (gradB) {
                b.addGradOwned(Convolution.sumRows(gp, n, cout, len));
            }
            if (x.requiresGrad()) {
                int ph = geo.dilH() * (kh - 1) - geo.padH();
                int pw = geo.dilW() * (kw - 1) - geo.padW();
                Padded gpad = Padded.of(gd, ph, pw, geo.dilW() * (kw - 1));
                INDArray flipped = tapMajor(flipTranspose(Dense.of(w.value())));
                x.addGradOwned(forward(gpad, flipped, c, (int) x.size(2), (int) x.size(3),
                        offsets(kh, kw, geo, gpad.wp), null));
            }
        }, x, w, b);
    }

    /**
     * A batch zero-padded into rows of pitch {@code wp}, with slack after each plane for the last
     * shifted window, and optionally one more plane of ones per example after its channels: a
     * window that includes it multiplies a kernel with the bias as an extra column, which adds
     * the bias inside the gemm (and, transposed, sums the gradient for the bias).
     */
    record Padded(INDArray data, int hp, int wp, int plane, int channels) {
        static Padded of(INDArray x, int padH, int padW, int slack) {
            return of(x, padH, padW, slack, false);
        }

        static Padded of(INDArray x, int padH, int padW, int slack, boolean ones) {
            int n = (int) x.size(0);
            int c = (int) x.size(1);
            int h = (int) x.size(2);
            int w = (int) x.size(3);
            int hp = h + 2 * padH;
            int wp = w + 2 * padW;
            int plane = hp * wp + slack;
            int stored = ones ? c + 1 : c;
            INDArray data = Dense.empty(x.dataType(), n, stored, plane);
            Buf src = Buf.of(x);
            Buf dst = Buf.of(data);
            for (int i = 0; i < n; i++) {
                zeroBorders(dst, i * stored, c, plane, wp, padH * wp + padW, h, w);
                scatterRows(src, dst, c, h, w, plane, padH * wp + padW, wp, i * c * h * w, i * stored * plane);
                if (ones) {
                    dst.fill((i * stored + c) * plane, plane, 1.0);
                }
            }
            return new Padded(data, hp, wp, plane, stored);
        }

        /**
         * Zeros everything of planes {@code [p0, p0 + planes)} but the {@code rows x width}
         * rectangle at {@code start} (pitch {@code wp}) that the caller then writes: filling
         * only the borders instead of the whole buffer first saves a pass over it.
         */
        static void zeroBorders(Buf b, int p0, int planes, int plane, int wp, int start, int rows, int width) {
            for (int p = p0; p < p0 + planes; p++) {
                int base = p * plane + start;
                b.fill(p * plane, start, 0.0);
                for (int r = 0; r < rows; r++) {
                    b.fill(base + r * wp + width, wp - width, 0.0);
                }
                int end = base + rows * wp;
                b.fill(end, (p + 1) * plane - end, 0.0);
            }
        }

        /** Example i's first {@code rows} planes shifted by {@code offset}: [rows, len], a plane apart, read in place. */
        StridedGemm.Operand window(int i, int offset, int len, int rows) {
            return new StridedGemm.Operand(data, (long) i * channels * plane + offset, rows, len, plane);
        }

        StridedGemm.Operand window(int i, int offset, int len) {
            return window(i, offset, len, channels);
        }
    }

    /** The convolution over the padded rows, cropped, plus {@code bias} [Cout] when not null. */
    static INDArray forward(Padded xp, INDArray taps, int cout, int oh, int ow, int[] offsets, INDArray bias) {
        int n = (int) xp.data.size(0);
        int len = oh * xp.wp;
        INDArray outp = Dense.empty(xp.data.dataType(), n, cout, len);
        int c = (int) taps.size(2);
        for (int i = 0; i < n; i++) {
            var oi = new StridedGemm.Operand(outp, (long) i * cout * len, cout, len, len);
            for (int q = 0; q < offsets.length; q++) {
                StridedGemm.gemm(new StridedGemm.Operand(taps, (long) q * cout * c, cout, c, c), false,
                        xp.window(i, offsets[q], len), false, 1.0, q == 0 ? 0.0 : 1.0, oi);
            }
        }
        INDArray out = Dense.empty(xp.data.dataType(), n, cout, oh, ow);
        if (bias == null) {
            gatherRows(Buf.of(outp), Buf.of(out), n * cout, oh, ow, len, 0, xp.wp);
        } else {
            gatherRowsPlusBias(outp, out, bias, n * cout, oh, ow, len, xp.wp);
        }
        return out;
    }

    /**
     * {@link #gatherRows} that also adds the bias of each plane's channel, in the same pass: the
     * output is written once instead of written and then read and written again by a broadcast add.
     * With {@code pitched == dense} and one row per plane it adds the bias in place.
     */
    static void gatherRowsPlusBias(INDArray pitched, INDArray dense, INDArray bias, int planes, int rows,
            int width, int planeStride, int pitch) {
        int cout = (int) bias.length();
        if (dense.dataType() == DataType.FLOAT) {
            FloatBuffer src = pitched.data().asNioFloat();
            FloatBuffer dst = dense.data().asNioFloat();
            FloatBuffer bb = bias.data().asNioFloat();
            float[] row = new float[width];
            for (int p = 0; p < planes; p++) {
                float c = bb.get(p % cout);
                for (int r = 0; r < rows; r++) {
                    src.get(p * planeStride + r * pitch, row);
                    for (int j = 0; j < width; j++) {
                        row[j] += c;
                    }
                    dst.put((p * rows + r) * width, row);
                }
            }
        } else {
            DoubleBuffer src = pitched.data().asNioDouble();
            DoubleBuffer dst = dense.data().asNioDouble();
            DoubleBuffer bb = bias.data().asNioDouble();
            double[] row = new double[width];
            for (int p = 0; p < planes; p++) {
                double c = bb.get(p % cout);
                for (int r = 0; r < rows; r++) {
                    src.get(p * planeStride + r * pitch, row);
                    for (int j = 0; j < width; j++) {
                        row[j] += c;
                    }
                    dst.put((p * rows + r) * width, row);
                }
            }
        }
    }

    static int[] offsets(int kh, int kw, Convolution.Geometry geo, int wp) {
        int[] offsets = new int[kh * kw];
        for (int q = 0; q < offsets.length; q++) {
            offsets[q] = (q / kw) * geo.dilH() * wp + (q % kw) * geo.dilW();
        }
        return offsets;
    }

    /** [Cout, C, kh, kw] as [kh kw, Cout, C]: one contiguous matrix per tap. */
    static INDArray tapMajor(INDArray w) {
        long[] s = w.shape();
        return MemoryScope.track(w.reshape(s[0], s[1], s[2] * s[3]).permute(2, 0, 1).dup('c'));
    }

    /** W'[c, co, i, j] = W[co, c, kh-1-i, kw-1-j]: the kernel of the input-gradient convolution. */
    static INDArray flipTranspose(INDArray w) {
        int cout = (int) w.size(0);
        int c = (int) w.size(1);
        int kh = (int) w.size(2);
        int kw = (int) w.size(3);
        INDArray f = Dense.empty(w.dataType(), c, cout, kh, kw);
        Buf src = Buf.of(w);
        Buf dst = Buf.of(f);
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        dst.set(((ci * cout + co) * kh + i) * kw + j,
                                src.get(((co * c + ci) * kh + (kh - 1 - i)) * kw + (kw - 1 - j)));
                    }
                }
            }
        }
        return f;
    }

    /**
     * Copies a dense [planes, rows, width] array into a pitched layout: row r of plane p goes to
     * {@code p * planeStride + start + r * pitch}.
     */
    static void scatterRows(Buf dense, Buf pitched, int planes, int rows, int width, int planeStride, int start,
            int pitch) {
        scatterRows(dense, pitched, planes, rows, width, planeStride, start, pitch, 0, 0);
    }

    /** {@link #scatterRows} from element {@code from} of the dense array to element {@code to} of the pitched one. */
    static void scatterRows(Buf dense, Buf pitched, int planes, int rows, int width, int planeStride, int start,
            int pitch, int from, int to) {
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < rows; r++) {
                pitched.copy(dense, from + (p * rows + r) * width, to + p * planeStride + start + r * pitch, width);
            }
        }
    }

    /** The inverse of {@link #scatterRows}: from the pitched layout back into a dense array. */
    private static void gatherRows(Buf pitched, Buf dense, int planes, int rows, int width, int planeStride,
            int start, int pitch) {
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < rows; r++) {
                dense.copy(pitched, p * planeStride + start + r * pitch, (p * rows + r) * width, width);
            }
        }
    }
}
