package org.seqlab.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A kernel start-up for the launcher to record a class-data-sharing archive from
 * ({@code java -XX:ArchiveClassesAtExit=...}): the JVM then maps the classes a cold start
 * loads (the kernel, jjava-jupyter, JeroMQ, javac, JShell, ND4J, Tablesaw) instead of parsing
 * and verifying them, which roughly halves the time to kernel_info and cuts about a second off
 * the first cell. It does what a real start does, binds the sockets on free loopback ports,
 * runs a cell with an ND4J op and renders a table, then exits normally so the archive is written.
 */
public final class CdsTraining {
    static final String CELL = """
            var t = Table.create("t", DoubleColumn.create("x", 1, 2));
            t.rowCount() + Nd4j.create(new float[] {1, 2, 3}).mul(2).sumNumber().doubleValue()
            """;

    private CdsTraining() {}

    public static void main(String[] args) throws Exception {
        int[] ports = freePorts(5);
        KernelConnectionProperties props = KernelConnectionProperties.parse(String.format(
                "{\"transport\": \"tcp\", \"ip\": \"127.0.0.1\", \"signature_scheme\": \"hmac-sha256\", \"key\": \"%s\","
                        + " \"shell_port\": %d, \"iopub_port\": %d, \"stdin_port\": %d, \"control_port\": %d, \"hb_port\": %d}",
                UUID.randomUUID(), ports[0], ports[1], ports[2], ports[3], ports[4]));
        SeqlabKernel kernel = new SeqlabKernel();
        SignatureCheckingConnection connection = new SignatureCheckingConnection(props);
        kernel.onStartup();
        kernel.startWarmUp();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        DisplayData value = kernel.eval(CELL);
        DisplayData table = kernel.eval("t");
        if (value == null || table == null) {
            throw new IllegalStateException("the training cell gave no result");
        }
        connection.close();
        kernel.onShutdown(false);
        System.exit(0);
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }
}
