package org.seqlab.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A piece of a model with named parameters and named sub-modules. Names compose into dotted
 * paths ({@code decoder.attention.w}), which checkpoints, freezing and parameter groups use,
 * so a path is a stable public identifier of a weight.
 */
public abstract class Module {
    private final Map<String, Parameter> ownParameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers a parameter under {@code name}; called from subclass constructors. */
    protected final Parameter parameter(String name, INDArray initial) {
        checkName(name);
        Parameter p = new Parameter(name, initial);
        ownParameters.put(name, p);
        return p;
    }

    /** Registers a sub-module under {@code name}; called from subclass constructors. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("module member name must be non-empty without dots: '" + name + "'");
        }
        if (ownParameters.containsKey(name) || children.containsKey(name)) {
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

    /** Direct sub-modules by name, in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters().values()) {
            n += p.value().length();
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
