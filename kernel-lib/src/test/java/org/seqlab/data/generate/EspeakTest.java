package org.seqlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.audio.Signals;

class EspeakTest {
    @Test
    void missingProgramIsNamedWithTheInstallHint() {
        IOException e = assertThrows(IOException.class, () -> Espeak.run(List.of("seqlab-no-such-program", "--version")));
        assertTrue(e.getMessage().contains("cannot run seqlab-no-such-program --version"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install espeak-ng"), e.getMessage());
    }

    @Test
    void failureCarriesCommandAndStderr() {
        assumeTrue(GeneratorTestSupport.haveEspeak(), "espeak-ng not installed");
        IOException e = assertThrows(IOException.class, () -> Espeak.speak("hello", "zzqq", 150, 50, 16000));
        assertTrue(e.getMessage().startsWith("espeak-ng -v zzqq -s 150 -p 50 -w "), e.getMessage());
        assertTrue(e.getMessage().contains("voice does not exist"), "stderr of espeak-ng: " + e.getMessage());
    }

    @Test
    void speechIsResampledToTheRequestedRate() throws IOException {
        assumeTrue(GeneratorTestSupport.haveEspeak(), "espeak-ng not installed");
        float[] nativeRate = Espeak.speak("seven", "en-us+m1", 150, 50, 22050);
        float[] at16k = Espeak.speak("seven", "en-us+m1", 150, 50, 16000);
        assertTrue(Signals.rms(nativeRate) > 0.01, "nearly silent");
        assertEquals(nativeRate.length * 16000.0 / 22050, at16k.length, 2, "length scales with the rate");
        assertTrue(Espeak.version().startsWith("eSpeak NG text-to-speech"), Espeak.version());
    }
}
