package org.seqlab.data.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seqlab.data.Example;
import org.seqlab.data.LoadReport;
import org.seqlab.data.Split;

/**
 * Free Spoken Digit Dataset: {@code recordings/<digit>_<speaker>_<index>.wav}. Its README's
 * split: indices 0-4 of every speaker and digit are the test set, the rest train.
 */
final class FreeSpokenDigitFormat implements CorpusFormat {
    private static final Pattern NAME = Pattern.compile("(\\d)_([A-Za-z0-9]+)_(\\d+)\\.wav");

    @Override
    public Map<String, Split> load(Path root, String corpus, boolean strict) throws IOException {
        Path dir = Files.isDirectory(root.resolve("recordings")) ? root.resolve("recordings") : root;
        LoadReport train = new LoadReport(corpus + "/train", strict);
        LoadReport test = new LoadReport(corpus + "/test", strict);
        List<Example> trainEx = new ArrayList<>();
        List<Example> testEx = new ArrayList<>();
        List<Path> wavs = Tsv.walk(dir, ".wav");
        if (wavs.isEmpty()) {
            throw new IOException(dir + ": no <digit>_<speaker>_<index>.wav recordings (Free Spoken Digit layout)");
        }
        for (Path wav : wavs) {
            Matcher m = NAME.matcher(wav.getFileName().toString());
            if (!m.matches()) {
                train.skip(wav, "name is not <digit>_<speaker>_<index>.wav");
                continue;
            }
            Example e = Example.labelled(Tsv.stem(wav), wav, m.group(2), m.group(1));
            (Integer.parseInt(m.group(3)) < 5 ? testEx : trainEx).add(e);
        }
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("train", new Split(corpus, "train", trainEx, train));
        splits.put("test", new Split(corpus, "test", testEx, test));
        return splits;
    }
}
