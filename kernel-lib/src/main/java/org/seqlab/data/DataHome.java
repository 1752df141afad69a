package org.seqlab.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where corpora live: {@code $SEQLAB_DATA} if set, else {@code ~/.cache/seqlab/data}. The system
 * property {@code seqlab.data} wins over both so tests and notebooks can point at a temp folder
 * without touching the environment.
 *
 * <p>Features computed from corpora are cached on disk by default in the folder
 * {@value #FEATURES} of the data folder, next to the corpora they came from, so deleting the data
 * folder removes both. {@code $SEQLAB_FEATURES} (or the system property {@code seqlab.features},
 * which wins) moves the cache elsewhere, or turns it off with the value {@code off}: features are
 * then computed on every request.
 */
public final class DataHome {
    public static final String ENV = "SEQLAB_DATA";
    public static final String PROPERTY = "seqlab.data";
    public static final String FEATURES_ENV = "SEQLAB_FEATURES";
    public static final String FEATURES_PROPERTY = "seqlab.features";
    /** The feature cache's folder inside a data folder; no corpus may take this name. */
    public static final String FEATURES = "features";
    /** The value of {@link #FEATURES_ENV} or {@link #FEATURES_PROPERTY} that turns the cache off. */
    public static final String OFF = "off";

    private DataHome() {
    }

    public static Path get() {
        return setting(PROPERTY, ENV).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "seqlab", "data"));
    }

    /** The feature cache folder for corpora under {@code dataHome}, or empty when caching is off. */
    public static Optional<Path> features(Path dataHome) {
        Optional<String> s = setting(FEATURES_PROPERTY, FEATURES_ENV);
        if (s.isEmpty()) {
            return Optional.of(dataHome.resolve(FEATURES));
        }
        return s.get().trim().equalsIgnoreCase(OFF) ? Optional.empty() : Optional.of(Path.of(s.get().trim()));
    }

    private static Optional<String> setting(String property, String env) {
        String prop = System.getProperty(property);
        if (prop != null && !prop.isBlank()) {
            return Optional.of(prop);
        }
        String value = System.getenv(env);
        return value != null && !value.isBlank() ? Optional.of(value) : Optional.empty();
    }
}
