"""Reference values of torch.nn.functional.ctc_loss for CtcTorchReferenceTest.

Writes kernel-lib/src/test/resources/org/seqlab/losses/torch_ctc_reference.txt: one array per
line, `name d0,d1,... v0 v1 ...`, in float64. Each case has seeded logits [B, T, C], input
lengths, labels padded to [B, L] with a padding value that is not the blank (and lies outside
the alphabet, so reading it would be an error), label lengths, torch's per-example losses
(reduction 'none') and the gradients of the 'mean' and 'sum' losses with respect to the logits
(the loss is applied to log_softmax(logits), as Seqlab fuses it).

Cases: repeated labels; blank at index != 0; varying input and label lengths (an empty label
included); an impossible example (label longer than its frames allow) with zero_infinity=True.

Run: /usr/bin/python3 kernel-lib/src/test/python/ctc_reference.py
"""
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "seqlab", "losses",
                   "torch_ctc_reference.txt")


def line(name, t):
    t = t.detach().to(torch.float64).contiguous()
    dims = ",".join(str(d) for d in t.shape)
    return name + " " + dims + " " + " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


def case(name, gen, batch, time, classes, blank, input_lengths, labels, zero_infinity):
    logits = torch.randn(batch, time, classes, dtype=torch.float64, generator=gen) * 2.0
    width = max(1, max(len(l) for l in labels))
    padded = torch.full((batch, width), float(classes + 7), dtype=torch.float64)
    for b, l in enumerate(labels):
        padded[b, :len(l)] = torch.tensor(l, dtype=torch.float64)
    il = torch.tensor(input_lengths, dtype=torch.long)
    ll = torch.tensor([len(l) for l in labels], dtype=torch.long)
    targets = padded.clone()
    targets[targets > classes] = 1 if blank != 1 else 2  # torch reads only the first ll[b] entries anyway
    targets = targets.long()
    out = [line(name + ".logits", logits), line(name + ".input_lengths", il), line(name + ".labels", padded),
           line(name + ".label_lengths", ll), line(name + ".blank", torch.tensor(blank)),
           line(name + ".zero_infinity", torch.tensor(1 if zero_infinity else 0))]

    def run(reduction):
        x = logits.clone().requires_grad_(True)
        lp = F.log_softmax(x, dim=-1).transpose(0, 1)  # torch wants [T, B, C]
        loss = F.ctc_loss(lp, targets, il, ll, blank=blank, reduction=reduction, zero_infinity=zero_infinity)
        return x, loss

    _, none = run("none")
    out.append(line(name + ".losses", none))
    for reduction in ("mean", "sum"):
        x, loss = run(reduction)
        loss.backward()
        out.append(line(name + "." + reduction, loss))
        out.append(line(name + ".grad_" + reduction, x.grad))
    return out


def main():
    gen = torch.Generator().manual_seed(20261202)
    lines = []
    lines += case("repeats", gen, 4, 12, 6, 0, [12, 10, 7, 12],
                  [[1, 1, 2], [3, 3, 3], [5, 4, 5, 4], [2, 2, 5, 5, 1]], False)
    lines += case("blank_last", gen, 3, 9, 5, 4, [9, 6, 3],
                  [[0, 1, 1, 0], [3, 2], []], False)
    lines += case("blank_middle", gen, 2, 8, 4, 2, [8, 5], [[0, 3, 3, 1], [1]], False)
    lines += case("impossible", gen, 3, 6, 4, 0, [6, 3, 5], [[1, 2, 3], [1, 1, 2], [3]], True)
    with open(OUT, "w") as f:
        f.write("# torch " + torch.__version__ + ", written by kernel-lib/src/test/python/ctc_reference.py\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
