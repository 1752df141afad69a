package org.seqlab.experiment.train;

import java.nio.file.Path;
import org.seqlab.features.FeatureExtractor;

/**
 * What a dataset entry gets besides its own parameters.
 *
 * @param features the extractor for audio corpora, or null when the spec says {@code none}
 * @param trainFraction the part of the training split to keep (learning-curve experiments)
 */
public record DataContext(long seed, double trainFraction, FeatureExtractor features, Path dataRoot) {}
