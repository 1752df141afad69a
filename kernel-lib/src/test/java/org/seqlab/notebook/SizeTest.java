package org.seqlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizeTest {
    @Test
    void parsesNamesAndDefaultsWhenUnset() {
        assertEquals(Size.SMOKE, Size.parse(" Smoke "));
        assertEquals(Size.FULL, Size.parse("full"));
        assertEquals(Size.DEFAULT, Size.parse(null));
        assertEquals(Size.DEFAULT, Size.parse(""));
        assertEquals(30, Size.FULL.pick(1, 5, 30));
        assertEquals("b", Size.DEFAULT.pick("a", "b", "c"));
    }

    @Test
    void rejectsUnknownSizesNamingTheVariable() {
        var e = assertThrows(IllegalArgumentException.class, () -> Size.parse("huge"));
        assertTrue(e.getMessage().contains("SEQLAB_SIZE=huge"), e.getMessage());
    }
}
