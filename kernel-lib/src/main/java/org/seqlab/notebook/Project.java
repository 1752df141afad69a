package org.seqlab.notebook;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's root folder, so that a notebook (whose working folder is {@code notebooks/}) names
 * configs and results files as the README does, {@code experiments/rnn/copy-lag.yaml}, without
 * searching for the root itself. The launcher exports {@code SEQLAB_ROOT}; outside it
 * ({@code -Dseqlab.root}, or a test's working folder) the nearest folder upwards that holds both
 * the {@code seqlab} launcher and {@code pom.xml} is the root.
 */
public final class Project {
    private Project() {}

    public static Path root() {
        String set = System.getProperty("seqlab.root", System.getenv("SEQLAB_ROOT"));
        if (set != null && !set.isBlank()) {
            return Path.of(set).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("seqlab")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the Seqlab project root above " + here
                + ": set SEQLAB_ROOT (the launcher does) or -Dseqlab.root");
    }

    /** {@code path} itself when absolute or present in the working folder, else resolved against the root. */
    public static Path resolve(Path path) {
        if (path.isAbsolute() || Files.exists(path)) {
            return path;
        }
        return root().resolve(path);
    }

    public static Path resolve(String path) {
        return resolve(Path.of(path));
    }

    /**
     * Where notebook reports and their claims files go: {@code SEQLAB_REPORTS} (set by
     * {@code ./seqlab reproduce --out DIR}) or {@code reports/} of the root.
     */
    public static Path reports() {
        String set = System.getProperty("seqlab.reports", System.getenv("SEQLAB_REPORTS"));
        return set != null && !set.isBlank() ? Path.of(set) : root().resolve("reports");
    }
}
