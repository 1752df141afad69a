package org.seqlab.bench;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.seqlab.display.Progress;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Kernel cold start as a notebook user meets it: from starting {@code ./seqlab kernel start}
 * (bash launcher, then the JVM) to the kernel_info reply, and to the reply of a first cell that
 * runs an ND4J op. Usage: {@code ./seqlab bench kernel [RUNS]} (default 5); prints each run and
 * the medians.
 */
public final class KernelBench {
    private static final Gson GSON = new Gson();
    private static final long REPLY_TIMEOUT_MILLIS = 120_000;
    private static final String ND4J_CELL = "Nd4j.create(new float[] {1, 2, 3}).mul(2).sumNumber()";

    private KernelBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = Path.of(System.getenv().getOrDefault("SEQLAB_ROOT", ".")).toAbsolutePath();
        Path launcher = root.resolve("seqlab");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher at " + launcher + "; run through ./seqlab bench kernel");
        }
        String loadBefore = loadAverage();
        List<double[]> results = new ArrayList<>();
        try (var bar = Progress.start("kernel cold starts", runs)) {
            for (int i = 0; i < runs; i++) {
                double[] r = coldStart(launcher);
                results.add(r);
                System.out.printf(Locale.ROOT, "run %d: ready %.0f ms, first ND4J cell %.0f ms%n", i + 1, r[0], r[1]);
                bar.step();
            }
        }
        double ready = median(results.stream().mapToDouble(r -> r[0]).toArray());
        double nd4j = median(results.stream().mapToDouble(r -> r[1]).toArray());
        System.out.printf(Locale.ROOT, "median of %d: ready %.0f ms (target < 2000), first ND4J cell result %.0f ms (target < 5000)%n",
                runs, ready, nd4j);
        System.out.println("machine: " + machine());
        // Other jobs on a shared machine inflate cold starts several-fold: say how busy it was.
        System.out.println("load average (1 min): " + loadBefore + " before, " + loadAverage() + " after");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Returns {ms to kernel_info_reply, ms to the first ND4J cell's execute_reply}. */
    private static double[] coldStart(Path launcher) throws Exception {
        String key = UUID.randomUUID().toString();
        int[] ports = freePorts(5);
        Path conn = Files.createTempFile("seqlab-bench-", ".json");
        Files.writeString(conn, GSON.toJson(Map.of(
                "transport", "tcp", "ip", "127.0.0.1", "signature_scheme", "hmac-sha256", "key", key,
                "shell_port", ports[0], "iopub_port", ports[1], "stdin_port", ports[2],
                "control_port", ports[3], "hb_port", ports[4])));
        Process kernel = null;
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket shell = ctx.createSocket(SocketType.DEALER);
            shell.setLinger(0);
            shell.connect("tcp://127.0.0.1:" + ports[0]);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

            long t0 = System.nanoTime();
            kernel = new ProcessBuilder(launcher.toString(), "kernel", "start", conn.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            send(shell, mac, "kernel_info_request", new JsonObject());
            awaitReply(shell, "kernel_info_reply", kernel);
            long t1 = System.nanoTime();

            JsonObject exec = new JsonObject();
            exec.addProperty("code", ND4J_CELL);
            exec.addProperty("silent", false);
            exec.addProperty("store_history", true);
            exec.add("user_expressions", new JsonObject());
            exec.addProperty("allow_stdin", false);
            exec.addProperty("stop_on_error", true);
            send(shell, mac, "execute_request", exec);
            JsonObject reply = awaitReply(shell, "execute_reply", kernel);
            long t2 = System.nanoTime();
            if (!"ok".equals(reply.get("status").getAsString())) {
                throw new IllegalStateException("the ND4J cell failed: " + reply);
            }
            return new double[] {(t1 - t0) / 1e6, (t2 - t0) / 1e6};
        } finally {
            if (kernel != null) {
                kernel.destroy();
                kernel.waitFor();
            }
            Files.deleteIfExists(conn);
        }
    }

    private static void send(ZMQ.Socket socket, Mac mac, String type, JsonObject content) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", "seqlab-bench");
        header.addProperty("username", "bench");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        byte[][] parts = {bytes(header.toString()), bytes("{}"), bytes("{}"), bytes(content.toString())};
        for (byte[] p : parts) {
            mac.update(p);
        }
        socket.sendMore("<IDS|MSG>");
        socket.sendMore(HexFormat.of().formatHex(mac.doFinal()));
        socket.sendMore(parts[0]);
        socket.sendMore(parts[1]);
        socket.sendMore(parts[2]);
        socket.send(parts[3]);
    }

    private static JsonObject awaitReply(ZMQ.Socket socket, String type, Process kernel) {
        long deadline = System.currentTimeMillis() + REPLY_TIMEOUT_MILLIS;
        socket.setReceiveTimeOut(200);
        while (System.currentTimeMillis() < deadline) {
            if (!kernel.isAlive()) {
                throw new IllegalStateException("the kernel exited with status " + kernel.exitValue());
            }
            byte[] first = socket.recv();
            if (first == null) {
                continue;
            }
            List<byte[]> frames = new ArrayList<>(List.of(first));
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv());
            }
            int delim = 0;
            while (!"<IDS|MSG>".equals(new String(frames.get(delim), StandardCharsets.UTF_8))) {
                delim++;
            }
            JsonObject header = GSON.fromJson(new String(frames.get(delim + 2), StandardCharsets.UTF_8), JsonObject.class);
            if (type.equals(header.get("msg_type").getAsString())) {
                return GSON.fromJson(new String(frames.get(delim + 5), StandardCharsets.UTF_8), JsonObject.class);
            }
        }
        throw new IllegalStateException("no " + type + " within " + REPLY_TIMEOUT_MILLIS + " ms");
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: the core count still says something
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", Java " + Runtime.version()
                + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS");
    }
}
