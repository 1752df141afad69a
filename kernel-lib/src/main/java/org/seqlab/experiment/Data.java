package org.seqlab.experiment;

import org.seqlab.experiment.spec.DataSpec;

/** Starting point for the data section: {@code Data.corpus("adding").with("length", 50).trainFraction(0.25)}. */
public final class Data {
    private Data() {}

    public static DataSpec corpus(String name) {
        return DataSpec.corpus(name);
    }
}
