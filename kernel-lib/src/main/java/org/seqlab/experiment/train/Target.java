package org.seqlab.experiment.train;

/** What a task asks the model to predict, which decides how outputs line up with labels. */
public enum Target {
    /** One class per sequence (many-to-one): labels has one entry per example. */
    SEQUENCE_CLASS,
    /** One class per time step (many-to-many, language models): labels has one entry per step, -1 where padded. */
    STEP_CLASS,
    /** One real value per sequence (the adding problem): values has one entry per example. */
    SEQUENCE_VALUE
}
