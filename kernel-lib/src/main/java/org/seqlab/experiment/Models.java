package org.seqlab.experiment;

import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ChoiceBuilder;

/**
 * Typed builders for the registered models, e.g. {@code Models.gru().hidden(64).layers(2)}; each
 * is the same spec as its YAML ({@code model: {name: gru, hidden: 64, layers: 2}}). Unset
 * parameters keep the entry's defaults.
 */
public final class Models {
    private Models() {}

    public static Recurrent lstm() {
        return new Recurrent(Choice.of("lstm"));
    }

    public static Recurrent gru() {
        return new Recurrent(Choice.of("gru"));
    }

    public static Rnn rnn() {
        return new Rnn(Choice.of("rnn"));
    }

    public static Generator generator() {
        return new Generator(Choice.of("generator"));
    }

    public static LeNet lenet() {
        return new LeNet(Choice.of("lenet"));
    }

    public static WindowMlp windowMlp() {
        return new WindowMlp(Choice.of("window-mlp"));
    }

    /** Lecture 04's DCASE 2018 baseline CRNN (conv blocks pooling frequency only, BiGRU, frame sigmoid). */
    public static CrnnModel crnn() {
        return new CrnnModel(Choice.of("crnn"));
    }

    /** Lecture 04's strong-label MLP on stacked frames. */
    public static FrameMlp frameMlp() {
        return new FrameMlp(Choice.of("frame-mlp"));
    }

    /** The hierarchical GRU of lecture 06 (segment GRU, utterance GRU, attention or mean pooling). */
    public static Hierarchical hgru() {
        return new Hierarchical(Choice.of("hgru"));
    }

    /** Lecture 03's encoder-decoder, without attention or with one of three scorers. */
    public static Seq2Seq seq2seq() {
        return new Seq2Seq(Choice.of("seq2seq"));
    }

    /** Lecture 03's image captioner: CNN grid encoder, attention LSTM decoder. */
    public static ShowAttendTell showAttendTell() {
        return new ShowAttendTell(Choice.of("show-attend-tell"));
    }

    /** Listen, Attend and Spell; {@code .ctc(true)} makes it the hybrid CTC/attention model. */
    public static Las las() {
        return new Las(Choice.of("las"));
    }

    /** {@code lstm} and {@code gru}: recurrent layers and a linear read-out. */
    public static class Recurrent extends ChoiceBuilder<Recurrent> {
        Recurrent(Choice c) {
            super(c);
        }

        @Override
        protected Recurrent copy(Choice c) {
            return new Recurrent(c);
        }

        public Recurrent hidden(int units) {
            return set("hidden", units);
        }

        public Recurrent layers(int n) {
            return set("layers", n);
        }

        public Recurrent bidirectional(boolean on) {
            return set("bidirectional", on);
        }

        /** {@code concat} or {@code sum} (the lecture's 4-layer BLSTM): how bidirectional layers merge. */
        public Recurrent merge(String how) {
            return set("merge", how);
        }

        public Recurrent dropout(double p) {
            return set("dropout", p);
        }

        /** {@code last} or {@code mean}: how one answer per sequence is read out. */
        public Recurrent pool(String how) {
            return set("pool", how);
        }
    }

    /** The simple (tanh) RNN, whose recurrent weights can be scaled to a spectral radius. */
    public static final class Rnn extends ChoiceBuilder<Rnn> {
        Rnn(Choice c) {
            super(c);
        }

        @Override
        protected Rnn copy(Choice c) {
            return new Rnn(c);
        }

        public Rnn hidden(int units) {
            return set("hidden", units);
        }

        public Rnn layers(int n) {
            return set("layers", n);
        }

        public Rnn bidirectional(boolean on) {
            return set("bidirectional", on);
        }

        /** {@code concat} or {@code sum} (the lecture's 4-layer BLSTM): how bidirectional layers merge. */
        public Rnn merge(String how) {
            return set("merge", how);
        }

        public Rnn dropout(double p) {
            return set("dropout", p);
        }

        public Rnn pool(String how) {
            return set("pool", how);
        }

        public Rnn spectralRadius(double radius) {
            return set("spectral-radius", radius);
        }
    }

    /** Lecture 1's generator, trained with or without teacher forcing. */
    public static final class Generator extends ChoiceBuilder<Generator> {
        Generator(Choice c) {
            super(c);
        }

        @Override
        protected Generator copy(Choice c) {
            return new Generator(c);
        }

        public Generator cell(String name) {
            return set("cell", name);
        }

        public Generator hidden(int units) {
            return set("hidden", units);
        }

        public Generator teacherForcing(boolean on) {
            return set("teacher-forcing", on);
        }

        public Generator prompt(int steps) {
            return set("prompt", steps);
        }
    }

    /** {@code crnn}: conv blocks (ReLU or GLU), BiGRU, per-frame read-out, optional attention head. */
    public static final class CrnnModel extends ChoiceBuilder<CrnnModel> {
        CrnnModel(Choice c) {
            super(c);
        }

        @Override
        protected CrnnModel copy(Choice c) {
            return new CrnnModel(c);
        }

        public CrnnModel channels(int n) {
            return set("channels", n);
        }

        /** Frequency pooling per conv block; the list's length is the number of blocks. */
        public CrnnModel pools(java.util.List<Integer> factors) {
            return set("pools", factors);
        }

        public CrnnModel hidden(int units) {
            return set("hidden", units);
        }

        public CrnnModel gated(boolean on) {
            return set("gated", on);
        }

        public CrnnModel attention(boolean on) {
            return set("attention", on);
        }

        public CrnnModel dropout(double p) {
            return set("dropout", p);
        }
    }

    /** {@code frame-mlp}: ReLU layers over each frame stacked with its neighbours. */
    public static final class FrameMlp extends ChoiceBuilder<FrameMlp> {
        FrameMlp(Choice c) {
            super(c);
        }

        @Override
        protected FrameMlp copy(Choice c) {
            return new FrameMlp(c);
        }

        public FrameMlp context(int frames) {
            return set("context", frames);
        }

        public FrameMlp hidden(int units) {
            return set("hidden", units);
        }

        public FrameMlp layers(int n) {
            return set("layers", n);
        }

        public FrameMlp dropout(double p) {
            return set("dropout", p);
        }
    }

    /** {@code hgru}: windows of {@code segment} frames every {@code hop}, two GRU levels, pooled over segments. */
    public static final class Hierarchical extends ChoiceBuilder<Hierarchical> {
        Hierarchical(Choice c) {
            super(c);
        }

        @Override
        protected Hierarchical copy(Choice c) {
            return new Hierarchical(c);
        }

        public Hierarchical hidden(int units) {
            return set("hidden", units);
        }

        public Hierarchical utteranceHidden(int units) {
            return set("utterance-hidden", units);
        }

        public Hierarchical segment(int frames) {
            return set("segment", frames);
        }

        public Hierarchical hop(int frames) {
            return set("hop", frames);
        }

        /** {@code attention} or {@code mean}. */
        public Hierarchical pool(String how) {
            return set("pool", how);
        }

        public Hierarchical attention(int units) {
            return set("attention", units);
        }

        public Hierarchical dropout(double p) {
            return set("dropout", p);
        }
    }

    /** {@code seq2seq}: recurrent encoder, attention decoder, greedy decoding at evaluation. */
    public static final class Seq2Seq extends ChoiceBuilder<Seq2Seq> {
        Seq2Seq(Choice c) {
            super(c);
        }

        @Override
        protected Seq2Seq copy(Choice c) {
            return new Seq2Seq(c);
        }

        /** {@code gru} or {@code lstm}. */
        public Seq2Seq cell(String name) {
            return set("cell", name);
        }

        public Seq2Seq hidden(int units) {
            return set("hidden", units);
        }

        public Seq2Seq embedding(int size) {
            return set("embedding", size);
        }

        /** {@code none}, {@code dot}, {@code additive} or {@code location}. */
        public Seq2Seq attention(String scorer) {
            return set("attention", scorer);
        }

        /** {@code previous} or {@code current} decoder state as the query. */
        public Seq2Seq scoring(String state) {
            return set("scoring", state);
        }

        public Seq2Seq attentionSize(int units) {
            return set("attention-size", units);
        }

        public Seq2Seq maxOutput(int steps) {
            return set("max-output", steps);
        }
    }

    /** {@code show-attend-tell}: CNN feature grid, attention decoder, greedy decoding at evaluation. */
    public static final class ShowAttendTell extends ChoiceBuilder<ShowAttendTell> {
        ShowAttendTell(Choice c) {
            super(c);
        }

        @Override
        protected ShowAttendTell copy(Choice c) {
            return new ShowAttendTell(c);
        }

        public ShowAttendTell cell(String name) {
            return set("cell", name);
        }

        public ShowAttendTell hidden(int units) {
            return set("hidden", units);
        }

        public ShowAttendTell embedding(int size) {
            return set("embedding", size);
        }

        public ShowAttendTell channels(int features) {
            return set("channels", features);
        }

        /** {@code dot}, {@code additive} or {@code location}. */
        public ShowAttendTell attention(String scorer) {
            return set("attention", scorer);
        }

        public ShowAttendTell scoring(String state) {
            return set("scoring", state);
        }

        public ShowAttendTell attentionSize(int units) {
            return set("attention-size", units);
        }

        public ShowAttendTell maxOutput(int steps) {
            return set("max-output", steps);
        }
    }

    /** Lecture 3's LeNet-5-shaped CNN on square images; {@code pool}: max, avg, stride or none. */
    public static final class LeNet extends ChoiceBuilder<LeNet> {
        LeNet(Choice c) {
            super(c);
        }

        @Override
        protected LeNet copy(Choice c) {
            return new LeNet(c);
        }

        public LeNet pool(String how) {
            return set("pool", how);
        }

        public LeNet kernel(int size) {
            return set("kernel", size);
        }

        public LeNet channels1(int filters) {
            return set("channels1", filters);
        }

        public LeNet channels2(int filters) {
            return set("channels2", filters);
        }

        public LeNet hidden(int units) {
            return set("hidden", units);
        }
    }

    /** Lecture 3's MLP over the last {@code window} steps. */
    public static final class WindowMlp extends ChoiceBuilder<WindowMlp> {
        WindowMlp(Choice c) {
            super(c);
        }

        @Override
        protected WindowMlp copy(Choice c) {
            return new WindowMlp(c);
        }

        public WindowMlp window(int steps) {
            return set("window", steps);
        }

        public WindowMlp hidden(int units) {
            return set("hidden", units);
        }
    }

    /** Listen, Attend and Spell (lecture 5): pyramidal BLSTM listener, attention, LSTM speller. */
    public static final class Las extends ChoiceBuilder<Las> {
        Las(Choice c) {
            super(c);
        }

        @Override
        protected Las copy(Choice c) {
            return new Las(c);
        }

        public Las listenerLayers(int n) {
            return set("listener-layers", n);
        }

        public Las listenerHidden(int units) {
            return set("listener-hidden", units);
        }

        /** Top listener layers that halve time: the encoder has T / 2^pyramid frames. */
        public Las pyramid(int layers) {
            return set("pyramid", layers);
        }

        public Las spellerHidden(int units) {
            return set("speller-hidden", units);
        }

        public Las embedding(int size) {
            return set("embedding", size);
        }

        /** {@code additive} or {@code location}. */
        public Las attention(String kind) {
            return set("attention", kind);
        }

        public Las attentionSize(int units) {
            return set("attention-size", units);
        }

        /** Scheduled sampling: the chance of feeding the model's own previous guess while training. */
        public Las sampling(double p) {
            return set("sampling", p);
        }

        /** A CTC head on the listener: the hybrid CTC/attention model. */
        public Las ctc(boolean on) {
            return set("ctc", on);
        }
    }
}
