package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code %maven} without Maven: the error must say what is missing and what to do instead. */
class MavenMagicTest {
    @Test
    void missingMavenIsNamedAndPointsToJars() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MavenMagic.resolve(List.of("org.example:lib:1.0"), "seqlab-no-such-mvn"));
        assertTrue(e.getMessage().contains("'seqlab-no-such-mvn'"), e.getMessage());
        assertTrue(e.getMessage().contains("%jars"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install maven"), e.getMessage());
    }
}
