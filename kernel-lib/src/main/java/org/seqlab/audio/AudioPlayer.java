package org.seqlab.audio;

import java.util.Base64;
import org.seqlab.display.HtmlRenderable;

/**
 * An HTML audio player with the sound embedded as a base64 WAV data URI, so a notebook
 * report plays offline, optionally with a caption (a transcript, a label) beside it.
 * Sound is written as 16-bit PCM mono; long clips make large notebooks (about 43 KB per
 * second at 16 kHz), so show excerpts.
 */
public record AudioPlayer(float[] signal, int sampleRate, String caption) implements HtmlRenderable {

    public static AudioPlayer of(float[] signal, int sampleRate) {
        return new AudioPlayer(signal, sampleRate, null);
    }

    public AudioPlayer withCaption(String text) {
        return new AudioPlayer(signal, sampleRate, text);
    }

    public String dataUri() {
        byte[] wav = Wav.encode(Audio.mono(signal, sampleRate), SampleFormat.PCM_16, false);
        return "data:audio/wav;base64," + Base64.getEncoder().encodeToString(wav);
    }

    @Override
    public String toHtml() {
        String player = "<audio controls preload=\"none\" src=\"" + dataUri() + "\"></audio>";
        if (caption == null) {
            return "<div class=\"seqlab-audio\">" + player + "</div>";
        }
        return "<div class=\"seqlab-audio\" style=\"display:flex;align-items:center;gap:1em\">" + player
                + "<span style=\"font-family:monospace\">" + escape(caption) + "</span></div>";
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "AudioPlayer[%.2f s at %d Hz%s]", (double) signal.length / sampleRate,
                sampleRate, caption == null ? "" : ", " + caption);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
