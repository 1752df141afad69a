package org.seqlab.metrics.sed;

/**
 * One sound event, as a row of a DCASE TSV file: an audio file's name, onset and offset in
 * seconds from the file's start, and the class label. Both sed_eval and psds_eval take events in
 * this form; an event with {@code onset == offset} is allowed (it occupies no time).
 */
public record Event(String file, double onset, double offset, String label) {
    public Event {
        if (file == null || file.isEmpty() || label == null || label.isEmpty()) {
            throw new IllegalArgumentException("an event needs a file name and a label: " + file + " " + label);
        }
        if (!(onset >= 0) || !(offset >= onset) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("event times must satisfy 0 <= onset <= offset < inf, got "
                    + onset + ".." + offset + " (" + file + ", " + label + ")");
        }
    }

    /** Offset minus onset, in seconds. */
    public double length() {
        return offset - onset;
    }
}
