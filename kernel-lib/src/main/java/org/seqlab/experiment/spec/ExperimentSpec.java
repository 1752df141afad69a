package org.seqlab.experiment.spec;

/**
 * A whole experiment as one immutable value. Built in Java through
 * {@link org.seqlab.experiment.Experiment} or read from YAML; {@link Schema#resolve} checks it
 * against the registry and spells out every default, and resolved specs are equal exactly when
 * they describe the same experiment.
 */
public record ExperimentSpec(String name, DataSpec data, Choice model, Choice loss, Choice decoder,
                             TrainSpec train, EvalSpec evaluate) {

    public ExperimentSpec withName(String n) {
        return new ExperimentSpec(n, data, model, loss, decoder, train, evaluate);
    }

    public ExperimentSpec withData(DataSpec d) {
        return new ExperimentSpec(name, d, model, loss, decoder, train, evaluate);
    }

    public ExperimentSpec withModel(Choice m) {
        return new ExperimentSpec(name, data, m, loss, decoder, train, evaluate);
    }

    public ExperimentSpec withLoss(Choice l) {
        return new ExperimentSpec(name, data, model, l, decoder, train, evaluate);
    }

    public ExperimentSpec withDecoder(Choice d) {
        return new ExperimentSpec(name, data, model, loss, d, train, evaluate);
    }

    public ExperimentSpec withTrain(TrainSpec t) {
        return new ExperimentSpec(name, data, model, loss, decoder, t, evaluate);
    }

    public ExperimentSpec withEvaluate(EvalSpec e) {
        return new ExperimentSpec(name, data, model, loss, decoder, train, e);
    }
}
