package org.seqlab.experiment.run;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything needed to continue a run exactly: parameter values by dotted path, optimizer state,
 * and the trainer's counters and history as JSON ({@code meta}). The data order and every random
 * draw derive from (seed, epoch, step), so these counters are the whole random state.
 * One file, written atomically.
 */
public record Checkpoint(Map<String, INDArray> parameters, Map<String, INDArray> optimizer, Map<String, Object> meta) {
    private static final String MAGIC = "SEQLAB-CHECKPOINT-1";

    public void save(Path file) {
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(out));
            d.writeUTF(MAGIC);
            byte[] json = Json.write(meta).getBytes(StandardCharsets.UTF_8);
            d.writeInt(json.length);
            d.write(json);
            writeArrays(d, parameters);
            writeArrays(d, optimizer);
            d.flush();
        });
    }

    public static Checkpoint load(Path file) {
        try (InputStream in = new BufferedInputStream(new java.io.FileInputStream(file.toFile()))) {
            DataInputStream d = new DataInputStream(in);
            String magic = d.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IllegalArgumentException(file + " is not a Seqlab checkpoint (header '" + magic + "')");
            }
            byte[] json = new byte[d.readInt()];
            d.readFully(json);
            Map<String, Object> meta = Json.readObject(new String(json, StandardCharsets.UTF_8));
            return new Checkpoint(readArrays(d), readArrays(d), meta);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeArrays(DataOutputStream d, Map<String, INDArray> arrays) throws IOException {
        d.writeInt(arrays.size());
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            d.writeUTF(e.getKey());
            Nd4j.write(e.getValue(), d);
        }
    }

    private static Map<String, INDArray> readArrays(DataInputStream d) throws IOException {
        int n = d.readInt();
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = d.readUTF();
            out.put(name, Nd4j.read(d));
        }
        return out;
    }
}
