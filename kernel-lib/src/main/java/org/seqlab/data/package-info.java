/**
 * Corpora for the lectures' experiments: the registry ({@link org.seqlab.data.Datasets}, read
 * from {@code datasets.yaml}), corpus handles and splits, generators that make corpora on the
 * machine, loaders for public corpora, and batching ({@code org.seqlab.data.batch}).
 *
 * <h2>Where things are</h2>
 * <ul>
 *   <li>Registry: {@code $SEQLAB_DATASETS}, else the nearest {@code datasets.yaml} in the working
 *       directory or a parent (the repository's), else the copy packaged into kernel-lib's jar
 *       from the top-level file at build time.</li>
 *   <li>Data: {@code $SEQLAB_DATA/<name>}, default {@code ~/.cache/seqlab/data/<name>}
 *       (system property {@code seqlab.data} overrides both).</li>
 *   <li>Features: {@code $SEQLAB_DATA/features/<name>@<recipe hash>/<extractor hash>/<split>%2F<id>.feat},
 *       see below.</li>
 * </ul>
 *
 * <h2>Features</h2>
 * {@code corpus.features(fx).split("train")} (or {@code corpus.split("train").features(fx)}) gives
 * a {@link org.seqlab.data.FeatureSplit} whose features are computed once and then read from the
 * on-disk {@link org.seqlab.features.FeatureCache}, in later epochs and later runs alike. The
 * cache id holds the corpus's recipe hash, the split, the example, the extractor's key and the
 * sample rate, so a rebuilt corpus or any changed setting computes afresh; old entries are never
 * served, only left behind (delete the folder to reclaim the space). {@code $SEQLAB_FEATURES}
 * or the system property {@code seqlab.features} relocates the cache, the value {@code off}
 * turns it off; either is read when a corpus's splits are first loaded.
 * {@link org.seqlab.data.FeatureSplit#prepare()} fills the cache and returns the global
 * normalisation statistics of a training split. A {@link org.seqlab.data.Split} made outside a
 * corpus has no recipe and is not cached.
 *
 * <h2>Generated corpora</h2>
 * Built on first use or by {@code ./seqlab datasets prepare NAME}. Each item's output depends
 * only on the seed and the item, so a build resumes after a crash: finished items are journalled
 * with their checksums and skipped when they still verify. The manifest ({@code manifest.tsv}:
 * recipe hash, then path, size and SHA-256 of every file) is written last and atomically; without
 * it, or with another recipe (generator version, params, seed, word-list and espeak-ng
 * fingerprints), the corpus is not complete and is rebuilt. Every load checks file sizes against
 * the manifest; {@code ./seqlab datasets verify NAME} checks every checksum.
 * <ul>
 *   <li>{@code soundscapes}: DESED / DCASE 2018 task 4 layout ({@code audio/train/weak},
 *       {@code metadata/train/weak.tsv}; {@code audio/validation}, {@code metadata/validation/validation.tsv};
 *       likewise test), strong labels as {@code filename onset offset event_label}; the training
 *       clips' strong labels are kept in {@code truth/train_strong.tsv}.</li>
 *   <li>{@code speech-words}, {@code speech-sentences}: LibriSpeech layout with WAV in place of
 *       FLAC (jflac decodes FLAC but cannot encode it); {@code SPEAKERS.TXT} maps speakers to
 *       espeak-ng voices.</li>
 *   <li>{@code lid}: VoxLingua107 layout, {@code <split>/<language>/<voice>__<n>.wav}.</li>
 *   <li>{@code text}: one UTF-8 file {@code text.txt} joined from text Debian ships: by default the
 *       licence texts in {@code /usr/share/common-licenses} (base-files, which is Essential and so
 *       present on every Debian system); otherwise files of a named package, fetched with
 *       {@code apt-get download} where not installed, and pinned by SHA-256.</li>
 *   <li>Toy tasks (adding, copy, parity) are made in memory: {@code Datasets.get("copy").toy()}.</li>
 * </ul>
 * {@link org.seqlab.data.Corpus#variant(java.nio.file.Path, java.util.Map)} builds the same recipe with
 * some params replaced (fewer clips, a smaller vocabulary) in another data folder, e.g. tiny
 * corpora for a notebook's smoke run that leave the real ones alone.
 *
 * <h2>Bad input</h2>
 * Loaders skip missing or undecodable files and count them in each split's
 * {@link org.seqlab.data.LoadReport} (a warning names the first), or fail at once on a corpus
 * opened with {@link org.seqlab.data.Corpus#strict()}. Errors say which command fixes them.
 */
package org.seqlab.data;
