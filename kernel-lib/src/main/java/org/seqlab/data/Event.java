package org.seqlab.data;

/** A labelled sound event inside a clip, in seconds from the clip's start (a DCASE "strong" label). */
public record Event(double onset, double offset, String label) {
    public Event {
        if (!(offset >= onset) || onset < 0) {
            throw new IllegalArgumentException("event '" + label + "' has onset " + onset + " and offset " + offset);
        }
    }

    public double duration() {
        return offset - onset;
    }
}
