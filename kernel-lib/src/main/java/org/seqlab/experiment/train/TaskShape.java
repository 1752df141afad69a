package org.seqlab.experiment.train;

/**
 * What a model must fit: input features per step and output size. Datasets report it so that
 * a model in the registry is sized for any task without the spec repeating the numbers.
 *
 * @param outputs classes for classification targets, 1 for a real value
 * @param classNames names of the classes (for per-class tables), empty for regression
 */
public record TaskShape(int inputDim, int outputs, Target target, java.util.List<String> classNames) {
    public TaskShape {
        classNames = classNames == null ? java.util.List.of() : java.util.List.copyOf(classNames);
    }
}
