package org.seqlab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel on a Jupyter connection file: {@code java ... org.seqlab.kernel.KernelMain FILE}
 * (the kernelspec runs it through {@code ./seqlab kernel start FILE}).
 */
public final class KernelMain {
    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            System.err.println("seqlab kernel: cannot read connection file " + file.toAbsolutePath() + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        exitWithParent();
        KernelConnectionProperties props = KernelConnectionProperties.parse(json);
        SeqlabKernel kernel = new SeqlabKernel();
        SignatureCheckingConnection connection = new SignatureCheckingConnection(props);
        kernel.onStartup();
        kernel.startWarmUp();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        // ND4J and JShell leave non-daemon threads behind; the session is over.
        System.exit(0);
    }

    /**
     * A client that dies without a shutdown request (killed, or {@code jupyter run} exiting)
     * would orphan the kernel forever; Jupyter names its own process in JPY_PARENT_PID.
     */
    private static void exitWithParent() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || pid.isBlank()) {
            return;
        }
        Optional<ProcessHandle> parent;
        try {
            parent = ProcessHandle.of(Long.parseLong(pid.strip()));
        } catch (NumberFormatException e) {
            System.err.println("seqlab kernel: ignoring JPY_PARENT_PID=" + pid + " (not a process id)");
            return;
        }
        if (parent.isEmpty()) {
            Runtime.getRuntime().halt(0);
        }
        parent.get().onExit().thenRun(() -> {
            SeqlabKernel.LOG.println("seqlab kernel: parent process " + pid + " ended; exiting");
            Runtime.getRuntime().halt(0);
        });
    }
}
