package org.seqlab.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import org.seqlab.experiment.ProjectRoot;

/**
 * The project's folders as a notebook (whose working folder is {@code notebooks/}) names them:
 * results files such as {@code experiments/rnn/RESULTS.md} under the root that
 * {@link ProjectRoot} finds, and the reports folder of the current {@code reproduce}.
 */
public final class Project {
    private Project() {}

    /** The root that experiment files are named against too ({@link ProjectRoot}): one search, one answer. */
    public static Path root() {
        return ProjectRoot.get();
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
