package org.seqlab.data.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.seqlab.audio.AudioFiles;
import org.seqlab.data.Example;
import org.seqlab.data.LoadReport;
import org.seqlab.data.Split;

/**
 * VoxLingua107 layout: one folder per language code holding its clips. If the root instead
 * holds split folders (train, dev, validation, test), each of them has language folders.
 * The part of a file name before "__" is taken as the speaker (the source video in
 * VoxLingua107; the espeak-ng voice in Seqlab's generated {@code lid}).
 */
final class VoxLinguaFormat implements CorpusFormat {
    private static final Set<String> SPLIT_NAMES = Set.of("train", "dev", "validation", "test");

    @Override
    public Map<String, Split> load(Path root, String corpus, boolean strict) throws IOException {
        List<Path> dirs = subdirs(root);
        Map<String, Split> splits = new LinkedHashMap<>();
        if (!dirs.isEmpty() && dirs.stream().allMatch(d -> SPLIT_NAMES.contains(d.getFileName().toString()))) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                name = name.equals("dev") ? "validation" : name; // VoxLingua107's dev set is Seqlab's validation split
                splits.put(name, languages(d, corpus, name, strict));
            }
        } else {
            splits.put("train", languages(root, corpus, "train", strict));
        }
        return splits;
    }

    private static Split languages(Path dir, String corpus, String name, boolean strict) throws IOException {
        List<Example> out = new ArrayList<>();
        List<Path> langs = subdirs(dir);
        if (langs.isEmpty()) {
            throw new IOException(dir + ": no language folders (VoxLingua107 layout: <language>/<clip>.wav)");
        }
        for (Path lang : langs) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(lang)) {
                files = s.filter(Files::isRegularFile).filter(p -> AudioFiles.isAudioName(p.getFileName().toString()))
                        .sorted().toList();
            }
            for (Path f : files) {
                String stem = Tsv.stem(f);
                int cut = stem.indexOf("__");
                String speaker = cut > 0 ? stem.substring(0, cut) : null;
                String id = lang.getFileName() + "/" + lang.relativize(f).toString().replace('\\', '/');
                out.add(Example.labelled(id, f, speaker, lang.getFileName().toString()));
            }
        }
        return new Split(corpus, name, out, new LoadReport(corpus + "/" + name, strict));
    }

    private static List<Path> subdirs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
