package org.seqlab.data.generate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.seqlab.data.Checksums;
import org.seqlab.data.CorpusGenerator;
import org.seqlab.data.Params;
import org.seqlab.experiment.spec.Param;

/**
 * A character-level language-model corpus from text that Debian ships. By default the licence
 * texts in /usr/share/common-licenses (base-files, which is Essential, so always installed):
 * about 145 KB, small enough that a 256-unit model memorises it. Larger corpora name a Debian
 * package: its files are read where installed, and otherwise taken from the package itself,
 * fetched with {@code apt-get download} and unpacked with {@code dpkg-deb -x}. That needs no
 * root and also works on images that exclude /usr/share/doc from installs. A {@code sha256}
 * pins the joined text, so a different package version is refused rather than silently
 * changing the results.
 */
public final class TextGenerator implements CorpusGenerator {
    public static final List<String> DEFAULT_FILES = List.of("/usr/share/common-licenses/GPL-3",
            "/usr/share/common-licenses/GPL-2", "/usr/share/common-licenses/LGPL-2.1", "/usr/share/common-licenses/LGPL-3",
            "/usr/share/common-licenses/GFDL-1.3", "/usr/share/common-licenses/Apache-2.0",
            "/usr/share/common-licenses/MPL-2.0", "/usr/share/common-licenses/Artistic");

    /** datasets.yaml {@code params} of generator {@code text}. */
    public static final List<Param> PARAMS = List.of(
            Param.strings("files", DEFAULT_FILES, "absolute paths of UTF-8 text files (.gz read decompressed) joined in this "
                    + "order; a * or ** pattern expands to its matches in path order (Debian base-files' licences by default)"),
            Param.string("debian_package", "", "Debian package the files come from: when they are not installed, the package "
                    + "is fetched with apt-get download and unpacked in a scratch folder (no root needed)"),
            Param.string("sha256", "", "SHA-256 of the joined text; when given, any other text is refused"),
            Param.number("validation_fraction", 0.05, 0.0, 0.99, "share of the text, taken from the end, held out for validation"),
            Param.number("test_fraction", 0.05, 0.0, 0.99, "share of the text held out for test; with validation_fraction below 1"));

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public String inputs(Params p) throws IOException {
        if (!p.getString("sha256").isEmpty()) {
            return "sha256 " + p.getString("sha256");
        }
        if (!p.getString("debian_package").isEmpty()) {
            return "debian package " + p.getString("debian_package");
        }
        StringBuilder b = new StringBuilder();
        for (Path f : expand(p.getStrings("files"), Path.of("/"), "")) {
            b.append(Checksums.sha256(f)).append(' ');
        }
        return b.toString();
    }

    @Override
    public Plan plan(Params p, long seed) {
        List<String> files = p.getStrings("files");
        String pkg = p.getString("debian_package");
        String sha = p.getString("sha256");
        TextCorpus.fractions(p); // refuses fractions that leave no training text before anything is built
        Job job = new Job() {
            @Override
            public String path() {
                return TextCorpus.FILE;
            }

            @Override
            public List<String> render(Path target) throws IOException {
                Files.writeString(target, read(files, pkg, sha, target.toAbsolutePath().getParent()), StandardCharsets.UTF_8);
                return List.of();
            }
        };
        return Plan.of(List.of(job), (root, records) -> { });
    }

    /**
     * The text of {@code files} joined, read where installed or else from Debian package
     * {@code pkg} unpacked in a scratch folder under {@code scratchParent}; checked against
     * {@code sha} when that is not empty. Other generators that read Debian's text use it too.
     */
    static String read(List<String> files, String pkg, String sha, Path scratchParent) throws IOException {
        String text;
        if (pkg.isEmpty() || installed(files)) {
            text = join(expand(files, Path.of("/"), pkg));
        } else {
            Files.createDirectories(scratchParent);
            Path scratch = Files.createTempDirectory(scratchParent, ".deb-");
            try {
                text = join(expand(files, unpack(pkg, scratch), pkg));
            } finally {
                deleteTree(scratch);
            }
        }
        String got = Checksums.sha256(text);
        if (!sha.isEmpty() && !sha.equals(got)) {
            throw new IOException("datasets.yaml: the text joined from " + (pkg.isEmpty() ? "" : "Debian package " + pkg
                    + ", ") + files.size() + " file pattern(s) has SHA-256 " + got + ", not the pinned " + sha
                    + " (a different package version?)");
        }
        return text;
    }

    private static boolean installed(List<String> files) throws IOException {
        try {
            return !expand(files, Path.of("/"), "").isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The files named by {@code patterns} under {@code root} (each pattern is absolute; a
     * pattern with * or ** matches within its fixed leading folder), in order, each pattern's
     * matches sorted by path so the joined text does not depend on directory order.
     */
    static List<Path> expand(List<String> patterns, Path root, String pkg) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String pattern : patterns) {
            String rel = pattern.startsWith("/") ? pattern.substring(1) : pattern;
            if (!rel.contains("*")) {
                Path f = root.resolve(rel);
                if (!Files.isRegularFile(f)) {
                    throw new IOException("text source " + pattern + " is missing" + hint(pkg));
                }
                out.add(f);
                continue;
            }
            int cut = rel.substring(0, rel.indexOf('*')).lastIndexOf('/');
            Path base = root.resolve(cut < 0 ? "" : rel.substring(0, cut));
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + root.resolve(rel));
            List<Path> hits;
            try (Stream<Path> s = Files.isDirectory(base) ? Files.walk(base) : Stream.empty()) {
                hits = s.filter(Files::isRegularFile).filter(m::matches).sorted(Comparator.comparing(Path::toString)).toList();
            }
            if (hits.isEmpty()) {
                throw new IOException("text source " + pattern + " matches no file" + hint(pkg));
            }
            out.addAll(hits);
        }
        return out;
    }

    private static String hint(String pkg) {
        return pkg.isEmpty() ? " (Debian package base-files provides /usr/share/common-licenses)"
                : " in Debian package " + pkg;
    }

    static String join(List<Path> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path f : files) {
            byte[] bytes;
            try (InputStream raw = Files.newInputStream(f);
                 InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
                bytes = in.readAllBytes();
            }
            String t;
            try {
                t = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException("text source " + f + " is not UTF-8", e);
            }
            all.append(t.replace("\r\n", "\n").replace('\f', '\n').strip()).append("\n\n");
        }
        return all.toString();
    }

    /** Puts a package's .deb into a folder; tests replace it to stay off the network. */
    @FunctionalInterface
    interface Fetch {
        void fetch(String pkg, Path folder) throws IOException;
    }

    static Fetch fetch = (pkg, folder) -> run(folder, "apt-get", "download", pkg);

    /** Fetches {@code pkg}'s .deb into {@code scratch} and unpacks it there; returns the unpacked root. */
    private static Path unpack(String pkg, Path scratch) throws IOException {
        fetch.fetch(pkg, scratch);
        Path deb;
        try (Stream<Path> s = Files.list(scratch)) {
            deb = s.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new IOException("apt-get download " + pkg + " left no .deb in " + scratch));
        }
        Path root = scratch.resolve("root");
        run(scratch, "dpkg-deb", "-x", deb.toString(), root.toString());
        return root;
    }

    static void run(Path dir, String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command[0] + " is not available to fetch the text's Debian package (" + e.getMessage() + ")", e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
                throw new IOException(String.join(" ", command) + " failed: " + last
                        + (last.contains("Unable to locate package") ? " (the package lists are empty: apt-get update, as root)" : ""));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " was interrupted", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
