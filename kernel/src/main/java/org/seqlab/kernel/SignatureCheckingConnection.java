package org.seqlab.kernel;

import java.lang.reflect.Field;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.Loop;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * jjava-jupyter rejects a message with a wrong HMAC by throwing from the channel's loop, which
 * kills the shell (or control) thread: one forged or corrupted message would leave the kernel
 * deaf. Here such messages are dropped with a log line and the channel keeps serving.
 */
final class SignatureCheckingConnection extends JupyterConnection {
    /** Pause after a dropped message, as the channel's own poll loop does between polls. */
    private static final long SLEEP_AFTER_DROP_MILLIS = 50;

    SignatureCheckingConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
    }

    @Override
    public void connect() {
        super.connect();
        dropBadSignatures(shell, "shell");
        dropBadSignatures(control, "control");
    }

    private static void dropBadSignatures(ShellChannel channel, String name) {
        Loop loop = loopOf(channel);
        loop.onError(t -> {
            if (t instanceof SecurityException) {
                SeqlabKernel.LOG.println("seqlab kernel: dropped a " + name + " message: " + t.getMessage());
                return SLEEP_AFTER_DROP_MILLIS;
            }
            SeqlabKernel.LOG.println("seqlab kernel: error on the " + name + " channel: " + t);
            t.printStackTrace(SeqlabKernel.LOG);
            return SLEEP_AFTER_DROP_MILLIS;
        });
    }

    private static Loop loopOf(ShellChannel channel) {
        try {
            Field f = ShellChannel.class.getDeclaredField("ioloop");
            f.setAccessible(true);
            Loop loop = (Loop) f.get(channel);
            if (loop == null) {
                throw new IllegalStateException("the channel is not bound yet");
            }
            return loop;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jjava-jupyter changed: ShellChannel.ioloop not found", e);
        }
    }
}
