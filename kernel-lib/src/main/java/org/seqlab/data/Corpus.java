package org.seqlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seqlab.data.formats.Formats;
import org.seqlab.data.generate.Generators;
import org.seqlab.data.generate.TextCorpus;
import org.seqlab.data.generate.ToyTask;
import org.seqlab.features.FeatureCache;
import org.seqlab.features.FeatureExtractor;

/**
 * A handle on one corpus of datasets.yaml. Generated corpora are built on first use (or by
 * {@code ./seqlab datasets prepare NAME}); public ones must have been fetched by
 * {@code prepare}. Errors always say which command fixes the problem.
 */
public final class Corpus {
    private final DatasetSpec spec;
    private final Path dataHome;
    private final Path dir;
    private final boolean strict;
    private Map<String, Split> splits;

    Corpus(DatasetSpec spec, Path dataHome) {
        this(spec, dataHome, false);
    }

    private Corpus(DatasetSpec spec, Path dataHome, boolean strict) {
        this.spec = spec;
        this.dataHome = dataHome;
        this.dir = dataHome.resolve(spec.name());
        this.strict = strict;
    }

    /** The same corpus, but the first bad file fails loading instead of being skipped. */
    public Corpus strict() {
        return new Corpus(spec, dataHome, true);
    }

    public String name() {
        return spec.name();
    }

    /**
     * The same generated corpus with some generator params replaced, built in another data
     * folder: a smaller variant for a smoke run or a quick look. It must live elsewhere because
     * a different recipe in this corpus's folder would rebuild, and so replace, the corpus that
     * datasets.yaml describes. A misspelt key fails when the variant is built.
     *
     * <pre>{@code
     * Corpus small = Datasets.get("soundscapes").variant(tmp, Map.of("train", 4, "validation", 2, "test", 2));
     * }</pre>
     */
    public Corpus variant(Path otherDataHome, Map<String, ?> paramOverrides) {
        if (!spec.generated()) {
            throw new IllegalArgumentException(name() + " is downloaded, not generated: it has no params to vary");
        }
        if (otherDataHome.toAbsolutePath().normalize().equals(dataHome.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("a variant of " + name() + " must be built outside its data folder "
                    + dataHome + ", or it would replace the corpus of datasets.yaml; pass another folder");
        }
        Map<String, Object> params = new LinkedHashMap<>(spec.params());
        params.putAll(paramOverrides);
        DatasetSpec varied = new DatasetSpec(spec.name(), spec.task(), spec.description(), spec.licence(), spec.size(),
                spec.format(), spec.generator(), spec.seed(), params, spec.source());
        return new Corpus(varied, otherDataHome, strict);
    }

    public DatasetSpec spec() {
        return spec;
    }

    public Path dir() {
        return dir;
    }

    /** Identifies generator, version, params, seed and external inputs; changes mean a rebuild. */
    public String recipe() {
        if (!spec.generated()) {
            return Checksums.sha256("source " + spec.source().url() + " " + spec.source().sha256());
        }
        try {
            CorpusGenerator g = Generators.get(spec.generator());
            Params p = spec.paramsView();
            return Checksums.sha256(spec.generator() + "\nversion " + g.version() + "\nseed " + spec.seed()
                    + "\nparams " + p.canonical() + "\ninputs " + g.inputs(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the corpus is complete on disk (or needs no disk at all). */
    public boolean isReady() {
        if (spec.inMemory()) {
            return true;
        }
        try {
            if (spec.generated()) {
                Manifest m = Manifest.read(dir);
                return m != null && recipe().equals(m.recipe());
            }
            return Files.isRegularFile(dir.resolve(Sources.COMPLETE_MARKER));
        } catch (IOException e) {
            return false;
        }
    }

    /** Builds or fetches the corpus unless it is already complete. */
    public Corpus prepare() {
        return prepare(false);
    }

    /** {@code force} rebuilds a generated corpus (reusing verified files) or re-extracts a download. */
    public Corpus prepare(boolean force) {
        if (spec.inMemory() || (!force && isReady())) {
            return this;
        }
        try {
            if (spec.generated()) {
                CorpusGenerator g = Generators.get(spec.generator());
                Params p = spec.paramsView();
                CorpusGenerator.Plan plan = g.plan(p, spec.seed());
                CorpusBuilder.build(name(), dir, recipe(), plan);
            } else {
                Sources.fetch(this);
            }
        } catch (IOException e) {
            throw new CorpusException("preparing " + name() + " failed: " + e.getMessage()
                    + "; run ./seqlab datasets prepare " + name() + " to retry (it resumes)", e);
        }
        splits = null;
        return this;
    }

    /** Full checksum check of a built corpus; returns the problems found (empty when sound). */
    public List<String> verify() throws IOException {
        Manifest m = Manifest.read(dir);
        if (m == null) {
            return List.of(dir + ": no manifest; run ./seqlab datasets prepare " + name());
        }
        List<String> problems = new ArrayList<>();
        for (String p : m.check(dir, true)) {
            problems.add(p + "; run ./seqlab datasets prepare " + name() + " --force");
        }
        return problems;
    }

    /** All splits, loaded by the corpus's format; a generated corpus is built first if needed. */
    public synchronized Map<String, Split> splits() {
        if (splits == null) {
            if (spec.format() == null) {
                throw new CorpusException(name() + " has no audio splits; use " + (spec.inMemory() ? "toy()" : "text()"));
            }
            if (spec.generated()) {
                prepare();
            } else if (!isReady()) {
                throw new CorpusException("dataset " + name() + " is not downloaded to " + dir
                        + "; run ./seqlab datasets prepare " + name());
            }
            checkSizes();
            try {
                Path root = spec.source() != null && spec.source().archiveRoot() != null
                        ? dir.resolve(spec.source().archiveRoot()) : dir;
                splits = new LinkedHashMap<>(Formats.get(spec.format()).load(root, name(), strict));
                splits.values().forEach(s -> s.report().warnIfSkipped());
                Optional<Path> cacheDir = DataHome.features(dataHome);
                if (cacheDir.isPresent()) {
                    FeatureCache cache = new FeatureCache(cacheDir.get());
                    String id = featureCacheId();
                    splits.replaceAll((n, s) -> s.cachedIn(cache, id));
                }
            } catch (IOException e) {
                throw new CorpusException("loading " + name() + " from " + dir + " failed: " + e.getMessage(), e);
            }
        }
        return splits;
    }

    /** A split by name; a unique prefix such as "train" finds "train/weak". */
    public Split split(String name) {
        Map<String, Split> all = splits();
        Split s = all.get(name);
        if (s != null) {
            return s;
        }
        List<String> matches = all.keySet().stream().filter(k -> k.startsWith(name + "/")).toList();
        if (matches.size() == 1) {
            return all.get(matches.get(0));
        }
        throw new IllegalArgumentException(name() + " has no split '" + name + "'; splits: " + all.keySet());
    }

    /**
     * The corpus's id in the feature cache: its name and the start of its recipe hash, so that
     * features of an earlier build (other seed, params, generator version or download) are
     * never served for this one.
     */
    String featureCacheId() {
        return name() + "@" + recipe().substring(0, 16);
    }

    /**
     * Features for every split through {@code extractor}: {@code features(fx).split("train")},
     * the same as {@code split("train").features(fx)}. Cached on disk by default (see
     * {@link DataHome}).
     */
    public CorpusFeatures features(FeatureExtractor extractor) {
        return new CorpusFeatures(this, extractor);
    }

    /** The toy sequence task of an in-memory corpus, seeded from datasets.yaml. */
    public ToyTask toy() {
        if (!spec.inMemory()) {
            throw new IllegalArgumentException(name() + " is not a toy sequence task");
        }
        return ToyTask.create(spec.generator(), spec.paramsView(), spec.seed());
    }

    /** The text of a character-level language-model corpus. */
    public TextCorpus text() {
        if (!spec.generated() || !Generators.isText(spec.generator())) {
            throw new IllegalArgumentException(name() + " is not a text corpus");
        }
        prepare();
        checkSizes();
        try {
            return TextCorpus.read(dir, spec.paramsView());
        } catch (IOException e) {
            throw new CorpusException("reading " + name() + ": " + e.getMessage()
                    + "; run ./seqlab datasets prepare " + name() + " --force", e);
        }
    }

    /** Cheap integrity check on every load: sizes against the manifest. */
    private void checkSizes() {
        if (!spec.generated()) {
            return;
        }
        try {
            Manifest m = Manifest.read(dir);
            List<String> problems = m == null ? List.of("no manifest") : m.check(dir, false);
            if (!problems.isEmpty()) {
                throw new CorpusException(name() + " at " + dir + " is damaged (" + problems.size() + " problem(s), first: "
                        + problems.get(0) + "); run ./seqlab datasets prepare " + name() + " --force");
            }
        } catch (IOException e) {
            throw new CorpusException("reading the manifest of " + name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name() + " (" + spec.task() + ", " + spec.size() + (isReady() ? ", ready" : ", not prepared") + ")";
    }

    /** Features of a whole corpus, split by split. */
    public static final class CorpusFeatures {
        private final Corpus corpus;
        private final FeatureExtractor extractor;

        CorpusFeatures(Corpus corpus, FeatureExtractor extractor) {
            this.corpus = corpus;
            this.extractor = extractor;
        }

        public FeatureSplit split(String name) {
            return corpus.split(name).features(extractor);
        }

        public FeatureExtractor extractor() {
            return extractor;
        }
    }
}
