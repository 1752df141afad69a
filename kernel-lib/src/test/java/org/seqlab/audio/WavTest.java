package org.seqlab.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WavTest {
    @TempDir
    Path dir;

    private static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 1.8 - 0.9);
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(SampleFormat.class)
    void roundTripWithinQuantisationStep(SampleFormat format) throws Exception {
        float[][] ch = {noise(1001, 1), noise(1001, 2)};
        for (boolean extensible : new boolean[] {false, true}) {
            Path f = dir.resolve(format + "-" + extensible + ".wav");
            Wav.write(f, new Audio(ch, 22050), format, extensible);
            Audio back = Wav.read(f);
            assertEquals(22050, back.sampleRate());
            assertEquals(2, back.channelCount());
            double step = format.isFloat() ? 1e-7 : 1.0 / (1L << (format.bits() - 1));
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < ch[c].length; i++) {
                    assertEquals(ch[c][i], back.channels()[c][i], step * 0.5 + 1e-7, format + " sample " + i);
                }
            }
        }
    }

    @Test
    void knownSixteenBitBytesDecodeToKnownValues() throws Exception {
        // hand-built: 2 samples, 0x4000 = 0.5 and 0x8000 = -1.0
        byte[] wav = Wav.encode(Audio.mono(new float[] {0.5f, -1f}, 8000), SampleFormat.PCM_16, false);
        assertEquals(44 + 4, wav.length);
        assertEquals(0x00, wav[44] & 0xFF);
        assertEquals(0x40, wav[45] & 0xFF);
        assertEquals(0x80, wav[47] & 0xFF);
        assertArrayEquals(new float[] {0.5f, -1f}, Wav.decode(wav, Path.of("x.wav")).mono());
    }

    @Test
    void multiChannelMixesDownByAveraging() {
        Audio a = new Audio(new float[][] {{1f, 0f, 0.5f}, {0f, 0f, -0.5f}, {0.5f, 0.3f, 0f}}, 16000);
        assertArrayEquals(new float[] {0.5f, 0.1f, 0f}, a.mono(), 1e-6f);
    }

    @Test
    void truncatedFileNamesFileAndProblem() throws Exception {
        Path f = dir.resolve("cut.wav");
        Wav.write(f, Audio.mono(noise(500, 3), 16000));
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 101));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> Audio.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void badHeaderAndUnsupportedFormatAreNamed() throws Exception {
        Path junk = dir.resolve("junk.wav");
        Files.writeString(junk, "RIFX....WAVEfmt ");
        assertTrue(assertThrows(AudioFormatException.class, () -> Audio.read(junk)).getMessage().contains("unsupported format"));
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "RIFF....WAVX");
        assertTrue(assertThrows(AudioFormatException.class, () -> Wav.read(bad)).getMessage().contains("bad header"));
        byte[] wav = Wav.encode(Audio.mono(new float[4], 8000), SampleFormat.PCM_16, false);
        wav[20] = 2; // ADPCM
        Path adpcm = dir.resolve("adpcm.wav");
        Files.write(adpcm, wav);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> Audio.read(adpcm));
        assertTrue(e.getMessage().contains("unsupported format") && e.getMessage().contains("0x2"), e.getMessage());
        Path empty = dir.resolve("empty.wav");
        Files.write(empty, new byte[0]);
        assertTrue(assertThrows(AudioFormatException.class, () -> Audio.read(empty)).getMessage().contains("truncated"));
    }

    @Test
    void streamedDataChunkOfUnknownLengthReadsToTheEnd() throws Exception {
        byte[] wav = Wav.encode(Audio.mono(new float[] {0.5f, -0.5f, 0.25f}, 8000), SampleFormat.PCM_16, false);
        wav[40] = wav[41] = wav[42] = wav[43] = (byte) 0xFF;
        assertArrayEquals(new float[] {0.5f, -0.5f, 0.25f}, Wav.decode(wav, Path.of("stream.wav")).mono());
    }

    @Test
    void skipsUnknownChunksBeforeData() throws Exception {
        byte[] plain = Wav.encode(Audio.mono(new float[] {0.25f, -0.25f}, 8000), SampleFormat.PCM_16, false);
        byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
        byte[] withList = new byte[plain.length + list.length];
        System.arraycopy(plain, 0, withList, 0, 36);
        System.arraycopy(list, 0, withList, 36, list.length);
        System.arraycopy(plain, 36, withList, 36 + list.length, plain.length - 36);
        assertArrayEquals(new float[] {0.25f, -0.25f}, Wav.decode(withList, Path.of("list.wav")).mono());
    }

    @Test
    void secondsFromTheHeaderAloneEqualTheDecodedLength() throws Exception {
        // 10 s and 123 samples at 16 kHz, mono 16-bit; stereo 24-bit extensible; an odd-sized chunk before data
        Path mono = dir.resolve("clip.wav");
        Wav.write(mono, Audio.mono(new float[160_123], 16000));
        assertEquals(160_123 / 16000.0, Wav.seconds(mono), 0);
        assertEquals(Wav.read(mono).seconds(), AudioFiles.seconds(mono), 0);
        Path stereo = dir.resolve("stereo.wav");
        Wav.write(stereo, new Audio(new float[2][2205], 22050), SampleFormat.PCM_24, true);
        assertEquals(0.1, Wav.seconds(stereo), 1e-15);
        byte[] plain = Wav.encode(Audio.mono(new float[] {0.25f, -0.25f, 0f}, 8000), SampleFormat.PCM_16, false);
        byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
        byte[] withList = new byte[plain.length + list.length];
        System.arraycopy(plain, 0, withList, 0, 36);
        System.arraycopy(list, 0, withList, 36, list.length);
        System.arraycopy(plain, 36, withList, 36 + list.length, plain.length - 36);
        Path f = dir.resolve("list.wav");
        Files.write(f, withList);
        assertEquals(3 / 8000.0, Wav.seconds(f), 0);
        Files.write(f, Arrays.copyOf(plain, 30));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> Wav.seconds(f));
        assertTrue(e.getMessage().startsWith(f + ": truncated"), e.getMessage());
    }
}
