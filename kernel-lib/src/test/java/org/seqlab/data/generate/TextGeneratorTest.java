package org.seqlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.data.Checksums;

class TextGeneratorTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreFetch() {
        TextGenerator.fetch = (pkg, folder) -> TextGenerator.run(folder, "apt-get", "download", pkg);
    }

    private static void write(Path f, String text) throws Exception {
        Files.createDirectories(f.getParent());
        if (f.toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(f, text, StandardCharsets.UTF_8);
        }
    }

    private TextCorpus corpus(String params) {
        return GeneratorTestSupport.registry(null, "text", 0, params, dir.resolve("data")).corpus("c").text();
    }

    @Test
    void patternsExpandInPathOrderAndGzipIsReadDecompressed() throws Exception {
        Path src = dir.resolve("src");
        write(src.resolve("b/2.txt"), "two\r\n");
        write(src.resolve("a/3.txt.gz"), "three ünïcode");
        write(src.resolve("a/1.txt"), "  one\f");
        write(src.resolve("a/skip.md"), "not matched");
        List<Path> files = TextGenerator.expand(List.of(src + "/**.txt*"), Path.of("/"), "");
        assertEquals(List.of(src.resolve("a/1.txt"), src.resolve("a/3.txt.gz"), src.resolve("b/2.txt")), files);
        assertEquals("one\n\nthree ünïcode\n\ntwo\n\n", TextGenerator.join(files));
    }

    @Test
    void aPinnedChecksumRefusesOtherTextAndAcceptsItsOwn() throws Exception {
        Path f = dir.resolve("t.txt");
        write(f, "abcdefghij".repeat(50));
        String good = Checksums.sha256("abcdefghij".repeat(50) + "\n\n");
        TextCorpus t = corpus("{files: [" + f + "], sha256: " + good + ", validation_fraction: 0.1, test_fraction: 0.1}");
        assertEquals(502, t.text().length());
        Path other = dir.resolve("u.txt");
        write(other, "something else entirely");
        Exception e = assertThrows(RuntimeException.class, () -> corpus("{files: [" + other + "], sha256: " + good + "}"));
        assertTrue(messages(e).contains("not the pinned " + good), messages(e));
    }

    @Test
    void missingAndNonUtf8SourcesAreNamed() throws Exception {
        Path bad = dir.resolve("latin1.txt");
        Files.write(bad, new byte[] {'c', 'a', 'f', (byte) 0xe9});
        assertTrue(messages(assertThrows(RuntimeException.class, () -> corpus("{files: [" + bad + "]}")))
                .contains(bad + " is not UTF-8"));
        Path none = dir.resolve("nothing/*.txt");
        assertTrue(messages(assertThrows(RuntimeException.class, () -> corpus("{files: [" + none + "]}")))
                .contains(none + " matches no file"));
    }

    @Test
    void filesNotInstalledAreTakenFromTheDebianPackage() throws Exception {
        Path pkg = dir.resolve("pkg");
        write(pkg.resolve("DEBIAN/control"), "Package: seqlab-fake-text\nVersion: 1.0\nArchitecture: all\n"
                + "Maintainer: Seqlab <seqlab@example.org>\nDescription: test text\n");
        write(pkg.resolve("usr/share/seqlab-fake-text/b.txt"), "second part of the text");
        write(pkg.resolve("usr/share/seqlab-fake-text/a.txt.gz"), "first part of the text");
        Path deb = dir.resolve("seqlab-fake-text_1.0_all.deb");
        TextGenerator.run(dir, "dpkg-deb", "--root-owner-group", "-b", pkg.toString(), deb.toString());
        TextGenerator.fetch = (name, folder) -> {
            assertEquals("seqlab-fake-text", name);
            Files.copy(deb, folder.resolve(deb.getFileName()));
        };
        TextCorpus t = corpus("{files: [/usr/share/seqlab-fake-text/*.txt*], debian_package: seqlab-fake-text, "
                + "validation_fraction: 0.2, test_fraction: 0.2}");
        assertEquals("first part of the text\n\nsecond part of the text\n\n", t.text());
        try (var s = Files.list(dir.resolve("data/c"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".deb-")), "the scratch folder is removed");
        }
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" | ");
        }
        return b.toString();
    }
}
