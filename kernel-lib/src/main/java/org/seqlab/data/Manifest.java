package org.seqlab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.seqlab.io.AtomicFile;

/**
 * The list of a finished corpus's files with sizes and SHA-256, plus the recipe it was built
 * from. It is written last and atomically, so its presence with a matching recipe is the only
 * sign that a corpus is complete; a crash midway leaves no manifest and the next run resumes.
 */
public record Manifest(String recipe, List<Entry> files) {
    public static final String FILE = "manifest.tsv";

    public record Entry(String path, long size, String sha256) {
    }

    public static Manifest read(Path root) throws IOException {
        Path f = root.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        String recipe = null;
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] p = line.split("\t");
            if (p[0].equals("recipe") && p.length == 2) {
                recipe = p[1];
            } else if (p[0].equals("file") && p.length == 4) {
                entries.add(new Entry(p[1], Long.parseLong(p[2]), p[3]));
            } else {
                throw new IOException(f + ":" + lineNo + ": malformed manifest line; delete the folder " + root
                        + " and prepare the corpus again");
            }
        }
        return new Manifest(recipe, entries);
    }

    /** Checksums every file under {@code root} except build state and writes the manifest atomically. */
    public static Manifest write(Path root, String recipe) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : files) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (rel.equals(FILE) || rel.startsWith(CorpusBuilder.BUILD_DIR + "/")) {
                continue;
            }
            entries.add(new Entry(rel, Files.size(p), Checksums.sha256(p)));
        }
        StringBuilder b = new StringBuilder("# seqlab corpus manifest: written last; a corpus without it is incomplete\n");
        b.append("recipe\t").append(recipe).append('\n');
        for (Entry e : entries) {
            b.append("file\t").append(e.path).append('\t').append(e.size).append('\t').append(e.sha256).append('\n');
        }
        AtomicFile.writeString(root.resolve(FILE), AtomicFile.Durability.UNSYNCED, b);
        return new Manifest(recipe, entries);
    }

    /** Problems found by comparing files with the manifest: sizes only, or full checksums. */
    public List<String> check(Path root, boolean checksums) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Entry e : files) {
            Path p = root.resolve(e.path);
            if (!Files.isRegularFile(p)) {
                problems.add(e.path + ": missing");
            } else if (Files.size(p) != e.size) {
                problems.add(e.path + ": size " + Files.size(p) + ", manifest says " + e.size);
            } else if (checksums && !Checksums.sha256(p).equals(e.sha256)) {
                problems.add(e.path + ": checksum mismatch");
            }
        }
        return problems;
    }

    /** A stable digest of the whole corpus, for comparing two builds at a glance. */
    public String digest() {
        StringBuilder b = new StringBuilder();
        for (Entry e : files) {
            b.append(e.path).append(' ').append(e.sha256).append('\n');
        }
        return Checksums.sha256(b.toString());
    }
}
