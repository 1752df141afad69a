package org.seqlab.data.generate;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.seqlab.data.Checksums;
import org.seqlab.data.CorpusGenerator;
import org.seqlab.data.Params;

/**
 * Small grey images of digits and letters drawn with the fonts Debian installs
 * ({@code fonts-dejavu-core}), for the convolution lecture: each image is one symbol in a random
 * font, size, rotation and position, plus Gaussian pixel noise, so that a classifier must be
 * robust to where and how the symbol appears (what weight sharing and pooling are for).
 * Rendered headless with java.awt from the font files themselves (no fontconfig lookup), so the
 * recipe names exact files and their checksums are part of it.
 *
 * <p>Layout: {@code SPLIT/NNNNN.bin} chunks of {@code per_file} images: a 4-byte image size, then
 * per image one byte of class index and size x size bytes of grey level (0 background, 255 ink),
 * row by row; and
 * {@code symbols.txt}, the class names in index order. Read with {@link #read}.
 */
public final class GlyphGenerator implements CorpusGenerator {
    public static final String DEFAULT_SYMBOLS = "0123456789ACEHKLNPTX";
    public static final List<String> DEFAULT_FONTS = List.of(
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf");
    public static final String SYMBOLS_FILE = "symbols.txt";
    static final List<String> SPLITS = List.of("train", "validation", "test");

    /** One split: images [n][size][size] in [0, 1] and their class indices. */
    public record Images(List<String> symbols, int size, float[][][] pixels, int[] labels) {
        public int count() {
            return labels.length;
        }
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String inputs(Params p) throws IOException {
        StringBuilder b = new StringBuilder(System.getProperty("java.version")).append(' ');
        for (String f : p.getStrings("fonts", DEFAULT_FONTS)) {
            b.append(Checksums.sha256(Path.of(f))).append(' ');
        }
        return b.toString();
    }

    private record Settings(String symbols, int size, List<String> fonts, double[] scale, double rotation,
                            int maxOffset, double noise) {}

    @Override
    public Plan plan(Params p, long seed) throws IOException {
        Settings s = new Settings(p.getString("symbols", DEFAULT_SYMBOLS), p.getInt("size", 28),
                p.getStrings("fonts", DEFAULT_FONTS), p.getRange("scale", 0.55, 0.85),
                p.getDouble("max_rotation", 15), p.getInt("max_offset", 3), p.getDouble("noise", 0.1));
        if (s.symbols().isEmpty() || s.symbols().codePoints().distinct().count() != s.symbols().length()) {
            throw new IllegalArgumentException("glyphs: symbols must be distinct characters, got '" + s.symbols() + "'");
        }
        if (s.size() < 8 || s.size() > 128) {
            throw new IllegalArgumentException("glyphs: size must be 8..128 pixels, got " + s.size());
        }
        int perFile = p.getInt("per_file", 500);
        List<Job> jobs = new ArrayList<>();
        for (String split : SPLITS) {
            int n = p.getInt(split, 0);
            for (int start = 0, file = 0; start < n; start += perFile, file++) {
                jobs.add(new Chunk(split, file, start, Math.min(perFile, n - start), s, seed));
            }
        }
        return new Plan() {
            @Override
            public List<? extends Job> jobs() {
                return jobs;
            }

            @Override
            public void finish(Path root, Map<String, List<String>> records) throws IOException {
                List<String> names = s.symbols().codePoints().mapToObj(Character::toString).toList();
                org.seqlab.io.AtomicFile.writeString(root.resolve(SYMBOLS_FILE), org.seqlab.io.AtomicFile.Durability.UNSYNCED,
                        String.join("\n", names) + "\n");
            }
        };
    }

    private record Chunk(String split, int file, int start, int count, Settings s, long seed) implements Job {
        @Override
        public String path() {
            return split + "/" + String.format("%05d.bin", file);
        }

        @Override
        public List<String> render(Path target) throws IOException {
            List<Font> fonts = new ArrayList<>();
            for (String f : s.fonts()) {
                try (InputStream in = Files.newInputStream(Path.of(f))) {
                    fonts.add(Font.createFont(Font.TRUETYPE_FONT, in));
                } catch (NoSuchFileException e) {
                    throw new IOException("font " + f + " is missing (Debian package fonts-dejavu-core)", e);
                } catch (FontFormatException e) {
                    throw new IOException("font " + f + " is not a TrueType font: " + e.getMessage(), e);
                }
            }
            int[] symbols = s.symbols().codePoints().toArray();
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(target)))) {
                out.writeInt(s.size());
                for (int i = start; i < start + count; i++) {
                    Random r = new Random(Checksums.seedFor(seed, split, i));
                    int label = r.nextInt(symbols.length);
                    byte[] img = draw(symbols[label], fonts.get(r.nextInt(fonts.size())), s, r);
                    out.writeByte(label);
                    out.write(img);
                }
            }
            return List.of();
        }
    }

    /** One symbol, centred then moved by up to max_offset pixels, scaled to a share of the image height, rotated. */
    static byte[] draw(int symbol, Font font, Settings s, Random r) {
        int size = s.size();
        double height = size * (s.scale()[0] + r.nextDouble() * (s.scale()[1] - s.scale()[0]));
        double angle = Math.toRadians((2 * r.nextDouble() - 1) * s.rotation());
        int dx = s.maxOffset() == 0 ? 0 : r.nextInt(2 * s.maxOffset() + 1) - s.maxOffset();
        int dy = s.maxOffset() == 0 ? 0 : r.nextInt(2 * s.maxOffset() + 1) - s.maxOffset();
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            FontRenderContext frc = g.getFontRenderContext();
            Font sized = font.deriveFont(100f);
            GlyphVector gv = sized.createGlyphVector(frc, Character.toString(symbol));
            Rectangle2D box = gv.getVisualBounds();
            double k = height / Math.max(box.getHeight(), 1e-6);
            AffineTransform t = new AffineTransform();
            t.translate(size / 2.0 + dx, size / 2.0 + dy);
            t.rotate(angle);
            t.scale(k, k);
            t.translate(-box.getCenterX(), -box.getCenterY());
            g.setColor(java.awt.Color.WHITE);
            g.fill(t.createTransformedShape(gv.getOutline()));
        } finally {
            g.dispose();
        }
        byte[] px = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[size * size];
        for (int i = 0; i < out.length; i++) {
            double v = (px[i] & 0xff) / 255.0 + s.noise() * r.nextGaussian();
            out[i] = (byte) Math.round(255 * Math.min(1, Math.max(0, v)));
        }
        return out;
    }

    /** A split of a built glyph corpus ({@code dir} is the corpus folder). */
    public static Images read(Path dir, String split) throws IOException {
        List<String> symbols = Files.readAllLines(dir.resolve(SYMBOLS_FILE)).stream().filter(l -> !l.isEmpty()).toList();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir.resolve(split))) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
        List<float[][]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int size = -1;
        for (Path f : files) {
            long bytes = Files.size(f) - 4;
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(f)))) {
                int fileSize = in.readInt();
                if (size >= 0 && fileSize != size || fileSize < 1 || fileSize > 4096) {
                    throw new IOException(f + ": images of " + fileSize + " pixels, not " + size);
                }
                size = fileSize;
                long per = 1L + (long) size * size;
                if (bytes % per != 0) {
                    throw new IOException(f + ": " + bytes + " bytes is not a whole number of " + size + "x" + size + " images");
                }
                byte[] buf = new byte[size * size];
                for (long i = 0; i < bytes / per; i++) {
                    int label = in.readUnsignedByte();
                    if (label >= symbols.size()) {
                        throw new IOException(f + ": class " + label + " but " + symbols.size() + " symbols");
                    }
                    in.readFully(buf);
                    float[][] img = new float[size][size];
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            img[y][x] = (buf[y * size + x] & 0xff) / 255f;
                        }
                    }
                    images.add(img);
                    labels.add(label);
                }
            }
        }
        return new Images(symbols, Math.max(size, 0), images.toArray(new float[0][][]),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
