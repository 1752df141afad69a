package org.seqlab.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Sequences;

/**
 * LSTM and GRU outputs against torch.nn.LSTM / torch.nn.GRU on copied weights, with padded
 * sequences (torch packs them), initial states, and final states after the last valid step.
 * The stored values come from {@code kernel-lib/src/test/python/rnn_reference.py}.
 */
class TorchReferenceTest {
    private static Map<String, INDArray> reference() throws IOException {
        Map<String, INDArray> m = new HashMap<>();
        try (var in = TorchReferenceTest.class.getResourceAsStream("torch_rnn_reference.txt");
                var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                String[] dims = parts[1].split(",");
                long[] shape = new long[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = Long.parseLong(dims[i]);
                }
                double[] v = new double[parts.length - 2];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(parts[i + 2]);
                }
                m.put(parts[0], Nd4j.createFromArray(v).reshape(shape));
            }
        }
        return m;
    }

    private static void compare(String cell, DataType dt, double tol) throws IOException {
        Map<String, INDArray> ref = reference();
        RecurrentLayer layer = cell.equals("lstm") ? new Lstm(3, 4, 1, dt) : new Gru(3, 4, 1, dt);
        layer.inputWeights().value().assign(ref.get(cell + ".weight_ih").transpose().castTo(dt));
        layer.recurrentWeights().value().assign(ref.get(cell + ".weight_hh").transpose().castTo(dt));
        layer.bias().value().assign(ref.get(cell + ".bias").castTo(dt));
        INDArray lengths = ref.get("lengths");
        INDArray mask = Sequences.mask(new int[] {lengths.getInt(0), lengths.getInt(1)}, 6, dt);
        try (var off = GradMode.off()) {
            SequenceResult out = layer.forward(Tensor.constant(ref.get("x").castTo(dt)), Tensor.constant(mask),
                    Tensor.constant(ref.get("h0").castTo(dt)),
                    cell.equals("lstm") ? Tensor.constant(ref.get("c0").castTo(dt)) : null, false);
            assertClose(cell + " " + dt + " outputs", ref.get(cell + ".y"), out.sequence().value(), tol);
            assertClose(cell + " " + dt + " final h", ref.get(cell + ".hn"), out.lastHidden().value(), tol);
            if (cell.equals("lstm")) {
                assertClose(cell + " " + dt + " final c", ref.get(cell + ".cn"), out.lastCell().value(), tol);
            }
        }
    }

    private static void assertClose(String what, INDArray want, INDArray got, double tol) {
        double diff = Math.abs(want.sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue());
        assertTrue(diff <= tol, what + ": max difference " + diff + " > " + tol + "\nwant " + want + "\ngot  " + got);
    }

    @Test
    void lstmMatchesTorch() throws IOException {
        compare("lstm", DataType.DOUBLE, 1e-12);
        compare("lstm", DataType.FLOAT, 1e-5);
    }

    @Test
    void gruMatchesTorchWithZeroRecurrentNewGateBias() throws IOException {
        compare("gru", DataType.DOUBLE, 1e-12);
        compare("gru", DataType.FLOAT, 1e-5);
    }
}
