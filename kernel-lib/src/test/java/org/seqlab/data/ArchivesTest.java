package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
    @TempDir
    Path dir;

    /** One ustar header + data block, written by hand so the test controls every field. */
    static void tarEntry(OutputStream out, String name, char type, byte[] data) throws IOException {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", data.length));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.write(h);
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    static Path tarGz(Path file, String[] names, char[] types) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < names.length; i++) {
                tarEntry(out, names[i], types[i], types[i] == '0' ? ("content of " + names[i]).getBytes() : new byte[0]);
            }
            out.write(new byte[1024]);
        }
        return file;
    }

    static Path zip(Path file, String... names) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String n : names) {
                z.putNextEntry(new ZipEntry(n));
                z.write(("content of " + n).getBytes());
                z.closeEntry();
            }
        }
        return file;
    }

    @Test
    void extractsGoodTarGzAndZip() throws Exception {
        Path tgz = tarGz(dir.resolve("good.tar.gz"), new String[] {"corpus/", "corpus/a/b.txt", "corpus/c.txt"},
                new char[] {'5', '0', '0'});
        Path out = dir.resolve("out");
        assertEquals(2, Archives.extract(tgz, out));
        assertEquals("content of corpus/a/b.txt", Files.readString(out.resolve("corpus/a/b.txt")));
        Path z = zip(dir.resolve("good.zip"), "x/y.txt", "z.txt");
        assertEquals(2, Archives.extract(z, dir.resolve("zout")));
        assertEquals("content of x/y.txt", Files.readString(dir.resolve("zout/x/y.txt")));
    }

    @Test
    void refusesEntriesEscapingTheTarget() throws Exception {
        Path out = dir.resolve("target");
        Path tgz = tarGz(dir.resolve("evil.tar.gz"), new String[] {"ok.txt", "sub/../../escaped.txt"}, new char[] {'0', '0'});
        IOException e = assertThrows(IOException.class, () -> Archives.extract(tgz, out));
        assertTrue(e.getMessage().contains("outside") && e.getMessage().contains("escaped.txt"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped.txt")));

        Path abs = tarGz(dir.resolve("abs.tar.gz"), new String[] {"/tmp/seqlab-abs.txt"}, new char[] {'0'});
        assertTrue(assertThrows(IOException.class, () -> Archives.extract(abs, out)).getMessage().contains("absolute"));

        Path z = zip(dir.resolve("evil.zip"), "../zip-escaped.txt");
        assertThrows(IOException.class, () -> Archives.extract(z, out));
        assertFalse(Files.exists(dir.resolve("zip-escaped.txt")));

        Path link = tarGz(dir.resolve("link.tar.gz"), new String[] {"innocent"}, new char[] {'2'});
        assertTrue(assertThrows(IOException.class, () -> Archives.extract(link, out)).getMessage().contains("link"));
    }

    @Test
    void truncatedTarIsReported() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        tarEntry(raw, "big.txt", '0', new byte[5000]);
        byte[] cut = java.util.Arrays.copyOf(raw.toByteArray(), 2000);
        Path tar = dir.resolve("cut.tar");
        Files.write(tar, cut);
        assertTrue(assertThrows(IOException.class, () -> Archives.extract(tar, dir.resolve("o"))).getMessage().contains("truncated"));
    }

    @Test
    void fetchChecksDownloadAgainstPinnedSha256() throws Exception {
        Path z = zip(dir.resolve("mini.zip"), "mini/recordings/3_alice_7.wav", "mini/recordings/3_alice_1.wav");
        String sha = Checksums.sha256(z);
        String entry = "datasets:\n  - name: mini\n    task: t\n    description: d\n    licence: l\n    size: s\n"
                + "    format: fsdd\n    source:\n      url: " + z.toUri() + "\n      archive_root: mini\n";
        Path data = dir.resolve("data");

        Corpus unpinned = Datasets.parse(entry, "t.yaml", data).corpus("mini");
        CorpusException e = assertThrows(CorpusException.class, unpinned::prepare);
        assertTrue(e.getMessage().contains(sha) && e.getMessage().contains("add 'sha256"), e.getMessage());
        assertFalse(unpinned.isReady());

        Corpus wrong = Datasets.parse(entry + "      sha256: " + "0".repeat(64) + "\n", "t.yaml", data).corpus("mini");
        assertTrue(assertThrows(CorpusException.class, wrong::prepare).getMessage().contains("checksum mismatch"));

        Corpus good = Datasets.parse(entry + "      sha256: " + sha + "\n", "t.yaml", data).corpus("mini");
        good.prepare();
        assertTrue(good.isReady());
        assertTrue(Files.isRegularFile(data.resolve("mini/mini/recordings/3_alice_7.wav")));
        assertEquals(1, good.split("train").size()); // index 7 is train, index 1 test
        assertEquals(1, good.split("test").size());
    }
}
