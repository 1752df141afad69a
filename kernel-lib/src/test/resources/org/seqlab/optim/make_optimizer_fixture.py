#!/usr/bin/python3
"""Writes optimizer_steps.txt: parameter values after 3 steps of torch's SGD-momentum, Adam and AdamW.

Run with Debian's python3-torch (1.13.1): /usr/bin/python3 make_optimizer_fixture.py
Each line: optimizer name, then the 4 parameter values after steps 1, 2 and 3 (12 numbers).
The gradients are fixed: g_k = grads[k], independent of the parameter values.
"""
import torch

torch.set_default_dtype(torch.float64)
start = [0.5, -1.0, 2.0, 0.0]
grads = [[0.1, -0.2, 0.3, 0.0], [-0.4, 0.5, 0.05, 1.0], [0.2, 0.2, -0.7, -0.3]]
setups = {
    "sgd_momentum": lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9),
    "sgd_nesterov_wd": lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    "adam": lambda p: torch.optim.Adam([p], lr=0.01),
    "adam_l2": lambda p: torch.optim.Adam([p], lr=0.01, weight_decay=0.1),
    "adamw": lambda p: torch.optim.AdamW([p], lr=0.01, weight_decay=0.1),
}
with open("optimizer_steps.txt", "w") as out:
    for name, make in setups.items():
        p = torch.nn.Parameter(torch.tensor(start))
        opt = make(p)
        values = []
        for g in grads:
            p.grad = torch.tensor(g)
            opt.step()
            values.extend(p.detach().tolist())
        out.write(name + " " + " ".join(repr(v) for v in values) + "\n")
