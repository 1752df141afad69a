package org.seqlab.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;
import org.seqlab.nn.Parameter;

/**
 * Updates parameters in place from their gradients, group by group, then clears the gradients.
 * Frozen parameters and parameters without a gradient are skipped. Per-parameter state
 * (moments, step counts) is named {@code <parameter path>#<slot>} so it can be checkpointed.
 */
public abstract class Optimizer {
    private final List<ParamGroup> groups;
    private final Map<Parameter, Map<String, INDArray>> state = new LinkedHashMap<>();
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private double factor = 1.0;

    protected Optimizer(List<ParamGroup> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("an optimizer needs at least one parameter group");
        }
        this.groups = List.copyOf(groups);
        Set<Parameter> seen = new HashSet<>();
        for (ParamGroup g : groups) {
            g.parameters().forEach((name, p) -> {
                if (!seen.add(p) || byName.put(name, p) != null) {
                    throw new IllegalArgumentException("parameter '" + name + "' is in more than one group");
                }
            });
        }
    }

    /** One update of every trainable parameter that has a gradient; gradients are then cleared. */
    public final void step() {
        for (ParamGroup g : groups) {
            for (Map.Entry<String, Parameter> e : g.parameters().entrySet()) {
                Parameter p = e.getValue();
                if (p.trainable() && p.grad() != null) {
                    INDArray value = p.value();
                    if (!Dense.isDense(value)) {
                        throw new IllegalStateException("parameter '" + e.getKey() + "' is not a dense array");
                    }
                    Map<String, INDArray> slots = state.computeIfAbsent(p, k -> new LinkedHashMap<>());
                    update(Buf.of(value), Buf.of(Dense.of(p.grad())), (int) value.length(), slots, value, g);
                }
                p.zeroGrad();
            }
        }
    }

    /** Clears every gradient without updating (e.g. after a skipped step). */
    public final void zeroGrad() {
        for (ParamGroup g : groups) {
            g.parameters().values().forEach(Parameter::zeroGrad);
        }
    }

    /**
     * Applies one update to {@code n} elements. {@code slots} is this parameter's state, created
     * on first use with {@link #slot}.
     */
    protected abstract void update(Buf param, Buf grad, int n, Map<String, INDArray> slots, INDArray value, ParamGroup group);

    /** A zero state array shaped like the parameter, created once. */
    protected static INDArray slot(Map<String, INDArray> slots, String name, INDArray like) {
        return slots.computeIfAbsent(name, k -> Nd4j.zeros(like.dataType(), like.shape()));
    }

    /** A per-parameter counter kept as a 1-element float64 array, incremented and returned. */
    protected static long increment(Map<String, INDArray> slots, String name) {
        INDArray c = slots.computeIfAbsent(name, k -> Nd4j.zeros(DataType.DOUBLE, 1));
        long next = (long) c.getDouble(0) + 1;
        c.putScalar(0, next);
        return next;
    }

    public final List<ParamGroup> groups() {
        return groups;
    }

    /** Sets every group's learning rate to its base rate times {@code factor} (what schedules call). */
    public final void setLearningRateFactor(double factor) {
        if (!(factor >= 0)) {
            throw new IllegalArgumentException("learning-rate factor must be >= 0, got " + factor);
        }
        this.factor = factor;
        groups.forEach(g -> g.scaleLearningRate(factor));
    }

    public final double learningRateFactor() {
        return factor;
    }

    /** The state arrays by {@code <parameter path>#<slot>}, for checkpoints (live references). */
    public final Map<String, INDArray> stateArrays() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        byName.forEach((name, p) -> {
            Map<String, INDArray> slots = state.get(p);
            if (slots != null) {
                slots.forEach((slot, a) -> out.put(name + "#" + slot, a));
            }
        });
        return out;
    }

    /**
     * Replaces the state with {@code arrays} (as produced by {@link #stateArrays()}); every name
     * must belong to a parameter of this optimizer, with the right shape.
     */
    public final void loadStateArrays(Map<String, INDArray> arrays) {
        Map<Parameter, Map<String, INDArray>> fresh = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        arrays.forEach((key, a) -> {
            int hash = key.lastIndexOf('#');
            Parameter p = hash < 0 ? null : byName.get(key.substring(0, hash));
            if (p == null) {
                problems.add("optimizer state '" + key + "' names no parameter of this optimizer");
                return;
            }
            String slot = key.substring(hash + 1);
            boolean counter = a.length() == 1 && a.dataType() == DataType.DOUBLE && !Arrays.equals(a.shape(), p.shape());
            if (!counter && !Arrays.equals(a.shape(), p.shape())) {
                problems.add("optimizer state '" + key + "' has shape " + Arrays.toString(a.shape())
                        + " but the parameter has " + Arrays.toString(p.shape()));
                return;
            }
            fresh.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(slot,
                    counter ? a.dup() : a.castTo(p.dtype()).dup('c'));
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        state.clear();
        state.putAll(fresh);
    }
}
