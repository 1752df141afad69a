package org.seqlab.metrics.sed;

/**
 * One sound event, as a row of a DCASE TSV file: an audio file's name, onset and offset in
 * seconds from the file's start, and the class label. Both sed_eval and psds_eval take events in
 * this form; an event with {@code onset == offset} is allowed (it occupies no time). Inside one
 * clip, corpora and models use {@link org.seqlab.data.Event} (no file name); {@link #in} and
 * {@link #inClip} convert between the two.
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

    /** The row for a clip's strong label {@code e} in audio file {@code file}. */
    public static Event in(String file, org.seqlab.data.Event e) {
        return new Event(file, e.onset(), e.offset(), e.label());
    }

    /** This event inside its clip, without the file name. */
    public org.seqlab.data.Event inClip() {
        return new org.seqlab.data.Event(onset, offset, label);
    }

    /** Offset minus onset, in seconds. */
    public double length() {
        return offset - onset;
    }
}
