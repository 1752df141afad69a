package org.seqlab.data.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.data.Example;
import org.seqlab.data.LoadReport;
import org.seqlab.data.Split;

/**
 * LibriSpeech layout: {@code <split>/<speaker>/<chapter>/<speaker>-<chapter>.trans.txt} with
 * lines {@code <utterance-id> <TRANSCRIPT>} beside {@code <utterance-id>.flac}. A {@code .wav}
 * with the same id is accepted too, which is how Seqlab's generated speech corpora are stored
 * (jflac cannot encode FLAC).
 */
final class LibriSpeechFormat implements CorpusFormat {

    @Override
    public Map<String, Split> load(Path root, String corpus, boolean strict) throws IOException {
        List<Path> transcripts = Tsv.walk(root, ".trans.txt");
        if (transcripts.isEmpty()) {
            throw new IOException(root + ": no *.trans.txt transcripts (LibriSpeech layout)");
        }
        Map<String, List<Example>> bySplit = new LinkedHashMap<>();
        Map<String, LoadReport> reports = new LinkedHashMap<>();
        for (Path trans : transcripts) {
            Path chapter = trans.getParent();
            Path splitDir = chapter.getParent() == null ? null : chapter.getParent().getParent();
            String split = splitDir == null || !splitDir.startsWith(root) || splitDir.equals(root)
                    ? "all" : root.relativize(splitDir).toString().replace('\\', '/');
            LoadReport report = reports.computeIfAbsent(split, s -> new LoadReport(corpus + "/" + s, strict));
            List<Example> out = bySplit.computeIfAbsent(split, s -> new ArrayList<>());
            for (Tsv.Row r : Tsv.read(trans, "\n")) {
                String line = r.cells()[0].strip();
                int sp = line.indexOf(' ');
                if (sp <= 0) {
                    throw new IOException(r.where() + ": expected '<utterance-id> <TRANSCRIPT>'");
                }
                String id = line.substring(0, sp);
                Path audio = chapter.resolve(id + ".flac");
                if (!Files.isRegularFile(audio)) {
                    audio = chapter.resolve(id + ".wav");
                }
                if (!Files.isRegularFile(audio)) {
                    report.skip(chapter.resolve(id + ".flac"), "transcribed in " + r.where() + " but missing");
                    continue;
                }
                out.add(Example.transcribed(id, audio, id.split("-")[0], line.substring(sp + 1).strip()));
            }
        }
        Map<String, Split> splits = new LinkedHashMap<>();
        bySplit.forEach((name, ex) -> splits.put(name, new Split(corpus, name, ex, reports.get(name))));
        return splits;
    }
}
