package org.seqlab.data.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.audio.Audio;
import org.seqlab.audio.Wav;

/**
 * Speech from the {@code espeak-ng} program (Debian package espeak-ng). It is run as a
 * process, one utterance per call (about 15 ms each), writing a 22.05 kHz WAV.
 */
public final class Espeak {
    private static final String BINARY = "espeak-ng";
    private static String version;

    private Espeak() {
    }

    /** The installed version, part of speech corpora's recipes since voices change between versions. */
    public static synchronized String version() throws IOException {
        if (version == null) {
            version = run(List.of(BINARY, "--version")).strip();
        }
        return version;
    }

    /**
     * @param voice a voice with optional variant, such as {@code en-us+m3} or {@code fr-fr+f2}
     * @param speed words per minute (espeak-ng {@code -s}, 80-450)
     * @param pitch 0-99 (espeak-ng {@code -p})
     */
    public static Audio speak(String text, String voice, int speed, int pitch) throws IOException {
        Path tmp = Files.createTempFile("seqlab-espeak", ".wav");
        try {
            run(List.of(BINARY, "-v", voice, "-s", String.valueOf(speed), "-p", String.valueOf(pitch), "-w", tmp.toString(),
                    "--", text));
            return Wav.read(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String run(List<String> command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run espeak-ng (" + e.getMessage()
                    + "); install the Debian package: sudo apt-get install espeak-ng", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        try {
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IOException("espeak-ng failed (exit " + rc + ") for " + command + ": " + out.strip());
            }
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running espeak-ng", e);
        }
        return out;
    }
}
