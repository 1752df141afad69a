package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.audio.AudioPlayer;
import org.seqlab.audio.Wav;

class LabelledSpectrogramTest {

    @Test
    void eventBoxesSitAtTheirTimes() {
        float[][] frames = new float[100][20];
        for (int t = 0; t < 100; t++) {
            for (int k = 0; k < 20; k++) {
                frames[t][k] = (float) Math.sin(t * 0.1 + k);
            }
        }
        List<Event> events = List.of(new Event(0.2, 0.5, "bell"), new Event(0.6, 0.7, "click"));
        LabelledSpectrogram s = new LabelledSpectrogram(frames, 0.01, events, "clip");
        BufferedImage img = s.image();
        int cellW = img.getWidth() / 100;
        int labelRowY = img.getHeight() - 2 * 16 + 5; // first label row: "bell"
        int inside = img.getRGB((int) (0.35 / 0.01 * cellW), labelRowY);
        int before = img.getRGB((int) (0.1 / 0.01 * cellW), labelRowY);
        assertNotEquals(before, inside, "the bell row is coloured only during the event");
        assertEquals(0xFFFFFF, before & 0xFFFFFF);
        assertTrue(s.toHtml().startsWith("<img"));
    }

    @Test
    void audioPlayerEmbedsThePlayableWav() throws Exception {
        float[] x = {0f, 0.5f, -0.5f, 0.25f};
        AudioPlayer p = AudioPlayer.of(x, 8000).withCaption("HELLO <WORLD>");
        String uri = p.dataUri();
        byte[] wav = Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
        assertArrayEquals(x, Wav.decode(wav, Path.of("player")).mono(), 1e-4f);
        assertTrue(p.toHtml().contains("HELLO &lt;WORLD&gt;"));
    }
}
