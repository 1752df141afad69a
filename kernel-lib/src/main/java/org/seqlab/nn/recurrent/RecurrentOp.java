package org.seqlab.nn.recurrent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;

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
 */
final class RecurrentOp {
    private RecurrentOp() {}

    /** Gradients of the side outputs, handed to the main node's backward. */
    private static final class Side {
        INDArray dhLast;
        INDArray dcLast;
        INDArray stateGradients;
    }

    static SequenceResult run(Cell cell, Tensor x, Tensor wIh, Tensor wHh, Tensor bias, boolean transposed,
            int[] len, Tensor h0, Tensor c0, boolean reverse, boolean recordStateGradients) {
        DataType dt = x.dtype();
        int batch = (int) x.size(0);
        int time = (int) x.size(1);
        int in = (int) x.size(2);
        int h = (int) (transposed ? wHh.size(1) : wHh.size(0));
        int gh = cell.gates * h;
        int bh = batch * h;
        int maxLen = 0;
        for (int l : len) {
            maxLen = Math.max(maxLen, l);
        }

        INDArray xc = NativeRows.contiguous(x.value());
        if (xc != x.value()) {
            MemoryScope.track(xc);
        }
        INDArray x2d = xc.reshape(batch * (long) time, in);
        INDArray xg = Nd4j.createUninitialized(dt, batch * (long) time, gh);
        Nd4j.gemm(x2d, wIh.value(), xg, false, transposed, 1.0, 0.0);
        NativeRows xgRows = new NativeRows(xg);
        INDArray hState = Nd4j.zeros(dt, batch, h);
        INDArray zStep = Nd4j.createUninitialized(dt, batch, gh);
        NativeRows hRows = new NativeRows(hState);
        NativeRows zRows = new NativeRows(zStep);
        INDArray y = Nd4j.zeros(dt, batch, time, h);
        NativeRows yRows = new NativeRows(y);

        Object biasJ = NativeRows.toJava(bias.value());
        Object xJ = NativeRows.javaArray(dt, batch * gh);
        Object zJ = NativeRows.javaArray(dt, batch * gh);
        Object hAll = NativeRows.javaArray(dt, (time + 1) * bh);
        Object cAll = cell.hasCellState ? NativeRows.javaArray(dt, (time + 1) * bh) : null;
        Object cache = NativeRows.javaArray(dt, Math.max(1, time * batch * cell.cacheWidth * h));
        if (h0 != null) {
            new NativeRows(NativeRows.contiguous(h0.value())).get(0, hAll, 0, bh);
            hRows.put(0, hAll, 0, bh);
        }
        if (c0 != null) {
            new NativeRows(NativeRows.contiguous(c0.value())).get(0, cAll, 0, bh);
        }
        boolean zeroStart = h0 == null;
        for (int k = 0; k < time; k++) {
            if (k < maxLen) {
                for (int b = 0; b < batch; b++) {
                    if (len[b] > k) {
                        int t = reverse ? len[b] - 1 - k : k;
                        xgRows.get(((long) b * time + t) * gh, xJ, b * gh, gh);
                    }
                }
                if (k > 0 || !zeroStart) {
                    Nd4j.gemm(hState, wHh.value(), zStep, false, transposed, 1.0, 0.0);
                    zRows.get(0, zJ, 0, batch * gh);
                }
            }
            cell.forward(batch, h, k, len, xJ, zJ, biasJ, hAll, cAll, cache);
            if (k < maxLen) {
                hRows.put(0, hAll, (k + 1) * bh, bh);
                for (int b = 0; b < batch; b++) {
                    if (len[b] > k) {
                        int t = reverse ? len[b] - 1 - k : k;
                        yRows.put(((long) b * time + t) * h, hAll, (k + 1) * bh + b * h, h);
                    }
                }
            }
        }
        xg.close();
        hState.close();
        zStep.close();
        INDArray hLastValue = NativeRows.fromJava(dt, hAll, time * bh, batch, h);
        INDArray cLastValue = cell.hasCellState ? NativeRows.fromJava(dt, cAll, time * bh, batch, h) : null;

        Side side = new Side();
        Context ctx = new Context(cell, dt, batch, time, in, h, len, maxLen, reverse, transposed, recordStateGradients,
                hAll, cAll, cache);
        Tensor sequence = Tensor.result(y, g -> backward(ctx, side, g, xc, x, wIh, wHh, bias, h0, c0), x, wIh, wHh, bias, h0, c0);
        Tensor hLast = Tensor.result(hLastValue, g -> {
            side.dhLast = g;
            ensureGradient(sequence);
        }, sequence);
        Tensor cLast = cLastValue == null ? null : Tensor.result(cLastValue, g -> {
            side.dcLast = g;
            ensureGradient(sequence);
        }, sequence);
        return new SequenceResult(sequence, hLast, cLast, () -> side.stateGradients);
    }

    /** Makes sure the main node's backward runs when only a side output was used. */
    private static void ensureGradient(Tensor sequence) {
        if (sequence.grad() == null) {
            sequence.addGradOwned(Nd4j.zeros(sequence.dtype(), sequence.shape()));
        }
    }

    private record Context(Cell cell, DataType dt, int batch, int time, int in, int h, int[] len, int maxLen,
            boolean reverse, boolean transposed, boolean record, Object hAll, Object cAll, Object cache) {}

    private static void backward(Context c, Side side, INDArray gradY, INDArray xc, Tensor x, Tensor wIh, Tensor wHh,
            Tensor bias, Tensor h0, Tensor c0) {
        DataType dt = c.dt;
        int batch = c.batch;
        int time = c.time;
        int h = c.h;
        int gh = c.cell.gates * h;
        int bh = batch * h;
        boolean gru = c.cell == Cell.GRU;
        INDArray dY = NativeRows.contiguous(gradY);
        NativeRows dyRows = new NativeRows(dY);
        Object dhNext = side.dhLast == null ? NativeRows.javaArray(dt, bh) : NativeRows.toJava(side.dhLast);
        Object dcNext = !c.cell.hasCellState ? null
                : side.dcLast == null ? NativeRows.javaArray(dt, bh) : NativeRows.toJava(side.dcLast);
        INDArray dXg = Nd4j.zeros(dt, batch * (long) time, gh);
        INDArray dZ = gru ? Nd4j.zeros(dt, batch * (long) time, gh) : dXg;
        INDArray hPrev = Nd4j.zeros(dt, batch * (long) time, h);
        INDArray dzStep = Nd4j.createUninitialized(dt, batch, gh);
        INDArray dhStep = Nd4j.createUninitialized(dt, batch, h);
        NativeRows dXgRows = new NativeRows(dXg);
        NativeRows dZRows = new NativeRows(dZ);
        NativeRows hPrevRows = new NativeRows(hPrev);
        NativeRows dzStepRows = new NativeRows(dzStep);
        NativeRows dhStepRows = new NativeRows(dhStep);
        INDArray record = c.record ? Nd4j.zeros(dt, batch, time, h) : null;
        NativeRows recordRows = record == null ? null : new NativeRows(record);
        Object dhTot = NativeRows.javaArray(dt, bh);
        Object dx = NativeRows.javaArray(dt, batch * gh);
        Object dzr = gru ? NativeRows.javaArray(dt, batch * gh) : dx;
        Object dhDirect = gru ? NativeRows.javaArray(dt, bh) : null;
        Object dhGemm = NativeRows.javaArray(dt, bh);
        boolean needStateGrad = h0 != null && h0.requiresGrad();

        for (int k = Math.min(time, c.maxLen) - 1; k >= 0; k--) {
            for (int b = 0; b < batch; b++) {
                if (c.len[b] > k) {
                    int t = c.reverse ? c.len[b] - 1 - k : k;
                    dyRows.get(((long) b * time + t) * h, dhTot, b * h, h);
                    NativeRows.addInto(dhTot, b * h, dhNext, b * h, h);
                    if (recordRows != null) {
                        recordRows.put(((long) b * time + t) * h, dhTot, b * h, h);
                    }
                }
            }
            c.cell.backward(batch, h, k, c.len, dhTot, dcNext, c.hAll, c.cAll, c.cache, dx, dzr, dhDirect);
            for (int b = 0; b < batch; b++) {
                if (c.len[b] > k) {
                    long row = (long) b * time + (c.reverse ? c.len[b] - 1 - k : k);
                    dXgRows.put(row * gh, dx, b * gh, gh);
                    if (gru) {
                        dZRows.put(row * gh, dzr, b * gh, gh);
                    }
                    hPrevRows.put(row * h, c.hAll, k * bh + b * h, h);
                }
            }
            if (k > 0 || needStateGrad || c0 != null && c0.requiresGrad()) {
                dzStepRows.put(0, dzr, 0, batch * gh);
                Nd4j.gemm(dzStep, wHh.value(), dhStep, false, !c.transposed, 1.0, 0.0);
                dhStepRows.get(0, dhGemm, 0, bh);
                for (int b = 0; b < batch; b++) {
                    if (c.len[b] > k) {
                        System.arraycopy(dhGemm, b * h, dhNext, b * h, h);
                        if (gru) {
                            NativeRows.addInto(dhNext, b * h, dhDirect, b * h, h);
                        }
                    }
                }
            }
        }
        if (c.record) {
            side.stateGradients = record;
        }
        if (h0 != null && h0.requiresGrad()) {
            h0.addGradOwned(NativeRows.fromJava(dt, dhNext, 0, batch, h));
        }
        if (c0 != null && c0.requiresGrad()) {
            c0.addGradOwned(NativeRows.fromJava(dt, dcNext, 0, batch, h));
        }
        if (wIh.requiresGrad()) {
            INDArray x2d = xc.reshape(batch * (long) time, c.in);
            INDArray dW = Nd4j.createUninitialized(dt, wIh.shape());
            if (c.transposed) {
                Nd4j.gemm(dXg, x2d, dW, true, false, 1.0, 0.0);
            } else {
                Nd4j.gemm(x2d, dXg, dW, true, false, 1.0, 0.0);
            }
            wIh.addGradOwned(dW);
        }
        if (wHh.requiresGrad()) {
            INDArray dU = Nd4j.createUninitialized(dt, wHh.shape());
            if (c.transposed) {
                Nd4j.gemm(dZ, hPrev, dU, true, false, 1.0, 0.0);
            } else {
                Nd4j.gemm(hPrev, dZ, dU, true, false, 1.0, 0.0);
            }
            wHh.addGradOwned(dU);
        }
        if (bias.requiresGrad()) {
            INDArray db = dXg.sum(0);
            bias.addGradOwned(java.util.Arrays.equals(db.shape(), bias.shape()) ? db : db.reshape(bias.shape()).dup());
        }
        if (x.requiresGrad()) {
            INDArray dxValue = Nd4j.createUninitialized(dt, batch, time, c.in);
            Nd4j.gemm(dXg, wIh.value(), dxValue.reshape(batch * (long) time, c.in), false, !c.transposed, 1.0, 0.0);
            x.addGradOwned(dxValue);
        }
        if (dY != gradY) {
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
}
