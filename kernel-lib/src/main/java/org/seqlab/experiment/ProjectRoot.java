package org.seqlab.experiment;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Seqlab checkout that experiment files are named against, found once per JVM so that a
 * notebook can say {@code Experiment.load("experiments/rnn/copy-lag.yaml")} from any folder.
 * In order: {@code -Dseqlab.root}, {@code $SEQLAB_ROOT} (the {@code ./seqlab} launcher sets it),
 * the working folder or a parent holding the {@code seqlab} launcher and {@code experiments/},
 * the same search from where the library's classes were loaded (kernel-lib/target/classes of a
 * build), and finally the working folder.
 */
public final class ProjectRoot {
    public static final String PROPERTY = "seqlab.root";
    public static final String ENV = "SEQLAB_ROOT";

    private static volatile Path root;

    private ProjectRoot() {}

    public static Path get() {
        Path r = root;
        if (r == null) {
            synchronized (ProjectRoot.class) {
                if (root == null) {
                    root = locate();
                }
                r = root;
            }
        }
        return r;
    }

    /**
     * {@code file} as given when it exists from the working folder or is absolute, else under
     * the project root (where {@code ./seqlab run} finds it too).
     */
    public static Path resolve(Path file) {
        if (file.isAbsolute() || Files.exists(file)) {
            return file;
        }
        Path under = get().resolve(file);
        return Files.exists(under) ? under : file;
    }

    /** {@code file} relative to the project root when it lies under it (for command lines run from there). */
    public static Path relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path r = get().toAbsolutePath().normalize();
        return abs.startsWith(r) ? r.relativize(abs) : abs;
    }

    private static Path locate() {
        String set = System.getProperty(PROPERTY);
        if (set == null || set.isBlank()) {
            set = System.getenv(ENV);
        }
        if (set != null && !set.isBlank()) {
            return Path.of(set).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        return above(cwd).or(ProjectRoot::fromClasses).orElse(cwd);
    }

    private static Optional<Path> above(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("seqlab")) && Files.isDirectory(p.resolve("experiments"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> fromClasses() {
        try {
            var source = ProjectRoot.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : above(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
