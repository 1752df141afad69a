#!/usr/bin/env python3
"""Reference code lengths for the character-LM corpora (notebooks/02-lstm-vs-gru.ipynb, section 2).

Prints the corpus size, its contiguous split (as TextCorpus cuts it), the unigram entropy, bzip2
on the whole text, and LZMA on each held-out split given the text the model trains on
(compressed(train + split) - compressed(train)): a compressor's view of how predictable the
held-out text is from what the model sees. The training text is the first TRAIN_FRACTION of the
training split, as the experiment layer's data.train-fraction takes it. After
`./seqlab datasets prepare NAME`:

    /usr/bin/python3 experiments/rnn/text_baselines.py python-docs-text 0.01 0.01 0.125
    /usr/bin/python3 experiments/rnn/text_baselines.py licences-text 0.05 0.05 1

A sixth argument `letters` first normalises each split as the chars dataset's `alphabet: letters`
does (A-Z lower-cased, every run of other characters one space: text8's 27 symbols):

    /usr/bin/python3 experiments/rnn/text_baselines.py python-docs-text 0.01 0.01 1 letters
"""
import bz2
import collections
import lzma
import math
import os
import re
import sys


def letters(s):
    """As TextCorpus.letters: lower-case A-Z only, then every run of other characters becomes one space."""
    return re.sub(r"[^a-z]+", " ", s.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")))


def main():
    if len(sys.argv) not in (5, 6) or (len(sys.argv) == 6 and sys.argv[5] != "letters"):
        sys.exit("usage: text_baselines.py CORPUS VALIDATION_FRACTION TEST_FRACTION TRAIN_FRACTION [letters]")
    name, valid_f, test_f, train_f = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    data = os.environ.get("SEQLAB_DATA", os.path.expanduser("~/.cache/seqlab/data"))
    text = open(os.path.join(data, name, "text.txt"), encoding="utf-8").read()
    n = len(text)
    train_end, valid_end = round(n * (1 - valid_f - test_f)), round(n * (1 - test_f))  # as TextCorpus rounds
    if len(sys.argv) == 6:
        parts = [letters(p) for p in (text[:train_end], text[train_end:valid_end], text[valid_end:])]
        text = "".join(parts)
        n = len(text)
        train_end, valid_end = len(parts[0]), len(parts[0]) + len(parts[1])
    counts = collections.Counter(text)
    entropy = -sum(c / n * math.log2(c / n) for c in counts.values())
    raw = text.encode("utf-8")
    bz = len(bz2.compress(raw, 9)) * 8 / n

    def xz(b):
        return len(lzma.compress(b, preset=9 | lzma.PRESET_EXTREME))

    seen = text[:math.ceil(train_end * train_f)].encode("utf-8")
    base = xz(seen)
    print(f"{name}: characters {n}, distinct {len(counts)}; train {train_end} (the model sees the first "
          f"{len(seen.decode('utf-8'))}), validation {valid_end - train_end}, test {n - valid_end}")
    print(f"unigram entropy {entropy:.2f} bits per character")
    print(f"bzip2 -9, whole text {bz:.2f} bits per character")
    for split, part in (("validation", text[train_end:valid_end]), ("test", text[valid_end:])):
        b = part.encode("utf-8")
        print(f"LZMA given the training text, {split}: {(xz(seen + b) - base) * 8 / len(part):.2f} bits per character")


if __name__ == "__main__":
    main()
