package org.seqlab.display;

import java.util.Objects;
import java.util.UUID;

/**
 * One entry point for rich output from library code, so the same call shows a table or a
 * bar in a notebook and prints text on a terminal.
 */
public final class Display {
    private static volatile DisplaySink sink = new TextSink();

    private Display() {}

    /** Installed by the kernel at start-up; library code never calls this. */
    public static void install(DisplaySink newSink) {
        sink = Objects.requireNonNull(newSink, "sink");
    }

    public static DisplaySink sink() {
        return sink;
    }

    /** Shows a value once. */
    public static void show(Object value) {
        sink.show(value, null);
    }

    /** Shows a value that can later be replaced with {@link #update}; returns its display id. */
    public static String showUpdatable(Object value) {
        String id = UUID.randomUUID().toString();
        sink.show(value, id);
        return id;
    }

    public static void update(String displayId, Object value) {
        sink.update(value, displayId);
    }

    /** The default outside a kernel: text on standard output, no in-place updates. */
    static final class TextSink implements DisplaySink {
        @Override
        public void show(Object value, String displayId) {
            System.out.println(value);
        }

        @Override
        public void update(Object value, String displayId) {
            System.out.println(value);
        }

        @Override
        public boolean live() {
            return false;
        }
    }
}
