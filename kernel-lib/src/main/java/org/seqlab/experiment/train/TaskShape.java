package org.seqlab.experiment.train;

/**
 * What a model must fit: input features per step and output size. Datasets report it so that
 * a model in the registry is sized for any task without the spec repeating the numbers.
 *
 * @param outputs classes for classification and tagging, 1 for a real value, the vocabulary
 *     plus the blank (class 0) for transcription
 * @param task the task shape, which fixes the batch's {@link Target} type
 * @param classNames names of the classes (for per-class tables), empty for regression
 */
public record TaskShape(int inputDim, int outputs, Task task, java.util.List<String> classNames) {
    public TaskShape {
        classNames = classNames == null ? java.util.List.of() : java.util.List.copyOf(classNames);
    }
}
