package org.seqlab.data.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.seqlab.data.Checksums;
import org.seqlab.data.CorpusGenerator;
import org.seqlab.data.Params;
import org.seqlab.experiment.spec.Param;

/**
 * A character-level language-model corpus from text every Debian system has: the licence
 * texts in /usr/share/common-licenses (package base-files, which is Essential, so always
 * installed). About 230 KB of English prose with a stable, small alphabet.
 */
public final class TextGenerator implements CorpusGenerator {
    public static final List<String> DEFAULT_FILES = List.of("/usr/share/common-licenses/GPL-3",
            "/usr/share/common-licenses/GPL-2", "/usr/share/common-licenses/LGPL-2.1", "/usr/share/common-licenses/LGPL-3",
            "/usr/share/common-licenses/GFDL-1.3", "/usr/share/common-licenses/Apache-2.0",
            "/usr/share/common-licenses/MPL-2.0", "/usr/share/common-licenses/Artistic");

    /** datasets.yaml {@code params} of generator {@code text}. */
    public static final List<Param> PARAMS = List.of(
            Param.strings("files", DEFAULT_FILES, "text files joined in this order (Debian base-files' licences by default)"),
            Param.number("validation_fraction", 0.05, 0.0, 0.99, "share of the text, taken from the end, held out for validation"),
            Param.number("test_fraction", 0.05, 0.0, 0.99, "share of the text held out for test; with validation_fraction below 1"));

    @Override
    public List<Param> params() {
        return PARAMS;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String inputs(Params p) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String f : p.getStrings("files")) {
            b.append(Checksums.sha256(Path.of(f))).append(' ');
        }
        return b.toString();
    }

    @Override
    public Plan plan(Params p, long seed) {
        List<String> files = p.getStrings("files");
        TextCorpus.fractions(p); // refuses fractions that leave no training text before anything is built
        Job job = new Job() {
            @Override
            public String path() {
                return TextCorpus.FILE;
            }

            @Override
            public List<String> render(Path target) throws IOException {
                StringBuilder all = new StringBuilder();
                for (String f : files) {
                    try {
                        String t = Files.readString(Path.of(f), StandardCharsets.UTF_8);
                        all.append(t.replace("\r\n", "\n").replace('\f', '\n').strip()).append("\n\n");
                    } catch (NoSuchFileException e) {
                        throw new IOException("text source " + f + " is missing (Debian package base-files provides "
                                + "/usr/share/common-licenses)", e);
                    }
                }
                Files.writeString(target, all, StandardCharsets.UTF_8);
                return List.of();
            }
        };
        return Plan.of(List.of(job), (root, records) -> { });
    }
}
