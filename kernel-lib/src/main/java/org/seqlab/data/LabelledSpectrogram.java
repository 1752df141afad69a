package org.seqlab.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.seqlab.display.HtmlRenderable;

/**
 * A time-frequency image (any [frame][bin] features, e.g. a log-mel spectrogram from the
 * features package) with event labels drawn over it as boxes in label rows, rendered to a
 * PNG (FACTS: PNG survives nbconvert, SVG does not). Values are scaled between the 2nd and
 * 99.5th percentiles so a few loud frames do not wash out the picture.
 */
public final class LabelledSpectrogram implements HtmlRenderable {
    private static final Color[] PALETTE = {new Color(0xE6194B), new Color(0x3CB44B), new Color(0xFFE119),
        new Color(0x4363D8), new Color(0xF58231), new Color(0x911EB4), new Color(0x46F0F0), new Color(0xF032E6),
        new Color(0xBCF60C), new Color(0xFABEBE), new Color(0x008080), new Color(0xE6BEFF)};

    private final float[][] frames;
    private final double secondsPerFrame;
    private final List<Event> events;
    private final String title;

    /**
     * @param frames          [frame][bin], bin 0 drawn at the bottom
     * @param secondsPerFrame the hop between frames, to place events in time
     */
    public LabelledSpectrogram(float[][] frames, double secondsPerFrame, List<Event> events, String title) {
        if (frames.length == 0 || frames[0].length == 0) {
            throw new IllegalArgumentException("nothing to draw: " + frames.length + " frames");
        }
        this.frames = frames;
        this.secondsPerFrame = secondsPerFrame;
        this.events = List.copyOf(events);
        this.title = title == null ? "" : title;
    }

    public BufferedImage image() {
        int cellW = Math.max(1, 900 / frames.length);
        int cellH = Math.max(1, 240 / frames[0].length);
        int w = frames.length * cellW;
        int specH = frames[0].length * cellH;
        List<String> labels = new ArrayList<>(events.stream().map(Event::label).distinct().sorted().toList());
        int rowH = 16;
        int top = title.isEmpty() ? 0 : 18;
        int h = top + specH + labels.size() * rowH + 4;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        float[] range = range();
        for (int t = 0; t < frames.length; t++) {
            for (int k = 0; k < frames[t].length; k++) {
                float v = (frames[t][k] - range[0]) / Math.max(1e-12f, range[1] - range[0]);
                g.setColor(colour(Math.max(0, Math.min(1, v))));
                g.fillRect(t * cellW, top + specH - (k + 1) * cellH, cellW, cellH);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.BLACK);
        if (!title.isEmpty()) {
            g.drawString(title, 4, 13);
        }
        g.setStroke(new BasicStroke(2f));
        for (Event e : events) {
            int row = labels.indexOf(e.label());
            Color c = PALETTE[row % PALETTE.length];
            int x0 = (int) Math.round(e.onset() / secondsPerFrame * cellW);
            int x1 = Math.max(x0 + 2, (int) Math.round(e.offset() / secondsPerFrame * cellW));
            g.setColor(c);
            g.drawRect(x0, top, x1 - x0, specH - 1);
            int y = top + specH + row * rowH + 2;
            g.fillRect(x0, y, x1 - x0, rowH - 3);
            g.setColor(Color.BLACK);
            g.drawString(e.label(), x0 + 2, y + rowH - 5);
        }
        g.dispose();
        return img;
    }

    public byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public String toHtml() {
        return "<img alt=\"" + title.replace("\"", "'") + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png()) + "\"/>";
    }

    private float[] range() {
        int n = frames.length * frames[0].length;
        float[] all = new float[n];
        int i = 0;
        for (float[] f : frames) {
            for (float v : f) {
                all[i++] = v;
            }
        }
        java.util.Arrays.sort(all);
        return new float[] {all[(int) (0.02 * (n - 1))], all[(int) (0.995 * (n - 1))]};
    }

    /** A dark-blue to yellow ramp, readable in print and for most colour-blind viewers. */
    private static Color colour(float v) {
        float r = Math.min(1, Math.max(0, 1.8f * v - 0.5f));
        float gr = Math.min(1, Math.max(0, 1.2f * v));
        float b = Math.min(1, Math.max(0, 0.5f + 0.7f * v - 1.4f * v * v));
        return new Color(r, gr, b);
    }
}
