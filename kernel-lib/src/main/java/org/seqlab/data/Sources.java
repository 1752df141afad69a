package org.seqlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seqlab.display.Progress;
import org.seqlab.io.AtomicFile;

/**
 * Fetches a public corpus: download, SHA-256 check against datasets.yaml, safe extraction, and
 * a completion marker written last. An entry without a pinned checksum is downloaded but not
 * extracted: the user is shown the checksum to pin, so nothing unverified is ever used.
 */
final class Sources {
    static final String COMPLETE_MARKER = ".seqlab-complete";
    private static final String DOWNLOADS = ".download";

    private Sources() {
    }

    static void fetch(Corpus corpus) throws IOException {
        DatasetSpec.Source src = corpus.spec().source();
        Path dir = corpus.dir();
        if (src.manual()) {
            adoptManual(corpus, src, dir);
            return;
        }
        Files.createDirectories(dir.resolve(DOWNLOADS));
        String fileName = Path.of(URI.create(src.url()).getPath()).getFileName().toString();
        Path archive = dir.resolve(DOWNLOADS).resolve(fileName);
        if (!Files.isRegularFile(archive)) {
            try {
                download(src.url(), archive, corpus.name());
            } catch (IOException e) {
                throw new IOException("cannot download " + src.url() + " (" + e + ")", e);
            }
        }
        String actual = Checksums.sha256(archive);
        if (src.sha256() == null || src.sha256().isBlank()) {
            throw new CorpusException(corpus.name() + ": datasets.yaml pins no sha256 for " + src.url()
                    + "; the downloaded file " + archive + " has sha256 " + actual
                    + ". If it is the official file, add 'sha256: " + actual + "' to datasets.yaml and run ./seqlab datasets prepare "
                    + corpus.name());
        }
        if (!actual.equalsIgnoreCase(src.sha256())) {
            throw new CorpusException(corpus.name() + ": checksum mismatch for " + archive + ": expected " + src.sha256()
                    + ", got " + actual + "; delete it and run ./seqlab datasets prepare " + corpus.name() + " to download again");
        }
        Files.deleteIfExists(dir.resolve(COMPLETE_MARKER));
        int files = Archives.extract(archive, dir);
        markComplete(dir, "sha256 " + actual + "\nfiles " + files + "\n");
        Files.delete(archive); // unpacked and verified; corpora are large enough that two copies hurt
    }

    /** A corpus the user fetched by hand: mark it complete once its format loads it. */
    private static void adoptManual(Corpus corpus, DatasetSpec.Source src, Path dir) throws IOException {
        Path root = src.archiveRoot() != null ? dir.resolve(src.archiveRoot()) : dir;
        if (!Files.isDirectory(root)) {
            throw new CorpusException(corpus.name() + " must be downloaded by hand: follow " + src.url() + " and unpack it so that "
                    + root + " holds its files, then run ./seqlab datasets prepare " + corpus.name());
        }
        int examples = 0;
        for (Split s : org.seqlab.data.formats.Formats.get(corpus.spec().format()).load(root, corpus.name(), false).values()) {
            examples += s.size();
        }
        if (examples == 0) {
            throw new CorpusException(corpus.name() + ": " + root + " holds no usable examples in format "
                    + corpus.spec().format() + "; see " + src.url());
        }
        markComplete(dir, "manual\nexamples " + examples + "\n");
    }

    /**
     * Atomic, so a killed prepare never leaves a torn marker that {@link Corpus#isReady()} would
     * trust. Unsynced like the generated corpora's manifest: the files it vouches for are not
     * forced to disk either, so forcing the marker alone would promise nothing more.
     */
    private static void markComplete(Path dir, String text) throws IOException {
        AtomicFile.writeString(dir.resolve(COMPLETE_MARKER), AtomicFile.Durability.UNSYNCED, text);
    }

    private static void download(String url, Path target, String name) throws IOException {
        AtomicFile.produce(target, AtomicFile.Durability.UNSYNCED, part -> fetchInto(url, part, name));
    }

    private static void fetchInto(String url, Path part, String name) throws IOException {
        URLConnection conn = URI.create(url).toURL().openConnection();
        long total = conn.getContentLengthLong();
        try (InputStream in = conn.getInputStream(); OutputStream out = Files.newOutputStream(part);
             Progress bar = Progress.start("download " + name + " (MB)", total > 0 ? total >> 20 : 0)) {
            byte[] buf = new byte[1 << 20];
            int n;
            long mb = 0;
            long done = 0;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                done += n;
                if (done >> 20 > mb) {
                    bar.advance((done >> 20) - mb);
                    mb = done >> 20;
                }
            }
        }
    }
}
