package org.seqlab.nn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;
import org.seqlab.optim.Optimizer;

/**
 * Saves and loads a model's parameters and buffers, and optionally an optimizer's state.
 *
 * <p>Format (version 1): a zip file. Entry {@code index.tsv} starts with the line
 * {@code seqlab-checkpoint<TAB>1}, then one line per array: {@code section<TAB>name<TAB>dtype<TAB>shape<TAB>entry},
 * where section is {@code param}, {@code buffer} or {@code optim}; name is the dotted path
 * (optimizer state: {@code <parameter path>#<slot>}); dtype is {@code FLOAT} or {@code DOUBLE};
 * shape is comma-separated sizes (empty for a scalar); entry names the zip entry holding the
 * elements in c-order as raw little-endian IEEE floats or doubles. Readable from any language.
 *
 * <p>The file is written to a temporary sibling and renamed over the target, so a crash never
 * leaves a half-written checkpoint. Loading checks that names and shapes match the model exactly
 * and names every mismatch.
 */
public final class Checkpoint {
    private static final String MAGIC = "seqlab-checkpoint";

    private Checkpoint() {}

    public static void save(Path file, Module model, Optimizer optimizer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                StringBuilder index = new StringBuilder(MAGIC + "\t1\n");
                int[] counter = {0};
                Map<String, Map<String, INDArray>> sections = new LinkedHashMap<>();
                Map<String, INDArray> params = new LinkedHashMap<>();
                model.parameters().forEach((n, p) -> params.put(n, p.value()));
                sections.put("param", params);
                sections.put("buffer", model.buffers());
                if (optimizer != null) {
                    sections.put("optim", optimizer.stateArrays());
                }
                for (var section : sections.entrySet()) {
                    for (var e : section.getValue().entrySet()) {
                        String entry = "arrays/" + counter[0]++ + ".bin";
                        INDArray a = e.getValue();
                        index.append(section.getKey()).append('\t').append(e.getKey()).append('\t')
                                .append(a.dataType()).append('\t').append(shapeText(a.shape())).append('\t')
                                .append(entry).append('\n');
                        zip.putNextEntry(new ZipEntry(entry));
                        writeArray(zip, a);
                        zip.closeEntry();
                    }
                }
                zip.putNextEntry(new ZipEntry("index.tsv"));
                zip.write(index.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Copies the saved values into {@code model} (and {@code optimizer}'s state when given and
     * saved). Nothing is changed unless every name and shape matches.
     */
    public static void load(Path file, Module model, Optimizer optimizer) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        byte[] indexBytes = entries.get("index.tsv");
        if (indexBytes == null) {
            throw new IOException(file + ": not a Seqlab checkpoint (no index.tsv)");
        }
        String[] lines = new String(indexBytes, StandardCharsets.UTF_8).split("\n");
        if (!lines[0].equals(MAGIC + "\t1")) {
            throw new IOException(file + ": unsupported checkpoint header '" + lines[0] + "'");
        }
        Map<String, Map<String, INDArray>> saved = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            if (f.length != 5) {
                throw new IOException(file + ": index.tsv line " + (i + 1) + " has " + f.length + " fields, expected 5");
            }
            byte[] data = entries.get(f[4]);
            if (data == null) {
                throw new IOException(file + ": index.tsv line " + (i + 1) + " names missing entry " + f[4]);
            }
            saved.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1],
                    readArray(data, DataType.valueOf(f[2]), parseShape(f[3]), file + " entry " + f[4]));
        }
        Map<String, INDArray> targets = new LinkedHashMap<>();
        model.parameters().forEach((n, p) -> targets.put(n, p.value()));
        List<String> problems = new ArrayList<>();
        compare("parameter", targets, saved.getOrDefault("param", Map.of()), problems);
        compare("buffer", model.buffers(), saved.getOrDefault("buffer", Map.of()), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + " does not fit the model: " + String.join("; ", problems));
        }
        if (optimizer != null && saved.containsKey("optim")) {
            optimizer.loadStateArrays(saved.get("optim"));
        }
        saved.getOrDefault("param", Map.of()).forEach((n, a) -> targets.get(n).assign(a));
        saved.getOrDefault("buffer", Map.of()).forEach((n, a) -> model.buffers().get(n).assign(a));
    }

    private static void compare(String what, Map<String, INDArray> model, Map<String, INDArray> saved, List<String> problems) {
        for (var e : model.entrySet()) {
            INDArray s = saved.get(e.getKey());
            if (s == null) {
                problems.add(what + " '" + e.getKey() + "' is missing from the checkpoint");
            } else if (!Arrays.equals(s.shape(), e.getValue().shape())) {
                problems.add(what + " '" + e.getKey() + "' has shape " + Arrays.toString(s.shape())
                        + " in the checkpoint but " + Arrays.toString(e.getValue().shape()) + " in the model");
            }
        }
        for (String n : saved.keySet()) {
            if (!model.containsKey(n)) {
                problems.add("checkpoint " + what + " '" + n + "' does not exist in the model");
            }
        }
    }

    private static void writeArray(OutputStream out, INDArray a) throws IOException {
        INDArray d = Dense.of(a);
        Buf b = Buf.of(d);
        int n = (int) d.length();
        boolean dbl = d.dataType() == DataType.DOUBLE;
        ByteBuffer bytes = ByteBuffer.allocate(n * (dbl ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            if (dbl) {
                bytes.putDouble(b.get(i));
            } else {
                bytes.putFloat((float) b.get(i));
            }
        }
        out.write(bytes.array());
    }

    private static INDArray readArray(byte[] data, DataType type, long[] shape, String where) throws IOException {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        int width = type == DataType.DOUBLE ? 8 : type == DataType.FLOAT ? 4 : -1;
        if (width < 0 || data.length != n * width) {
            throw new IOException(where + ": " + data.length + " bytes do not hold " + type + " " + Arrays.toString(shape));
        }
        INDArray a = Nd4j.createUninitialized(type, shape);
        Buf b = Buf.of(a);
        ByteBuffer bytes = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.set(i, width == 8 ? bytes.getDouble() : bytes.getFloat());
        }
        return a;
    }

    private static String shapeText(long[] shape) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return s.toString();
    }

    private static long[] parseShape(String text) {
        if (text.isEmpty()) {
            return new long[0];
        }
        return Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
    }
}
