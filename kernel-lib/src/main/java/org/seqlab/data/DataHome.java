package org.seqlab.data;

import java.nio.file.Path;

/**
 * Where corpora live: {@code $SEQLAB_DATA} if set, else {@code ~/.cache/seqlab/data}. The system
 * property {@code seqlab.data} wins over both so tests and notebooks can point at a temp folder
 * without touching the environment.
 */
public final class DataHome {
    public static final String ENV = "SEQLAB_DATA";
    public static final String PROPERTY = "seqlab.data";

    private DataHome() {
    }

    public static Path get() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "seqlab", "data");
    }
}
