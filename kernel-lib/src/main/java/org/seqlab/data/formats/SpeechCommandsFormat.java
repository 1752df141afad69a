package org.seqlab.data.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.seqlab.data.Example;
import org.seqlab.data.Split;
import org.seqlab.data.LoadReport;

/**
 * Google Speech Commands: one folder per word ({@code _background_noise_} and other
 * underscore folders are not words), speakers in file names ({@code <speaker>_nohash_<n>.wav}),
 * and {@code validation_list.txt} / {@code testing_list.txt} naming the held-out files; all
 * other files are training data.
 */
final class SpeechCommandsFormat implements CorpusFormat {

    @Override
    public Map<String, Split> load(Path root, String corpus, boolean strict) throws IOException {
        Set<String> validation = list(root.resolve("validation_list.txt"));
        Set<String> testing = list(root.resolve("testing_list.txt"));
        Map<String, List<Example>> parts = new LinkedHashMap<>();
        for (String s : List.of("train", "validation", "test")) {
            parts.put(s, new ArrayList<>());
        }
        List<Path> words;
        try (Stream<Path> s = Files.list(root)) {
            words = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        if (words.isEmpty()) {
            throw new IOException(root + ": no word folders (Speech Commands layout: <word>/<speaker>_nohash_<n>.wav)");
        }
        for (Path word : words) {
            for (Path wav : Tsv.walk(word, ".wav")) {
                String rel = root.relativize(wav).toString().replace('\\', '/');
                String file = wav.getFileName().toString();
                int cut = file.indexOf("_nohash_");
                String speaker = cut > 0 ? file.substring(0, cut) : null;
                String split = validation.contains(rel) ? "validation" : testing.contains(rel) ? "test" : "train";
                parts.get(split).add(Example.labelled(rel, wav, speaker, word.getFileName().toString()));
            }
        }
        Map<String, Split> splits = new LinkedHashMap<>();
        parts.forEach((name, ex) -> splits.put(name, new Split(corpus, name, ex, new LoadReport(corpus + "/" + name, strict))));
        return splits;
    }

    private static Set<String> list(Path file) throws IOException {
        Set<String> out = new HashSet<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
        }
        return out;
    }
}
