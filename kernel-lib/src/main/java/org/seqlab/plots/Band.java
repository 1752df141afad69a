package org.seqlab.plots;

/** The spread drawn around a mean over seeds: none, one standard deviation, or the 95% CI (Student t). */
public enum Band {
    NONE, STD, CI95
}
