package org.seqlab.experiment.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one table of everything a spec may name. YAML validation, the Java builders, the trainer
 * and {@code ./seqlab run --list} all read it.
 */
public final class Registry {
    private static volatile Registry global;

    private final Map<Kind<?>, Map<String, Entry<?>>> entries = new LinkedHashMap<>();
    private final Map<Kind<?>, Map<String, String>> renamed = new LinkedHashMap<>();

    /** The registry with every contributor on the class path, built once. */
    public static Registry global() {
        Registry r = global;
        if (r == null) {
            synchronized (Registry.class) {
                r = global;
                if (r == null) {
                    r = new Registry();
                    for (RegistryContributor c : ServiceLoader.load(RegistryContributor.class)) {
                        c.contribute(r);
                    }
                    global = r;
                }
            }
        }
        return r;
    }

    public synchronized <F> Registry register(Entry<F> entry) {
        Map<String, Entry<?>> byName = entries.computeIfAbsent(entry.kind(), k -> new LinkedHashMap<>());
        Entry<?> old = byName.putIfAbsent(entry.name(), entry);
        if (old != null && old != entry) {
            throw new IllegalStateException(entry.kind() + " '" + entry.name() + "' is registered twice");
        }
        return this;
    }

    /**
     * Retires {@code oldName} in favour of {@code newName}: a spec that still says the old name is
     * refused (one name per concept) with the new one as the suggestion, since edit distance alone
     * would not find it ({@code attention} for {@code seq2seq-cross-entropy}).
     */
    public synchronized Registry renamed(Kind<?> kind, String oldName, String newName) {
        if (entries.getOrDefault(kind, Map.of()).containsKey(oldName)) {
            throw new IllegalStateException(kind + " '" + oldName + "' is registered and cannot also be retired");
        }
        renamed.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(oldName, newName);
        return this;
    }

    @SuppressWarnings("unchecked")
    public synchronized <F> Optional<Entry<F>> find(Kind<F> kind, String name) {
        return Optional.ofNullable((Entry<F>) entries.getOrDefault(kind, Map.of()).get(name));
    }

    /** The entry, or an error that lists the valid names and suggests the nearest. */
    public <F> Entry<F> get(Kind<F> kind, String name) {
        return find(kind, name).orElseThrow(() -> new IllegalArgumentException(unknown(kind, name)));
    }

    public synchronized List<String> names(Kind<?> kind) {
        return new ArrayList<>(entries.getOrDefault(kind, Map.of()).keySet());
    }

    public synchronized Collection<Entry<?>> entries(Kind<?> kind) {
        return List.copyOf(entries.getOrDefault(kind, Map.of()).values());
    }

    /** The message for a name that is not registered: what is, and the nearest spelling. */
    public synchronized String unknown(Kind<?> kind, String name) {
        List<String> names = names(kind);
        String now = renamed.getOrDefault(kind, Map.of()).get(name);
        String near = now != null ? now : org.seqlab.experiment.spec.Suggest.nearest(name, names);
        return "unknown " + kind + " '" + name + "'" + (now != null ? " (an old name)" : "")
                + (near != null ? "; did you mean '" + near + "'?" : "")
                + (names.isEmpty() ? " (none is registered)" : " (registered: " + String.join(", ", names) + ")");
    }
}
