package org.seqlab.kernel;

import java.nio.charset.StandardCharsets;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;

/** Opens JupyterIO's attach/detach to the kernel, which runs its own execute handler. */
final class KernelIO extends JupyterIO {
    KernelIO() {
        super(StandardCharsets.UTF_8);
    }

    private volatile ShellReplyEnvironment current;

    void attach(ShellReplyEnvironment env, boolean stdinAllowed) {
        current = env;
        setEnv(env);
        setJupyterInEnabled(stdinAllowed);
    }

    void detach(ShellReplyEnvironment env) {
        if (current == env) {
            current = null;
        }
        retractEnv(env);
    }

    /** Clears the running cell's output (after flushing what it printed); no-op between cells. */
    void clearOutput(boolean wait) {
        ShellReplyEnvironment env = current;
        if (env != null) {
            out.flush();
            err.flush();
            env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
        }
    }
}
