package org.seqlab.data.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.seqlab.data.Datasets;

/** Builds tiny registries in temp folders so generator tests stay fast. */
final class GeneratorTestSupport {
    private GeneratorTestSupport() {
    }

    static boolean haveEspeak() {
        return Files.isExecutable(Path.of("/usr/bin/espeak-ng"));
    }

    /** A registry with one generated corpus named "c". */
    static Datasets registry(String format, String generator, long seed, String params, Path data) {
        return registry(format, generator, seed, params, data, "test.yaml");
    }

    /** The same, as if read from the file {@code source}. */
    static Datasets registry(String format, String generator, long seed, String params, Path data, String source) {
        String yaml = "datasets:\n  - name: c\n    task: t\n    description: d\n    licence: l\n    size: s\n"
                + (format == null ? "" : "    format: " + format + "\n")
                + "    generator: " + generator + "\n    seed: " + seed + "\n    params: " + params + "\n";
        return Datasets.parse(yaml, source, data);
    }
}
