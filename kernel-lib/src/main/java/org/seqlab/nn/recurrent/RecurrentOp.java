package org.seqlab.nn.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.StridedGemm;

/**
 * One recurrent layer over a whole padded batch as a single graph node, with
 * back-propagation through time written by hand inside it. Why one node: the input
 * projection of all steps becomes one large gemm, each step costs one small gemm plus one
 * fused loop over Java arrays, and the weight gradients are again two large gemms after the
 * time loop, instead of thousands of small graph nodes.
 *
 * <p>Masking: row b is valid for its first {@code len[b]} steps. Iteration k visits time
 * {@code k} (or {@code len[b]-1-k} when {@code reverse}, so a reversed pass reverses only the
 * valid prefix); rows past their length carry their state unchanged and output zeros, so the
 * final state is the state after the last valid step.
 *
 * <p>Weights are {@code [in, gates*H]} and {@code [H, gates*H]}, or their transposes when
 * {@code transposed} (the column-vector form {@code W x} of the lectures); the single bias per
 * gate is added on the input side.
 *
 * <p>A {@link Pass} computes only arrays and touches no thread-local state (but the memory
 * scope's pool, for temporaries it closes itself; see {@code scratch}), so that the two
 * directions of a bidirectional layer can run on two threads; the calling thread wraps the
 * results into tensors and hands out the gradients.
 */
final class RecurrentOp {
    private RecurrentOp() {}

    /** One direction of one layer: the forward computation, then its BPTT. */
    static final class Pass {
        final Cell cell;
        final Tensor x;
        final Tensor wIh;
        final Tensor wHh;
        final Tensor bias;
        final boolean transposed;
        final int[] len;
        final Tensor h0;
        final Tensor c0;
        final boolean reverse;
        final boolean record;
        /** Whether the time loop may use two threads (false when the pass is itself run concurrently). */
        boolean splitBatch = true;
        final DataType dt;
        final int batch;
        final int time;
        final int in;
        final int h;
        final int maxLen;
        private INDArray xc;
        private Object hAll;
        private Object cAll;
        private Object cache;
        INDArray y;
        INDArray hLast;
        INDArray cLast;
        // gradients, filled by backward()
        INDArray dx;
        INDArray dWih;
        INDArray dWhh;
        INDArray dBias;
        INDArray dh0;
        INDArray dc0;
        INDArray stateGradients;

        Pass(Cell cell, Tensor x, Tensor wIh, Tensor wHh, Tensor bias, boolean transposed, int[] len, Tensor h0,
                Tensor c0, boolean reverse, boolean record) {
            this.cell = cell;
            this.x = x;
            this.wIh = wIh;
            this.wHh = wHh;
            this.bias = bias;
            this.transposed = transposed;
            this.len = len;
            this.h0 = h0;
            this.c0 = c0;
            this.reverse = reverse;
            this.record = record;
            this.dt = x.dtype();
            this.batch = (int) x.size(0);
            this.time = (int) x.size(1);
            this.in = (int) x.size(2);
            this.h = (int) (transposed ? wHh.size(1) : wHh.size(0));
            int m = 0;
            for (int l : len) {
                m = Math.max(m, l);
            }
            this.maxLen = Math.min(m, time);
        }

        private int timeOf(int b, int k) {
            return reverse ? len[b] - 1 - k : k;
        }

        /** Fills {@link #y}, {@link #hLast}, {@link #cLast}. {@code xc}: x as a contiguous array. */
        void forward(INDArray xContiguous) {
            xc = xContiguous;
            int gh = cell.gates * h;
            int bh = batch * h;
            INDArray x2d = xc.reshape(batch * (long) time, in);
            INDArray xg = scratch(false, batch * (long) time, gh);
            StridedGemm.matricesPlusBias(x2d, wIh.value(), bias.value(), xg, transposed);
            NativeRows xgRows = new NativeRows(xg);
            INDArray hState = Nd4j.zeros(dt, batch, h);
            INDArray zStep = Nd4j.createUninitialized(dt, batch, gh);
            NativeRows hRows = new NativeRows(hState);
            NativeRows zRows = new NativeRows(zStep);
            y = Nd4j.zeros(dt, batch, time, h);
            NativeRows yRows = new NativeRows(y);

            Object xJ = ArrayPool.take(dt, batch * gh);
            Object zJ = ArrayPool.take(dt, batch * gh);
            ArrayPool.clear(zJ, 0, batch * gh);
            hAll = ArrayPool.take(dt, (time + 1) * bh);
            ArrayPool.clear(hAll, 0, bh);
            cAll = cell.hasCellState ? ArrayPool.take(dt, (time + 1) * bh) : null;
            if (cAll != null) {
                ArrayPool.clear(cAll, 0, bh);
            }
            cache = ArrayPool.take(dt, Math.max(1, time * batch * cell.cacheWidth * h));
            if (h0 != null) {
                new NativeRows(NativeRows.contiguous(h0.value())).get(0, hAll, 0, bh);
                hRows.put(0, hAll, 0, bh);
            }
            if (c0 != null) {
                new NativeRows(NativeRows.contiguous(c0.value())).get(0, cAll, 0, bh);
            }
            Object xJf = xJ;
            Object zJf = zJ;
            INDArray wHhC = NativeRows.contiguous(wHh.value());
            forEachRowBlock((b0, b1) -> {
                for (int k = 0; k < time; k++) {
                    if (k < maxLen) {
                        for (int b = b0; b < b1; b++) {
                            if (len[b] > k) {
                                xgRows.get(((long) b * time + timeOf(b, k)) * gh, xJf, b * gh, gh);
                            }
                        }
                        if (k > 0 || h0 != null) {
                            StepGemm.gemm(b1 - b0, hState, b0, wHhC, transposed, zStep, b0);
                            zRows.get((long) b0 * gh, zJf, b0 * gh, (b1 - b0) * gh);
                        }
                    }
                    cell.forward(batch, b0, b1, h, k, len, xJf, zJf, hAll, cAll, cache);
                    if (k < maxLen) {
                        hRows.put((long) b0 * h, hAll, (k + 1) * bh + b0 * h, (b1 - b0) * h);
                        for (int b = b0; b < b1; b++) {
                            if (len[b] > k) {
                                yRows.put(((long) b * time + timeOf(b, k)) * h, hAll, (k + 1) * bh + b * h, h);
                            }
                        }
                    }
                }
            });
            if (wHhC != wHh.value()) {
                wHhC.close();
            }
            xg.close();
            hState.close();
            zStep.close();
            ArrayPool.give(xJ, zJ);
            hLast = NativeRows.fromJava(dt, hAll, time * bh, batch, h);
            cLast = cell.hasCellState ? NativeRows.fromJava(dt, cAll, time * bh, batch, h) : null;
        }

        /**
         * BPTT from the gradients of the outputs (any may be null), filling the gradient
         * fields for the inputs that need one.
         */
        void backward(INDArray gradY, INDArray dhLast, INDArray dcLast) {
            int gh = cell.gates * h;
            int bh = batch * h;
            boolean gru = cell == Cell.GRU;
            INDArray dY = gradY == null ? null : NativeRows.contiguous(gradY);
            NativeRows dyRows = dY == null ? null : new NativeRows(dY);
            Object dhNext = dhLast == null ? NativeRows.javaArray(dt, bh) : NativeRows.toJava(dhLast);
            Object dcNext = !cell.hasCellState ? null
                    : dcLast == null ? NativeRows.javaArray(dt, bh) : NativeRows.toJava(dcLast);
            // Rows of padded steps are never written below; they must be zero for the weight
            // gradients, so the arrays are cleared only when there is padding.
            boolean padded = false;
            for (int l : len) {
                padded |= l < time;
            }
            INDArray dXg = scratch(padded, batch * (long) time, gh);
            INDArray dZ = !gru ? dXg : scratch(padded, batch * (long) time, gh);
            INDArray hPrev = scratch(padded, batch * (long) time, h);
            INDArray dzStep = Nd4j.createUninitialized(dt, batch, gh);
            INDArray dhStep = Nd4j.createUninitialized(dt, batch, h);
            NativeRows dXgRows = new NativeRows(dXg);
            NativeRows dZRows = new NativeRows(dZ);
            NativeRows hPrevRows = new NativeRows(hPrev);
            NativeRows dzStepRows = new NativeRows(dzStep);
            NativeRows dhStepRows = new NativeRows(dhStep);
            INDArray recorded = record ? Nd4j.zeros(dt, batch, time, h) : null;
            NativeRows recordRows = recorded == null ? null : new NativeRows(recorded);
            Object dhTot = ArrayPool.take(dt, bh);
            Object dxJ = ArrayPool.take(dt, batch * gh);
            Object dzr = gru ? ArrayPool.take(dt, batch * gh) : dxJ;
            Object dhDirect = gru ? ArrayPool.take(dt, bh) : null;
            Object dhGemm = ArrayPool.take(dt, bh);
            // dE/dbias summed over time per batch row as BPTT goes (rows are independent, so each
            // chain owns its rows), then over rows in row order: the same sums whatever the split
            Object dbRows = bias.requiresGrad() ? ArrayPool.take(dt, batch * gh) : null;
            if (dbRows != null) {
                ArrayPool.clear(dbRows, 0, batch * gh);
            }
            boolean needInitialGrad = h0 != null && h0.requiresGrad() || c0 != null && c0.requiresGrad();

            INDArray wHhC = NativeRows.contiguous(wHh.value());
            forEachRowBlock((b0, b1) -> {
                for (int k = maxLen - 1; k >= 0; k--) {
                    for (int b = b0; b < b1; b++) {
                        if (len[b] > k) {
                            long row = (long) b * time + timeOf(b, k);
                            if (dyRows != null) {
                                dyRows.get(row * h, dhTot, b * h, h);
                                NativeRows.addInto(dhTot, b * h, dhNext, b * h, h);
                            } else {
                                System.arraycopy(dhNext, b * h, dhTot, b * h, h);
                            }
                            if (recordRows != null) {
                                recordRows.put(row * h, dhTot, b * h, h);
                            }
                        }
                    }
                    cell.backward(batch, b0, b1, h, k, len, dhTot, dcNext, hAll, cAll, cache, dxJ, dzr, dhDirect);
                    if (dbRows != null) {
                        // padded rows' dxJ are zeros: adding them keeps the loop one same-index pass
                        NativeRows.addRange(dbRows, dxJ, b0 * gh, (b1 - b0) * gh);
                    }
                    for (int b = b0; b < b1; b++) {
                        if (len[b] > k) {
                            long row = (long) b * time + timeOf(b, k);
                            dXgRows.put(row * gh, dxJ, b * gh, gh);
                            if (gru) {
                                dZRows.put(row * gh, dzr, b * gh, gh);
                            }
                            hPrevRows.put(row * h, hAll, k * bh + b * h, h);
                        }
                    }
                    if (k > 0 || needInitialGrad) {
                        dzStepRows.put((long) b0 * gh, dzr, b0 * gh, (b1 - b0) * gh);
                        StepGemm.gemm(b1 - b0, dzStep, b0, wHhC, !transposed, dhStep, b0);
                        dhStepRows.get((long) b0 * h, dhGemm, b0 * h, (b1 - b0) * h);
                        for (int b = b0; b < b1; b++) {
                            if (len[b] > k) {
                                System.arraycopy(dhGemm, b * h, dhNext, b * h, h);
                                if (gru) {
                                    NativeRows.addInto(dhNext, b * h, dhDirect, b * h, h);
                                }
                            }
                        }
                    }
                }
            });
            if (wHhC != wHh.value()) {
                wHhC.close();
            }
            stateGradients = recorded;
            ArrayPool.give(dhTot, dxJ, gru ? dzr : null, dhDirect, dhGemm, hAll, cAll, cache);
            hAll = cAll = cache = null;
            if (h0 != null && h0.requiresGrad()) {
                dh0 = NativeRows.fromJava(dt, dhNext, 0, batch, h);
            }
            if (c0 != null && c0.requiresGrad()) {
                dc0 = NativeRows.fromJava(dt, dcNext, 0, batch, h);
            }
            if (wIh.requiresGrad()) {
                INDArray x2d = xc.reshape(batch * (long) time, in);
                dWih = Nd4j.createUninitialized(dt, wIh.shape());
                if (transposed) {
                    StridedGemm.matrices(dXg, x2d, dWih, true, false, 1.0, 0.0);
                } else {
                    StridedGemm.matrices(x2d, dXg, dWih, true, false, 1.0, 0.0);
                }
            }
            if (wHh.requiresGrad()) {
                dWhh = Nd4j.createUninitialized(dt, wHh.shape());
                if (transposed) {
                    StridedGemm.matrices(dZ, hPrev, dWhh, true, false, 1.0, 0.0);
                } else {
                    StridedGemm.matrices(hPrev, dZ, dWhh, true, false, 1.0, 0.0);
                }
            }
            if (dbRows != null) {
                // summed during BPTT: a product with a row of ones re-read all of dXg [B*T, G*H]
                // (a gemv through ND4J, about 4% of an LSTM step's CPU in a profile)
                for (int b = 1; b < batch; b++) {
                    NativeRows.addInto(dbRows, 0, dbRows, b * gh, gh);
                }
                dBias = NativeRows.fromJava(dt, dbRows, 0, bias.shape());
                ArrayPool.give(dbRows);
            }
            if (x.requiresGrad()) {
                dx = Nd4j.createUninitialized(dt, batch, time, in);
                StridedGemm.matrices(dXg, wIh.value(), dx.reshape(batch * (long) time, in), false, !transposed, 1.0, 0.0);
            }
            if (dY != null && dY != gradY) {
                dY.close();
            }
            dXg.close();
            if (gru) {
                dZ.close();
            }
            hPrev.close();
            dzStep.close();
            dhStep.close();
        }

        /**
         * A large temporary of this pass, closed by the pass itself: from the memory scope's pool
         * when the calling thread has a scope open (ND4J zero-fills every array it allocates, an
         * extra pass over tens of MB per layer and step; bench/RESULTS.md, engine session 3), a
         * plain ND4J array otherwise (e.g. on the second thread of a bidirectional layer).
         */
        private INDArray scratch(boolean zeros, long... shape) {
            return zeros ? MemoryScope.zeros(dt, shape) : MemoryScope.uninitialized(dt, shape);
        }

        /** Rows [b0, b1) of the batch; independent of the other rows through the whole recurrence. */
        private interface RowBlock {
            void run(int b0, int b1);
        }

        /**
         * Runs the time loop over the batch, split into two halves on two threads when this
         * pass is not already one of two concurrent passes: batch rows never interact inside
         * a recurrence, so the halves run without any synchronisation per step.
         */
        private void forEachRowBlock(RowBlock block) {
            int half = batch / 2;
            if (splitBatch && half >= 4 && worthTwoThreads(cell, batch, h, time)) {
                Concurrent.both(() -> block.run(0, half), () -> block.run(half, batch));
            } else {
                block.run(0, batch);
            }
        }

        /** Hands the computed gradients to their tensors; on the thread that owns the graph. */
        void applyGradients() {
            give(x, dx);
            give(wIh, dWih);
            give(wHh, dWhh);
            give(bias, dBias);
            give(h0, dh0);
            give(c0, dc0);
            dx = dWih = dWhh = dBias = dh0 = dc0 = null;
        }

        private static void give(Tensor t, INDArray g) {
            if (t != null && g != null) {
                t.addGradOwned(g);
            }
        }
    }

    /**
     * Whether a recurrence is large enough for two threads: below this a thread hand-off
     * costs more than it saves (decoder steps, gradient checks).
     */
    static boolean worthTwoThreads(Cell cell, int batch, int h, int time) {
        return Concurrent.enabled() && (long) batch * h * time * cell.gates >= 1 << 17;
    }

    /** The contiguous form of x, tracked by the current memory scope when it is a copy. */
    static INDArray contiguousInput(Tensor x) {
        INDArray xc = NativeRows.contiguous(x.value());
        if (xc != x.value()) {
            MemoryScope.track(xc);
        }
        return xc;
    }

    /** Gradients of the side outputs, handed to the main node's backward. */
    static final class Side {
        INDArray dhLast;
        INDArray dcLast;
    }

    static SequenceResult run(Cell cell, Tensor x, Tensor wIh, Tensor wHh, Tensor bias, boolean transposed,
            int[] len, Tensor h0, Tensor c0, boolean reverse, boolean recordStateGradients) {
        Pass pass = new Pass(cell, x, wIh, wHh, bias, transposed, len, h0, c0, reverse, recordStateGradients);
        pass.forward(contiguousInput(x));
        Side side = new Side();
        Tensor sequence = Tensor.result(pass.y, g -> {
            pass.backward(g, side.dhLast, side.dcLast);
            pass.applyGradients();
        }, x, wIh, wHh, bias, h0, c0);
        Tensor hLast = sideOutput(pass.hLast, sequence, g -> side.dhLast = g);
        Tensor cLast = pass.cLast == null ? null : sideOutput(pass.cLast, sequence, g -> side.dcLast = g);
        return new SequenceResult(sequence, hLast, cLast, () -> pass.stateGradients);
    }

    /**
     * A second output of a fused node: its backward only hands its gradient to the node and
     * makes sure the node's own backward runs even if the main output was not used.
     */
    static Tensor sideOutput(INDArray value, Tensor main, java.util.function.Consumer<INDArray> sink) {
        return Tensor.result(value, g -> {
            sink.accept(g);
            if (main.grad() == null) {
                main.addGradOwned(Nd4j.zeros(main.dtype(), main.shape()));
            }
        }, main);
    }
}
