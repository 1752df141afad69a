#!/usr/bin/env python3
"""Writes notebooks/00-data-tour.ipynb (committed without outputs). Edit the cells here, then run it."""
from nbformat.v4 import new_code_cell, new_markdown_cell

import notebook_file

md, code = new_markdown_cell, new_code_cell

cells = [
    md("# A tour of Seqlab's corpora\n\n"
       "Public corpora cannot be downloaded on the build machines, so Seqlab makes its default corpora "
       "on the machine, deterministically from the recipe in `datasets.yaml` (generator, params, seed). "
       "Each one is made by one command,\n\n"
       "    ./seqlab datasets prepare NAME\n\n"
       "or, as here, on first use in a notebook, with a progress bar. A corpus is rebuilt only when its "
       "recipe changes (its manifest keeps the recipe and every file's checksum).\n\n"
       "Sizes: at `default` and `full` this notebook shows the corpora of `datasets.yaml` in the data "
       "folder (`$SEQLAB_DATA`, default `~/.cache/seqlab/data`; the first build takes 1-3 minutes per "
       "corpus). At `smoke` (the tests) it builds tiny variants of the same recipes in a throw-away "
       "folder, with `Corpus.variant(folder, params)`, so it runs in seconds."),
    code("import org.seqlab.data.batch.Sequence;\n"
         "import org.seqlab.data.generate.*;\n"
         "\n"
         "Size size = Size.current();\n"
         "Path smokeData = size == Size.SMOKE ? Files.createTempDirectory(\"seqlab-data-tour-\") : null;\n"
         "\n"
         "/** The corpus of datasets.yaml, or at smoke size a tiny variant of its recipe in a throw-away folder. */\n"
         "Corpus corpus(String name, Map<String, Object> smokeParams) {\n"
         "    Corpus c = Datasets.get(name);\n"
         "    return smokeData == null ? c : c.variant(smokeData, smokeParams);\n"
         "}\n"
         "\n"
         "/** One row per split: examples, audio minutes, and (where there are any) speakers, classes and words. */\n"
         "Table splitTable(Corpus c) throws Exception {\n"
         "    StringColumn split = StringColumn.create(\"split\");\n"
         "    IntColumn examples = IntColumn.create(\"examples\");\n"
         "    DoubleColumn minutes = DoubleColumn.create(\"minutes\");\n"
         "    IntColumn speakers = IntColumn.create(\"speakers\");\n"
         "    IntColumn words = IntColumn.create(\"distinct words\");\n"
         "    IntColumn classes = IntColumn.create(\"classes\");\n"
         "    StringColumn classNames = StringColumn.create(\"class names\");\n"
         "    for (Split s : c.splits().values()) {\n"
         "        double seconds = 0;\n"
         "        for (Example e : s.examples()) seconds += Audio.read(e.audio()).seconds();\n"
         "        List<String> ls = s.labelSet();\n"
         "        split.append(s.name());\n"
         "        examples.append(s.size());\n"
         "        minutes.append(Math.round(seconds / 60 * 100) / 100.0);\n"
         "        speakers.append((int) s.examples().stream().map(Example::speaker).filter(Objects::nonNull).distinct().count());\n"
         "        words.append((int) s.examples().stream().map(Example::transcript).filter(Objects::nonNull)\n"
         "                .flatMap(t -> Arrays.stream(t.split(\" \"))).distinct().count());\n"
         "        classes.append(ls.size());\n"
         "        classNames.append(String.join(\" \", ls.subList(0, Math.min(12, ls.size()))) + (ls.size() > 12 ? \" ...\" : \"\"));\n"
         "    }\n"
         "    Table t = Table.create(c.name() + \": splits\", split, examples, minutes);\n"
         "    for (IntColumn col : List.of(speakers, words, classes)) if (col.sum() > 0) t.addColumns(col);\n"
         "    if (classes.sum() > 0) t.addColumns(classNames);\n"
         "    return t;\n"
         "}\n"
         "\n"
         "/** How a corpus was made: its datasets.yaml entry. */\n"
         "void describe(Corpus c) {\n"
         "    DatasetSpec s = c.spec();\n"
         "    System.out.println(s.name() + \" - \" + s.task() + \"\\n\" + s.description() + \"\\nlicence: \" + s.licence()\n"
         "            + \"\\ngenerator \" + s.generator() + \", seed \" + s.seed() + \", params \" + s.params()\n"
         "            + (smokeData == null ? \"\\nsize: \" + s.size() : \"\\n(smoke size: a tiny variant)\") + \"\\nfolder: \" + c.dir());\n"
         "}\n"
         "System.out.println(\"size \" + size + (smokeData == null ? \", data folder \" + Datasets.registry().dataHome()\n"
         "        : \", tiny corpora in \" + smokeData));"),

    md("## soundscapes: sound event detection\n"
       "DCASE-like clips: synthesised events of 11 classes over background noise, up to two at once. "
       "The training set is weakly labelled (clip tags only), validation and test have strong labels "
       "(onset, offset, class) in DCASE TSV files.\n\n"
       "    ./seqlab datasets prepare soundscapes"),
    code("Corpus soundscapes = corpus(\"soundscapes\", Map.of(\"train\", 2, \"validation\", 2, \"test\", 1));\n"
         "describe(soundscapes);\n"
         "splitTable(soundscapes)"),
    md("A validation clip as a 64-bin log-mel spectrogram, its strong labels drawn in rows under it, "
       "then the clip itself."),
    code("Split validation = soundscapes.split(\"validation\");\n"
         "display(validation.spectrogram(0, LogMel.bins(64)));\n"
         "validation.player(0)"),
    md("The same clip's strong labels, as in the corpus's DCASE TSV (`filename onset offset event_label`)."),
    code("Example clip = validation.get(0);\n"
         "Table strong = Table.create(\"strong labels of \" + clip.id(),\n"
         "        StringColumn.create(\"filename\"), DoubleColumn.create(\"onset\"), DoubleColumn.create(\"offset\"),\n"
         "        StringColumn.create(\"event_label\"));\n"
         "for (Event e : clip.events()) {\n"
         "    strong.stringColumn(\"filename\").append(clip.audio().getFileName().toString());\n"
         "    strong.doubleColumn(\"onset\").append(e.onset());\n"
         "    strong.doubleColumn(\"offset\").append(e.offset());\n"
         "    strong.stringColumn(\"event_label\").append(e.label());\n"
         "}\n"
         "strong"),
    md("Training clips carry only their tags (weak labels, derived from the events they were made of)."),
    code("Split weak = soundscapes.split(\"train\");\n"
         "Table tags = Table.create(\"weak labels\", StringColumn.create(\"clip\"), StringColumn.create(\"tags\"),\n"
         "        BooleanColumn.create(\"strong labels\"));\n"
         "for (Example e : weak.head(5).examples()) {\n"
         "    tags.stringColumn(\"clip\").append(e.id());\n"
         "    tags.stringColumn(\"tags\").append(String.join(\", \", e.labels()));\n"
         "    tags.booleanColumn(\"strong labels\").append(e.hasStrongLabels());\n"
         "}\n"
         "tags"),

    md("## speech-words and speech-sentences: transcribed speech\n"
       "English words from the Debian `wamerican` list spoken by espeak-ng with several voices, speeds and "
       "pitches, some with noise; LibriSpeech layout (`.trans.txt` transcripts), speakers (voices) disjoint "
       "between splits.\n\n"
       "    ./seqlab datasets prepare speech-words\n"
       "    ./seqlab datasets prepare speech-sentences"),
    code("Corpus words = corpus(\"speech-words\", Map.of(\"train\", 3, \"validation\", 2, \"test\", 3, \"vocabulary\", 20));\n"
         "describe(words);\n"
         "splitTable(words)"),
    md("Each transcript beside its audio, one utterance per test voice."),
    code("/** The first utterance of each speaker in a split, with its transcript beside the player. */\n"
         "void onePerSpeaker(Split s, int max) throws Exception {\n"
         "    Set<String> seen = new HashSet<>();\n"
         "    for (int i = 0; i < s.size() && seen.size() < max; i++) {\n"
         "        if (seen.add(s.get(i).speaker())) {\n"
         "            System.out.println(\"speaker \" + s.get(i).speaker());\n"
         "            display(s.player(i));\n"
         "        }\n"
         "    }\n"
         "}\n"
         "onePerSpeaker(words.split(\"test\"), 4);"),
    code("Corpus sentences = corpus(\"speech-sentences\", Map.of(\"train\", 2, \"validation\", 1, \"test\", 3,\n"
         "        \"vocabulary\", 50, \"words_per_utterance\", List.of(3, 5)));\n"
         "describe(sentences);\n"
         "splitTable(sentences)"),
    code("onePerSpeaker(sentences.split(\"test\"), 4);"),

    md("## lid: language identification\n"
       "espeak-ng reading random words from each language's Debian word list; some voice variants for "
       "training, others for test. VoxLingua107 layout (a folder per language).\n\n"
       "    ./seqlab datasets prepare lid"),
    code("Corpus lid = corpus(\"lid\", Map.of(\"train_per_language\", 1, \"test_per_language\", 1,\n"
         "        \"seconds\", List.of(2.5, 3.0)));\n"
         "describe(lid);\n"
         "splitTable(lid)"),
    md("One test utterance per language."),
    code("Split lidTest = lid.split(\"test\");\n"
         "Set<String> languages = new TreeSet<>();\n"
         "for (int i = 0; i < lidTest.size(); i++) {\n"
         "    if (languages.add(lidTest.get(i).label())) display(lidTest.player(i));\n"
         "}\n"
         "languages"),

    md("## licences-text: characters for language models\n"
       "The licence texts that Debian's `base-files` installs in `/usr/share/common-licenses`, split "
       "contiguously into train, validation and test.\n\n"
       "    ./seqlab datasets prepare licences-text"),
    code("Corpus licences = corpus(\"licences-text\", Map.of());\n"
         "describe(licences);\n"
         "TextCorpus text = licences.text();\n"
         "Table textSplits = Table.create(\"licences-text: splits\", StringColumn.create(\"split\"), IntColumn.create(\"characters\"));\n"
         "for (String s : List.of(\"train\", \"validation\", \"test\")) {\n"
         "    textSplits.stringColumn(\"split\").append(s);\n"
         "    textSplits.intColumn(\"characters\").append(text.split(s).length());\n"
         "}\n"
         "System.out.println(\"vocabulary: \" + text.vocabularySize() + \" characters\");\n"
         "textSplits"),
    code("String train = text.split(\"train\");\n"
         "int from = train.length() / 3;\n"
         "System.out.println(train.substring(from, Math.min(train.length(), from + 600)));"),

    md("## Toy sequence tasks\n"
       "Made in memory from their seed, nothing to prepare: the adding problem, the copy task with a lag, "
       "running parity. Each input row is one time step; one-hot rows are shown as the index of their 1 "
       "(in the copy task 8 is the blank and 9 the delimiter), the adding problem's rows as (value, marker)."),
    code("/** A step as text: the index of its 1 when one-hot, else its values (whole numbers without decimals). */\n"
         "String step(float[] row) {\n"
         "    int ones = 0, hot = -1;\n"
         "    boolean binary = true;\n"
         "    for (int k = 0; k < row.length; k++) {\n"
         "        if (row[k] == 1f) { ones++; hot = k; } else if (row[k] != 0f) binary = false;\n"
         "    }\n"
         "    if (row.length > 1 && binary && ones == 1) return String.valueOf(hot);\n"
         "    StringBuilder b = new StringBuilder(row.length > 1 ? \"(\" : \"\");\n"
         "    for (int k = 0; k < row.length; k++) b.append(k > 0 ? \",\" : \"\").append(row[k] == Math.rint(row[k])\n"
         "            ? String.valueOf((int) row[k]) : String.format(Locale.ROOT, \"%.2f\", row[k]));\n"
         "    return b.append(row.length > 1 ? \")\" : \"\").toString();\n"
         "}\n"
         "String steps(float[][] m, int max) {\n"
         "    StringBuilder b = new StringBuilder();\n"
         "    for (int t = 0; t < Math.min(max, m.length); t++) b.append(t > 0 ? \" \" : \"\").append(step(m[t]));\n"
         "    return b.append(m.length > max ? \" ...\" : \"\").toString();\n"
         "}\n"
         "Table toyTable(String name, int n, int maxSteps) {\n"
         "    ToyTask task = Datasets.get(name).toy();\n"
         "    Table t = Table.create(name + \": \" + Datasets.registry().spec(name).description(),\n"
         "            StringColumn.create(\"id\"), IntColumn.create(\"steps\"), StringColumn.create(\"input\"), StringColumn.create(\"target\"));\n"
         "    for (Sequence<float[][]> s : task.generate(\"train\", n)) {\n"
         "        t.stringColumn(\"id\").append(s.id());\n"
         "        t.intColumn(\"steps\").append(s.length());\n"
         "        t.stringColumn(\"input\").append(steps(s.frames(), maxSteps));\n"
         "        t.stringColumn(\"target\").append(steps(s.target(), maxSteps));\n"
         "    }\n"
         "    return t;\n"
         "}\n"
         "toyTable(\"adding\", 3, 12)"),
    code("toyTable(\"copy\", 3, 70)"),
    code("toyTable(\"parity\", 3, 50)"),

    md("## Cleaning up\nAt smoke size the tiny corpora are deleted; the real ones stay in the data folder."),
    code("if (smokeData != null) {\n"
         "    try (var paths = Files.walk(smokeData)) {\n"
         "        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());\n"
         "    }\n"
         "}\n"
         "smokeData == null || !Files.exists(smokeData)"),
]

notebook_file.write(cells, "00-data-tour.ipynb")
