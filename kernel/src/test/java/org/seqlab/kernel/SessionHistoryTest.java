package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** history_request's three kinds against hand-worked answers on a five-cell session. */
class SessionHistoryTest {

    private static SessionHistory fiveCells() {
        SessionHistory h = new SessionHistory();
        h.record(1, "int a = 1;", null);
        h.record(2, "a + 1", "2");
        h.record(3, "a * 3", "3");
        h.record(4, "a + 1", "2");
        h.record(5, "print(a)", null);
        return h;
    }

    private static List<Integer> lines(List<SessionHistory.Cell> cells) {
        return cells.stream().map(SessionHistory.Cell::line).toList();
    }

    @Test
    void tailGivesTheLastCellsOldestFirst() {
        assertEquals(List.of(4, 5), lines(fiveCells().tail(2)));
        assertEquals(List.of(1, 2, 3, 4, 5), lines(fiveCells().tail(10)));
        assertEquals(List.of(1, 2, 3, 4, 5), lines(fiveCells().tail(0)));
    }

    @Test
    void entriesAreTheProtocolsArraysWithNullForNoOutput() {
        List<SessionHistory.Cell> t = fiveCells().tail(2);
        assertEquals(List.of(List.of(SessionHistory.SESSION, 4, "a + 1"), List.of(SessionHistory.SESSION, 5, "print(a)")),
                SessionHistory.entries(t, false));
        assertEquals(List.of(Arrays.asList(SessionHistory.SESSION, 4, List.of("a + 1", "2")),
                Arrays.asList(SessionHistory.SESSION, 5, Arrays.asList("print(a)", null))), SessionHistory.entries(t, true));
    }

    @Test
    void rangeIsHalfOpenInTheCurrentSessionOnly() {
        SessionHistory h = fiveCells();
        assertEquals(List.of(2, 3), lines(h.range(SessionHistory.SESSION, 2, 4)));
        assertEquals(List.of(2, 3), lines(h.range(0, 2, 4)), "0 is the current session");
        assertEquals(List.of(4, 5), lines(h.range(0, 4, 0)), "no stop: to the end");
        assertTrue(h.range(-1, 1, 6).isEmpty(), "earlier sessions are not kept");
    }

    @Test
    void searchMatchesWholeInputsWithGlobsUniqueAndLastN() {
        SessionHistory h = fiveCells();
        assertEquals(List.of(2, 4), lines(h.search("a + ?", 0, false)));
        assertEquals(List.of(2, 3, 4), lines(h.search("a ? *", 0, false)));
        assertTrue(h.search("a", 0, false).isEmpty(), "the whole input must match");
        assertEquals(List.of(3, 4, 5), lines(h.search("*", 3, false)));
        assertEquals(List.of(1, 3, 4, 5), lines(h.search("*", 0, true)), "unique keeps the latest of each input");
        assertEquals(List.of(4), lines(h.search("a + 1", 0, true)));
        assertEquals(List.of(5), lines(h.search("print(?)", 0, false)), "parentheses are literal");
        assertEquals(5, h.search("", 0, false).size(), "no pattern: every cell");
    }
}
