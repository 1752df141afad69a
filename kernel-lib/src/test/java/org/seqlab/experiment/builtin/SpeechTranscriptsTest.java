package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.data.Example;
import org.seqlab.data.batch.Sequence;

class SpeechTranscriptsTest {
    private static Sequence<Example> utterance(String speaker, int i) {
        String id = speaker + "-1-" + i;
        return new Sequence<>(id, new float[][] {{0f}}, new Example(id, Path.of(id + ".wav"), speaker, "A", List.of(), List.of()));
    }

    @Test
    void speakersTakeTurnsSoEveryPrefixHoldsEveryVoice() {
        List<Sequence<Example>> corpusOrder = List.of(utterance("100", 0), utterance("100", 1), utterance("100", 2),
                utterance("200", 0), utterance("300", 0), utterance("300", 1));
        List<String> dealt = SpeechTranscripts.bySpeakerInTurn(corpusOrder).stream().map(Sequence::id).toList();
        assertEquals(List.of("100-1-0", "200-1-0", "300-1-0", "100-1-1", "300-1-1", "100-1-2"), dealt);
        assertEquals(dealt.subList(0, 3), SequenceTasks.fraction(SpeechTranscripts.bySpeakerInTurn(corpusOrder), 0.5).stream()
                .map(Sequence::id).toList(), "half of the utterances: one of each speaker");
    }
}
