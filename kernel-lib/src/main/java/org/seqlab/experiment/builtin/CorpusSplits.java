package org.seqlab.experiment.builtin;

import org.seqlab.data.Corpus;
import org.seqlab.experiment.spec.ConfigException;

/**
 * Split names of a corpus chosen in a config ({@code data.corpus.train-split}, ...), checked
 * before any features are computed: on a real corpus (DESED, LibriSpeech) the features of the
 * splits named first take minutes, so a misspelt last split must not wait for them.
 */
final class CorpusSplits {
    private CorpusSplits() {}

    /** Throws, naming the config key and the corpus's splits, unless {@code split} names one ({@link Corpus#split}). */
    static void require(Corpus corpus, String key, String split) {
        try {
            corpus.split(split);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(null, "data.corpus." + key, "corpus '" + corpus.name() + "' has no split '" + split
                    + "'; its splits: " + corpus.splits().keySet());
        }
    }
}
