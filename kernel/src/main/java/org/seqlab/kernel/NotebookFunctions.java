package org.seqlab.kernel;

import org.seqlab.display.Display;

/**
 * Functions IJava users call unqualified in a cell, statically imported at start. They live in
 * a compiled class rather than as JShell method snippets because each snippet costs a
 * compilation at kernel start.
 */
public final class NotebookFunctions {
    private NotebookFunctions() {}

    /** Shows a value; returns its display id for {@link #updateDisplay}. */
    public static String display(Object value) {
        return Display.showUpdatable(value);
    }

    /** Replaces the output shown under {@code displayId}. */
    public static void updateDisplay(String displayId, Object value) {
        Display.update(displayId, value);
    }

    /** Clears the running cell's output now. */
    public static void clearOutput() {
        SeqlabKernel.clearOutput(false);
    }

    /** Clears the running cell's output; with {@code wait}, only when the next output arrives. */
    public static void clearOutput(boolean wait) {
        SeqlabKernel.clearOutput(wait);
    }
}
