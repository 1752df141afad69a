package org.seqlab.experiment.spec;

/** The value kinds a configuration key can take; each has one normalised Java type so specs compare equal. */
public enum ParamType {
    /** Normalised to {@link Integer}. */
    INT("an integer"),
    /** Normalised to {@link Long}; seeds and counts that may exceed int. */
    LONG("an integer"),
    /** Normalised to {@link Double}; integers are accepted and widened. */
    DOUBLE("a number"),
    BOOL("true or false"),
    STRING("a string"),
    /** A string from a fixed set of choices. */
    ENUM("one of the choices"),
    /** Normalised to an unmodifiable {@code List<Integer>}. */
    INT_LIST("a list of integers"),
    /** Normalised to an unmodifiable {@code List<String>}; numbers and booleans are kept as their text. */
    STRING_LIST("a list of strings"),
    /** A {@code [low, high]} pair with low <= high, normalised to an unmodifiable {@code List<Double>}. */
    RANGE("a range [low, high] with low <= high"),
    /** A nested spec: a map with a {@code name} (a feature extractor inside another); read by its own declaration. */
    SPEC("a map with a 'name'");

    private final String description;

    ParamType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
