package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.seqlab.data.Corpus;
import org.seqlab.data.Example;
import org.seqlab.data.batch.Sequence;
import org.seqlab.experiment.CorpusMissingException;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.DataContext;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;

/**
 * A speech corpus of {@code datasets.yaml} with transcripts (LibriSpeech layout: generated
 * {@code speech-sentences} or the real corpus) as a character transcription task: class 0 is the
 * blank (CTC) or end of sentence (LAS), then one class per character of the training
 * transcripts, the space as {@code <space>} (the name character LMs and the ctc decoders read).
 * Transcripts are used as written (LibriSpeech is upper case; nothing is normalised). A test
 * character the training transcripts lack cannot be spelled: it is an error naming the utterance.
 * Each of train, validation and test is a (corpus, split) pair: by default the corpus's own
 * {@code train}, {@code validation} and {@code test} (the generated corpora), or on LibriSpeech
 * e.g. train-clean-100 of one corpus, dev-clean of another and test-clean of a third.
 */
final class SpeechTranscripts {
    private SpeechTranscripts() {}

    static TaskData open(Params p, DataContext ctx) {
        String name = p.string("corpus");
        if (ctx.features() == null) {
            throw new ConfigException(null, "data.features",
                    "corpus '" + name + "' is audio: choose features, e.g. features: {name: logmel, bins: 40}");
        }
        for (String[] k : new String[][] {{"corpus", "train-split"}, {"validation-corpus", "validation-split"},
            {"test-corpus", "test-split"}}) {
            CorpusSplits.require(ready(ctx, corpusName(p, k[0])), k[1], p.string(k[1]));
        }
        int cap = p.integer("max-examples");
        List<Sequence<Example>> train = SequenceTasks.fraction(capped(split(p, ctx, "corpus", "train-split"), cap), ctx.trainFraction());
        List<Sequence<Example>> valid = capped(split(p, ctx, "validation-corpus", "validation-split"), cap);
        List<Sequence<Example>> test = capped(split(p, ctx, "test-corpus", "test-split"), cap);
        if (p.string("normalize").equals("train")) {
            var stats = TrainStatistics.fit(train);
            train = TrainStatistics.apply(stats, train);
            valid = TrainStatistics.apply(stats, valid);
            test = TrainStatistics.apply(stats, test);
        }
        TreeSet<Integer> chars = new TreeSet<>();
        String alphabet = p.string("alphabet");
        if (alphabet.isEmpty()) {
            for (Sequence<Example> s : train) {
                s.target().transcript().codePoints().forEach(chars::add);
            }
        } else {
            alphabet.codePoints().forEach(chars::add);
            if (alphabet.codePoints().count() != chars.size()) {
                throw new ConfigException(null, "data.corpus.alphabet", "'" + alphabet + "' names a character twice");
            }
        }
        List<String> classes = new ArrayList<>(List.of("<blank>"));
        for (int c : chars) {
            classes.add(c == ' ' ? "<space>" : new String(Character.toChars(c)));
        }
        Map<Integer, Integer> ids = new LinkedHashMap<>();
        int k = 1;
        for (int c : chars) {
            ids.put(c, k++);
        }
        TaskShape shape = new TaskShape(ctx.features().dimension(), classes.size(), Task.TRANSCRIPTION, classes);
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("train", new Utterances(train, ids, where(p, "corpus", "train-split")));
        splits.put("validation", new Utterances(valid, ids, where(p, "validation-corpus", "validation-split")));
        splits.put("test", new Utterances(test, ids, where(p, "test-corpus", "test-split")));
        return new SequenceTasks.Data(shape, splits);
    }

    /**
     * The utterances of one split with features. A split may come from another corpus than the
     * training one because LibriSpeech is published as one archive per subset (train-clean-100,
     * dev-clean, test-clean), each a corpus of datasets.yaml with a single split named after it.
     */
    private static List<Sequence<Example>> split(Params p, DataContext ctx, String corpusKey, String splitKey) {
        return bySpeakerInTurn(ready(ctx, corpusName(p, corpusKey)).features(ctx.features()).split(p.string(splitKey)).sequences());
    }

    /**
     * The utterances dealt one speaker after another in turn, each speaker's in corpus order.
     * {@code data.train-fraction} and {@code max-examples} keep the front of a split, and corpora
     * list their utterances speaker by speaker, so without this a small learning-curve subset
     * would be a few whole speakers. Dealt in turn, every subset holds every voice in proportion,
     * and a smaller subset is a prefix of a larger one.
     */
    static List<Sequence<Example>> bySpeakerInTurn(List<Sequence<Example>> utterances) {
        Map<String, List<Sequence<Example>>> bySpeaker = new LinkedHashMap<>();
        for (Sequence<Example> u : utterances) {
            bySpeaker.computeIfAbsent(String.valueOf(u.target().speaker()), k -> new ArrayList<>()).add(u);
        }
        List<Sequence<Example>> out = new ArrayList<>(utterances.size());
        for (int round = 0; out.size() < utterances.size(); round++) {
            for (List<Sequence<Example>> one : bySpeaker.values()) {
                if (round < one.size()) {
                    out.add(one.get(round));
                }
            }
        }
        return out;
    }

    private static Corpus ready(DataContext ctx, String name) {
        Corpus corpus = ctx.corpus(name);
        if (!corpus.isReady()) {
            throw new CorpusMissingException(name, corpus.spec().generated()
                    ? "it is not built under " + corpus.dir() + "; generate it with ./seqlab datasets prepare " + name + " (needs espeak-ng)"
                    : "it is not downloaded to " + corpus.dir() + "; run ./seqlab datasets prepare " + name);
        }
        return corpus;
    }

    private static String corpusName(Params p, String corpusKey) {
        String name = p.string(corpusKey);
        return name.isEmpty() ? p.string("corpus") : name;
    }

    /** "speech-sentences/test", or "librispeech-test-clean/test-clean": where a bad transcript is. */
    private static String where(Params p, String corpusKey, String splitKey) {
        return corpusName(p, corpusKey) + "/" + p.string(splitKey);
    }

    private static <T> List<T> capped(List<T> l, int cap) {
        return cap > 0 && l.size() > cap ? l.subList(0, cap) : l;
    }

    /** Utterances with their ids (for Kaldi hypothesis files) and character tokens. */
    record Utterances(List<Sequence<Example>> examples, Map<Integer, Integer> ids, String where) implements Split {
        Utterances {
            for (Sequence<Example> s : examples) {
                tokens(s.target(), ids, where);
            }
        }

        @Override
        public int size() {
            return examples.size();
        }

        @Override
        public String id(int index) {
            return examples.get(index).id();
        }

        @Override
        public int length(int i) {
            return examples.get(i).length();
        }

        @Override
        public Batch batch(int[] idx) {
            List<Sequence<Example>> xs = new ArrayList<>();
            int[][] tokens = new int[idx.length][];
            for (int i = 0; i < idx.length; i++) {
                Sequence<Example> s = examples.get(idx[i]);
                xs.add(s);
                tokens[i] = tokens(s.target(), ids, where);
            }
            return Batch.of(org.seqlab.data.batch.SequenceBatch.of(xs), new Target.Tokens(tokens, null));
        }

        private static int[] tokens(Example e, Map<Integer, Integer> ids, String where) {
            int[] cps = e.transcript().codePoints().toArray();
            int[] out = new int[cps.length];
            for (int i = 0; i < cps.length; i++) {
                Integer id = ids.get(cps[i]);
                if (id == null) {
                    throw new ConfigException(null, "data.corpus", where + ": utterance " + e.id() + " has the character '"
                            + new String(Character.toChars(cps[i])) + "', which is not in the model's alphabet (data.corpus.alphabet,"
                            + " or the training transcripts' characters when it is empty), so no model class can spell it"
                            + " (name it in the alphabet, train on more data or clean the transcript)");
                }
                out[i] = id;
            }
            return out;
        }
    }
}
