package org.seqlab.features;

import org.junit.jupiter.api.Test;

import static org.seqlab.features.Reference.assertClose;
import static org.seqlab.features.Reference.assertCloseLog;
import static org.seqlab.features.Reference.maxAbs;

/**
 * Agreement with torchaudio 0.13.1 on a 1 s chirp plus seeded noise (see features_reference.py).
 *
 * <p>Tolerances: both sides compute in float32, but the FFT algorithms and summation orders
 * differ, so each power value carries a rounding error of a few ulps of the frame's energy,
 * not of the value itself. Linear outputs are therefore compared with an absolute tolerance
 * of 1e-5 of the array's peak plus 1e-4 relative; log outputs get 1e-4 relative and 1e-4
 * absolute plus {@code 1e-6 * exp(peak - value)} (about 8 float32 ulps of the frame's peak
 * energy, see {@link Reference#assertCloseLog}), which only matters for bins far below the
 * peak, such as the lowest Kaldi bins after DC removal and pre-emphasis. Filterbank matrices
 * are compared with a float64 torchaudio build, to float32 rounding.
 */
class TorchaudioAgreementTest {

    private static final double LOG_NOISE = 1e-6;
    private static final float[] SIGNAL = Reference.signal16k();

    @Test
    void melSpectrogramDefaults() {
        float[][] expected = Reference.matrix("torchaudio_melspectrogram");
        float[][] actual = LogMel.torchaudio().extract(SIGNAL, 16000);
        assertClose(expected, actual, 1e-5 * maxAbs(expected), 1e-4, "MelSpectrogram()");
    }

    @Test
    void mfccDefaults() {
        float[][] expected = Reference.matrix("torchaudio_mfcc");
        float[][] actual = Mfcc.torchaudio().extract(SIGNAL, 16000);
        assertClose(expected, actual, 1e-3, 1e-4, "MFCC()");
    }

    @Test
    void houseLogMel() {
        float[][] expected = Reference.matrix("house_logmel64");
        float[][] actual = LogMel.bins(64).extract(SIGNAL, 16000);
        assertCloseLog(expected, actual, 1e-4, 1e-4, LOG_NOISE, "LogMel.bins(64)");
    }

    @Test
    void deltasMatchComputeDeltas() {
        float[][] logmel = Reference.matrix("house_logmel64");
        assertClose(Reference.matrix("house_logmel64_delta5"), Deltas.compute(logmel, 5), 1e-5, 1e-5, "deltas 5");
        assertClose(Reference.matrix("house_logmel64_delta9"), Deltas.compute(logmel, 9), 1e-5, 1e-5, "deltas 9");
    }

    @Test
    void librosaPresetMatchesTorchaudioWithLibrosaSettings() {
        float[][] expected = Reference.matrix("librosa_melspectrogram");
        float[][] actual = LogMel.librosa().extract(Reference.signal22k(), 22050);
        assertClose(expected, actual, 1e-5 * maxAbs(expected), 1e-4, "librosa preset");
    }

    @Test
    void hammingMagnitudeSpectrogram() {
        float[][] expected = Reference.matrix("hamming_magnitude");
        Spectrogram s = Spectrogram.defaults().fft(256).win(200).hop(100).window(Window.HAMMING)
                .spectrum(Spectrum.MAGNITUDE);
        assertClose(expected, s.extract(SIGNAL, 16000), 1e-5 * maxAbs(expected), 1e-4, "hamming magnitude");
    }

    @Test
    void rectangularZeroPaddedPowerSpectrogram() {
        float[][] expected = Reference.matrix("rectangular_power_zero");
        Spectrogram s = Spectrogram.defaults().fft(128).win(128).hop(64).window(Window.RECTANGULAR)
                .framing(Framing.CENTER_ZERO);
        assertClose(expected, s.extract(SIGNAL, 16000), 1e-5 * maxAbs(expected), 1e-4, "rectangular power");
    }

    @Test
    void kaldiFbank() {
        assertCloseLog(Reference.matrix("kaldi_fbank80"), Fbank.kaldi(80).extract(SIGNAL, 16000), 1e-4, 1e-4,
                LOG_NOISE, "kaldi fbank 80");
    }

    @Test
    void kaldiFbankWithEnergy() {
        assertCloseLog(Reference.matrix("kaldi_fbank23_energy"), Fbank.kaldi(23).energy(true).extract(SIGNAL, 16000),
                1e-4, 1e-4, LOG_NOISE, "kaldi fbank 23 + energy");
    }

    @Test
    void kaldiFbankHammingWithoutDcOrPreemphasis() {
        Fbank f = Fbank.kaldi(40);
        LogMel mel = f.mel().window(Window.HAMMING).fmin(0).fmax(-400)
                .spectrogram(f.mel().spectrogram().window(Window.HAMMING).removeDc(false).preemphasis(0));
        assertCloseLog(Reference.matrix("kaldi_fbank40_hamming_nodc"), f.mel(mel).extract(SIGNAL, 16000), 1e-4, 1e-4,
                LOG_NOISE, "kaldi fbank hamming");
    }

    @Test
    void filterbankMatrices() {
        for (MelScale scale : new MelScale[] {MelScale.HTK, MelScale.SLANEY}) {
            for (boolean norm : new boolean[] {false, true}) {
                String name = "melbank_" + scale.name().toLowerCase() + "_" + (norm ? "slaney" : "none");
                float[][] expected = Reference.matrix(name);
                float[][] actual = new MelFilterbank(40, 0, 8000, scale, norm).weights(16000, 512);
                assertClose(expected, actual, 1e-7 * maxAbs(expected), 1e-6, name);
            }
        }
        float[][] kaldi = Reference.matrix("melbank_kaldi23");
        float[][] actual = new MelFilterbank(23, 20, 0, MelScale.KALDI, false).weights(16000, 512);
        float[][] trimmed = new float[23][];
        for (int m = 0; m < 23; m++) {
            trimmed[m] = java.util.Arrays.copyOf(actual[m], 256);
            org.junit.jupiter.api.Assertions.assertEquals(0f, actual[m][256], "Nyquist weight of Kaldi bin " + m);
        }
        assertClose(kaldi, trimmed, 1e-7, 1e-6, "kaldi mel banks");
    }
}
