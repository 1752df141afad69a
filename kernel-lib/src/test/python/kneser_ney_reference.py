"""An independent interpolated modified Kneser-Ney (Chen & Goodman 1998) for KneserNeyReferenceTest.

Written from the paper's equations, not from the Java code: probabilities are computed on demand
by the recursive interpolation formula for any context, where the Java model stores backoff
tables (ARPA form). Conventions shared with Seqlab's KneserNey (stated in its Javadoc):
- one <s> before and one </s> after each sentence; <s> is never predicted;
- highest order: raw counts; lower orders: number of distinct left extensions, except n-grams
  starting with <s> (raw counts);
- per-order discounts D1, D2, D3+ from counts of counts; an undefined discount or one outside
  (0, k] becomes k/2;
- the unigram level interpolates with the uniform distribution over every token but <s>
  (so </s> and <unk> included); a context never seen backs off with weight 1.

Writes kernel-lib/src/test/resources/org/seqlab/decode/lm/kn_reference.txt with lines
`model<TAB>order<TAB>context tokens (space separated, may be empty)<TAB>token<TAB>log10 p`
for every context of length order-1 over the vocabulary (and <s> first), every predictable token.
Models: characters (corpus kn_corpus.txt, orders 2 and 3, whitespace runs as one <space>) and
words (kn_words.txt, order 3, on a sample of contexts).

Run: /usr/bin/python3 kernel-lib/src/test/python/kneser_ney_reference.py
"""
import itertools
import math
import os

HERE = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "seqlab", "decode", "lm")


def discounts(values):
    n = {k: sum(1 for v in values if v == k) for k in range(1, 5)}
    y = n[1] / (n[1] + 2 * n[2]) if n[1] + 2 * n[2] > 0 else float("nan")
    d = {}
    for k in (1, 2, 3):
        v = k - (k + 1) * y * n[k + 1] / n[k] if n[k] > 0 else float("nan")
        d[k] = v if (not math.isnan(v)) and 0 < v <= k else k / 2.0
    return d


class KN:
    def __init__(self, sentences, order):
        self.order = order
        words = sorted(set(w for s in sentences for w in s) - {"<unk>"})
        self.predictable = ["</s>", "<unk>"] + words
        grams = [dict() for _ in range(order + 1)]
        for s in sentences:
            t = ["<s>"] + s + ["</s>"]
            for n in range(1, order + 1):
                for i in range(len(t) - n + 1):
                    g = tuple(t[i:i + n])
                    grams[n][g] = grams[n].get(g, 0) + 1
        del grams[1][("<s>",)]
        self.a = [dict() for _ in range(order + 1)]
        for n in range(1, order + 1):
            for g, c in grams[n].items():
                if n == order or g[0] == "<s>":
                    self.a[n][g] = c
                else:
                    self.a[n][g] = len({h[0] for h in grams[n + 1] if h[1:] == g})
        self.d = [None] + [discounts(list(self.a[n].values())) for n in range(1, order + 1)]

    def prob(self, w, h):
        h = tuple(h[-(self.order - 1):]) if self.order > 1 else ()
        n = len(h) + 1
        followers = {g[-1]: c for g, c in self.a[n].items() if g[:-1] == h}
        lower = 1.0 / len(self.predictable) if n == 1 else self.prob(w, h[1:])
        if not followers:
            return lower
        total = sum(followers.values())
        d = self.d[n]
        gamma = sum(d[min(c, 3)] for c in followers.values()) / total
        c = followers.get(w, 0)
        top = max(c - d[min(c, 3)], 0) / total if c > 0 else 0.0
        return top + gamma * lower


def chars(line):
    return ["<space>" if ch == " " else ch for ch in " ".join(line.split())]


def main():
    out = ["# written by kernel-lib/src/test/python/kneser_ney_reference.py"]
    with open(os.path.join(HERE, "kn_corpus.txt"), encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if l.strip()]
    sentences = [chars(l) for l in lines]
    for order in (2, 3):
        lm = KN(sentences, order)
        vocab = [w for w in lm.predictable if w not in ("</s>", "<unk>")]
        contexts = [c for c in itertools.product(["<s>"] + vocab, repeat=order - 1)
                    if "<s>" not in c[1:]]
        for c in contexts:
            for w in lm.predictable:
                out.append("chars\t%d\t%s\t%s\t%r" % (order, " ".join(c), w, math.log10(lm.prob(w, c))))
    with open(os.path.join(HERE, "kn_words.txt"), encoding="utf-8") as f:
        wsent = [l.split() for l in f.read().split("\n") if l.strip()]
    lm = KN(wsent, 3)
    vocab = [w for w in lm.predictable if w not in ("</s>", "<unk>")]
    contexts = [("<s>", "the"), ("the", "cat"), ("cat", "sat"), ("on", "the"), ("a", "dog"),
                ("dog", "the"), ("zebra", "cat"), ("the", "zebra"), ("<s>", "a"), ("mat", "log")]
    for c in contexts:
        for w in lm.predictable:
            out.append("words\t3\t%s\t%s\t%r" % (" ".join(c), w, math.log10(lm.prob(w, c))))
    with open(os.path.join(HERE, "kn_reference.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
