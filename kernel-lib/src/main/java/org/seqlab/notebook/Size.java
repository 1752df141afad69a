package org.seqlab.notebook;

import java.util.Locale;

/**
 * The one size setting every notebook reads, so the same notebook runs in seconds under the
 * test command, in minutes for the default report and at full size for the committed results.
 * It comes from the environment variable {@code SEQLAB_SIZE}, which {@code ./seqlab reproduce}
 * sets ({@code --smoke}, default, {@code --full}); unset means {@link #DEFAULT}.
 *
 * <pre>{@code int epochs = Size.current().pick(1, 5, 30);}</pre>
 */
public enum Size {
    SMOKE, DEFAULT, FULL;

    public static final String VARIABLE = "SEQLAB_SIZE";

    public static Size current() {
        return parse(System.getenv(VARIABLE));
    }

    /** Parses a size name; null or blank means {@link #DEFAULT}. */
    public static Size parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + value + " is not a size: use smoke, default or full");
        }
    }

    /** Picks the value for this size. */
    public <T> T pick(T smoke, T dflt, T full) {
        return switch (this) {
            case SMOKE -> smoke;
            case DEFAULT -> dflt;
            case FULL -> full;
        };
    }

    public int pick(int smoke, int dflt, int full) {
        return switch (this) {
            case SMOKE -> smoke;
            case DEFAULT -> dflt;
            case FULL -> full;
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
