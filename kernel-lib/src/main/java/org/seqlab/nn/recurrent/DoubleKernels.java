package org.seqlab.nn.recurrent;

import java.util.Arrays;

/**
 * Gate math of one time step for every cell in float64, for gradient checks: the same code
 * as {@link FloatKernels} (made from it by replacing the type and the tanh), so that the
 * float path, which a test holds to this one, is what the finite differences validate.
 * Regenerate after changing FloatKernels with:
 * {@code sed -e 's/FloatKernels/DoubleKernels/g; s/float\[\]/double[]/g; s/new float\[/new double[/g;
 * s/float /double /g; s/0f/0.0/g; s/FastMath.tanh/Math.tanh/g'} and this comment in place of the class comment.
 */
final class DoubleKernels {
    private DoubleKernels() {}

    static void lstmForward(int batch, int b0, int b1, int h, int k, int[] len, double[] x, double[] z, double[] hAll,
            double[] cAll, double[] cache) {
        int g4 = 4 * h;
        int prev = k * batch * h;
        int next = prev + batch * h;
        double[] i = new double[h];
        double[] f = new double[h];
        double[] g = new double[h];
        double[] o = new double[h];
        double[] c = new double[h];
        double[] tc = new double[h];
        for (int b = b0; b < b1; b++) {
            int hp = prev + b * h;
            int hn = next + b * h;
            if (len[b] <= k) {
                System.arraycopy(hAll, hp, hAll, hn, h);
                System.arraycopy(cAll, hp, cAll, hn, h);
                continue;
            }
            int r = b * g4;
            sigmoidRow(z, x, r, 0, 2 * h);
            tanhRow(z, x, r, 2 * h, h);
            sigmoidRow(z, x, r, 3 * h, h);
            int ca = (k * batch + b) * 5 * h;
            System.arraycopy(z, r, cache, ca, g4);
            System.arraycopy(z, r, i, 0, h);
            System.arraycopy(z, r + h, f, 0, h);
            System.arraycopy(z, r + 2 * h, g, 0, h);
            System.arraycopy(z, r + 3 * h, o, 0, h);
            System.arraycopy(cAll, hp, c, 0, h);
            // one result per loop, every array at the same index: the JIT vectorises these
            // (3-4 times faster than one loop over offsets into the shared arrays)
            for (int j = 0; j < h; j++) {
                c[j] = f[j] * c[j] + i[j] * g[j];
            }
            for (int j = 0; j < h; j++) {
                tc[j] = Math.tanh(c[j]);
            }
            for (int j = 0; j < h; j++) {
                o[j] = o[j] * tc[j];
            }
            System.arraycopy(c, 0, cAll, hn, h);
            System.arraycopy(tc, 0, cache, ca + g4, h);
            System.arraycopy(o, 0, hAll, hn, h);
        }
    }

    // The gate loops are split into simple passes over one row, act(z + x) per gate block: the
    // JIT vectorises these, while one loop doing everything measured 2.5 times slower. The bias
    // is already in x (added once to the whole input projection): reading a third array at
    // another offset (bias[j] beside z[r + j]) stopped the vectorisation, 4-5 times slower.
    private static void sigmoidRow(double[] z, double[] x, int r, int from, int n) {
        for (int j = r + from; j < r + from + n; j++) {
            z[j] = FastMath.sigmoid(z[j] + x[j]);
        }
    }

    private static void tanhRow(double[] z, double[] x, int r, int from, int n) {
        for (int j = r + from; j < r + from + n; j++) {
            z[j] = Math.tanh(z[j] + x[j]);
        }
    }

    /** {@code dc} holds dE/dc after step k on entry and dE/dc before it on return. */
    static void lstmBackward(int batch, int b0, int b1, int h, int k, int[] len, double[] dh, double[] dc, double[] cAll,
            double[] cache, double[] dz) {
        int g4 = 4 * h;
        int prev = k * batch * h;
        double[] i = new double[h];
        double[] f = new double[h];
        double[] g = new double[h];
        double[] o = new double[h];
        double[] tc = new double[h];
        double[] cp = new double[h];
        double[] d = new double[h];
        double[] dct = new double[h];
        double[] out = new double[h];
        for (int b = b0; b < b1; b++) {
            int r = b * g4;
            if (len[b] <= k) {
                Arrays.fill(dz, r, r + g4, 0.0);
                continue;
            }
            int ca = (k * batch + b) * 5 * h;
            int s = b * h;
            System.arraycopy(cache, ca, i, 0, h);
            System.arraycopy(cache, ca + h, f, 0, h);
            System.arraycopy(cache, ca + 2 * h, g, 0, h);
            System.arraycopy(cache, ca + 3 * h, o, 0, h);
            System.arraycopy(cache, ca + g4, tc, 0, h);
            System.arraycopy(cAll, prev + s, cp, 0, h);
            System.arraycopy(dh, s, d, 0, h);
            System.arraycopy(dc, s, dct, 0, h);
            // as in the forward: one result per loop over same-index arrays, so each vectorises
            for (int j = 0; j < h; j++) {
                dct[j] = dct[j] + d[j] * o[j] * (1 - tc[j] * tc[j]);
            }
            for (int j = 0; j < h; j++) {
                out[j] = dct[j] * g[j] * i[j] * (1 - i[j]);
            }
            System.arraycopy(out, 0, dz, r, h);
            for (int j = 0; j < h; j++) {
                out[j] = dct[j] * cp[j] * f[j] * (1 - f[j]);
            }
            System.arraycopy(out, 0, dz, r + h, h);
            for (int j = 0; j < h; j++) {
                out[j] = dct[j] * i[j] * (1 - g[j] * g[j]);
            }
            System.arraycopy(out, 0, dz, r + 2 * h, h);
            for (int j = 0; j < h; j++) {
                out[j] = d[j] * tc[j] * o[j] * (1 - o[j]);
            }
            System.arraycopy(out, 0, dz, r + 3 * h, h);
            for (int j = 0; j < h; j++) {
                out[j] = dct[j] * f[j];
            }
            System.arraycopy(out, 0, dc, s, h);
        }
    }

    /** Torch's GRU with b_hn = 0: n = tanh(x_n + b_n + r * (U h)_n); h' = (1 - z) n + z h. */
    static void gruForward(int batch, int b0, int b1, int h, int k, int[] len, double[] x, double[] z, double[] hAll,
            double[] cache) {
        int g3 = 3 * h;
        int prev = k * batch * h;
        int next = prev + batch * h;
        double[] rg = new double[h];
        double[] zg = new double[h];
        double[] n = new double[h];
        double[] xn = new double[h];
        double[] hv = new double[h];
        for (int b = b0; b < b1; b++) {
            int hp = prev + b * h;
            int hn = next + b * h;
            if (len[b] <= k) {
                System.arraycopy(hAll, hp, hAll, hn, h);
                continue;
            }
            int r = b * g3;
            int ca = (k * batch + b) * 4 * h;
            sigmoidRow(z, x, r, 0, 2 * h);
            System.arraycopy(z, r, rg, 0, h);
            System.arraycopy(z, r + h, zg, 0, h);
            System.arraycopy(z, r + 2 * h, n, 0, h);
            System.arraycopy(x, r + 2 * h, xn, 0, h);
            System.arraycopy(hAll, hp, hv, 0, h);
            System.arraycopy(n, 0, cache, ca + 3 * h, h);
            // one result per loop over same-index arrays, as in the LSTM
            for (int j = 0; j < h; j++) {
                n[j] = xn[j] + rg[j] * n[j];
            }
            for (int j = 0; j < h; j++) {
                n[j] = Math.tanh(n[j]);
            }
            for (int j = 0; j < h; j++) {
                hv[j] = (1 - zg[j]) * n[j] + zg[j] * hv[j];
            }
            System.arraycopy(rg, 0, cache, ca, h);
            System.arraycopy(zg, 0, cache, ca + h, h);
            System.arraycopy(n, 0, cache, ca + 2 * h, h);
            System.arraycopy(hv, 0, hAll, hn, h);
        }
    }

    /**
     * Writes the input-side pre-activation gradients to {@code dx}, the recurrent-side ones
     * (the n gate scaled by r) to {@code dzr}, and the direct path z*dh to {@code dhDirect}.
     */
    static void gruBackward(int batch, int b0, int b1, int h, int k, int[] len, double[] dh, double[] hAll, double[] cache,
            double[] dx, double[] dzr, double[] dhDirect) {
        int g3 = 3 * h;
        int prev = k * batch * h;
        double[] rg = new double[h];
        double[] zg = new double[h];
        double[] n = new double[h];
        double[] un = new double[h];
        double[] d = new double[h];
        double[] hv = new double[h];
        double[] dn = new double[h];
        double[] out = new double[h];
        for (int b = b0; b < b1; b++) {
            int r = b * g3;
            if (len[b] <= k) {
                Arrays.fill(dx, r, r + g3, 0.0);
                Arrays.fill(dzr, r, r + g3, 0.0);
                continue;
            }
            int ca = (k * batch + b) * 4 * h;
            int s = b * h;
            System.arraycopy(cache, ca, rg, 0, h);
            System.arraycopy(cache, ca + h, zg, 0, h);
            System.arraycopy(cache, ca + 2 * h, n, 0, h);
            System.arraycopy(cache, ca + 3 * h, un, 0, h);
            System.arraycopy(dh, s, d, 0, h);
            System.arraycopy(hAll, prev + s, hv, 0, h);
            for (int j = 0; j < h; j++) {
                dn[j] = d[j] * (1 - zg[j]) * (1 - n[j] * n[j]);
            }
            for (int j = 0; j < h; j++) {
                out[j] = dn[j] * un[j] * rg[j] * (1 - rg[j]);
            }
            System.arraycopy(out, 0, dx, r, h);
            System.arraycopy(out, 0, dzr, r, h);
            for (int j = 0; j < h; j++) {
                out[j] = d[j] * (hv[j] - n[j]) * zg[j] * (1 - zg[j]);
            }
            System.arraycopy(out, 0, dx, r + h, h);
            System.arraycopy(out, 0, dzr, r + h, h);
            System.arraycopy(dn, 0, dx, r + 2 * h, h);
            for (int j = 0; j < h; j++) {
                out[j] = dn[j] * rg[j];
            }
            System.arraycopy(out, 0, dzr, r + 2 * h, h);
            for (int j = 0; j < h; j++) {
                out[j] = d[j] * zg[j];
            }
            System.arraycopy(out, 0, dhDirect, s, h);
        }
    }

    static void rnnForward(int batch, int b0, int b1, int h, int k, int[] len, double[] x, double[] z, double[] hAll,
            boolean relu) {
        int prev = k * batch * h;
        int next = prev + batch * h;
        for (int b = b0; b < b1; b++) {
            int hp = prev + b * h;
            int hn = next + b * h;
            if (len[b] <= k) {
                System.arraycopy(hAll, hp, hAll, hn, h);
                continue;
            }
            int r = b * h;
            if (relu) {
                for (int j = 0; j < h; j++) {
                    hAll[hn + j] = Math.max(0.0, x[r + j] + z[r + j]);
                }
            } else {
                for (int j = 0; j < h; j++) {
                    hAll[hn + j] = Math.tanh(x[r + j] + z[r + j]);
                }
            }
        }
    }

    static void rnnBackward(int batch, int b0, int b1, int h, int k, int[] len, double[] dh, double[] hAll, double[] dz, boolean relu) {
        int next = (k + 1) * batch * h;
        for (int b = b0; b < b1; b++) {
            int r = b * h;
            if (len[b] <= k) {
                Arrays.fill(dz, r, r + h, 0.0);
                continue;
            }
            for (int j = 0; j < h; j++) {
                double y = hAll[next + r + j];
                dz[r + j] = relu ? (y > 0 ? dh[r + j] : 0.0) : dh[r + j] * (1 - y * y);
            }
        }
    }
}
