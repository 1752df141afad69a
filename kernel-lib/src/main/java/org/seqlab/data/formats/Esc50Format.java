package org.seqlab.data.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seqlab.data.Example;
import org.seqlab.data.LoadReport;
import org.seqlab.data.Split;

/**
 * ESC-50: {@code meta/esc50.csv} (filename, fold, target, category, ...) and clips in
 * {@code audio/}. Each of the five folds is a split ("fold1".."fold5"); its usual use is
 * five-fold cross-validation.
 */
final class Esc50Format implements CorpusFormat {

    @Override
    public Map<String, Split> load(Path root, String corpus, boolean strict) throws IOException {
        Path csv = root.resolve("meta").resolve("esc50.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IOException(root + ": no meta/esc50.csv (ESC-50 layout)");
        }
        List<Tsv.Row> rows = Tsv.read(csv, ",");
        List<String> header = Arrays.stream(rows.get(0).cells()).map(String::trim).toList();
        int file = header.indexOf("filename");
        int fold = header.indexOf("fold");
        int category = header.indexOf("category");
        if (file < 0 || fold < 0 || category < 0) {
            throw new IOException(csv + ":1: header needs filename, fold and category columns, has " + header);
        }
        Map<String, List<Example>> folds = new TreeMap<>();
        Map<String, LoadReport> reports = new TreeMap<>();
        for (Tsv.Row r : rows.subList(1, rows.size())) {
            String name = "fold" + (int) r.number(fold, "fold");
            LoadReport report = reports.computeIfAbsent(name, n -> new LoadReport(corpus + "/" + n, strict));
            Path audio = root.resolve("audio").resolve(r.cells()[file].trim());
            if (!Files.isRegularFile(audio)) {
                report.skip(audio, "listed in " + r.where() + " but missing");
                continue;
            }
            folds.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(Example.labelled(r.cells()[file].trim(), audio, null, r.cells()[category].trim()));
        }
        Map<String, Split> splits = new TreeMap<>();
        folds.forEach((name, ex) -> splits.put(name, new Split(corpus, name, ex, reports.get(name))));
        return splits;
    }
}
