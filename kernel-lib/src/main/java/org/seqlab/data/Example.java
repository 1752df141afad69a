package org.seqlab.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One labelled recording, the common shape every loader produces so that batching and
 * features do not care whether the corpus was generated or downloaded.
 *
 * @param id         unique within its split (a LibriSpeech utterance id, a DCASE file name)
 * @param audio      the audio file
 * @param speaker    speaker or voice, or null when the corpus has none
 * @param transcript the spoken text, or null
 * @param labels     clip-level labels: the class, the language, or a clip's weak tags
 * @param events     timed events (strong labels); empty when only weak labels are known
 */
public record Example(String id, Path audio, String speaker, String transcript, List<String> labels, List<Event> events) {
    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audio, "audio");
        labels = List.copyOf(labels);
        events = List.copyOf(events);
    }

    public static Example labelled(String id, Path audio, String speaker, String label) {
        return new Example(id, audio, speaker, null, List.of(label), List.of());
    }

    public static Example transcribed(String id, Path audio, String speaker, String transcript) {
        return new Example(id, audio, speaker, transcript, List.of(), List.of());
    }

    /** The single clip label of a classification corpus; fails if there is not exactly one. */
    public String label() {
        if (labels.size() != 1) {
            throw new IllegalStateException(id + " has " + labels.size() + " labels " + labels + ", not one");
        }
        return labels.get(0);
    }

    /** Strong labels are known: the example has events, or is a clip known to have none. */
    public boolean hasStrongLabels() {
        return !events.isEmpty();
    }
}
