package org.seqlab.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqlab.nn.Parameter;

/**
 * Parameters sharing a learning rate and weight decay (e.g. a pretrained encoder trained ten
 * times slower than a new head). Names are dotted model paths; checkpoints of the optimizer
 * state use them.
 */
public final class ParamGroup {
    private final Map<String, Parameter> parameters;
    private final double baseLearningRate;
    private final double weightDecay;
    private double learningRate;

    public ParamGroup(Map<String, Parameter> parameters, double learningRate, double weightDecay) {
        if (!(learningRate >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("learning rate and weight decay must be >= 0, got "
                    + learningRate + " and " + weightDecay);
        }
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.baseLearningRate = learningRate;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** The learning rate in effect now (the base rate times the schedule's factor). */
    public double learningRate() {
        return learningRate;
    }

    /** The rate the group was created with; schedules scale it. */
    public double baseLearningRate() {
        return baseLearningRate;
    }

    public double weightDecay() {
        return weightDecay;
    }

    void scaleLearningRate(double factor) {
        learningRate = baseLearningRate * factor;
    }
}
