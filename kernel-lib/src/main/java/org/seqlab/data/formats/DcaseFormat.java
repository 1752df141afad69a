package org.seqlab.data.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.seqlab.data.Event;
import org.seqlab.data.Example;
import org.seqlab.data.LoadReport;
import org.seqlab.data.Split;

/**
 * DESED / DCASE 2018 task 4 layout: {@code metadata/<split>.tsv} (or .csv, tab separated)
 * beside {@code audio/<split>/}. A file with {@code onset offset event_label} columns holds strong
 * labels (one row per event; a row with empty onset marks a clip without events); one with
 * {@code event_labels} holds weak clip tags; one with only {@code filename} lists unlabelled
 * clips. Weak tags of strongly labelled clips are derived from their events.
 */
final class DcaseFormat implements CorpusFormat {

    @Override
    public Map<String, Split> load(Path root, String corpus, boolean strict) throws IOException {
        Path meta = root.resolve("metadata");
        if (!Files.isDirectory(meta)) {
            throw new IOException(root + ": no metadata/ folder (DCASE layout: metadata/<split>.tsv and audio/<split>/)");
        }
        List<Path> tables = new ArrayList<>(Tsv.walk(meta, ".tsv"));
        tables.addAll(Tsv.walk(meta, ".csv"));
        Map<String, Split> splits = new LinkedHashMap<>();
        for (Path table : tables) {
            Path rel = meta.relativize(table);
            String relName = rel.toString().replace('\\', '/');
            relName = relName.substring(0, relName.lastIndexOf('.'));
            List<Tsv.Row> rows = Tsv.read(table, "\t");
            if (rows.isEmpty()) {
                continue;
            }
            List<String> header = Arrays.stream(rows.get(0).cells()).map(String::trim).toList();
            boolean strong = header.containsAll(List.of("filename", "onset", "offset", "event_label"));
            boolean weak = header.contains("filename") && header.contains("event_labels");
            boolean unlabelled = header.equals(List.of("filename"));
            if (!strong && !weak && !unlabelled) {
                continue; // e.g. durations.tsv
            }
            String name = splitName(relName);
            Path audioDir = audioDir(root, relName);
            LoadReport report = new LoadReport(corpus + "/" + name, strict);
            List<Example> examples = strong ? strongExamples(rows, header, audioDir, report)
                    : taggedExamples(rows, header, audioDir, report, weak);
            splits.put(name, new Split(corpus, name, examples, report));
        }
        if (splits.isEmpty()) {
            throw new IOException(meta + ": no DCASE metadata tables (.tsv/.csv with a filename column)");
        }
        return splits;
    }

    /** "validation/validation" -> "validation"; "train/weak" stays. */
    static String splitName(String rel) {
        int slash = rel.lastIndexOf('/');
        if (slash > 0) {
            String parent = rel.substring(0, slash);
            String leaf = rel.substring(slash + 1);
            if (parent.endsWith(leaf) && (parent.length() == leaf.length() || parent.charAt(parent.length() - leaf.length() - 1) == '/')) {
                return parent;
            }
        }
        return rel;
    }

    private static Path audioDir(Path root, String relName) {
        Path audio = root.resolve("audio");
        for (String candidate = relName; ; candidate = candidate.substring(0, candidate.lastIndexOf('/'))) {
            if (Files.isDirectory(audio.resolve(candidate))) {
                return audio.resolve(candidate);
            }
            if (candidate.indexOf('/') < 0) {
                return audio;
            }
        }
    }

    private static List<Example> strongExamples(List<Tsv.Row> rows, List<String> header, Path audioDir, LoadReport report)
            throws IOException {
        int f = header.indexOf("filename");
        int on = header.indexOf("onset");
        int off = header.indexOf("offset");
        int lab = header.indexOf("event_label");
        Map<String, List<Event>> byFile = new LinkedHashMap<>();
        for (Tsv.Row r : rows.subList(1, rows.size())) {
            String file = r.cells()[f].trim();
            List<Event> events = byFile.computeIfAbsent(file, k -> new ArrayList<>());
            if (r.cells().length <= lab || r.cells()[on].isBlank()) {
                continue; // a clip without events
            }
            events.add(new Event(r.number(on, "onset"), r.number(off, "offset"), r.cells()[lab].trim()));
        }
        List<Example> out = new ArrayList<>();
        for (Map.Entry<String, List<Event>> e : byFile.entrySet()) {
            Path audio = audioDir.resolve(e.getKey());
            if (!Files.isRegularFile(audio)) {
                report.skip(audio, "listed in metadata but missing");
                continue;
            }
            TreeSet<String> tags = new TreeSet<>();
            e.getValue().forEach(ev -> tags.add(ev.label()));
            out.add(new Example(e.getKey(), audio, null, null, new ArrayList<>(tags), e.getValue()));
        }
        return out;
    }

    private static List<Example> taggedExamples(List<Tsv.Row> rows, List<String> header, Path audioDir, LoadReport report,
                                                boolean weak) {
        int f = header.indexOf("filename");
        int lab = header.indexOf("event_labels");
        List<Example> out = new ArrayList<>();
        for (Tsv.Row r : rows.subList(1, rows.size())) {
            String file = r.cells()[f].trim();
            Path audio = audioDir.resolve(file);
            if (!Files.isRegularFile(audio)) {
                report.skip(audio, "listed in " + r.where() + " but missing");
                continue;
            }
            List<String> tags = weak && r.cells().length > lab && !r.cells()[lab].isBlank()
                    ? Arrays.stream(r.cells()[lab].split(",")).map(String::trim).sorted().toList() : List.of();
            out.add(new Example(file, audio, null, null, tags, List.of()));
        }
        return out;
    }
}
