package org.seqlab.data.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A captioning corpus made from a seed, for lecture 03's "show, attend and tell" claim: small
 * RGB images with two coloured shapes (circle, square, triangle; red, green, blue) in two cells
 * of a 2 x 2 grid, side by side or one over the other, jittered, on a noisy dark background,
 * and the caption that says which is where: "a red circle above a blue square", "a green
 * triangle left of a red circle". Each caption word about a shape comes from that shape's
 * region, so a decoder attending over the image grid has something to find. The shape named
 * first is the one earlier in colour order (red, green, blue), then shape order (circle, square,
 * triangle): with the first shape free, "a red circle above a blue square" and "a blue square
 * below a red circle" would both be right for one image, and no decoder could beat a coin toss
 * on exact match (a first version of this corpus capped the captioner near 0.25).
 */
public final class ShapeCaptions {
    public static final List<String> COLOURS = List.of("red", "green", "blue");
    public static final List<String> SHAPES = List.of("circle", "square", "triangle");
    /** The caption vocabulary in a fixed order (token id = index + 1; 0 is the end of the caption). */
    public static final List<String> WORDS = List.of("a", "red", "green", "blue", "circle", "square", "triangle",
            "above", "below", "left", "right", "of");
    private static final float[][] RGB = {{0.9f, 0.15f, 0.1f}, {0.1f, 0.8f, 0.2f}, {0.15f, 0.3f, 0.95f}};

    private ShapeCaptions() {}

    /**
     * One image [height][width][3] in [0, 1] and its caption.
     *
     * @param cells the grid cell (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right) of the first and second shape
     */
    public record Example(float[][][] image, List<String> caption, int[] cells) {
        public Example {
            caption = List.copyOf(caption);
        }

        /** Caption word ids (index in {@link #WORDS} + 1). */
        public int[] tokens() {
            return caption.stream().mapToInt(w -> WORDS.indexOf(w) + 1).toArray();
        }
    }

    /** {@code n} examples of {@code size} x {@code size} pixels (size even, at least 16) from {@code seed}. */
    public static List<Example> generate(int n, int size, double noise, long seed) {
        if (size < 16 || size % 2 != 0) {
            throw new IllegalArgumentException("shape captions: image size must be even and at least 16, got " + size);
        }
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int first = r.nextInt(4);
            boolean vertical = r.nextBoolean();
            int second = vertical ? first ^ 2 : first ^ 1;
            int c1 = r.nextInt(3);
            int s1 = r.nextInt(3);
            int c2;
            int s2;
            do {
                c2 = r.nextInt(3);
                s2 = r.nextInt(3);
            } while (c2 == c1 && s2 == s1);
            if (c2 * 3 + s2 < c1 * 3 + s1) {
                // one right caption per image: the shape earlier in (colour, shape) order is named first
                int c = c1, s = s1;
                c1 = c2;
                s1 = s2;
                c2 = c;
                s2 = s;
            }
            float[][][] img = new float[size][size][3];
            for (float[][] row : img) {
                for (float[] px : row) {
                    for (int c = 0; c < 3; c++) {
                        px[c] = (float) Math.max(0, Math.min(1, 0.1 + noise * r.nextGaussian()));
                    }
                }
            }
            draw(img, first, s1, RGB[c1], r);
            draw(img, second, s2, RGB[c2], r);
            String relation = vertical ? (first < 2 ? "above" : "below") : (first % 2 == 0 ? "left of" : "right of");
            List<String> caption = new ArrayList<>(List.of("a", COLOURS.get(c1), SHAPES.get(s1)));
            caption.addAll(List.of(relation.split(" ")));
            caption.addAll(List.of("a", COLOURS.get(c2), SHAPES.get(s2)));
            out.add(new Example(img, caption, new int[] {first, second}));
        }
        return out;
    }

    /** A shape of radius about a third of the cell, jittered by up to a tenth of the cell. */
    private static void draw(float[][][] img, int cell, int shape, float[] rgb, Random r) {
        int half = img.length / 2;
        int jitter = Math.max(1, half / 10);
        double cy = (cell / 2) * half + half / 2.0 + r.nextInt(2 * jitter + 1) - jitter;
        double cx = (cell % 2) * half + half / 2.0 + r.nextInt(2 * jitter + 1) - jitter;
        double rad = half / 3.0 + r.nextDouble() * half / 10.0;
        for (int y = 0; y < img.length; y++) {
            for (int x = 0; x < img.length; x++) {
                double dy = y + 0.5 - cy;
                double dx = x + 0.5 - cx;
                boolean inside = switch (shape) {
                    case 0 -> dx * dx + dy * dy <= rad * rad;
                    case 1 -> Math.abs(dx) <= rad * 0.85 && Math.abs(dy) <= rad * 0.85;
                    default -> dy <= rad * 0.8 && dy >= -rad && Math.abs(dx) <= (dy + rad) / 1.8 * 0.6 + 0.5;
                };
                if (inside) {
                    for (int c = 0; c < 3; c++) {
                        img[y][x][c] = rgb[c];
                    }
                }
            }
        }
    }
}
