package org.seqlab.metrics.sed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.io.InputFileException;

class EventTsvTest {
    static final String HEADER = "filename\tonset\toffset\tevent_label";

    static EventTable events(String... lines) {
        return EventTsv.readEvents("t.tsv", List.of(lines));
    }

    static String error(String... lines) {
        return assertThrows(InputFileException.class, () -> events(lines)).getMessage();
    }

    @Test
    void readsEventsInFileOrderWithFilesListedWithoutEvents() {
        EventTable t = events(HEADER, "b.wav\t1.5\t2.0\tdog", "", "a.wav\t\t\t", "b.wav\t0\t1e-1\tcat\r");
        assertEquals(List.of(new Event("b.wav", 1.5, 2.0, "dog"), new Event("b.wav", 0, 0.1, "cat")), t.events());
        assertEquals(List.of("b.wav", "a.wav"), List.copyOf(t.firstLine().keySet()));
        assertEquals(4, t.firstLine().get("a.wav"));
        assertEquals(List.of(), t.byFile().get("a.wav"));
    }

    @Test
    void headerColumnsMayComeInAnyOrder() {
        EventTable t = events("event_label\tfilename\toffset\tonset", "Speech\tx.wav\t3\t1");
        assertEquals(new Event("x.wav", 1, 3, "Speech"), t.events().get(0));
    }

    @Test
    void malformedRowsNameFileLineAndProblem() {
        assertEquals("t.tsv:1: the header must name the tab-separated columns filename, onset, offset, event_label; "
                + "missing filename, onset, offset, event_label in 'a.wav\t0\t1\tdog'", error("a.wav\t0\t1\tdog"));
        assertEquals("t.tsv:2: onset 'abc' is not a number", error(HEADER, "a.wav\tabc\t1\tdog"));
        assertEquals("t.tsv:3: offset 'NaN' is not a number", error(HEADER, "a.wav\t0\t1\tdog", "a.wav\t0\tNaN\tdog"));
        assertEquals("t.tsv:2: onset -0.5 is negative", error(HEADER, "a.wav\t-0.5\t1\tdog"));
        assertEquals("t.tsv:2: onset 2 is after offset 1", error(HEADER, "a.wav\t2\t1\tdog"));
        assertEquals("t.tsv:2: 3 tab-separated columns, the header has 4", error(HEADER, "a.wav\t0\t1"));
        assertEquals("t.tsv:2: empty event_label", error(HEADER, "a.wav\t0\t1\t"));
        assertEquals("t.tsv:1: empty file: expected a header naming the tab-separated columns filename, onset, "
                + "offset, event_label", error());
        // an event of zero length is allowed (sed_eval and psds_eval accept it)
        assertEquals(1, events(HEADER, "a.wav\t1\t1\tdog").events().size());
    }

    @Test
    void durationsKeepTheFirstRowOfADuplicateAndRejectBadNumbers() {
        Durations d = EventTsv.readDurations("d.tsv", List.of("filename\tduration", "a.wav\t10", "b.wav\t5", "a.wav\t99"));
        assertEquals(10.0, d.of("a.wav"));
        assertEquals(15.0, d.total());
        String e = assertThrows(InputFileException.class,
                () -> EventTsv.readDurations("d.tsv", List.of("filename\tduration", "a.wav\tten"))).getMessage();
        assertEquals("d.tsv:2: duration 'ten' is not a number", e);
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        String e = assertThrows(InputFileException.class, () -> EventTsv.readEvents(dir.resolve("none.tsv"))).getMessage();
        assertEquals(dir.resolve("none.tsv") + ": no such file", e);
    }

    @Test
    void writeReadsBackTheSameEvents(@TempDir Path dir) throws Exception {
        List<Event> events = List.of(new Event("a.wav", 0.0001, 1.25, "dog"), new Event("b c.wav", 3, 1e7, "Alarm, bell"));
        Path p = dir.resolve("out.tsv");
        EventTsv.write(p, events);
        assertEquals(events, EventTsv.readEvents(p).events());
        String text = Files.readString(p);
        assertTrue(text.startsWith(HEADER + "\n") && !text.contains("E"), text);
    }

    @Test
    void convertsToAndFromAClipsStrongLabel() {
        org.seqlab.data.Event clip = new org.seqlab.data.Event(0.5, 2.25, "dog");
        Event row = Event.in("a.wav", clip);
        assertEquals(new Event("a.wav", 0.5, 2.25, "dog"), row);
        assertEquals(clip, row.inClip());
    }
}
