package org.seqlab.features;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.seqlab.io.AtomicFile;

/**
 * Mean and variance of each coefficient over a whole training corpus, accumulated utterance by
 * utterance (Chan et al.'s parallel update, stable in double even over millions of frames) and
 * saved as a small CSV next to the experiment, so that evaluation normalises with the training
 * statistics rather than its own.
 *
 * <p>Text format, one coefficient per row, doubles in Java's exact round-trip form:
 * <pre>
 * # seqlab global feature statistics v1
 * frames,12345
 * dim,mean,variance
 * 0,-7.25,3.5
 * </pre>
 */
public final class GlobalStats {
    static final String HEADER = "# seqlab global feature statistics v1";

    private final int dims;
    private long frames;
    private final double[] mean;
    private final double[] m2;

    public GlobalStats(int dims) {
        if (dims <= 0) {
            throw new IllegalArgumentException("dims must be > 0, got " + dims);
        }
        this.dims = dims;
        this.mean = new double[dims];
        this.m2 = new double[dims];
    }

    /** Adds every frame of one utterance. */
    public GlobalStats add(float[][] features) {
        if (features.length == 0) {
            return this;
        }
        double[] batchMean = new double[dims];
        for (int t = 0; t < features.length; t++) {
            if (features[t].length != dims) {
                throw new IllegalArgumentException("frame " + t + " has " + features[t].length
                        + " coefficients, statistics have " + dims);
            }
            for (int c = 0; c < dims; c++) {
                batchMean[c] += features[t][c];
            }
        }
        long n = features.length;
        for (int c = 0; c < dims; c++) {
            batchMean[c] /= n;
        }
        double[] batchM2 = new double[dims];
        for (float[] row : features) {
            for (int c = 0; c < dims; c++) {
                double d = row[c] - batchMean[c];
                batchM2[c] += d * d;
            }
        }
        merge(n, batchMean, batchM2);
        return this;
    }

    /** Combines another accumulator's frames into this one (for statistics gathered in parallel). */
    public GlobalStats add(GlobalStats other) {
        if (other.dims != dims) {
            throw new IllegalArgumentException("cannot merge statistics of " + other.dims + " dims into " + dims);
        }
        if (other.frames > 0) {
            merge(other.frames, other.mean, other.m2);
        }
        return this;
    }

    private void merge(long n, double[] otherMean, double[] otherM2) {
        long total = frames + n;
        for (int c = 0; c < dims; c++) {
            double delta = otherMean[c] - mean[c];
            mean[c] += delta * n / total;
            m2[c] += otherM2[c] + delta * delta * ((double) frames * n / total);
        }
        frames = total;
    }

    public int dims() {
        return dims;
    }

    public long frames() {
        return frames;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Population variance (divided by the number of frames), as Kaldi's apply-cmvn uses. */
    public double[] variance() {
        double[] v = new double[dims];
        for (int c = 0; c < dims; c++) {
            v[c] = frames == 0 ? 0 : m2[c] / frames;
        }
        return v;
    }

    /** Features shifted by the corpus mean and, if {@code variance}, scaled by 1 / corpus std. Returns a new array. */
    public float[][] apply(float[][] features, boolean variance) {
        if (frames == 0) {
            throw new IllegalStateException("no frames were added to these statistics");
        }
        double[] v = variance();
        double[] scale = new double[dims];
        for (int c = 0; c < dims; c++) {
            scale[c] = variance && v[c] > 0 ? 1.0 / Math.sqrt(v[c]) : 1.0;
        }
        for (int t = 0; t < features.length; t++) {
            if (features[t].length != dims) {
                throw new IllegalArgumentException("frame " + t + " has " + features[t].length
                        + " coefficients, statistics have " + dims);
            }
        }
        return apply(features, mean, scale);
    }

    static float[][] apply(float[][] features, double[] shift, double[] scale) {
        float[][] out = new float[features.length][];
        for (int t = 0; t < features.length; t++) {
            float[] row = features[t];
            float[] o = new float[row.length];
            for (int c = 0; c < row.length; c++) {
                o[c] = (float) ((row[c] - shift[c]) * scale[c]);
            }
            out[t] = o;
        }
        return out;
    }

    public String toCsv() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("frames,").append(frames).append('\n');
        b.append("dim,mean,variance\n");
        double[] v = variance();
        for (int c = 0; c < dims; c++) {
            b.append(c).append(',').append(mean[c]).append(',').append(v[c]).append('\n');
        }
        return b.toString();
    }

    /** Parses {@link #toCsv()} output; {@code source} names the file or text in error messages. */
    public static GlobalStats fromCsv(String text, String source) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new IllegalArgumentException(source + ": line 1: expected '" + HEADER + "'");
        }
        if (lines.size() < 4) {
            throw new IllegalArgumentException(source + ": truncated, " + lines.size() + " lines, need at least 4");
        }
        long frames = parseLong(lines.get(1), "frames", source, 2);
        if (!lines.get(2).trim().equals("dim,mean,variance")) {
            throw new IllegalArgumentException(source + ": line 3: expected 'dim,mean,variance'");
        }
        List<String> rows = lines.subList(3, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        GlobalStats s = new GlobalStats(rows.size());
        s.frames = frames;
        for (int c = 0; c < rows.size(); c++) {
            int line = c + 4;
            String[] f = rows.get(c).split(",", -1);
            if (f.length != 3) {
                throw new IllegalArgumentException(source + ": line " + line + ": expected 3 fields, got " + f.length);
            }
            try {
                if (Integer.parseInt(f[0].trim()) != c) {
                    throw new IllegalArgumentException(source + ": line " + line + ": expected dim " + c + ", got " + f[0]);
                }
                s.mean[c] = Double.parseDouble(f[1].trim());
                double variance = Double.parseDouble(f[2].trim());
                if (!(variance >= 0)) {
                    throw new IllegalArgumentException(source + ": line " + line + ": negative variance " + f[2]);
                }
                s.m2[c] = variance * frames;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": line " + line + ": not a number in '" + rows.get(c) + "'");
            }
        }
        return s;
    }

    public void save(Path file) throws IOException {
        AtomicFile.writeString(file, AtomicFile.Durability.UNSYNCED, toCsv());
    }

    public static GlobalStats load(Path file) throws IOException {
        return fromCsv(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    private static long parseLong(String line, String key, String source, int number) {
        String[] f = line.split(",", -1);
        if (f.length != 2 || !f[0].trim().equals(key)) {
            throw new IllegalArgumentException(source + ": line " + number + ": expected '" + key + ",N'");
        }
        try {
            long v = Long.parseLong(f[1].trim());
            if (v <= 0) {
                throw new IllegalArgumentException(source + ": line " + number + ": " + key + " must be > 0, got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": line " + number + ": not an integer: " + f[1]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobalStats g && g.frames == frames && Arrays.equals(g.mean, mean)
                && Arrays.equals(g.variance(), variance());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(frames) * 31 + Arrays.hashCode(mean);
    }
}
