package org.seqlab.display;

/**
 * Where {@link Display} sends rich output. The Jupyter kernel installs one that emits
 * display_data messages; outside a kernel the default prints text.
 */
public interface DisplaySink {
    /** Shows {@code value}; when {@code displayId} is non-null a later {@link #update} replaces it in place. */
    void show(Object value, String displayId);

    /** Replaces the output previously shown under {@code displayId}. */
    void update(Object value, String displayId);

    /** True when output can be replaced in place (a notebook), false for a plain stream. */
    boolean live();
}
