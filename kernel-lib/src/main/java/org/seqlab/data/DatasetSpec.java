package org.seqlab.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.data.formats.Formats;
import org.seqlab.data.generate.Generators;

/**
 * One entry of datasets.yaml. A corpus is either generated ({@code generator}, {@code params},
 * {@code seed}) or fetched ({@code source}); {@code format} names the loader that reads its
 * folder, so generated corpora are read by the same loaders as the public ones they imitate.
 */
public record DatasetSpec(String name, String task, String description, String licence, String size,
                          String format, String generator, long seed, Map<String, Object> params, Source source) {

    /**
     * A public corpus: where to download it, its checksum, and the folder its archive unpacks
     * to. {@code manual} corpora (several archives, or download scripts) are fetched by the
     * user into the corpus folder; {@code prepare} then checks that they load.
     */
    public record Source(String url, String sha256, String archiveRoot, boolean manual) {
    }

    public boolean generated() {
        return generator != null;
    }

    /** In-memory corpora (toy sequences) have nothing on disk to prepare. */
    public boolean inMemory() {
        return generated() && Generators.isInMemory(generator);
    }

    public Params paramsView() {
        return new Params(name, params);
    }

    @SuppressWarnings("unchecked")
    static DatasetSpec parse(Object node, String where) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": each entry under 'datasets' must be a mapping");
        }
        Map<String, Object> map = (Map<String, Object>) m;
        String name = required(map, "name", where);
        String at = where + ": dataset '" + name + "'";
        for (String key : map.keySet()) {
            if (!List.of("name", "task", "description", "licence", "size", "format", "generator", "seed", "params", "source")
                    .contains(key)) {
                throw new IllegalArgumentException(at + ": unknown key '" + key + "'");
            }
        }
        String generator = (String) map.get("generator");
        Object sourceNode = map.get("source");
        if ((generator == null) == (sourceNode == null)) {
            throw new IllegalArgumentException(at + ": needs exactly one of 'generator' and 'source'");
        }
        Source source = null;
        if (sourceNode != null) {
            if (!(sourceNode instanceof Map<?, ?> s)) {
                throw new IllegalArgumentException(at + ": 'source' must be a mapping with url, sha256");
            }
            Object sha = s.get("sha256");
            for (Object key : s.keySet()) {
                if (!List.of("url", "sha256", "archive_root", "manual").contains(key)) {
                    throw new IllegalArgumentException(at + ": source: unknown key '" + key + "'");
                }
            }
            source = new Source(required((Map<String, Object>) s, "url", at + ": source"),
                    sha == null ? null : String.valueOf(sha), (String) s.get("archive_root"),
                    Boolean.TRUE.equals(s.get("manual")));
        } else if (!Generators.exists(generator)) {
            throw new IllegalArgumentException(at + ": unknown generator '" + generator + "', known: " + Generators.names());
        }
        Object seed = map.get("seed");
        if (generator != null && !(seed instanceof Number)) {
            throw new IllegalArgumentException(at + ": a generated corpus needs an integer 'seed'");
        }
        Object params = map.getOrDefault("params", Map.of());
        if (!(params instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(at + ": 'params' must be a mapping");
        }
        String format = (String) map.get("format");
        if (format != null && !Formats.exists(format)) {
            throw new IllegalArgumentException(at + ": unknown format '" + format + "', known: " + Formats.names());
        }
        boolean needsFormat = generator == null || !(Generators.isInMemory(generator) || Generators.hasOwnReader(generator));
        if (format == null && needsFormat) {
            throw new IllegalArgumentException(at + ": needs a 'format' naming the loader for its files");
        }
        return new DatasetSpec(name, required(map, "task", at), required(map, "description", at),
                required(map, "licence", at), required(map, "size", at), format, generator,
                seed == null ? 0 : ((Number) seed).longValue(), new LinkedHashMap<>((Map<String, Object>) params), source);
    }

    private static String required(Map<String, Object> map, String key, String where) {
        Object v = map.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException(where + ": missing '" + key + "'");
        }
        return String.valueOf(v).strip();
    }
}
