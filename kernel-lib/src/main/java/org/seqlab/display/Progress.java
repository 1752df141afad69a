package org.seqlab.display;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A progress bar for every long loop (training, feature extraction, corpus generation).
 * The same calls draw a bar updated in place in a notebook and a carriage-return bar on a
 * terminal; the kernel decides which by the {@link DisplaySink} it installs.
 *
 * <pre>{@code
 * try (var bar = Progress.start("epoch 3", batches)) {
 *     for (...) { ...; bar.step(); bar.status("loss=%.3f", loss); }
 * }
 * }</pre>
 *
 * Each {@code step} also checks the thread's interrupt flag, so a kernel interrupt stops a
 * long loop at the next step with {@link ProgressInterruptedException}.
 */
public final class Progress implements AutoCloseable {
    /** Redraws at most this often so that fast loops are not slowed by output. */
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final String displayId;
    private final boolean live;
    private final PrintStream terminal;
    private long done;
    private String status = "";
    private long lastDraw;
    private boolean closed;

    private Progress(String label, long total) {
        this.label = label;
        this.total = total;
        DisplaySink sink = Display.sink();
        this.live = sink.live();
        this.terminal = live ? null : System.err;
        this.displayId = live ? Display.showUpdatable(new Snapshot(label, 0, total, "", Duration.ZERO, false)) : null;
    }

    /** Starts a bar over {@code total} steps; {@code total <= 0} means unknown length. */
    public static Progress start(String label, long total) {
        return new Progress(label, total);
    }

    public void step() {
        advance(1);
    }

    public void advance(long n) {
        if (Thread.currentThread().isInterrupted()) {
            throw new ProgressInterruptedException(label, done);
        }
        done += n;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS || (total > 0 && done >= total)) {
            lastDraw = now;
            draw(false);
        }
    }

    /** Text shown after the bar, such as the running loss. */
    public void status(String format, Object... args) {
        this.status = String.format(Locale.ROOT, format, args);
    }

    public long done() {
        return done;
    }

    public Snapshot snapshot() {
        return new Snapshot(label, done, total, status, Duration.ofNanos(System.nanoTime() - startNanos), closed);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        draw(true);
    }

    private void draw(boolean last) {
        Snapshot s = snapshot();
        if (live) {
            Display.update(displayId, s);
        } else {
            terminal.print("\r" + s.line(40) + (last ? "\n" : ""));
            terminal.flush();
        }
    }

    /** One drawing of the bar; renders as HTML in a notebook and as a text line elsewhere. */
    public record Snapshot(String label, long done, long total, String status, Duration elapsed, boolean finished)
            implements HtmlRenderable {

        public double fraction() {
            return total > 0 ? Math.min(1.0, (double) done / total) : 0.0;
        }

        /** Estimated time left, or null when the length is unknown or nothing is done yet. */
        public Duration eta() {
            if (total <= 0 || done == 0 || done >= total) {
                return null;
            }
            return Duration.ofNanos((long) (elapsed.toNanos() * (double) (total - done) / done));
        }

        public String line(int width) {
            StringBuilder b = new StringBuilder(label).append(' ');
            if (total > 0) {
                int filled = (int) Math.round(fraction() * width);
                b.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
                b.append(done).append('/').append(total);
            } else {
                b.append(done);
            }
            b.append(' ').append(format(elapsed));
            Duration eta = eta();
            if (eta != null) {
                b.append(" eta ").append(format(eta));
            }
            if (!status.isEmpty()) {
                b.append(' ').append(status);
            }
            return b.toString();
        }

        @Override
        public String toHtml() {
            int pct = (int) Math.round(fraction() * 100);
            Duration eta = eta();
            return "<div class=\"seqlab-progress\" style=\"font-family:monospace\">"
                    + escape(label) + " "
                    + "<progress max=\"100\" value=\"" + (total > 0 ? pct : "") + "\" style=\"width:40%\"></progress> "
                    + done + (total > 0 ? "/" + total : "") + " " + format(elapsed)
                    + (eta != null ? " eta " + format(eta) : "")
                    + (status.isEmpty() ? "" : " " + escape(status))
                    + "</div>";
        }

        @Override
        public String toString() {
            return line(40);
        }

        private static String format(Duration d) {
            long s = d.toSeconds();
            return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
