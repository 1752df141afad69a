package org.seqlab.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FLAC files are made by sox (a Debian package Seqlab needs anyway) from WAVs we wrote. */
class FlacTest {
    @TempDir
    Path dir;

    static boolean haveSox() {
        return Files.isExecutable(Path.of("/usr/bin/sox"));
    }

    static Path soxFlac(Path dir, Audio audio, int bits) throws Exception {
        Path wav = dir.resolve("src" + bits + ".wav");
        Wav.write(wav, audio, bits == 24 ? SampleFormat.PCM_24 : bits == 8 ? SampleFormat.PCM_U8 : SampleFormat.PCM_16, false);
        Path flac = dir.resolve("out" + bits + ".flac");
        Process p = new ProcessBuilder("sox", wav.toString(), "-b", String.valueOf(bits), flac.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        return flac;
    }

    @Test
    void decodesWhatSoxEncodedSampleForSample() throws Exception {
        assumeTrue(haveSox(), "sox not installed");
        int n = 5000;
        float[][] ch = new float[2][n];
        for (int i = 0; i < n; i++) {
            ch[0][i] = (float) (0.6 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
            ch[1][i] = (float) (0.3 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
        }
        for (int bits : new int[] {8, 16, 24}) {
            Audio src = new Audio(ch, 16000);
            Path flac = soxFlac(dir, src, bits);
            Audio expected = Wav.read(dir.resolve("src" + bits + ".wav"));
            Audio got = Audio.read(flac);
            assertEquals(16000, got.sampleRate());
            assertEquals(2, got.channelCount());
            assertEquals(n, got.length());
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < n; i++) {
                    assertEquals(expected.channels()[c][i], got.channels()[c][i], 1e-9, bits + "-bit ch" + c + " at " + i);
                }
            }
        }
    }

    @Test
    void truncatedFlacIsAnErrorNamingTheFile() throws Exception {
        assumeTrue(haveSox(), "sox not installed");
        float[] x = new float[40000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(i * 0.05) + 0.1 * Math.sin(i * 1.3));
        }
        Path flac = soxFlac(dir, Audio.mono(x, 16000), 16);
        byte[] bytes = Files.readAllBytes(flac);
        Path cut = dir.resolve("cut.flac");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> Audio.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }
}
