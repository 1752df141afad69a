package org.seqlab.experiment.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seqlab.experiment.spec.Param;

/**
 * One named thing a spec can choose: a model, loss, metric, dataset... It declares its
 * parameters (types, defaults, ranges), which is all YAML validation and the Java builders need,
 * so registering an entry makes it usable from both without further code.
 */
public record Entry<F>(Kind<F> kind, String name, String summary, List<Param> params, F factory) {
    public Entry {
        params = List.copyOf(params);
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(kind + " name must be lower-case words joined by '-': '" + name + "'");
        }
        if (params.stream().anyMatch(p -> p.name().equals("name"))) {
            throw new IllegalArgumentException(kind + " " + name + ": 'name' is reserved for the choice itself");
        }
        if (!kind.factoryType().isInstance(factory)) {
            throw new IllegalArgumentException(kind + " " + name + ": factory must be a " + kind.factoryType().getSimpleName());
        }
    }

    public static <F> Entry<F> of(Kind<F> kind, String name, String summary, F factory, Param... params) {
        return new Entry<>(kind, name, summary, List.of(params), factory);
    }

    public Optional<Param> param(String key) {
        return params.stream().filter(p -> p.name().equals(key)).findFirst();
    }

    public Map<String, Param> paramsByName() {
        Map<String, Param> m = new java.util.LinkedHashMap<>();
        params.forEach(p -> m.put(p.name(), p));
        return m;
    }
}
