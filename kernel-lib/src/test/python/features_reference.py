#!/usr/bin/python3
"""Writes the torchaudio reference arrays that org.seqlab.features tests compare against.

Run with Debian's interpreter (python3-torch 1.13, python3-torchaudio 0.13.1):
    /usr/bin/python3 kernel-lib/src/test/python/features_reference.py

librosa is not installed on the build machines, so the librosa preset is checked against
torchaudio configured the way librosa.feature.melspectrogram works by default (Slaney mel
scale and area normalisation, n_fft 2048, hop 512, centred frames with zero padding as in
librosa >= 0.10, power 2).

Every array is written as little-endian: int32 rank, int32 dims..., float32 values (row-major).
The input signals are stored too, so the Java tests do not depend on re-generating noise.
"""
import os
import struct

import numpy as np
import torch
import torchaudio
import torchaudio.compliance.kaldi as kaldi
import torchaudio.functional as F
import torchaudio.transforms as T

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "features")
SEED = 1234


def write(name, array):
    a = np.ascontiguousarray(np.asarray(array, dtype="<f4"))
    with open(os.path.join(OUT, name + ".f32"), "wb") as f:
        f.write(struct.pack("<i", a.ndim))
        f.write(struct.pack("<%di" % a.ndim, *a.shape))
        f.write(a.tobytes())


def chirp_with_noise(sample_rate, seconds, f0, f1, seed):
    """Linear chirp f0 -> f1 at amplitude 0.5 plus white noise (std 0.05) from a fixed seed."""
    t = np.arange(int(sample_rate * seconds)) / sample_rate
    phase = 2 * np.pi * (f0 * t + 0.5 * (f1 - f0) / seconds * t * t)
    noise = np.random.default_rng(seed).normal(0.0, 0.05, t.shape)
    return (0.5 * np.sin(phase) + noise).astype(np.float32)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    sig16 = chirp_with_noise(16000, 1.0, 100.0, 7000.0, SEED)
    sig22 = chirp_with_noise(22050, 1.0, 100.0, 10000.0, SEED + 1)
    write("signal16k", sig16)
    write("signal22k", sig22)
    x16 = torch.from_numpy(sig16)
    x22 = torch.from_numpy(sig22)

    # torchaudio.transforms.MelSpectrogram() with every default: [n_mels, frames] -> [frames, n_mels]
    write("torchaudio_melspectrogram", T.MelSpectrogram()(x16).T)
    # torchaudio.transforms.MFCC() with every default (dB with top_db 80, then DCT-II ortho)
    write("torchaudio_mfcc", T.MFCC()(x16).T)
    # Seqlab's house log-mel: 64 bins, n_fft 512, 25 ms window, 10 ms hop, natural log floored at 1e-10
    house = T.MelSpectrogram(sample_rate=16000, n_fft=512, win_length=400, hop_length=160, n_mels=64)(x16)
    house_log = torch.log(torch.clamp(house, min=1e-10))
    write("house_logmel64", house_log.T)
    # torchaudio.functional.compute_deltas on the house log-mel (time is the last axis there)
    write("house_logmel64_delta5", F.compute_deltas(house_log, win_length=5).T)
    write("house_logmel64_delta9", F.compute_deltas(house_log, win_length=9).T)
    # librosa.feature.melspectrogram defaults, expressed in torchaudio
    librosa_like = T.MelSpectrogram(sample_rate=22050, n_fft=2048, hop_length=512, n_mels=128, f_min=0.0,
                                    norm="slaney", mel_scale="slaney", pad_mode="constant", power=2.0)(x22)
    write("librosa_melspectrogram", librosa_like.T)
    # Magnitude spectrogram with a periodic Hamming window and win_length < n_fft
    mag = T.Spectrogram(n_fft=256, win_length=200, hop_length=100, window_fn=torch.hamming_window, power=1.0)(x16)
    write("hamming_magnitude", mag.T)
    # Rectangular window, zero-padded centring, power
    rect = T.Spectrogram(n_fft=128, hop_length=64, window_fn=torch.ones, power=2.0, pad_mode="constant")(x16)
    write("rectangular_power_zero", rect.T)
    # Kaldi fbank through torchaudio.compliance.kaldi (dither 0 = deterministic)
    w = x16.unsqueeze(0)
    write("kaldi_fbank80", kaldi.fbank(w, num_mel_bins=80, dither=0.0))
    write("kaldi_fbank23_energy", kaldi.fbank(w, dither=0.0, use_energy=True))
    write("kaldi_fbank40_hamming_nodc", kaldi.fbank(w, num_mel_bins=40, dither=0.0, window_type="hamming",
                                                    remove_dc_offset=False, preemphasis_coefficient=0.0,
                                                    low_freq=0.0, high_freq=-400.0))
    # Filterbank matrices: [n_freqs, n_mels] -> [n_mels, n_freqs], built in float64 so that the
    # reference is exact to float32 rounding (torchaudio's float32 build differs by up to 2e-4 relative)
    torch.set_default_dtype(torch.float64)
    for scale in ("htk", "slaney"):
        for norm in (None, "slaney"):
            fb = F.melscale_fbanks(257, 0.0, 8000.0, 40, 16000, norm=norm, mel_scale=scale)
            write("melbank_%s_%s" % (scale, norm or "none"), fb.T)
    banks, _ = kaldi.get_mel_banks(23, 512, 16000.0, 20.0, 0.0, 100.0, -500.0, 1.0)
    write("melbank_kaldi23", banks)
    torch.set_default_dtype(torch.float32)
    print("wrote reference arrays to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
