"""PyTorch side of `./seqlab bench engine`: one training step (forward, backward, Adam) of
each benchmark model on the same shapes as EngineBench, timed as the median of several
steps after warm-up. Prints one JSON object per model on stdout, with the OpenBLAS kernel this
process runs (`openblas_core`, from the library's own openblas_get_corename) and its resident
memory: `rss_base_mb` after importing torch, before the model is built, and `rss_peak_mb`, the
process's peak (VmHWM), read after the model's steps. Run one model per process (EngineBench
does) so that the peak belongs to that model.

Threads are fixed before torch starts work: OPENBLAS_NUM_THREADS must be set in the
environment by the caller (EngineBench does), and --torch-threads sets torch's own pool;
FACTS.md: the two must be set together or they fight over the cores.

Usage: /usr/bin/python3 engine_step.py --models lstm,gru,bilstm,crnn,hgru,ctc,las --steps 10 --warmup 3 --torch-threads 1
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn

from openblas_core import corename


class Recurrent(nn.Module):
    def __init__(self, cell, bidirectional):
        super().__init__()
        rnn = nn.LSTM if cell == "lstm" else nn.GRU
        self.rnn = rnn(40, 128, num_layers=2, batch_first=True, bidirectional=bidirectional)
        self.out = nn.Linear(256 if bidirectional else 128, 30)

    def forward(self, x):
        return self.out(self.rnn(x)[0])


class Crnn(nn.Module):
    def __init__(self):
        super().__init__()
        layers = []
        channels = 1
        for pool in (4, 2, 2):
            layers += [nn.Conv2d(channels, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d((pool, 1))]
            channels = 64
        self.conv = nn.Sequential(*layers)
        self.gru = nn.GRU(64 * 4, 64, batch_first=True, bidirectional=True)
        self.out = nn.Linear(128, 10)

    def forward(self, x):
        f = self.conv(x)  # [B, 64, 4, T]
        b, c, m, t = f.shape
        f = f.permute(0, 3, 1, 2).reshape(b, t, c * m)
        return self.out(self.gru(f)[0])


class Hierarchical(nn.Module):
    """Lecture 06's hierarchical GRU, as EngineBench.hgru: windows of 25 frames every 12 (unfold),
    a GRU 64 per window read by its last state, a GRU 64 over windows, additive attention 32
    (v . tanh(W u + b), softmax over windows), linear to 8 languages."""

    def __init__(self):
        super().__init__()
        self.segment = nn.GRU(40, 64, batch_first=True)
        self.utterance = nn.GRU(64, 64, batch_first=True)
        self.key = nn.Linear(64, 32)
        self.v = nn.Linear(32, 1, bias=False)
        self.out = nn.Linear(64, 8)

    def forward(self, x):
        b = x.shape[0]
        w = x.unfold(1, 25, 12).permute(0, 1, 3, 2)  # [B, S, 25, 40]
        s = w.shape[1]
        last = self.segment(w.reshape(b * s, 25, 40))[1][0]  # [B*S, 64]
        u = self.utterance(last.reshape(b, s, 64))[0]
        alpha = torch.softmax(self.v(torch.tanh(self.key(u))).squeeze(-1), dim=1)
        return self.out((alpha.unsqueeze(-1) * u).sum(1))


def one_bias(module):
    """Seqlab's LSTM has one bias per gate (FACTS.md: b = b_ih + b_hh); torch's b_hh is zeroed and frozen so that
    both sides train the same parameters, the same number of them, at the same arithmetic."""
    for name, p in module.named_parameters():
        if name.startswith("bias_hh"):
            with torch.no_grad():
                p.zero_()
            p.requires_grad_(False)
    return module


# EngineBench.Speech.FULL: 16 utterances x 400 frames x 80 features, LSTMs of 256 per direction,
# transcripts of 40-60 characters (lengths by the same formula as transcriptLength there).
SPEECH = dict(batch=16, frames=400, features=80, hidden=256, shortest=40, longest=60)


def transcripts(gen, classes, batch, shortest, longest, **_):
    """Characters 1..classes-1 (0 is the CTC blank or the end of sentence); lengths as EngineBench.Speech."""
    lengths = [shortest + (13 * i) % (longest - shortest + 1) for i in range(batch)]
    return [torch.randint(1, classes, (n,), generator=gen) for n in lengths]


class Ctc(nn.Module):
    """EngineBench.ctc: 3-layer BLSTM, linear to 30 classes (blank 0), CTC loss."""

    def __init__(self, features, hidden, classes=30):
        super().__init__()
        self.rnn = one_bias(nn.LSTM(features, hidden, num_layers=3, batch_first=True, bidirectional=True))
        self.out = nn.Linear(2 * hidden, classes)

    def forward(self, x):
        return self.out(self.rnn(x)[0])


class Las(nn.Module):
    """EngineBench.las (Seqlab's LasModel): 3-layer BLSTM listener whose top two layers take pairs of frames
    concatenated (T/4 encoder frames); additive attention v . tanh(W_q s + b + W_k h) scored with the speller's
    previous state; LSTMCell speller on [embedding(previous) ; context], output linear on [s ; context]."""

    def __init__(self, features, hidden, classes=60):
        super().__init__()
        attention = hidden // 2
        self.listener = nn.ModuleList([one_bias(nn.LSTM(f, hidden, batch_first=True, bidirectional=True))
                                       for f in (features, 4 * hidden, 4 * hidden)])
        self.embedding = nn.Embedding(classes + 1, hidden // 4)  # the last row is the start symbol
        self.query = nn.Linear(hidden, attention)
        self.key = nn.Linear(2 * hidden, attention, bias=False)
        self.v = nn.Linear(attention, 1, bias=False)
        self.cell = one_bias(nn.LSTMCell(hidden // 4 + 2 * hidden, hidden))
        self.out = nn.Linear(3 * hidden, classes)

    def forward(self, x, previous):
        h = x
        for j, layer in enumerate(self.listener):
            if j >= 1:
                b, t, f = h.shape
                h = h.reshape(b, t // 2, 2 * f)
            h = layer(h)[0]
        keys = self.key(h)  # [B, T', A], once per utterance
        emb = self.embedding(previous)  # [B, U + 1, E]
        s = h.new_zeros(h.shape[0], self.cell.hidden_size)
        c = torch.zeros_like(s)
        outs = []
        for i in range(previous.shape[1]):
            alpha = torch.softmax(self.v(torch.tanh(keys + self.query(s).unsqueeze(1))).squeeze(-1), dim=1)
            context = torch.bmm(alpha.unsqueeze(1), h).squeeze(1)
            s, c = self.cell(torch.cat([emb[:, i], context], 1), (s, c))
            outs.append(torch.cat([s, context], 1))
        return self.out(torch.stack(outs, 1))


def problem(name, gen):
    if name in ("lstm", "gru", "bilstm"):
        model = Recurrent("gru" if name == "gru" else "lstm", name == "bilstm")
        x = torch.randn(32, 200, 40, generator=gen)
        y = torch.randint(0, 30, (32, 200), generator=gen)

        def loss_fn():
            return nn.functional.cross_entropy(model(x).reshape(-1, 30), y.reshape(-1))
    elif name == "crnn":
        model = Crnn()
        x = torch.randn(16, 1, 64, 500, generator=gen)
        y = (torch.rand(16, 500, 10, generator=gen) > 0.8).float()

        def loss_fn():
            return nn.functional.binary_cross_entropy_with_logits(model(x), y)
    elif name == "hgru":
        model = Hierarchical()
        x = torch.randn(32, 505, 40, generator=gen)
        y = torch.randint(0, 8, (32,), generator=gen)

        def loss_fn():
            return nn.functional.cross_entropy(model(x), y)
    elif name == "ctc":
        sp = SPEECH
        model = Ctc(sp["features"], sp["hidden"])
        x = torch.randn(sp["batch"], sp["frames"], sp["features"], generator=gen)
        labels = transcripts(gen, 30, **sp)
        targets = torch.cat(labels)
        target_lengths = torch.tensor([len(l) for l in labels])
        input_lengths = torch.full((sp["batch"],), sp["frames"], dtype=torch.long)

        def loss_fn():
            log_probs = torch.log_softmax(model(x), dim=-1).transpose(0, 1)  # [T, B, C]
            return nn.functional.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean")
    elif name == "las":
        sp = SPEECH
        classes = 60
        model = Las(sp["features"], sp["hidden"], classes)
        x = torch.randn(sp["batch"], sp["frames"], sp["features"], generator=gen)
        labels = transcripts(gen, classes, **sp)
        steps = max(len(l) for l in labels) + 1
        # teacher forcing as LasModel.spell: the start symbol, then each reference character, then end of
        # sentence (0) past the transcript; the targets are the transcript and one end of sentence, the
        # steps after it ignored, as Seq2SeqLoss masks them (cross-entropy averaged over the scored steps)
        previous = torch.zeros(sp["batch"], steps, dtype=torch.long)
        targets = torch.full((sp["batch"], steps), -100, dtype=torch.long)
        previous[:, 0] = classes
        for b, l in enumerate(labels):
            previous[b, 1:len(l) + 1] = l
            targets[b, :len(l)] = l
            targets[b, len(l)] = 0

        def loss_fn():
            return nn.functional.cross_entropy(model(x, previous).reshape(-1, classes), targets.reshape(-1),
                                               ignore_index=-100)
    else:
        raise SystemExit(f"unknown model {name!r}; expected lstm, gru, bilstm, crnn, hgru, ctc or las")
    return model, loss_fn


def openblas():
    """(core name, config) of the OpenBLAS that torch runs (Debian's torch reaches it through libblas.so.3)."""
    with open("/proc/self/maps") as maps:
        libs = sorted({line.split()[-1] for line in maps if "libopenblas" in line.split()[-1]})
    for lib in libs:
        core, config = corename(lib)
        if core is not None:
            return core, config
    return None, None


def status_mb(key):
    """A memory line of /proc/self/status (VmRSS, VmHWM) in MiB."""
    with open("/proc/self/status") as st:
        for line in st:
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="lstm,gru,bilstm,crnn")
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--torch-threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget-s", type=float, default=0,
                    help="stop timing a model once this many seconds went by and one step was timed (0: no limit); "
                         "EngineBench cuts configurations that are far behind the fastest this way")
    args = ap.parse_args()
    torch.set_num_threads(args.torch_threads)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    core, config = openblas()
    base_mb = status_mb("VmRSS")
    for name in args.models.split(","):
        model, loss_fn = problem(name, gen)
        trained = [p for p in model.parameters() if p.requires_grad]
        opt = torch.optim.Adam(trained, lr=1e-3)
        times = []
        cpu = []
        start = time.perf_counter()
        for i in range(args.warmup + args.steps):
            t0 = time.perf_counter()
            c0 = time.process_time()
            opt.zero_grad()
            loss = loss_fn()
            loss.backward()
            opt.step()
            elapsed = time.perf_counter() - t0
            if i >= args.warmup:
                times.append(elapsed * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            if args.budget_s > 0 and times and time.perf_counter() - start > args.budget_s:
                break
        print(json.dumps({"model": name, "median_ms": statistics.median(times), "min_ms": min(times),
                          "median_cpu_ms": statistics.median(cpu),
                          "steps": len(times), "torch_threads": args.torch_threads,
                          "params": sum(p.numel() for p in trained),
                          "openblas_core": core, "openblas_config": config,
                          "rss_base_mb": round(base_mb, 1), "rss_peak_mb": round(status_mb("VmHWM"), 1),
                          "loss": float(loss)}), flush=True)


if __name__ == "__main__":
    main()
