package org.seqlab.kernel;

import java.util.List;

/**
 * A cell failure as Jupyter shows it: {@code ename} is the Java exception class (or
 * CompilationError / Interrupted), {@code traceback} the readable lines under it.
 */
final class CellError extends RuntimeException {
    private final String ename;
    private final List<String> traceback;

    CellError(String ename, String evalue, List<String> traceback) {
        super(evalue);
        this.ename = ename;
        this.traceback = List.copyOf(traceback);
    }

    String ename() {
        return ename;
    }

    String evalue() {
        return getMessage() == null ? "" : getMessage();
    }

    List<String> traceback() {
        return traceback;
    }
}
