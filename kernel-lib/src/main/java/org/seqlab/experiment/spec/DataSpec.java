package org.seqlab.experiment.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Which corpus, how much of its training split, which features and augmentations.
 *
 * @param trainFraction part of the training split kept, for learning curves over data size
 */
public record DataSpec(Choice corpus, double trainFraction, Choice features, List<Choice> augment) {
    public DataSpec {
        augment = List.copyOf(augment);
    }

    public static DataSpec corpus(String name) {
        return new DataSpec(Choice.of(name), (Double) Schema.DATA_FRACTION.defaultValue(), Choice.of("none"), List.of());
    }

    public static DataSpec of(Choice corpus) {
        return corpus(corpus.name()).withCorpus(corpus);
    }

    /** Sets a corpus parameter such as its sequence length. */
    public DataSpec with(String key, Object value) {
        return withCorpus(corpus.with(key, value));
    }

    public DataSpec withCorpus(Choice c) {
        return new DataSpec(c, trainFraction, features, augment);
    }

    public DataSpec trainFraction(double f) {
        return new DataSpec(corpus, f, features, augment);
    }

    public DataSpec features(Choice f) {
        return new DataSpec(corpus, trainFraction, f, augment);
    }

    /** {@code features(Features.logMel(40))}. */
    public DataSpec features(ChoiceBuilder<?> f) {
        return features(f.choice());
    }

    public DataSpec augment(Choice a) {
        List<Choice> l = new ArrayList<>(augment);
        l.add(a);
        return new DataSpec(corpus, trainFraction, features, l);
    }
}
