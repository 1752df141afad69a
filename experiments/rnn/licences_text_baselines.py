#!/usr/bin/env python3
"""Reference code lengths for the licences-text corpus (notebooks/02-lstm-vs-gru.ipynb, section 2).

Prints the corpus size, its split (contiguous 90/5/5, as TextCorpus cuts it), the unigram entropy,
bzip2 on the whole text, and LZMA on each held-out split given the training text
(compressed(train + split) - compressed(train)), a compressor's view of how predictable the
held-out text is from what the model trains on. Run after `./seqlab datasets prepare licences-text`:

    /usr/bin/python3 experiments/rnn/licences_text_baselines.py [path/to/text.txt]
"""
import bz2
import collections
import lzma
import math
import os
import sys


def main():
    data = os.environ.get("SEQLAB_DATA", os.path.expanduser("~/.cache/seqlab/data"))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(data, "licences-text", "text.txt")
    text = open(path, encoding="utf-8").read()
    n = len(text)
    train_end, valid_end = round(n * (1 - 0.05 - 0.05)), round(n * (1 - 0.05))  # as TextCorpus rounds
    counts = collections.Counter(text)
    entropy = -sum(c / n * math.log2(c / n) for c in counts.values())
    raw = text.encode("utf-8")
    bz = len(bz2.compress(raw, 9)) * 8 / n

    def xz(b):
        return len(lzma.compress(b, preset=9 | lzma.PRESET_EXTREME))

    train = text[:train_end].encode("utf-8")
    base = xz(train)
    print(f"characters {n}, distinct {len(counts)}; train {train_end}, validation {valid_end - train_end}, test {n - valid_end}")
    print(f"unigram entropy {entropy:.2f} bits per character")
    print(f"bzip2 -9, whole text {bz:.2f} bits per character")
    for name, part in (("validation", text[train_end:valid_end]), ("test", text[valid_end:])):
        b = part.encode("utf-8")
        print(f"LZMA given the training text, {name}: {(xz(train + b) - base) * 8 / len(part):.2f} bits per character")


if __name__ == "__main__":
    main()
