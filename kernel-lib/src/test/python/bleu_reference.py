#!/usr/bin/env python3
"""Reference values for BleuTest (org.seqlab.metrics.text.Bleu): NLTK's corpus_bleu with its
defaults (weights 0.25 x 4, no smoothing), Debian's python3-nltk 3.8. Each case is a list of
(references, hypothesis) pairs of token ids; the printed values are stored in BleuTest.

Printed (2026-12-02, nltk 3.8):
near 0.5946035575013605
two-refs-short 0.9200444146293233
clipped 0.3655552228545123
short-sentence 0.8408964152537145
captions 0.8316937320108133
"""
import warnings

from nltk.translate.bleu_score import corpus_bleu

CASES = {
    # one sentence, the textbook example shape: a near match
    "near": [([[1, 2, 3, 4, 5, 6, 7, 8]], [1, 2, 3, 4, 5, 9, 7, 8])],
    # two sentences, two references each, one hypothesis shorter than its references (brevity penalty)
    "two-refs-short": [([[1, 2, 3, 4, 5, 6], [1, 2, 3, 7, 5, 6, 8]], [1, 2, 3, 4, 5]),
                       ([[9, 8, 7, 6, 5, 4, 3]], [9, 8, 7, 6, 5, 4, 3])],
    # clipping: a hypothesis repeating a reference token
    "clipped": [([[1, 2, 3, 4, 1, 2]], [1, 1, 1, 1, 1, 2, 3, 4])],
    # a sentence shorter than 4 tokens adds 1 to the higher orders' denominators
    "short-sentence": [([[1, 2, 3, 4, 5]], [1, 2, 3, 4, 5]), ([[6, 7]], [6, 7])],
    # captions: a longer hypothesis than the reference (no penalty)
    "captions": [([[1, 2, 3, 4, 5, 6, 7]], [1, 2, 3, 4, 5, 6, 7, 7]),
                 ([[1, 8, 3, 9, 5, 6, 2]], [1, 8, 3, 9, 5, 2, 3]),
                 ([[1, 2, 10, 4, 5, 8, 7]], [1, 2, 10, 4, 5, 8, 7])],
}

if __name__ == "__main__":
    warnings.simplefilter("ignore")
    for name, pairs in CASES.items():
        refs = [p[0] for p in pairs]
        hyps = [p[1] for p in pairs]
        print(name, repr(corpus_bleu(refs, hyps)))
