package org.seqlab.experiment.train;

import java.nio.file.Path;
import org.seqlab.data.Corpus;
import org.seqlab.data.Datasets;
import org.seqlab.features.FeatureExtractor;

/**
 * What a dataset entry gets besides its own parameters.
 *
 * @param features the extractor for audio corpora, or null when the spec says {@code none}
 * @param trainFraction the part of the training split to keep (learning-curve experiments)
 * @param dataRoot where corpora live for this run ({@code --data}, {@code Experiment.dataRoot}), or null for the default
 */
public record DataContext(long seed, double trainFraction, FeatureExtractor features, Path dataRoot) {
    /**
     * A corpus of datasets.yaml in this run's data folder. Dataset entries open corpora through
     * here, not {@code Datasets.get}, so that {@code Experiment.dataRoot(dir)} (a notebook's or a
     * test's folder of hand-placed corpora) is where the files are looked for.
     */
    public Corpus corpus(String name) {
        return dataRoot == null ? Datasets.get(name) : Datasets.get(name, dataRoot);
    }
}
