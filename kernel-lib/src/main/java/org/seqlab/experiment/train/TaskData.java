package org.seqlab.experiment.train;

import java.util.Set;

/** A dataset opened for one run: its splits and the shape a model needs. */
public interface TaskData {
    Set<String> SPLITS = Set.of("train", "validation", "test");

    TaskShape shape();

    /** {@code name} is one of {@link #SPLITS}. */
    Split split(String name);
}
