package org.seqlab.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * DoubleKernels is a committed copy of FloatKernels with the type replaced (see its class
 * comment). This test applies the same replacements to FloatKernels and requires the result to
 * equal DoubleKernels outside the class comment, so the float64 path that the gradient checks
 * validate cannot drift from the float32 path that trains.
 */
class DoubleKernelsSourceTest {
    private static final Path DIR = Path.of("src/main/java/org/seqlab/nn/recurrent");

    @Test
    void doubleKernelsIsFloatKernelsWithTheTypeReplaced() throws IOException {
        String generated = Files.readString(DIR.resolve("FloatKernels.java"))
                .replace("FloatKernels", "DoubleKernels")
                .replace("float[]", "double[]")
                .replace("new float[", "new double[")
                .replace("float ", "double ")
                .replace("0f", "0.0")
                .replace("FastMath.tanh", "Math.tanh");
        String committed = Files.readString(DIR.resolve("DoubleKernels.java"));
        assertEquals(withoutClassComment(generated), withoutClassComment(committed),
                "DoubleKernels.java is not FloatKernels.java with the type replaced; regenerate it (command in its class comment)");
    }

    private static String withoutClassComment(String source) {
        int start = source.indexOf("/**");
        int end = source.indexOf("*/", start) + 2;
        return source.substring(0, start) + source.substring(end);
    }
}
