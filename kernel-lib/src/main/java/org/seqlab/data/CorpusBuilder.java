package org.seqlab.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.seqlab.display.Progress;
import org.seqlab.io.AtomicFile;

/**
 * Runs a {@link CorpusGenerator} into a folder, resumably. Each finished job is appended to a
 * journal with its checksum and metadata; a restarted build skips jobs whose file still
 * matches its journal line. The manifest is written last, so an interrupted build is never
 * mistaken for a complete corpus. A different recipe wipes the folder and starts over.
 */
public final class CorpusBuilder {
    static final String BUILD_DIR = ".seqlab-build";
    private static final String JOURNAL = BUILD_DIR + "/journal.tsv";

    private CorpusBuilder() {
    }

    /** What a build did: jobs rendered now and jobs reused from an interrupted earlier run. */
    public record Result(Manifest manifest, int rendered, int resumed) {
    }

    public static Result build(String name, Path root, String recipe, CorpusGenerator.Plan plan) throws IOException {
        prepareFolder(name, root, recipe);
        Map<String, String[]> journal = readJournal(root, recipe);
        Files.createDirectories(root.resolve(BUILD_DIR));
        Map<String, List<String>> records = new LinkedHashMap<>();
        int rendered = 0;
        int resumed = 0;
        List<? extends CorpusGenerator.Job> jobs = plan.jobs();
        try (BufferedWriter log = Files.newBufferedWriter(root.resolve(JOURNAL), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             Progress bar = Progress.start("prepare " + name, jobs.size())) {
            if (journal.isEmpty()) {
                log.write("recipe\t" + recipe + "\n");
                log.flush();
            }
            for (CorpusGenerator.Job job : jobs) {
                Path target = root.resolve(job.path());
                String[] done = journal.get(job.path());
                if (done != null && Files.isRegularFile(target) && Checksums.sha256(target).equals(done[0])) {
                    records.put(job.path(), decode(done[1]));
                    resumed++;
                } else {
                    Files.createDirectories(target.getParent());
                    Path tmp = root.resolve(BUILD_DIR).resolve("render.tmp");
                    Files.deleteIfExists(tmp);
                    List<String> meta = job.render(tmp);
                    AtomicFile.publish(tmp, target, AtomicFile.Durability.UNSYNCED);
                    records.put(job.path(), meta);
                    log.write("item\t" + job.path() + "\t" + Checksums.sha256(target) + "\t" + encode(meta) + "\n");
                    log.flush();
                    rendered++;
                }
                bar.step();
                bar.status("%d new, %d resumed", rendered, resumed);
            }
        }
        plan.finish(root, records);
        Manifest manifest = Manifest.write(root, recipe);
        deleteTree(root.resolve(BUILD_DIR));
        return new Result(manifest, rendered, resumed);
    }

    /** Wipes a folder built from another recipe; refuses to touch a folder that is not ours. */
    private static void prepareFolder(String name, Path root, String recipe) throws IOException {
        if (!Files.exists(root)) {
            Files.createDirectories(root);
            return;
        }
        Manifest old = Manifest.read(root);
        boolean ours = old != null || Files.isDirectory(root.resolve(BUILD_DIR));
        boolean empty;
        try (Stream<Path> s = Files.list(root)) {
            empty = s.findAny().isEmpty();
        }
        if (!ours && !empty) {
            throw new IOException(root + " exists and is not a Seqlab-built corpus (no " + Manifest.FILE
                    + "); move it away before running ./seqlab datasets prepare " + name);
        }
        String journalRecipe = journalRecipe(root);
        boolean stale = (old != null && !recipe.equals(old.recipe()))
                || (journalRecipe != null && !recipe.equals(journalRecipe));
        if (stale) {
            deleteTree(root);
            Files.createDirectories(root);
        } else if (old != null) {
            Files.delete(root.resolve(Manifest.FILE)); // rebuilding the same recipe: verify every job again
        }
    }

    private static String journalRecipe(Path root) throws IOException {
        Path j = root.resolve(JOURNAL);
        if (!Files.isRegularFile(j)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(j, StandardCharsets.UTF_8)) {
            return lines.findFirst().filter(l -> l.startsWith("recipe\t")).map(l -> l.substring(7)).orElse("");
        }
    }

    private static Map<String, String[]> readJournal(Path root, String recipe) throws IOException {
        Map<String, String[]> out = new HashMap<>();
        Path j = root.resolve(JOURNAL);
        if (!Files.isRegularFile(j) || !recipe.equals(journalRecipe(root))) {
            Files.deleteIfExists(j);
            return out;
        }
        for (String line : Files.readAllLines(j, StandardCharsets.UTF_8)) {
            String[] p = line.split("\t", -1);
            if (p.length == 4 && p[0].equals("item")) {
                out.put(p[1], new String[] {p[2], p[3]});
            } // a torn last line from a crash is simply not a finished job
        }
        return out;
    }

    static String encode(List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")).append("\\r");
        }
        return b.toString();
    }

    static List<String> decode(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 't' -> cur.append('\t');
                    case 'n' -> cur.append('\n');
                    case 'r' -> {
                        out.add(cur.toString());
                        cur.setLength(0);
                    }
                    default -> cur.append(n);
                }
            } else {
                cur.append(c);
            }
        }
        return out;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
