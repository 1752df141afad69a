package org.seqlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks zip, tar and tar.gz archives of public corpora. Every entry's path is resolved
 * against the target folder and refused if it would land outside it ("zip slip": names with
 * {@code ..} or absolute paths), and links are refused, since a link could point anywhere.
 */
public final class Archives {
    private Archives() {
    }

    /** Extracts {@code archive} into {@code target}; returns the number of files written. */
    public static int extract(Path archive, Path target) throws IOException {
        String n = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        Files.createDirectories(target);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive))) {
            if (n.endsWith(".zip")) {
                return unzip(archive, raw, target);
            }
            if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
                return untar(archive, new GZIPInputStream(raw, 1 << 16), target);
            }
            if (n.endsWith(".tar")) {
                return untar(archive, raw, target);
            }
        }
        throw new IOException(archive + ": unsupported archive type (zip, tar, tar.gz or tgz)");
    }

    /** The path an entry would be written to, or an error if it escapes {@code target}. */
    static Path safeResolve(Path archive, Path target, String entry) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        String cleaned = entry.replace('\\', '/');
        if (cleaned.startsWith("/") || cleaned.matches("^[A-Za-z]:.*")) {
            throw new IOException(archive + ": entry '" + entry + "' has an absolute path; refusing to extract");
        }
        Path out = root.resolve(cleaned).normalize();
        if (!out.startsWith(root) || out.equals(root)) {
            throw new IOException(archive + ": entry '" + entry + "' would be written outside " + root + "; refusing to extract");
        }
        return out;
    }

    private static int unzip(Path archive, InputStream raw, Path target) throws IOException {
        int files = 0;
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                Path out = safeResolve(archive, target, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                    files++;
                }
            }
        }
        return files;
    }

    private static int untar(Path archive, InputStream in, Path target) throws IOException {
        byte[] header = new byte[512];
        int files = 0;
        String longName = null;
        while (true) {
            if (in.readNBytes(header, 0, 512) < 512) {
                throw new IOException(archive + ": truncated tar (header cut short)");
            }
            if (isZero(header)) {
                return files; // end-of-archive marker
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 5))) {
                name = prefix + "/" + name;
            }
            long size = octal(archive, header, 124, 12);
            char type = (char) header[156];
            long padded = (size + 511) / 512 * 512;
            if (type == 'L' || type == 'x') { // GNU long name, or pax header with a path record
                byte[] data = in.readNBytes((int) size);
                skip(archive, in, padded - size);
                String s = new String(data, StandardCharsets.UTF_8);
                longName = type == 'L' ? s.replace("\0", "") : paxPath(s, longName);
                continue;
            }
            if (type == 'g') {
                skip(archive, in, padded);
                continue;
            }
            if (longName != null) {
                name = longName;
                longName = null;
            }
            Path out = safeResolve(archive, target, name);
            if (type == '5') {
                Files.createDirectories(out);
                skip(archive, in, padded);
            } else if (type == '0' || type == 0 || type == '7') {
                Files.createDirectories(out.getParent());
                try (var os = Files.newOutputStream(out)) {
                    long left = size;
                    byte[] buf = new byte[1 << 16];
                    while (left > 0) {
                        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (r < 0) {
                            throw new IOException(archive + ": truncated tar (entry '" + name + "' cut short)");
                        }
                        os.write(buf, 0, r);
                        left -= r;
                    }
                }
                skip(archive, in, padded - size);
                files++;
            } else if (type == '1' || type == '2') {
                throw new IOException(archive + ": entry '" + name + "' is a link; refusing to extract links");
            } else {
                skip(archive, in, padded); // devices, fifos: nothing a corpus needs
            }
        }
    }

    private static String paxPath(String records, String fallback) {
        for (String rec : records.split("\n")) {
            int sp = rec.indexOf(' ');
            if (sp > 0 && rec.startsWith("path=", sp + 1)) {
                return rec.substring(sp + 6);
            }
        }
        return fallback;
    }

    private static void skip(Path archive, InputStream in, long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new IOException(archive + ": truncated tar", e);
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(Path archive, byte[] b, int off, int len) throws IOException {
        String s = text(b, off, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException(archive + ": bad tar header (size field '" + s + "')");
        }
    }
}
