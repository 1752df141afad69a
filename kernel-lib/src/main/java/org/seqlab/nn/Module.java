package org.seqlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;

/**
 * A piece of a model with named parameters and named sub-modules. Names compose into dotted
 * paths ({@code decoder.attention.w}), which checkpoints, freezing and parameter groups use,
 * so a path is a stable public identifier of a weight.
 */
public abstract class Module {
    private final Map<String, Parameter> ownParameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, INDArray> ownBuffers = new LinkedHashMap<>();
    private boolean training = true;
    private Module parent;
    private String nameInParent;

    /** Registers a parameter under {@code name}; called from subclass constructors. */
    protected final Parameter parameter(String name, INDArray initial) {
        checkName(name);
        Parameter p = new Parameter(name, initial);
        ownParameters.put(name, p);
        return p;
    }

    /**
     * Builds a module whose parameters get their shapes but no values: the module's own
     * constructor declares them, so {@link #parameterCount()} counts what the layer would
     * allocate, without allocating it. Such a module cannot run (its parameters' values throw);
     * it exists to be counted and summarised, e.g. the lecture's 16 x 10^8-weight dense layer.
     */
    public static <M extends Module> M declared(java.util.function.Supplier<M> build) {
        boolean outer = DECLARING.get();
        DECLARING.set(true);
        try {
            return build.get();
        } finally {
            DECLARING.set(outer);
        }
    }

    private static final ThreadLocal<Boolean> DECLARING = ThreadLocal.withInitial(() -> false);

    /** Registers a parameter drawn from {@code init}, which {@link #reinitialize} can draw again. */
    protected final Parameter parameter(String name, Initializer init, Rng rng, DataType type, long... shape) {
        checkName(name);
        Parameter p = DECLARING.get() ? new Parameter(name, init, type, shape) : new Parameter(name, init, rng, type, shape);
        ownParameters.put(name, p);
        return p;
    }

    /**
     * Registers a non-trained state array (batch norm's running statistics): saved in
     * checkpoints, never given to an optimizer. Returns {@code value}, updated in place by the module.
     */
    protected final INDArray buffer(String name, INDArray value) {
        checkName(name);
        ownBuffers.put(name, value);
        return value;
    }

    /** Every buffer of this module and its descendants, by dotted path. */
    public final Map<String, INDArray> buffers() {
        Map<String, INDArray> all = new LinkedHashMap<>();
        collectBuffers("", all);
        return Collections.unmodifiableMap(all);
    }

    private void collectBuffers(String prefix, Map<String, INDArray> into) {
        ownBuffers.forEach((n, b) -> into.put(prefix + n, b));
        children.forEach((n, m) -> m.collectBuffers(prefix + n + ".", into));
    }

    /**
     * Stops training every parameter whose dotted name starts with {@code prefix} (a pretrained
     * encoder in transfer learning); returns their names. No match is an error, naming what exists.
     */
    public final List<String> freeze(String prefix) {
        return setTrainable(prefix, false);
    }

    /** Undoes {@link #freeze(String)} for the parameters under {@code prefix}. */
    public final List<String> unfreeze(String prefix) {
        return setTrainable(prefix, true);
    }

    private List<String> setTrainable(String prefix, boolean on) {
        List<String> names = matching(prefix);
        names.forEach(n -> parameters().get(n).setTrainable(on));
        return names;
    }

    /** Gives fresh starting values to every parameter under {@code prefix} (a new head on an old body). */
    public final List<String> reinitialize(String prefix, Rng rng) {
        List<String> names = matching(prefix);
        names.forEach(n -> parameters().get(n).reinitialize(rng));
        return names;
    }

    private List<String> matching(String prefix) {
        List<String> names = new ArrayList<>();
        for (String n : parameters().keySet()) {
            if (n.startsWith(prefix)) {
                names.add(n);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no parameter name starts with '" + prefix + "'; names are "
                    + parameters().keySet());
        }
        return names;
    }

    /** Registers a sub-module under {@code name}; called from subclass constructors. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, module);
        Module m = module;
        m.parent = this;
        m.nameInParent = name;
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("module member name must be non-empty without dots: '" + name + "'");
        }
        if (ownParameters.containsKey(name) || children.containsKey(name) || ownBuffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate module member name '" + name + "' in " + getClass().getSimpleName());
        }
    }

    /** Every parameter of this module and its descendants, by dotted path, in registration order. */
    public final Map<String, Parameter> parameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        collect("", all);
        return Collections.unmodifiableMap(all);
    }

    private void collect(String prefix, Map<String, Parameter> into) {
        ownParameters.forEach((n, p) -> into.put(prefix + n, p));
        children.forEach((n, m) -> m.collect(prefix + n + ".", into));
    }

    /** The dotted path of this module from the root of its model ("" for the root), used in error messages. */
    public final String path() {
        if (parent == null) {
            return "";
        }
        String up = parent.path();
        return up.isEmpty() ? nameInParent : up + "." + nameInParent;
    }

    /** Direct sub-modules by name, in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Elements of every parameter of the subtree, from their shapes (so a {@link #declared} module counts too). */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters().values()) {
            n += p.length();
        }
        return n;
    }

    /** Training mode: dropout active, batch norm uses batch statistics. Applies to the whole subtree. */
    public Module train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode: deterministic forward pass. Applies to the whole subtree. */
    public Module eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean on) {
        training = on;
        children.values().forEach(c -> c.setTraining(on));
    }

    public final boolean isTraining() {
        return training;
    }
}
