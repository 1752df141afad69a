package org.seqlab.nn;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The model table of the notebooks: one row per module (dotted path, type, output shape,
 * parameter counts of its subtree). Output shapes exist only after data flowed, so the summary
 * runs one forward pass on an example input (without gradients, in a memory scope) and records
 * what each module produced. {@link Sequential} and {@link Embedding} report their outputs;
 * other composite modules report theirs with {@link #observe(Module, Tensor)}.
 */
public final class Summary {
    private static final ThreadLocal<Map<Module, long[]>> RECORDING = new ThreadLocal<>();

    private Summary() {}

    /** Records {@code output}'s shape for {@code module} while a summary is running; otherwise does nothing. */
    public static void observe(Module module, Tensor output) {
        if (output != null) {
            observe(module, output.shape());
        }
    }

    /** For a layer whose output a fused operation never materialised: its shape. */
    public static void observe(Module module, long[] outputShape) {
        Map<Module, long[]> r = RECORDING.get();
        if (r != null) {
            r.put(module, outputShape);
        }
    }

    /** Summarises {@code layer} by running it on {@code example}. */
    public static Table of(Layer layer, Tensor example) {
        return of(layer, () -> observe(layer, layer.forward(example)));
    }

    /** Summarises {@code model}; {@code forwardPass} runs it once on an example input. */
    public static Table of(Module model, Runnable forwardPass) {
        Map<Module, long[]> shapes = new IdentityHashMap<>();
        RECORDING.set(shapes);
        try (var off = GradMode.off(); var scope = MemoryScope.open()) {
            forwardPass.run();
        } finally {
            RECORDING.remove();
        }
        Map<String, Module> rows = new LinkedHashMap<>();
        walk("(model)", model, rows);
        StringColumn path = StringColumn.create("layer");
        StringColumn type = StringColumn.create("type");
        StringColumn shape = StringColumn.create("output shape");
        LongColumn params = LongColumn.create("parameters");
        LongColumn trainable = LongColumn.create("trainable");
        rows.forEach((p, m) -> {
            path.append(p);
            type.append(m instanceof Layer l ? l.kind() : m.getClass().getSimpleName());
            long[] s = shapes.get(m);
            shape.append(s == null ? "" : Arrays.toString(s));
            params.append(m.parameterCount());
            trainable.append(m.parameters().values().stream().filter(Parameter::trainable)
                    .mapToLong(Parameter::length).sum());
        });
        return Table.create("summary", path, type, shape, params, trainable);
    }

    private static void walk(String path, Module m, Map<String, Module> rows) {
        rows.put(path, m);
        m.children().forEach((n, c) -> walk(path.equals("(model)") ? n : path + "." + n, c, rows));
    }
}
