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
 *
 * <p>Progress settles: a finished bar is drawn as one line without a bar, the bars of one
 * training run ({@link #run}) share one output that ends as the run's one-line summary, and a grid
 * of runs ({@link #grid}) shows one overall bar (runs done / total, time left) above one line per
 * finished run. A report of a notebook that trained hundreds of epochs in one cell thus shows a
 * few lines there, never a bar per epoch (issue 13: 1128 finished bars in one cell).
 * <pre>{@code
 * try (var grid = Progress.grid("lag sweep", specs.size())) {
 *     for (var s : specs) {
 *         try (var run = Progress.run(s.name())) {   // epoch bars inside share one output
 *             ...; run.settle("accuracy 0.91");        // the output becomes one line
 *         }                                           // and the grid advances
 *     }
 * }
 * }</pre>
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
    /** The run whose output this bar draws into, or null for a bar of its own. */
    private final Run run;
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
        this.run = RUN.get();
        Snapshot first = new Snapshot(label, 0, total, "", Duration.ZERO, false);
        this.displayId = !live ? null : run != null ? run.show(first) : Display.showUpdatable(first);
    }

    private static final ThreadLocal<Run> RUN = new ThreadLocal<>();
    private static final ThreadLocal<Grid> GRID = new ThreadLocal<>();

    /**
     * Opens a training run on this thread: the bars started until it closes (one per epoch) draw
     * into one output, which {@link Run#settle} replaces by one line. Inside a {@link #grid}, a
     * settled run advances the grid's bar.
     */
    public static Run run(String label) {
        return new Run(label);
    }

    /** Opens a grid of {@code total} runs on this thread: one overall bar, then one line per run. */
    public static Grid grid(String label, int total) {
        return new Grid(label, total);
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

    /** A training run's share of the output: see {@link #run(String)}. */
    public static final class Run implements AutoCloseable {
        private final String label;
        private final long startNanos = System.nanoTime();
        private final boolean live = Display.sink().live();
        private final Run previous = RUN.get();
        private final Grid grid = GRID.get();
        private String slot;
        private boolean settled;

        private Run(String label) {
            this.label = label;
            RUN.set(this);
        }

        private String show(Object value) {
            if (slot == null) {
                slot = Display.showUpdatable(value);
            } else {
                Display.update(slot, value);
            }
            return slot;
        }

        /** Ends the run's output as one line: its label, its time and {@code summary} (final metrics). */
        public void settle(String summary) {
            if (settled) {
                return;
            }
            settled = true;
            Settled line = new Settled(label, Duration.ofNanos(System.nanoTime() - startNanos), summary, true);
            if (live) {
                show(line);
            } else {
                System.err.println(line);
            }
            if (grid != null) {
                grid.runDone();
            }
        }

        /** Settles as unfinished when {@link #settle} was not called (an exception or interrupt). */
        @Override
        public void close() {
            if (!settled) {
                settle("did not finish");
            }
            if (RUN.get() == this) {
                RUN.set(previous);
            }
        }
    }

    /** Runs of a sweep or of several seeds: see {@link #grid(String, int)}. */
    public static final class Grid implements AutoCloseable {
        private final String label;
        private final int total;
        private final long startNanos = System.nanoTime();
        private final boolean live = Display.sink().live();
        private final Grid previous = GRID.get();
        private final String id;
        private int done;
        private boolean closed;
        private String status = "runs";
        private long lastDraw;
        /** Characters of the status line last drawn on a terminal, to blank it before the next line. */
        private int drawn;

        private Grid(String label, int total) {
            this.label = label;
            this.total = total;
            GRID.set(this);
            this.id = live ? Display.showUpdatable(snapshot()) : null;
        }

        public int done() {
            return done;
        }

        /** The overall bar: runs done out of the total, with the time left estimated from runs so far. */
        public Snapshot snapshot() {
            return new Snapshot(label, done, total, status, Duration.ofNanos(System.nanoTime() - startNanos), closed);
        }

        /**
         * What the runs in flight are doing, shown after the overall bar in a notebook (redrawn at
         * most every 200 ms); used when runs train in other processes and draw no bars here.
         */
        public void status(String text) {
            status = text;
            long now = System.nanoTime();
            if (now - lastDraw < (live ? REDRAW_NANOS : 5 * REDRAW_NANOS)) {
                return;
            }
            lastDraw = now;
            if (live) {
                Display.update(id, snapshot());
            } else {
                String line = snapshot().line(20);
                line = line.length() > 200 ? line.substring(0, 200) : line;
                System.err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
                System.err.flush();
                drawn = line.length();
            }
        }

        /** A run that trained elsewhere (another process) finished: its one line, and the bar advances. */
        public void settled(Settled line) {
            if (live) {
                Display.show(line);
            } else {
                System.err.println((drawn > 0 ? "\r" + " ".repeat(drawn) + "\r" : "") + line);
                drawn = 0;
            }
            status = "runs";
            runDone();
        }

        private void runDone() {
            done++;
            if (live) {
                Display.update(id, snapshot());
            } else {
                System.err.println(snapshot().line(40));
            }
        }

        /** The bar settles to one line: how many runs ran, in how long. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (live) {
                Display.update(id, new Settled(label, Duration.ofNanos(System.nanoTime() - startNanos),
                        done + "/" + total + " runs", done == total));
            }
            if (GRID.get() == this) {
                GRID.set(previous);
            }
        }
    }

    /** A settled run or grid: one line, no bar. */
    public record Settled(String label, Duration elapsed, String summary, boolean complete) implements HtmlRenderable {
        @Override
        public String toHtml() {
            return "<div class=\"seqlab-progress seqlab-settled\" style=\"font-family:monospace\">"
                    + (complete ? "&#10003; " : "") + Snapshot.escape(label) + " &middot; " + Snapshot.format(elapsed)
                    + (summary.isEmpty() ? "" : " &middot; " + Snapshot.escape(summary)) + "</div>";
        }

        @Override
        public String toString() {
            return label + " | " + Snapshot.format(elapsed) + (summary.isEmpty() ? "" : " | " + summary);
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

        /** A running bar as a {@code <progress>} element; a finished one as one line without a bar. */
        @Override
        public String toHtml() {
            if (finished) {
                return "<div class=\"seqlab-progress seqlab-settled\" style=\"font-family:monospace\">"
                        + "&#10003; " + escape(label) + " " + done + (total > 0 ? "/" + total : "") + " "
                        + format(elapsed) + (status.isEmpty() ? "" : " " + escape(status)) + "</div>";
            }
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

        static String format(Duration d) {
            long s = d.toSeconds();
            return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }

        static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
