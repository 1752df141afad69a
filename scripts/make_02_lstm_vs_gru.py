#!/usr/bin/env python3
"""Writes notebooks/02-lstm-vs-gru.ipynb (committed without outputs). Edit the cells here, then run it."""
from nbformat.v4 import new_code_cell, new_markdown_cell

import notebook_file

md, code = new_markdown_cell, new_code_cell

cells = [
md(r"""# Lecture 2: LSTM and GRU

The **LSTM** protects its memory $c_t$ with gates; the **GRU** merges the cell into the hidden state and uses
two gates instead of three (gate order as in PyTorch; one bias per gate as in the lectures):

$$\begin{aligned}
\text{LSTM:}\quad & i_t, f_t, o_t = \sigma(W_{\{i,f,o\}} x_t + U_{\{i,f,o\}} h_{t-1} + b_{\{i,f,o\}}), \quad
g_t = \tanh(W_g x_t + U_g h_{t-1} + b_g),\\
& c_t = f_t \odot c_{t-1} + i_t \odot g_t, \qquad h_t = o_t \odot \tanh(c_t);\\
\text{GRU:}\quad & r_t, z_t = \sigma(W_{\{r,z\}} x_t + U_{\{r,z\}} h_{t-1} + b_{\{r,z\}}), \quad
n_t = \tanh(W_n x_t + r_t \odot (U_n h_{t-1}) + b_n),\\
& h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}.
\end{aligned}$$

Each gate is an affine map of $[x_t, h_{t-1}]$, so a layer with $n_{in}$ inputs and $n$ units has
$g\,(n_{in} n + n^2 + n)$ parameters with $g = 4$ (LSTM), $3$ (GRU), $1$ (simple RNN). The lecture claims the
two gated cells perform comparably, that the GRU is cheaper, and that the GRU "does better on smaller
datasets". We test each claim, with the wall time per epoch and the parameter count beside every accuracy.
Sizes come from `Size.current()` (`smoke`: seconds, `default`: minutes, `full`: the committed results)."""),
code(r"""import java.util.function.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.*;
import org.seqlab.autograd.ops.*;
import org.seqlab.nn.Module;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.recurrent.*;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.optim.*;
import org.seqlab.lectures.*;
import org.seqlab.data.Datasets;
import org.seqlab.data.Corpus;
import org.seqlab.data.Example;
import org.seqlab.data.generate.TextCorpus;
import org.seqlab.data.batch.Sequence;
import tech.tablesaw.aggregate.AggregateFunctions;

Size size = Size.current();
System.out.println("size " + size + ", " + Runtime.getRuntime().availableProcessors() + " cores, OMP_NUM_THREADS="
        + System.getenv("OMP_NUM_THREADS") + ", Seqlab " + Seqlab.version());

ScatterTrace line(String name, double[] x, double[] y) {
    return ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(name).build();
}
Figure figure(String title, String xTitle, String yTitle, boolean logX, List<ScatterTrace> traces) {
    Axis.AxisBuilder x = Axis.builder().title(xTitle);
    if (logX) x = x.type(Axis.Type.LOG);
    Layout layout = Layout.builder().title(title).height(420).width(760).xAxis(x.build()).yAxis(Axis.builder().title(yTitle).build()).build();
    return new Figure(layout, traces.toArray(new ScatterTrace[0]));
}
List<String> verdicts = new ArrayList<>();
/** A conclusion computed from the numbers: printed, and kept for experiments/rnn/RESULTS.md. */
void verdict(String s) { System.out.println(s); verdicts.add(s); }
double mean(double[] v) { return Arrays.stream(v).average().orElse(Double.NaN); }
double std(double[] v) { double m = mean(v); return v.length < 2 ? 0 : Math.sqrt(Arrays.stream(v).map(a -> (a - m) * (a - m)).sum() / (v.length - 1)); }"""),

md(r"""## 1. Parameter counts against the formulas

Layers built by the engine for several sizes, their counted parameters, and the formula's."""),
code(r"""Table counts = ParameterFormulas.table(new int[] {1, 40, 128}, new int[] {32, 128, 256});
long mismatches = 0;
for (int r = 0; r < counts.rowCount(); r++)
    if (counts.longColumn("parameters (model)").get(r).longValue() != counts.longColumn("parameters (formula)").get(r).longValue()) mismatches++;
display(counts);
verdict(mismatches == 0
        ? "Held: every built layer has exactly g(n_in*n + n^2 + n) parameters, 4x (LSTM) and 3x (GRU) the simple RNN's."
        : "Did NOT hold: " + mismatches + " rows differ from the formula (see the table).");"""),

md(r"""## 2. A character-level language model

A language model factorises the probability of a text into next-symbol predictions,
$p(x_1, \dots, x_T) = \prod_t p(x_t \mid x_{<t})$, each a softmax over the characters. Trained by cross-entropy,
its loss in bits per character, $-\frac{1}{T}\sum_t \log_2 p(x_t \mid x_{<t})$, is the code length an ideal
compressor built on the model would need. The corpus is the licence texts Debian installs
(`licences-text` in `datasets.yaml`), one-hot characters in, a softmax over them out.

The experiment is stated once as YAML, `experiments/rnn/chars-lstm.yaml` and `chars-gru.yaml` (they differ
only in the cell); the cell below runs both through the experiment layer (`Experiment.load`) and prints the
`./seqlab run` line that gives the same numbers on a terminal. Each run keeps its folder under `runs/`."""),
code(r"""import org.seqlab.experiment.Experiment;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.run.EpochRecord;
import org.seqlab.experiment.run.RunModels;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.StatefulModel;
import org.seqlab.experiment.train.TaskModel;

Path repoRoot = Path.of("").toAbsolutePath();
while (repoRoot.getParent() != null && !Files.exists(repoRoot.resolve("seqlab"))) repoRoot = repoRoot.getParent();
TextCorpus text = Datasets.get("licences-text").text();
int vocab = text.vocabularySize();
/** The char-LM configs' --set overrides for this size (the YAML files hold the default size). */
String[] lmOverrides = switch (size) {
    case SMOKE -> new String[] {"data.corpus.max-windows=64", "data.corpus.length=32", "data.corpus.stride=32", "model.hidden=32", "train.epochs=1"};
    case DEFAULT -> new String[0];
    case FULL -> new String[] {"data.corpus.length=100", "data.corpus.stride=100", "train.epochs=5"};
};
Path lmConfig(String cell) { return repoRoot.resolve("experiments/rnn/chars-" + cell.toLowerCase() + ".yaml"); }
var lmSpec = Experiment.load(lmConfig("LSTM"), lmOverrides).spec();
int window = ((Number) lmSpec.data().corpus().params().get("length")).intValue();
int lmHidden = ((Number) lmSpec.model().params().get("hidden")).intValue();
System.out.printf("%d characters, vocabulary %d; windows of %d, hidden %d, %d epochs%n",
        text.text().length(), vocab, window, lmHidden, lmSpec.train().epochs());
System.out.println("./seqlab run experiments/rnn/chars-{lstm,gru}.yaml" + Arrays.stream(lmOverrides).map(o -> " --set " + o).reduce("", String::concat));
Map<String, RunResult> lmRuns = new LinkedHashMap<>();
for (String cell : List.of("LSTM", "GRU")) {
    ExperimentRun run = Experiment.load(lmConfig(cell), lmOverrides).root(repoRoot.resolve("runs")).run();
    display(run.results());
    lmRuns.put(cell, run.first());
}"""),
code(r"""double log2 = Math.log(2);
List<ScatterTrace> lmTraces = new ArrayList<>();
for (var e : lmRuns.entrySet()) {
    List<EpochRecord> h = e.getValue().history();
    double[] ep = h.stream().mapToDouble(EpochRecord::epoch).toArray();
    lmTraces.add(line(e.getKey() + " validation", ep, h.stream().mapToDouble(r -> r.validMetrics().get("bpc")).toArray()));
    lmTraces.add(line(e.getKey() + " training", ep, h.stream().mapToDouble(r -> r.trainLoss() / log2).toArray()));
}
display(figure("Character LM on licence texts: bits per character", "epoch", "bits per character", false, lmTraces));

StringColumn fm = StringColumn.create("model");
IntColumn fp = IntColumn.create("parameters");
DoubleColumn fs = DoubleColumn.create("seconds per epoch"), fv = DoubleColumn.create("best validation bpc"), ft = DoubleColumn.create("test bpc");
lmRuns.forEach((cell, r) -> {
    fm.append(cell); fp.append((int) r.parameters()); fs.append(r.secondsPerEpoch());
    fv.append(r.history().get(r.bestEpoch() - 1).validMetrics().get("bpc")); ft.append(r.metrics().get("bpc"));
});
Table lmFinal = Table.create("Character LM after " + lmSpec.train().epochs() + " epochs (test at the best validation epoch)", fm, fp, fs, fv, ft);
display(lmFinal);
double lstmBpc = lmRuns.get("LSTM").metrics().get("bpc"), gruBpc = lmRuns.get("GRU").metrics().get("bpc");
double uniformBpc = Math.log(vocab) / log2;
System.out.printf("Uniform guessing: %.2f bpc. Test: LSTM %.3f, GRU %.3f bpc.%n", uniformBpc, lstmBpc, gruBpc);
verdict(Math.abs(lstmBpc - gruBpc) < 0.05 * Math.min(lstmBpc, gruBpc)
        ? "Comparable, as claimed: the two cells end within 5% of each other."
        : (lstmBpc < gruBpc ? "The LSTM" : "The GRU") + " is better here by " + String.format("%.3f", Math.abs(lstmBpc - gruBpc))
          + " bpc on the test text (more than 5%), with one seed: a difference, not yet a claim.");"""),
md(r"""### Sampling: one-to-many generation with a temperature

Generation feeds each sampled character back as the next input. The temperature $\tau$ rescales the logits,
$p_\tau(x) \propto \exp(z_x / \tau)$: below 1 the model picks its favourite continuations (repetitive), above 1
it takes more risks (more varied, more misspelt). The models are the runs above, rebuilt from their folders
(`RunModels.trained`: the saved config and the best checkpoint), stepped one character at a time with the
recurrent state carried from step to step."""),
code(r"""String sample(TaskModel m, String prompt, int n, double temperature, long seed) {
    StatefulModel lm = (StatefulModel) m;
    Random r = new Random(seed);
    StringBuilder out = new StringBuilder(prompt);
    try (var off = GradMode.off(); var scope = MemoryScope.open()) {
        List<Tensor> state = null;
        int[] ids = text.encode(prompt);
        for (int k = 0; k < ids.length + n - 1; k++) {
            int id = k < ids.length ? ids[k] : text.id(out.charAt(out.length() - 1));
            INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 1, vocab);
            x.putScalar(new long[] {0, 0, id}, 1f);
            StatefulModel.Continued step = lm.forward(new Batch(x, null, null), state);
            state = step.state();
            if (k >= ids.length - 1) {
                double[] z = step.output().value().reshape(vocab).toDoubleVector();
                double max = Arrays.stream(z).max().getAsDouble(), sum = 0;
                for (int j = 0; j < z.length; j++) { z[j] = Math.exp((z[j] - max) / temperature); sum += z[j]; }
                double u = r.nextDouble() * sum; int pick = 0;
                while (pick < z.length - 1 && (u -= z[pick]) > 0) pick++;
                out.append(text.symbol(pick));
            }
        }
    }
    return out.toString();
}
StringColumn sModel = StringColumn.create("model"); DoubleColumn sTemp = DoubleColumn.create("temperature"); StringColumn sText = StringColumn.create("sample");
for (String cell : lmRuns.keySet()) {
    TaskModel m = RunModels.trained(lmRuns.get(cell).path());
    for (double tau : new double[] {0.5, 1.0, 1.5}) {
        sModel.append(cell); sTemp.append(tau); sText.append(sample(m, "The ", size.pick(60, 200, 300), tau, 42));
    }
}
Table.create("Samples", sModel, sTemp, sText)"""),

md(r"""## 3. Many-to-one: spoken-word classification

A many-to-one network reads a whole utterance and classifies it from its last state,
$\hat y = \operatorname{softmax}(V h_T + c)$. The corpus is spoken by espeak-ng on this machine: a
vocabulary of 10 English words from the `speech-words` generator, with voices disjoint between training,
validation and test (so test speakers are new); its recipe is `speech-words-10` in `datasets.yaml` (and
`speech-words-10-smoke`, a tenth of it, for the smoke size). Features are 40 log-mel bins (25 ms windows
every 20 ms), and for comparison 13 MFCCs (the DCT of the same log-mel bins), each normalised with the
statistics of the utterances trained on.

Every run below is one of two experiment files, `experiments/rnn/words-lstm.yaml` and `words-gru.yaml`,
with `--set` overrides for the shape (plain, stacked = 2 layers, bidirectional), the features, the size and
the part of the training set; each cell prints the `./seqlab run` line that gives the same numbers in a
terminal. The experiment layer trains with Adam, validates after every epoch and reports the test accuracy
of the checkpoint that was best on the validation speakers."""),
code(r"""import org.seqlab.experiment.Experiment;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.run.RunResult;
// The smoke size gets its own small corpus, so a test run on a fresh machine synthesises 110 utterances, not 1000.
String corpusName = size == Size.SMOKE ? "speech-words-10-smoke" : "speech-words-10";
Corpus words = Datasets.get(corpusName).prepare();
int trainUtterances = words.split("train").size();
List<String> wordList = words.split("train").examples().stream().map(Example::transcript).distinct().sorted().toList();
System.out.println("words: " + wordList + "; " + trainUtterances + " train, " + words.split("validation").size() + " validation, "
        + words.split("test").size() + " test utterances");"""),
code(r"""int wordHidden = size.pick(16, 64, 64);
int wordBatch = Experiment.load(repoRoot.resolve("experiments/rnn/words-lstm.yaml")).spec().train().batch();
String LOGMEL = "log-mel 40", MFCC = "MFCC 13";
String pct(double fraction) { return String.format("%.0f%%", 100 * fraction); }
/** The trainer makes ceil(n / batch) updates per epoch; this many epochs give at least {@code updates} updates. */
int epochsFor(double fraction, int updates) {
    int n = (int) Math.max(1, Math.ceil(trainUtterances * fraction)), perEpoch = (n + wordBatch - 1) / wordBatch;
    return Math.max(1, (int) Math.ceil(updates / (double) perEpoch));
}
record WordRun(String model, String features, double fraction, long seed, int trainSize, long parameters, double testAccuracy,
               double validAccuracy, double secondsPerEpoch, int epochs, int bestEpoch) {}
/** One words config over several seeds, through the experiment layer; prints the equivalent command line. */
List<WordRun> runWords(String cell, String shape, String features, double fraction, int updates, long[] seeds) {
    List<String> set = new ArrayList<>(List.of("data.corpus.corpus=" + corpusName, "model.hidden=" + wordHidden));
    if (shape.equals("stacked")) set.add("model.layers=2");
    if (shape.equals("bidirectional")) set.add("model.bidirectional=true");
    if (features.equals(MFCC)) set.add("data.features=mfcc");
    if (fraction < 1) set.add("data.train-fraction=" + fraction);
    set.add("train.epochs=" + epochsFor(fraction, updates));
    Path config = repoRoot.resolve("experiments/rnn/words-" + cell.toLowerCase() + ".yaml");
    System.out.println("./seqlab run " + repoRoot.relativize(config) + set.stream().map(o -> " --set " + o).collect(java.util.stream.Collectors.joining())
            + " --seeds " + Arrays.stream(seeds).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(",")));
    ExperimentRun run = Experiment.load(config, set.toArray(new String[0])).seeds(seeds).root(repoRoot.resolve("runs")).liveCurves(false).run();   // dozens of runs: the tables and plots below gather them
    List<WordRun> out = new ArrayList<>();
    for (RunResult r : run.runs())
        out.add(new WordRun(cell + " " + shape, features, fraction, r.seed(), (int) Math.max(1, Math.ceil(trainUtterances * fraction)),
                r.parameters(), r.metrics().get("accuracy"), r.history().get(r.bestEpoch() - 1).validMetrics().get("accuracy"),
                r.secondsPerEpoch(), r.epochs(), r.bestEpoch()));
    return out;
}

Table runsTable(List<WordRun> runs) {
    StringColumn model = StringColumn.create("model"), feats = StringColumn.create("features"); StringColumn frac = StringColumn.create("train fraction"); IntColumn seed = IntColumn.create("seed");
    IntColumn size = IntColumn.create("train utterances"); IntColumn params = IntColumn.create("parameters"); IntColumn epochs = IntColumn.create("epochs"), best = IntColumn.create("best epoch");
    DoubleColumn sec = DoubleColumn.create("seconds per epoch"), valid = DoubleColumn.create("validation accuracy"), test = DoubleColumn.create("test accuracy");
    for (WordRun w : runs) {
        model.append(w.model()); feats.append(w.features()); frac.append(pct(w.fraction())); seed.append((int) w.seed()); size.append(w.trainSize()); params.append((int) w.parameters());
        epochs.append(w.epochs()); best.append(w.bestEpoch()); sec.append(w.secondsPerEpoch()); valid.append(w.validAccuracy()); test.append(w.testAccuracy());
    }
    return Table.create("word classification runs", model, feats, frac, seed, size, params, epochs, best, sec, valid, test);
}"""),
code(r"""int archUpdates = size.pick(3, 200, 400);
long[] archSeeds = size.pick(new long[] {1}, new long[] {1, 2}, new long[] {1, 2, 3});
List<WordRun> archRuns = new ArrayList<>();
for (String shape : List.of("plain", "stacked", "bidirectional")) for (String cell : List.of("LSTM", "GRU"))
    archRuns.addAll(runWords(cell, shape, LOGMEL, 1.0, archUpdates, archSeeds));
for (String cell : List.of("LSTM", "GRU"))      // the same plain models on MFCCs
    archRuns.addAll(runWords(cell, "plain", MFCC, 1.0, archUpdates, archSeeds));
Table archTable = runsTable(archRuns);
Table archSummary = archTable.summarize("parameters", "seconds per epoch", "test accuracy", AggregateFunctions.mean, AggregateFunctions.stdDev).by("model", "features");
archSummary"""),

code(r"""double bestArch = -1, bestGap = 0; String bestName = "";
Map<String, Double> archMean = new LinkedHashMap<>();
Table logmelRuns = archTable.where(archTable.stringColumn("features").isEqualTo(LOGMEL));
for (String name : logmelRuns.stringColumn("model").unique().asList()) {
    double[] acc = logmelRuns.where(logmelRuns.stringColumn("model").isEqualTo(name)).doubleColumn("test accuracy").asDoubleArray();
    archMean.put(name, mean(acc));
    if (mean(acc) > bestArch) { bestArch = mean(acc); bestName = name; }
}
System.out.printf("Chance is %.2f. Best: %s at %.3f test accuracy.%n", 1.0 / wordList.size(), bestName, bestArch);
for (String shape : List.of("plain", "stacked", "bidirectional")) {
    double l = archMean.get("LSTM " + shape), g = archMean.get("GRU " + shape);
    verdict(String.format("%s: LSTM %.3f vs GRU %.3f test accuracy, %s", shape, l, g,
            Math.abs(l - g) < 0.03 ? "comparable (within 0.03)." : (l > g ? "LSTM better." : "GRU better.")));
}
double plainBest = Math.max(archMean.get("LSTM plain"), archMean.get("GRU plain"));
double biBest = Math.max(archMean.get("LSTM bidirectional"), archMean.get("GRU bidirectional"));
verdict(biBest > plainBest + 0.02
        ? "Reading the utterance in both directions helped: the best bidirectional model beats the best plain one by " + String.format("%.3f", biBest - plainBest) + "."
        : "Bidirectional reading did not help clearly here (" + String.format("%+.3f", biBest - plainBest) + " over the best plain model).");
Table mfccRuns = archTable.where(archTable.stringColumn("features").isEqualTo(MFCC));
double mfccBest = Math.max(mean(mfccRuns.where(mfccRuns.stringColumn("model").isEqualTo("LSTM plain")).doubleColumn("test accuracy").asDoubleArray()),
                           mean(mfccRuns.where(mfccRuns.stringColumn("model").isEqualTo("GRU plain")).doubleColumn("test accuracy").asDoubleArray()));
verdict(String.format("Features: the best plain model reaches %.3f on 40 log-mel bins and %.3f on 13 MFCCs (%s).", plainBest, mfccBest,
        Math.abs(plainBest - mfccBest) < 0.03 ? "about the same" : plainBest > mfccBest ? "log-mel better" : "MFCC better"));"""),

md(r"""## 4. The small-data claim

"The GRU does better on smaller datasets" (fewer parameters, less to fit). We train plain LSTM and GRU models
of the same width on 5, 10, 25 and 100% of the training utterances, with several seeds each, always for about
the same number of updates (the epochs are raised as the set shrinks), and test on the unseen test speakers.
The seed also draws the subset (`subset: balanced` in the config: the words take turns, so each is present),
and the normalisation statistics come from that subset alone. The seconds per epoch include one pass over
the validation speakers, so they shrink less than the training set."""),
code(r"""double[] fractions = size.pick(new double[] {0.25, 1.0}, new double[] {0.05, 0.10, 0.25, 1.0}, new double[] {0.05, 0.10, 0.25, 1.0});
long[] dataSeeds = size.pick(new long[] {1}, new long[] {1, 2, 3}, new long[] {1, 2, 3, 4, 5});
int smallUpdates = size.pick(3, 200, 400);
List<WordRun> smallRuns = new ArrayList<>();
for (double f : fractions) for (String cell : List.of("LSTM", "GRU"))
    smallRuns.addAll(runWords(cell, "plain", LOGMEL, f, smallUpdates, dataSeeds));
Table smallTable = runsTable(smallRuns);
Table smallSummary = smallTable.summarize(List.of("train utterances", "epochs", "parameters", "seconds per epoch", "test accuracy"), AggregateFunctions.mean, AggregateFunctions.stdDev)
        .by("train fraction", "model");
smallSummary"""),
code(r"""List<ScatterTrace> fracTraces = new ArrayList<>();
Map<String, double[][]> stat = new LinkedHashMap<>();   // model -> {means, stds}
for (String model : List.of("LSTM plain", "GRU plain")) {
    double[] m = new double[fractions.length], s = new double[fractions.length], pct = new double[fractions.length];
    for (int i = 0; i < fractions.length; i++) {
        double fr = fractions[i];
        double[] acc = smallTable.where(smallTable.stringColumn("model").isEqualTo(model).and(smallTable.stringColumn("train fraction").isEqualTo(pct(fr))))
                .doubleColumn("test accuracy").asDoubleArray();
        m[i] = mean(acc); s[i] = std(acc); pct[i] = 100 * fr;
    }
    stat.put(model, new double[][] {m, s});
    fracTraces.add(line(model + " (mean of " + dataSeeds.length + " seeds)", pct, m));
    double[] lo = new double[m.length], hi = new double[m.length];
    for (int i = 0; i < m.length; i++) { lo[i] = m[i] - s[i]; hi[i] = m[i] + s[i]; }
    fracTraces.add(ScatterTrace.builder(pct, lo).mode(ScatterTrace.Mode.LINE).name(model + " - 1 std").opacity(0.4).build());
    fracTraces.add(ScatterTrace.builder(pct, hi).mode(ScatterTrace.Mode.LINE).name(model + " + 1 std").opacity(0.4).build());
}
figure("Word classification: test accuracy against training-set size", "training utterances used (%, log scale)", "test accuracy", true, fracTraces)"""),
code(r"""StringColumn verdictFrac = StringColumn.create("train fraction");
StringColumn lstmCol = StringColumn.create("LSTM (mean ± std)"), gruCol = StringColumn.create("GRU (mean ± std)"), verdictCol = StringColumn.create("GRU better by more than the spread?");
int gruWins = 0, smallFractions = 0;
for (int i = 0; i < fractions.length; i++) {
    double lm = stat.get("LSTM plain")[0][i], ls = stat.get("LSTM plain")[1][i], gm = stat.get("GRU plain")[0][i], gs = stat.get("GRU plain")[1][i];
    double se = Math.sqrt((ls * ls + gs * gs) / dataSeeds.length);
    boolean win = gm - lm > 2 * se && gm > lm;
    verdictFrac.append(pct(fractions[i]));
    lstmCol.append(String.format("%.3f ± %.3f", lm, ls)); gruCol.append(String.format("%.3f ± %.3f", gm, gs));
    verdictCol.append(dataSeeds.length < 2 ? "one seed: cannot tell" : win ? "yes" : gm > lm ? "higher, within the spread" : "no");
    if (fractions[i] < 1.0) { smallFractions++; if (win) gruWins++; }
}
Table smallVerdict = Table.create("Small-data claim", verdictFrac, lstmCol, gruCol, verdictCol);
display(smallVerdict);
verdict(dataSeeds.length < 2
        ? "One seed per setting (smoke size): no statement about the small-data claim is possible."
        : gruWins == smallFractions
          ? "Held here: at every reduced training-set size the GRU beats the LSTM by more than two standard errors."
          : gruWins > 0
            ? "Partly held: the GRU was clearly better at " + gruWins + " of " + smallFractions + " reduced sizes; at the others the difference is within the seed-to-seed spread."
            : "Did NOT hold here: at no reduced training-set size was the GRU better than the LSTM by more than the seed-to-seed spread (two standard errors).");"""),
code(r"""Path results = repoRoot.resolve("experiments/rnn/RESULTS.md");
if (size == Size.FULL) {
    StringBuilder md = new StringBuilder("## Lecture 2: LSTM vs GRU (`notebooks/02-lstm-vs-gru.ipynb`, full size)\n\n");
    md.append(ResultsMarkdown.provenance()).append(".\n\n");
    md.append("### Parameter counts\n\n").append(ResultsMarkdown.table(counts));
    md.append("\n### Character LM (`experiments/rnn/chars-{lstm,gru}.yaml`, licences-text, hidden ").append(lmHidden).append(", windows of ").append(window).append(")\n\n").append(ResultsMarkdown.table(lmFinal));
    md.append("\n### Spoken words (`experiments/rnn/words-{lstm,gru}.yaml`: 10 words, new speakers in test; hidden ").append(wordHidden)
      .append(", at least ").append(archUpdates).append(" updates, seeds ").append(Arrays.toString(archSeeds)).append(")\n\n").append(ResultsMarkdown.table(archSummary));
    md.append("\n### Small-data claim (plain LSTM vs GRU, at least ").append(smallUpdates).append(" updates, subsets and weights drawn by seeds ").append(Arrays.toString(dataSeeds)).append(")\n\n")
      .append(ResultsMarkdown.table(smallVerdict)).append('\n').append(ResultsMarkdown.table(smallSummary));
    md.append("\n### Verdicts\n\n");
    verdicts.forEach(v -> md.append("- ").append(v).append('\n'));
    ResultsMarkdown.writeSection(results, "Seqlab RNN lectures: results", "02-lstm-vs-gru", md.toString());
    System.out.println("refreshed the 02-lstm-vs-gru section of " + results);
} else {
    System.out.println("size " + size + ": " + results + " is refreshed only at full size (./seqlab reproduce --full)");
}"""),
md(r"""## Summary

Every verdict above is printed by a cell from the measured numbers. With one seed (`smoke`) or few seeds
(`default`) differences of a few points between LSTM and GRU are within the noise; the committed full-size
figures, with commit, date and machine, are in `experiments/rnn/RESULTS.md`."""),
]

for c in cells:
    c.source = c.source.replace("TRIPLE_QUOTE", '"' * 3)

notebook_file.write(cells, "02-lstm-vs-gru.ipynb")
