package org.seqlab.nn;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;
import org.seqlab.io.AtomicFile;
import org.seqlab.optim.StatefulOptimizer;

/**
 * The one checkpoint format of Seqlab: a model's parameters and buffers, optionally an
 * optimizer's state, and optionally named text written by the caller (the experiment runner
 * keeps its counters and history there, so a killed run resumes to the same numbers).
 * It is a plain zip so that any language can read it without Seqlab or ND4J.
 *
 * <h2>Format, version 2</h2>
 * Entry {@code index.tsv} (UTF-8) lists everything else. Its first line is
 * {@code seqlab-checkpoint<TAB>2}; each further line is
 * {@code section<TAB>name<TAB>dtype<TAB>shape<TAB>entry}:
 * <ul>
 *   <li>{@code section}: {@code param} (a parameter), {@code buffer} (a state array that is not
 *       trained, e.g. batch norm's running statistics), {@code optim} (optimizer state) or
 *       {@code meta} (caller's text);</li>
 *   <li>{@code name}: the dotted path of the parameter or buffer ({@code encoder.0.w});
 *       optimizer state of the engine's optimizers is {@code <parameter path>#<slot>}
 *       ({@code head.w#m}; step counters are 1-element {@code DOUBLE} arrays); a meta name is
 *       a file-like name of letters, digits, {@code .}, {@code _} and {@code -}
 *       ({@code trainer.json});</li>
 *   <li>{@code dtype}: {@code FLOAT} or {@code DOUBLE} for arrays, {@code UTF8} for meta;</li>
 *   <li>{@code shape}: comma-separated sizes (empty for a scalar); for meta, the byte count;</li>
 *   <li>{@code entry}: the zip entry with the content: {@code arrays/N.bin} holds the elements in
 *       C order as raw little-endian IEEE 754 floats or doubles, {@code meta/NAME} the text.</li>
 * </ul>
 * Version 1 files (the same without meta) are still read. The version was raised with meta so
 * that an older reader stops at the header instead of at an unknown dtype.
 *
 * <h2>Guarantees</h2>
 * Saving writes a hidden temporary sibling through classic streams (a thread interrupt, such as
 * a notebook's stop button, does not abort the write), forces it to disk, then renames it
 * atomically over the target: a process killed at any moment leaves the previous checkpoint
 * intact, at worst beside a stale {@code .NAME.*.tmp}. Loading decodes and checks everything
 * first and names every missing, extra or mis-shaped array; if anything does not fit, the model
 * and the optimizer are left unchanged.
 */
public final class Checkpoint {
    private static final String MAGIC = "seqlab-checkpoint";
    private static final int VERSION = 2;
    private static final String INDEX = "index.tsv";
    private static final String PARAM = "param";
    private static final String BUFFER = "buffer";
    private static final String OPTIM = "optim";
    private static final String META = "meta";
    private static final Set<String> SECTIONS = Set.of(PARAM, BUFFER, OPTIM, META);
    private static final Pattern META_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Checkpoint() {}

    /** Saves parameters, buffers and (when not null) the optimizer's state. */
    public static void save(Path file, Module model, StatefulOptimizer optimizer) throws IOException {
        save(file, model, optimizer, Map.of());
    }

    /** As {@link #save(Path, Module, StatefulOptimizer)}, plus {@code metadata}: named UTF-8 texts. */
    public static void save(Path file, Module model, StatefulOptimizer optimizer, Map<String, String> metadata)
            throws IOException {
        for (String name : metadata.keySet()) {
            if (!META_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("checkpoint metadata name '" + name
                        + "' must be letters, digits, '.', '_' or '-' (like a file name)");
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFile.write(file, AtomicFile.Durability.SYNCED, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out))) {
                writeZip(zip, model, optimizer, metadata);
            }
        });
    }

    /**
     * Copies the saved values into {@code model}, and into {@code optimizer} when it is not null
     * (its state becomes the checkpoint's, which is empty for a checkpoint saved without one or
     * before the first step). Returns the metadata texts by name.
     */
    public static Map<String, String> load(Path file, Module model, StatefulOptimizer optimizer) throws IOException {
        Contents saved = read(file, true);
        Map<String, INDArray> params = new LinkedHashMap<>();
        model.parameters().forEach((n, p) -> params.put(n, p.value()));
        List<String> problems = new ArrayList<>();
        compare("parameter", params, saved.arrays(PARAM), problems);
        compare("buffer", model.buffers(), saved.arrays(BUFFER), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + " does not fit the model: " + String.join("; ", problems));
        }
        if (optimizer != null) {
            try {
                optimizer.loadStateArrays(saved.arrays(OPTIM));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " does not fit the optimizer: " + e.getMessage(), e);
            }
        }
        saved.arrays(PARAM).forEach((n, a) -> params.get(n).assign(a));
        saved.arrays(BUFFER).forEach((n, a) -> model.buffers().get(n).assign(a));
        return saved.meta();
    }

    /** The metadata texts by name, without decoding any array (to inspect a checkpoint before loading it). */
    public static Map<String, String> metadata(Path file) throws IOException {
        return read(file, false).meta();
    }

    private static void writeZip(ZipOutputStream zip, Module model, StatefulOptimizer optimizer,
                                 Map<String, String> metadata) throws IOException {
        Map<String, Map<String, INDArray>> sections = new LinkedHashMap<>();
        Map<String, INDArray> params = new LinkedHashMap<>();
        model.parameters().forEach((n, p) -> params.put(n, p.value()));
        sections.put(PARAM, params);
        sections.put(BUFFER, model.buffers());
        sections.put(OPTIM, optimizer == null ? Map.of() : optimizer.stateArrays());
        StringBuilder index = new StringBuilder(MAGIC + "\t" + VERSION + "\n");
        int counter = 0;
        for (var section : sections.entrySet()) {
            for (var e : section.getValue().entrySet()) {
                INDArray a = e.getValue();
                if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) {
                    throw new IllegalArgumentException(section.getKey() + " '" + e.getKey() + "' is "
                            + a.dataType() + "; checkpoints hold FLOAT or DOUBLE arrays");
                }
                String entry = "arrays/" + counter++ + ".bin";
                index.append(line(section.getKey(), e.getKey(), a.dataType().name(), shapeText(a.shape()), entry));
                zip.putNextEntry(new ZipEntry(entry));
                writeArray(zip, a);
                zip.closeEntry();
            }
        }
        for (var m : metadata.entrySet()) {
            byte[] text = m.getValue().getBytes(StandardCharsets.UTF_8);
            String entry = "meta/" + m.getKey();
            index.append(line(META, m.getKey(), "UTF8", Integer.toString(text.length), entry));
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(text);
            zip.closeEntry();
        }
        zip.putNextEntry(new ZipEntry(INDEX));
        zip.write(index.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String line(String section, String name, String dtype, String shape, String entry) {
        if (name.isEmpty() || name.contains("\t") || name.contains("\n")) {
            throw new IllegalArgumentException(section + " name '" + name + "' cannot be stored (empty, tab or newline)");
        }
        return section + '\t' + name + '\t' + dtype + '\t' + shape + '\t' + entry + '\n';
    }

    /** The decoded file: arrays by section and name, meta texts by name. */
    private record Contents(Map<String, Map<String, INDArray>> sections, Map<String, String> meta) {
        Map<String, INDArray> arrays(String section) {
            return sections.getOrDefault(section, Map.of());
        }
    }

    private static Contents read(Path file, boolean withArrays) throws IOException {
        // ZipFile reads through a RandomAccessFile, not an interruptible channel
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry indexEntry = zip.getEntry(INDEX);
            if (indexEntry == null) {
                throw new IOException(file + ": not a Seqlab checkpoint (no " + INDEX + ")");
            }
            String[] lines = new String(bytes(zip, indexEntry), StandardCharsets.UTF_8).split("\n");
            if (!lines[0].equals(MAGIC + "\t1") && !lines[0].equals(MAGIC + "\t" + VERSION)) {
                throw new IOException(file + ": unsupported checkpoint header '" + lines[0]
                        + "' (this Seqlab reads versions 1 and " + VERSION + ")");
            }
            Map<String, Map<String, INDArray>> sections = new LinkedHashMap<>();
            Map<String, String> meta = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String where = file + ": " + INDEX + " line " + (i + 1);
                String[] f = lines[i].split("\t", -1);
                if (f.length != 5) {
                    throw new IOException(where + " has " + f.length + " fields, expected 5");
                }
                if (!SECTIONS.contains(f[0])) {
                    throw new IOException(where + " has unknown section '" + f[0] + "' (expected one of " + SECTIONS + ")");
                }
                boolean known = f[0].equals(META) ? meta.containsKey(f[1])
                        : sections.getOrDefault(f[0], Map.of()).containsKey(f[1]);
                if (known) {
                    throw new IOException(where + " repeats " + f[0] + " '" + f[1] + "'");
                }
                ZipEntry entry = zip.getEntry(f[4]);
                if (entry == null) {
                    throw new IOException(where + " names missing entry " + f[4]);
                }
                if (f[0].equals(META)) {
                    byte[] text = bytes(zip, entry);
                    if (!f[2].equals("UTF8") || !f[3].equals(Integer.toString(text.length))) {
                        throw new IOException(where + ": meta '" + f[1] + "' must be UTF8 of " + text.length
                                + " bytes, the index says " + f[2] + " " + f[3]);
                    }
                    meta.put(f[1], new String(text, StandardCharsets.UTF_8));
                } else if (withArrays) {
                    sections.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                            .put(f[1], readArray(bytes(zip, entry), dtype(f[2], where), shape(f[3], where), where));
                }
            }
            return new Contents(sections, Collections.unmodifiableMap(meta));
        }
    }

    private static byte[] bytes(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
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
        int width = type == DataType.DOUBLE ? 8 : 4;
        if (data.length != n * width) {
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

    private static DataType dtype(String text, String where) throws IOException {
        if (text.equals("FLOAT")) {
            return DataType.FLOAT;
        }
        if (text.equals("DOUBLE")) {
            return DataType.DOUBLE;
        }
        throw new IOException(where + " has dtype '" + text + "', expected FLOAT or DOUBLE");
    }

    private static String shapeText(long[] shape) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return s.toString();
    }

    private static long[] shape(String text, String where) throws IOException {
        if (text.isEmpty()) {
            return new long[0];
        }
        try {
            long[] shape = Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
            for (long s : shape) {
                if (s < 0) {
                    throw new NumberFormatException();
                }
            }
            return shape;
        } catch (NumberFormatException e) {
            throw new IOException(where + " has shape '" + text + "', expected comma-separated sizes");
        }
    }
}
