package org.seqlab.data.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.seqlab.data.Split;

/** Reads a corpus folder laid out as a public corpus is, into named splits. */
public interface CorpusFormat {
    /**
     * @param root   the corpus folder
     * @param corpus the corpus name, used in messages
     * @param strict fail on the first bad or missing file instead of skipping it
     */
    Map<String, Split> load(Path root, String corpus, boolean strict) throws IOException;
}
