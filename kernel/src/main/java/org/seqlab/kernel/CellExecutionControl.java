package org.seqlab.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in the kernel's own JVM so that results stay Java objects (a Table or Figure
 * can be rendered, not only its toString), each snippet on its own thread so that an interrupt
 * can stop it: first politely ({@link Thread#interrupt()}, which {@code Progress.step} honours),
 * then, for a busy loop that never checks, with {@link Thread#stop()} as JShell's own local
 * engine does. The JShell state (classes, variables) lives outside the thread and survives.
 */
final class CellExecutionControl extends DirectExecutionControl {
    /** How long a cell gets to notice {@link Thread#interrupt()} before it is stopped. */
    static final long POLITE_STOP_MILLIS = 700;
    private static final String KEY_PREFIX = "seqlab-result-";

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong threadNumbers = new AtomicLong();
    private final ClassLoader snippetLoader;
    private volatile Thread running;
    private volatile boolean inCell;
    private volatile boolean interrupted;

    CellExecutionControl() {
        super();
        // DirectExecutionControl's default loader delegate installs its class loader as the
        // creating thread's context loader; snippet threads need the same one.
        this.snippetLoader = Thread.currentThread().getContextClassLoader();
    }

    static ExecutionControlProvider provider(CellExecutionControl control) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "seqlab";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                value[0] = doitMethod.invoke(null);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "seqlab-cell-" + threadNumbers.incrementAndGet());
        t.setContextClassLoader(snippetLoader);
        t.start();
        running = t;
        if (interrupted) {
            // The interrupt came while JShell was compiling this snippet.
            stopSoon(t);
        }
        try {
            t.join();
        } finally {
            running = null;
        }
        Throwable f = failure[0];
        if (f instanceof InvocationTargetException ite) {
            throw ite;
        }
        if (f instanceof ThreadDeath) {
            throw new InvocationTargetException(f);
        }
        if (f instanceof Exception e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (value[0] == null) {
            return "null"; // as DirectExecutionControl.valueString: JShell fails on a null value string
        }
        String key = KEY_PREFIX + keys.incrementAndGet();
        results.put(key, value[0]);
        return key;
    }

    /** The object behind a value string returned by {@link #invoke}, removed so it can be collected. */
    Object takeResult(String key) {
        return key == null ? null : results.remove(key);
    }

    boolean isResultKey(String key) {
        return key != null && key.startsWith(KEY_PREFIX);
    }

    /** Marks the start of a cell: an interrupt from now on stops it, even between snippets. */
    void beginCell() {
        interrupted = false;
        inCell = true;
    }

    void endCell() {
        inCell = false;
    }

    /** True when the current cell was interrupted; it then runs no further snippet. */
    boolean interrupted() {
        return interrupted;
    }

    /**
     * Interrupts the running cell: the snippet thread is interrupted and, if it has not
     * finished within {@link #POLITE_STOP_MILLIS}, stopped. Returns at once; the stop happens
     * on a helper thread so the interrupt reply is not delayed. An interrupt while no cell
     * runs is ignored so that it cannot kill the next cell.
     */
    void interruptRunning() {
        if (!inCell) {
            return;
        }
        interrupted = true;
        Thread t = running;
        if (t != null) {
            stopSoon(t);
        }
    }

    private static void stopSoon(Thread t) {
        t.interrupt();
        Thread stopper = new Thread(() -> {
            try {
                t.join(POLITE_STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                forceStop(t);
            }
        }, "seqlab-cell-stopper");
        stopper.setDaemon(true);
        stopper.start();
    }

    @Override
    public void stop() {
        interruptRunning();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void forceStop(Thread t) {
        t.stop();
    }
}
