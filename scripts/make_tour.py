#!/usr/bin/env python3
"""Writes notebooks/00-tour.ipynb (committed without outputs). Edit the cells here, then run it."""
from nbformat.v4 import new_code_cell, new_markdown_cell

import notebook_file

cells = [
    new_markdown_cell("# A tour of the Seqlab kernel\n\n"
                      "Java in Jupyter with the Seqlab library, Tablesaw and ND4J imported at start. "
                      "Every notebook reads one size setting, `Size.current()` (environment variable "
                      "`SEQLAB_SIZE`: `smoke`, `default` or `full`), so the same notebook runs in seconds "
                      "under the tests and at full size for the committed results."),
    new_code_cell("Size size = Size.current();\n"
                  "int samples = size.pick(800, 8000, 80000);\n"
                  "System.out.println(\"size \" + size + \": \" + samples + \" samples\");"),
    new_markdown_cell("## A table\nA 440 Hz tone with a decaying envelope, sampled at 8 kHz, as a Tablesaw table "
                      "(shown as HTML, head and tail only when long)."),
    new_code_cell("double rate = 8000;\n"
                  "double[] t = new double[samples];\n"
                  "double[] x = new double[samples];\n"
                  "for (int i = 0; i < samples; i++) {\n"
                  "    t[i] = 1000 * i / rate;\n"
                  "    x[i] = Math.exp(-i / (double) samples * 3) * Math.sin(2 * Math.PI * 440 * i / rate);\n"
                  "}\n"
                  "Table tone = Table.create(\"tone\", DoubleColumn.create(\"time_ms\", t), DoubleColumn.create(\"amplitude\", x));\n"
                  "tone"),
    new_markdown_cell("## An interactive plot\nPlotly figures draw offline: plotly.js is inlined once per notebook."),
    new_code_cell("LinePlot.create(\"Decaying 440 Hz tone\", tone.first(400), \"time_ms\", \"amplitude\")"),
    new_markdown_cell("## A progress bar\n`Progress` draws a live bar here and a text bar on a terminal; "
                      "each `step()` also stops the loop when the kernel is interrupted."),
    new_code_cell("double energy = 0;\n"
                  "try (var bar = Progress.start(\"energy\", samples)) {\n"
                  "    for (int i = 0; i < samples; i++) {\n"
                  "        energy += x[i] * x[i];\n"
                  "        bar.step();\n"
                  "        bar.status(\"energy=%.2f\", energy);\n"
                  "    }\n"
                  "}\n"
                  "energy"),
    new_markdown_cell("## Display updates\n`display(value)` returns an id; `updateDisplay(id, value)` replaces that output in place."),
    new_code_cell("String id = display(\"counting...\");\n"
                  "for (int i = 1; i <= 3; i++) {\n"
                  "    Thread.sleep(100);\n"
                  "    updateDisplay(id, \"counted to \" + i);\n"
                  "}"),
    new_markdown_cell("## A magic\n`%load` runs a file of Java snippets (also known: `%classpath`, `%jars`)."),
    new_code_cell("%load lib/tour.jsh\n"
                  "rms(x)"),
    new_markdown_cell("## ND4J\nArrays on the native backend; seeds are explicit."),
    new_code_cell("Nd4j.getRandom().setSeed(42);\n"
                  "INDArray a = Nd4j.rand(3, 3);\n"
                  "a.mmul(a.transpose())"),
    new_markdown_cell("## An image\nA `BufferedImage` is shown as PNG: here the tone's waveform as a strip of grey levels."),
    new_code_cell("var img = new java.awt.image.BufferedImage(200, 20, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);\n"
                  "for (int px = 0; px < 200; px++) {\n"
                  "    int v = (int) Math.round(127 + 127 * x[px * samples / 200 / 10]);\n"
                  "    for (int py = 0; py < 20; py++) img.getRaster().setSample(px, py, 0, v);\n"
                  "}\n"
                  "img"),
]

notebook_file.write(cells, "00-tour.ipynb")
