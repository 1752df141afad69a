package org.seqlab.experiment.train;

/**
 * A loss or decoder that needs the model itself and not only its scores: an attention beam
 * search runs the speller again step by step, and the step-by-step decoders' loss reads its
 * model's end class and the layout of a LAS model's packed scores. {@link org.seqlab.experiment.run.Components} binds it once the
 * model is built, so a mismatch (a beam search over a model without a speller) fails before
 * the run starts.
 */
public interface ModelBound<T> {
    /** This loss or decoder for {@code model}; throws a ConfigException when the model cannot serve it. */
    T bind(TaskModel model);

    /** {@code component} bound to {@code model} when it needs one, else itself. */
    @SuppressWarnings("unchecked")
    static <T> T bind(T component, TaskModel model) {
        return component instanceof ModelBound<?> b ? (T) b.bind(model) : component;
    }
}
