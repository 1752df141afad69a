package org.seqlab.display;

/**
 * Thrown by {@link Progress#step()} when the running thread was interrupted (a kernel
 * interrupt or Ctrl-C), so long loops stop at a step boundary where state is consistent.
 */
public class ProgressInterruptedException extends RuntimeException {
    public ProgressInterruptedException(String label, long done) {
        super("interrupted: " + label + " stopped after " + done + " steps");
    }
}
