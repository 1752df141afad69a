"""Reference outputs of torch.nn.LSTM and torch.nn.GRU for RecurrentTorchReferenceTest.

Writes kernel-lib/src/test/resources/org/seqlab/nn/recurrent/torch_rnn_reference.txt: one
array per line, `name d0,d1,... v0 v1 ...`, computed in float64. Weights are in torch's
layout ([gates*H, in]); the Java test transposes them and folds the biases (LSTM: b_ih + b_hh;
GRU: b_hh's n block is set to zero, since one bias per gate cannot express it).
Sequences have lengths (6, 3): the outputs come from pack_padded_sequence, so the final states
are those after each row's last valid step.

Run: /usr/bin/python3 kernel-lib/src/test/python/rnn_reference.py
"""
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "seqlab", "nn", "recurrent",
                   "torch_rnn_reference.txt")


def line(name, t):
    t = t.detach().to(torch.float64).contiguous()
    dims = ",".join(str(d) for d in t.shape)
    return name + " " + dims + " " + " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


def main():
    torch.manual_seed(20261122)
    batch, time, inp, hidden = 2, 6, 3, 4
    lengths = torch.tensor([6, 3])
    x = torch.randn(batch, time, inp, dtype=torch.float64)
    x[1, 3:] = 0.0
    h0 = torch.randn(1, batch, hidden, dtype=torch.float64)
    c0 = torch.randn(1, batch, hidden, dtype=torch.float64)
    lines = [line("x", x), line("h0", h0[0]), line("c0", c0[0]), line("lengths", lengths)]

    lstm = torch.nn.LSTM(inp, hidden, batch_first=True).double()
    with torch.no_grad():
        for p in lstm.parameters():
            p.uniform_(-0.8, 0.8)
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    out, (hn, cn) = lstm(packed, (h0, c0))
    y, _ = pad_packed_sequence(out, batch_first=True, total_length=time)
    lines += [line("lstm.weight_ih", lstm.weight_ih_l0), line("lstm.weight_hh", lstm.weight_hh_l0),
              line("lstm.bias", lstm.bias_ih_l0 + lstm.bias_hh_l0),
              line("lstm.y", y), line("lstm.hn", hn[0]), line("lstm.cn", cn[0])]

    gru = torch.nn.GRU(inp, hidden, batch_first=True).double()
    with torch.no_grad():
        for p in gru.parameters():
            p.uniform_(-0.8, 0.8)
        gru.bias_hh_l0[2 * hidden:] = 0.0
    out, hn = gru(pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False), h0)
    y, _ = pad_packed_sequence(out, batch_first=True, total_length=time)
    lines += [line("gru.weight_ih", gru.weight_ih_l0), line("gru.weight_hh", gru.weight_hh_l0),
              line("gru.bias", gru.bias_ih_l0 + gru.bias_hh_l0), line("gru.y", y), line("gru.hn", hn[0])]

    with open(OUT, "w") as f:
        f.write("# torch " + torch.__version__ + ", written by kernel-lib/src/test/python/rnn_reference.py\n")
        f.write("\n".join(lines) + "\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
