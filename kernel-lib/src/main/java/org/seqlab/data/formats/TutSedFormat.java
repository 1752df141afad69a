package org.seqlab.data.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seqlab.data.Event;
import org.seqlab.data.Example;
import org.seqlab.data.LoadReport;
import org.seqlab.data.Split;

/**
 * TUT Sound Events 2016/2017: annotation files {@code meta/<scene>/<clip>.ann} with either
 * three columns (onset, offset, label; 2016) or the long form (file, scene, onset, offset,
 * label, ...; 2017), audio under {@code audio/}. Split "all" holds every annotated clip; the
 * {@code evaluation_setup/<scene>_fold<N>_<train|evaluate|test>.txt} lists become splits
 * "fold<N>/<part>".
 */
final class TutSedFormat implements CorpusFormat {
    private static final Pattern FOLD = Pattern.compile(".*_fold(\\d+)_(train|evaluate|test)\\.txt");

    @Override
    public Map<String, Split> load(Path root, String corpus, boolean strict) throws IOException {
        List<Path> anns = Tsv.walk(root.resolve("meta"), ".ann");
        if (anns.isEmpty()) {
            throw new IOException(root + ": no meta/**/*.ann annotation files (TUT-SED layout)");
        }
        LoadReport report = new LoadReport(corpus + "/all", strict);
        Map<String, Example> byAudio = new LinkedHashMap<>();
        for (Path ann : anns) {
            Path audio = null;
            List<Event> events = new ArrayList<>();
            for (Tsv.Row r : Tsv.read(ann, "\t")) {
                String[] c = r.cells();
                if (c.length == 3) {
                    events.add(new Event(r.number(0, "onset"), r.number(1, "offset"), c[2].trim()));
                } else if (c.length >= 5) {
                    audio = root.resolve(c[0].trim());
                    events.add(new Event(r.number(2, "onset"), r.number(3, "offset"), c[4].trim()));
                } else {
                    throw new IOException(r.where() + ": expected 3 columns (onset offset label) or at least 5"
                            + " (file scene onset offset label), got " + c.length);
                }
            }
            if (audio == null) {
                Path scene = root.resolve("meta").relativize(ann.getParent());
                audio = root.resolve("audio").resolve(scene.toString()).resolve(Tsv.stem(ann) + ".wav");
            }
            if (!Files.isRegularFile(audio)) {
                report.skip(audio, "annotated in " + ann + " but missing");
                continue;
            }
            TreeSet<String> tags = new TreeSet<>();
            events.forEach(e -> tags.add(e.label()));
            String id = root.relativize(audio).toString().replace('\\', '/');
            byAudio.put(id, new Example(id, audio, null, null, new ArrayList<>(tags), events));
        }
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("all", new Split(corpus, "all", new ArrayList<>(byAudio.values()), report));
        Map<String, List<Example>> folds = new LinkedHashMap<>();
        for (Path list : Tsv.walk(root.resolve("evaluation_setup"), ".txt")) {
            Matcher m = FOLD.matcher(list.getFileName().toString());
            if (!m.matches()) {
                continue;
            }
            List<Example> part = folds.computeIfAbsent("fold" + m.group(1) + "/" + m.group(2), k -> new ArrayList<>());
            for (Tsv.Row r : Tsv.read(list, "\t")) {
                Example e = byAudio.get(r.cells()[0].trim());
                if (e != null && !part.contains(e)) {
                    part.add(e);
                }
            }
        }
        folds.forEach((name, ex) -> splits.put(name, new Split(corpus, name, ex, report)));
        return splits;
    }
}
