package org.seqlab.data.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.audio.Audio;
import org.seqlab.audio.Resampler;
import org.seqlab.audio.Wav;

/**
 * Speech from the {@code espeak-ng} program (Debian package espeak-ng), the one place where the
 * generators run it, so that every corpus fails the same readable way when it is missing or
 * refuses a voice. It is run as a process, one utterance per call (about 15 ms each).
 */
public final class Espeak {
    static final String BINARY = "espeak-ng";
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
     * Mono samples at {@code sampleRate}: espeak-ng writes 22.05 kHz, which no corpus uses, so
     * every caller would otherwise resample.
     *
     * @param voice a voice with optional variant, such as {@code en-us+m3} or {@code fr-fr+f2}
     * @param speed words per minute (espeak-ng {@code -s}, 80-450)
     * @param pitch 0-99 (espeak-ng {@code -p})
     */
    public static float[] speak(String text, String voice, int speed, int pitch, int sampleRate) throws IOException {
        Path tmp = Files.createTempFile("seqlab-espeak", ".wav");
        try {
            run(List.of(BINARY, "-v", voice, "-s", String.valueOf(speed), "-p", String.valueOf(pitch), "-w", tmp.toString(),
                    "--", text));
            Audio a = Wav.read(tmp);
            return Resampler.resample(a.mono(), a.sampleRate(), sampleRate);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Runs {@code command} and returns its standard output. Failures name the command and carry
     * its standard error, since espeak-ng explains a bad voice only there.
     */
    static String run(List<String> command) throws IOException {
        String shown = String.join(" ", command);
        Path stderr = Files.createTempFile("seqlab-espeak", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(new ArrayList<>(command)).redirectError(stderr.toFile()).start();
            } catch (IOException e) {
                throw new IOException("cannot run " + shown + " (" + e.getMessage() + "); is " + command.get(0)
                        + " installed? Debian: sudo apt-get install espeak-ng", e);
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc;
            try {
                rc = p.waitFor();
            } catch (InterruptedException e) {
                p.destroy();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + shown, e);
            }
            if (rc != 0) {
                String err = new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8).strip();
                throw new IOException(shown + " failed (exit " + rc + "): " + (err.isEmpty() ? "nothing on stderr" : err));
            }
            return out;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }
}
