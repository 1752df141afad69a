package org.seqlab.experiment.builtin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.experiment.train.Optimizer;

/** The trainer's view of an engine optimizer: absolute learning rates become factors of the base rate. */
final class EngineOptimizer implements Optimizer {
    private final org.seqlab.optim.Optimizer engine;
    private final double base;

    EngineOptimizer(org.seqlab.optim.Optimizer engine, double base) {
        this.engine = engine;
        this.base = base;
    }

    @Override
    public void step() {
        engine.step();
    }

    @Override
    public void zeroGrad() {
        engine.zeroGrad();
    }

    @Override
    public void setLearningRate(double rate) {
        engine.setLearningRateFactor(rate / base);
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        engine.stateArrays().forEach((k, v) -> copy.put(k, v.dup()));
        return copy;
    }

    @Override
    public void loadState(Map<String, INDArray> state) {
        engine.loadStateArrays(state);
    }
}
