#!/usr/bin/python3
"""Writes sed_eval_matchings.txt: random hit matrices and the matching sed_eval 0.2.1 finds on them.

Every maximum matching has the same size, but which events it leaves unmatched decides the
substitutions sed_eval counts next, so Seqlab's Matching must pick the same one.
Run with sed_eval 0.2.1's sed_eval/util/event_matching.py (standard library only) in a folder
on the path: PYTHONPATH=DIR /usr/bin/python3 make_matching_fixture.py
Each line: number of estimates, the hit matrix as one 'r' plus a 0/1 string per reference row
joined by ',' ('-' for no rows), and per reference the matched estimate or -1 joined by ','
('-' for none).
"""
import random

from event_matching import bipartite_match  # sed_eval 0.2.1, sed_eval/util/event_matching.py

random.seed(20261202)
with open("sed_eval_matchings.txt", "w") as out:
    for _ in range(400):
        refs, ests, density = random.randint(0, 7), random.randint(0, 7), random.random()
        hits = [[random.random() < density for _ in range(ests)] for _ in range(refs)]
        graph = {}  # as sed_eval builds it: estimate -> references, in row-major order of numpy.where
        for r in range(refs):
            for e in range(ests):
                if hits[r][e]:
                    graph.setdefault(e, []).append(r)
        match = [-1] * refs
        for r, e in bipartite_match(graph).items():
            match[r] = e
        rows = ",".join("r" + "".join("1" if h else "0" for h in row) for row in hits) or "-"
        out.write("%d %s %s\n" % (ests, rows, ",".join(map(str, match)) or "-"))
