package org.seqlab.data.generate;

import java.util.Random;
import org.seqlab.audio.Signals;

/**
 * The synthesised event classes of the soundscapes corpus, chosen to differ in the cues a
 * detector must learn: impulsive (click, knock), harmonic and short (dog_bark, bird_chirp),
 * tonal and decaying (bell), tonal and steady (whistle, alarm), low and long (hum, engine),
 * noisy (water), and speech (rendered by espeak-ng in {@link SoundscapeGenerator}).
 * Each synthesiser returns the raw event; the generator trims, levels and places it.
 */
public enum SoundClass {
    CLICK("click"), KNOCK("knock"), DOG_BARK("dog_bark"), BELL("bell"), ALARM("alarm"), HUM("hum"),
    ENGINE("engine"), WATER("water"), WHISTLE("whistle"), BIRD_CHIRP("bird_chirp"), SPEECH("speech");

    private final String label;

    SoundClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static SoundClass byLabel(String label) {
        for (SoundClass c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown sound class '" + label + "'");
    }

    /** Synthesises one event at {@code rate}; SPEECH is not synthesised here. */
    public float[] synthesize(Random r, int rate) {
        return switch (this) {
            case CLICK -> clicks(r, rate);
            case KNOCK -> knocks(r, rate);
            case DOG_BARK -> barks(r, rate);
            case BELL -> bell(r, rate);
            case ALARM -> alarm(r, rate);
            case HUM -> hum(r, rate);
            case ENGINE -> engine(r, rate);
            case WATER -> water(r, rate);
            case WHISTLE -> whistle(r, rate);
            case BIRD_CHIRP -> chirps(r, rate);
            case SPEECH -> throw new IllegalStateException("speech events come from espeak-ng");
        };
    }

    private static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static float[] clicks(Random r, int rate) {
        int n = 3 + r.nextInt(6);
        double gap = uniform(r, 0.03, 0.12);
        float[] x = new float[(int) ((n * gap + 0.02) * rate)];
        for (int k = 0; k < n; k++) {
            int start = (int) (k * gap * (0.8 + 0.4 * r.nextDouble()) * rate);
            double tau = 0.0006 * rate;
            for (int i = 0; i < 0.01 * rate && start + i < x.length; i++) {
                x[start + i] += (float) (r.nextGaussian() * Math.exp(-i / tau));
            }
        }
        return x;
    }

    private static float[] knocks(Random r, int rate) {
        int n = 2 + r.nextInt(3);
        double gap = uniform(r, 0.15, 0.3);
        double f = uniform(r, 120, 250);
        float[] x = new float[(int) ((n * gap + 0.15) * rate)];
        for (int k = 0; k < n; k++) {
            int start = (int) (k * gap * rate);
            for (int i = 0; i < 0.15 * rate && start + i < x.length; i++) {
                double t = (double) i / rate;
                double env = Math.exp(-t / 0.025);
                x[start + i] += (float) (env * (Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(2 * Math.PI * 2.3 * f * t))
                        + (i < 0.003 * rate ? 0.5 * r.nextGaussian() : 0));
            }
        }
        return x;
    }

    private static float[] barks(Random r, int rate) {
        int n = 1 + r.nextInt(3);
        double gap = uniform(r, 0.3, 0.45);
        double f0 = uniform(r, 400, 600);
        float[] x = new float[(int) (((n - 1) * gap + 0.22) * rate)];
        for (int k = 0; k < n; k++) {
            int start = (int) (k * gap * rate);
            double len = uniform(r, 0.12, 0.2);
            double phase = 0;
            for (int i = 0; i < len * rate && start + i < x.length; i++) {
                double t = (double) i / rate;
                double u = t / len;
                double f = f0 * (1 - 0.35 * u);
                phase += 2 * Math.PI * f / rate;
                double env = Math.min(1, t / 0.01) * Math.pow(1 - u, 1.5);
                double v = 0;
                for (int h = 1; h <= 12; h++) {
                    double hf = h * f;
                    double formant = Math.exp(-Math.pow((hf - 1400) / 700, 2)) + 0.3;
                    v += formant * Math.sin(h * phase) / h;
                }
                x[start + i] += (float) (env * (v + 0.25 * r.nextGaussian()));
            }
        }
        return x;
    }

    private static float[] bell(Random r, int rate) {
        double f = uniform(r, 400, 900);
        double len = uniform(r, 1.5, 3.0);
        double[] ratios = {0.56, 0.92, 1.19, 1.71, 2.0, 2.74, 3.0, 3.76, 4.07};
        float[] x = new float[(int) (len * rate)];
        for (int p = 0; p < ratios.length; p++) {
            double fp = f * ratios[p];
            if (fp > rate * 0.45) {
                continue;
            }
            double tau = len / (1.5 + p * 0.6);
            double amp = 1.0 / (1 + p * 0.5);
            double ph = r.nextDouble() * 2 * Math.PI;
            for (int i = 0; i < x.length; i++) {
                double t = (double) i / rate;
                x[i] += (float) (amp * Math.exp(-t / tau) * Math.sin(2 * Math.PI * fp * t + ph));
            }
        }
        return x;
    }

    private static float[] alarm(Random r, int rate) {
        double f1 = uniform(r, 800, 1000);
        double f2 = uniform(r, 1200, 1500);
        double period = uniform(r, 0.2, 0.35);
        float[] x = new float[(int) (uniform(r, 2, 5) * rate)];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / rate;
            double f = ((int) (t / period)) % 2 == 0 ? f1 : f2;
            phase += 2 * Math.PI * f / rate;
            // a band-limited square wave: odd harmonics under 6 kHz
            double v = 0;
            for (int h = 1; h * f < 6000; h += 2) {
                v += Math.sin(h * phase) / h;
            }
            x[i] = (float) v;
        }
        return Signals.fade(x, (int) (0.01 * rate));
    }

    private static float[] hum(Random r, int rate) {
        double f = r.nextBoolean() ? 50 : 60;
        float[] x = new float[(int) (uniform(r, 3, 8) * rate)];
        double drift = uniform(r, 0.2, 0.5);
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / rate;
            double v = 0;
            for (int h = 1; h <= 10; h++) {
                v += Math.sin(2 * Math.PI * h * f * t + h) / Math.sqrt(h);
            }
            x[i] = (float) (v * (1 + 0.2 * Math.sin(2 * Math.PI * drift * t)));
        }
        return Signals.fade(x, (int) (0.05 * rate));
    }

    private static float[] engine(Random r, int rate) {
        float[] x = new float[(int) (uniform(r, 3, 8) * rate)];
        double fire = uniform(r, 25, 45);
        double phase = 0;
        double lp = 0;
        double rev = uniform(r, 0.1, 0.3);
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / rate;
            double f = fire * (1 + 0.15 * Math.sin(2 * Math.PI * rev * t));
            phase += f / rate;
            double pulse = Math.exp(-(phase - Math.floor(phase)) * 8);
            lp += 0.08 * (r.nextGaussian() - lp);
            x[i] = (float) (pulse * (lp * 4 + 0.5 * Math.sin(2 * Math.PI * phase)));
        }
        return Signals.fade(x, (int) (0.1 * rate));
    }

    private static float[] water(Random r, int rate) {
        float[] x = new float[(int) (uniform(r, 1, 4) * rate)];
        double centre = uniform(r, 1000, 3000);
        // two-pole resonator over white noise
        double w = 2 * Math.PI * centre / rate;
        double radius = 0.97;
        double a1 = 2 * radius * Math.cos(w);
        double a2 = -radius * radius;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double y = r.nextGaussian() * 0.1 + a1 * y1 + a2 * y2;
            y2 = y1;
            y1 = y;
            x[i] = (float) y;
        }
        int bubbles = (int) (x.length / (double) rate * uniform(r, 6, 14));
        for (int b = 0; b < bubbles; b++) {
            int start = r.nextInt(x.length);
            double f = uniform(r, 500, 1500);
            for (int i = 0; i < 0.03 * rate && start + i < x.length; i++) {
                double t = (double) i / rate;
                x[start + i] += (float) (1.5 * Math.exp(-t / 0.008) * Math.sin(2 * Math.PI * f * (1 + 20 * t) * t));
            }
        }
        return Signals.fade(x, (int) (0.05 * rate));
    }

    private static float[] whistle(Random r, int rate) {
        double f = uniform(r, 1500, 3000);
        double glide = uniform(r, -0.2, 0.2);
        double vib = uniform(r, 5, 7);
        float[] x = new float[(int) (uniform(r, 0.5, 2) * rate)];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / rate;
            double u = (double) i / x.length;
            phase += 2 * Math.PI * f * (1 + glide * u + 0.03 * Math.sin(2 * Math.PI * vib * t)) / rate;
            x[i] = (float) (Math.sin(phase) + 0.02 * r.nextGaussian());
        }
        return Signals.fade(x, (int) (0.02 * rate));
    }

    private static float[] chirps(Random r, int rate) {
        int n = 2 + r.nextInt(5);
        double gap = uniform(r, 0.1, 0.2);
        float[] x = new float[(int) ((n * gap + 0.12) * rate)];
        boolean up = r.nextBoolean();
        for (int k = 0; k < n; k++) {
            int start = (int) (k * gap * rate);
            double len = uniform(r, 0.05, 0.12);
            double phase = 0;
            for (int i = 0; i < len * rate && start + i < x.length; i++) {
                double u = i / (len * rate);
                double f = up ? 3000 + 3000 * u : 6000 - 3000 * u;
                phase += 2 * Math.PI * Math.min(f, rate * 0.45) / rate;
                x[start + i] += (float) (Math.sin(Math.PI * u) * Math.sin(phase));
            }
        }
        return x;
    }
}
