"""`./seqlab reproduce --pdf` end to end on the tour and 01-bptt at smoke size: reports that
headless Chromium, with every network route blocked, shows with plots drawn, tables present and
readable (no number with more than 8 significant digits), equations typeset (MathML, no TeX
source left in the prose), at most one progress bar per cell, a header and a table of contents;
a PDF whose page shows the plot; an index with claim verdicts; a broken notebook fails alone,
named with its cell, and the command exits non-zero."""
import datetime
import html as htmllib
import json
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib
from pathlib import Path

import nbformat
import seqlab_testenv
from nbformat.v4 import new_code_cell, new_notebook

CHROMIUM_OFFLINE = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
    # nothing may load from outside the file: no proxy answers, no name resolves
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--virtual-time-budget=15000",
]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    raise unittest.SkipTest("no chromium")


def dump_dom(report):
    profile = tempfile.mkdtemp(prefix="seqlab-chromium-")
    try:
        return subprocess.run([chromium(), *CHROMIUM_OFFLINE, f"--user-data-dir={profile}",
                               "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120).stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def cells(dom):
    """The HTML of each notebook cell of a report (nbconvert's lab and classic templates)."""
    starts = [m.start() for m in re.finditer(r'<div class="(?:jp-Cell |cell )[^"]*"', dom)]
    return [dom[a:b] for a, b in zip(starts, starts[1:] + [len(dom)])]


def text_of(fragment):
    """Visible text: without tags, scripts, styles and MathML's TeX annotation."""
    fragment = re.sub(r"<(script|style|annotation)\b.*?</\1>", " ", fragment, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", fragment))


def significant_digits(number):
    mantissa = re.sub(r"[eE][-+]?\d+$", "", number).lstrip("-+").replace(".", "").lstrip("0")
    return len(mantissa)


def read_png(path):
    """(width, height, rows of RGB triples) of an 8-bit RGB PNG as pdftoppm writes it."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color == 2, (depth, color)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * 3, [], bytearray(width * 3)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 3] if i >= 3 else 0
            b = prev[i]
            c = prev[i - 3] if i >= 3 else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, rows


class Reproduce(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="seqlab-reports-"))
        broken = new_notebook(cells=[
            new_code_cell("int fine = 1;"),
            new_code_cell('throw new IllegalStateException("broken on purpose");'),
            new_code_cell("int never = 2;"),
        ], metadata={"kernelspec": {"name": "seqlab", "display_name": "Java (Seqlab)", "language": "java"}})
        cls.broken = cls.tmp / "zz-broken.ipynb"
        nbformat.write(broken, cls.broken)
        cls.out = cls.tmp / "reports"
        cls.result = subprocess.run(
            [seqlab_testenv.SEQLAB, "reproduce", "--smoke", "--pdf", "--out", str(cls.out),
             str(seqlab_testenv.ROOT / "notebooks" / "00-tour.ipynb"),
             str(seqlab_testenv.ROOT / "notebooks" / "01-bptt.ipynb"), str(cls.broken)],
            capture_output=True, text=True, timeout=1200)
        cls.doms = {}

    @classmethod
    def dom(cls, name):
        if name not in cls.doms:
            cls.doms[name] = dump_dom(cls.out / f"{name}.html")
        return cls.doms[name]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_a_failing_notebook_fails_alone_and_is_named_with_its_cell(self):
        self.assertNotEqual(self.result.returncode, 0, self.result.stdout)
        self.assertIn("notebook zz-broken failed in cell 1", self.result.stderr)
        self.assertIn("00-tour: ok", self.result.stdout)
        report = (self.out / "zz-broken.html").read_text()
        self.assertIn("broken on purpose", report)
        index = (self.out / "index.html").read_text()
        self.assertIn('href="00-tour.html"', index)
        self.assertRegex(index, r"zz-broken.*failed in cell 1")

    def test_tour_report_is_self_contained(self):
        html = (self.out / "00-tour.html").read_text()
        scripts = re.findall(r"<script[^>]+src=\"([^\"]+)\"", html)
        self.assertFalse([s for s in scripts if s.startswith(("http:", "https:", "//", "file:"))], scripts)
        self.assertEqual(html.count("window.define = undefined"), 1, "plotly.js inlined once")

    def test_tour_report_draws_its_plot_and_table_offline_in_chromium(self):
        report = self.out / "00-tour.html"
        self.assertTrue(report.is_file(), self.result.stdout + self.result.stderr)
        dom = self.dom("00-tour")
        # nbconvert 6 and 7 order attributes differently; long DOMs are not printed on failure.
        self.assertGreaterEqual(dom.count('class="main-svg"'), 1, "plotly drew the figure")
        self.assertTrue(re.search(r'<table[^>]*class="dataframe"', dom), "the table is in the DOM")
        self.assertTrue("<th>amplitude</th>" in dom, "the table has its header")
        self.assertTrue("seqlab-progress" in dom, "the progress bar is in the report")

    def test_bptt_report_typesets_its_equations_offline(self):
        self.assertIn("01-bptt: ok", self.result.stdout, self.result.stderr[-2000:])
        dom = self.dom("01-bptt")
        self.assertGreaterEqual(dom.count("<math"), 20, "inline and display formulas as MathML")
        self.assertIn('display="block"', dom, "display math")
        prose = [text_of(c) for c in cells(dom) if "jp-MarkdownCell" in c or "text_cell" in c]
        self.assertGreater(len(prose), 5)
        raw = [t.strip()[:120] for t in prose if "$" in t or "\\frac" in t or "SEQLABMATH" in t]
        self.assertEqual(raw, [], "no TeX source or placeholder left in the rendered prose")

    def test_no_cell_holds_more_than_one_progress_bar(self):
        for name in ("00-tour", "01-bptt"):
            dom = self.dom(name)
            per_cell = [c.count("<progress") for c in cells(dom)]
            self.assertGreater(len(per_cell), 10, name)
            self.assertLessEqual(max(per_cell), 1, f"{name}: progress bars per cell {per_cell}")
        self.assertIn("seqlab-settled", self.dom("01-bptt"), "finished runs settled to one line")

    def test_table_cells_hold_readable_numbers(self):
        checked = 0
        for name in ("00-tour", "01-bptt"):
            for td in re.findall(r"<td[^>]*>(.*?)</td>", self.dom(name), re.S):
                for number in re.findall(r"[-+]?\d+\.\d+(?:[eE][-+]?\d+)?|[-+]?\d+[eE][-+]?\d+", text_of(td)):
                    checked += 1
                    self.assertLessEqual(significant_digits(number), 8, f"{name}: {number}")
        self.assertGreater(checked, 20, "the reports' tables hold numbers")

    def test_each_report_opens_with_a_header_and_contents(self):
        html = (self.out / "01-bptt.html").read_text()
        head = html[html.index("seqlab-report-header"):html.index("</nav>")]
        for fact in ("<dt>commit</dt>", "<dt>machine</dt>", "cores", "<dd>smoke</dd>", "<dt>run</dt>"):
            self.assertIn(fact, head)
        self.assertRegex(head, r'<a href="#2\.-Vanishing-and-exploding-gradients">2\. Vanishing')
        self.assertLess(html.index("seqlab-report-header"), html.index("Lecture 1: backpropagation"))

    def test_pdf_page_shows_the_plot(self):
        pdf = self.out / "00-tour.pdf"
        self.assertTrue(pdf.is_file() and pdf.stat().st_size > 10_000, self.result.stderr[-2000:])
        if shutil.which("pdftoppm") is None:
            self.skipTest("no pdftoppm (Debian package poppler-utils)")
        pages = self.tmp / "pages"
        pages.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "4", str(pdf), str(pages / "p")],
                       check=True, timeout=120)
        # The tour's one trace is drawn in the style's first colour (#1f77b4). At 100 dpi the
        # page with the plot had about 12000 pixels within 12 of it per channel; the same report
        # printed with its plots left undrawn had at most 15 on any page (prompts and links are
        # other blues, e.g. #307fc1, outside the tolerance).
        best = 0
        for png in sorted(pages.glob("p*.png")):
            width, height, rows = read_png(png)
            blue = sum(1 for row in rows for x in range(width)
                       if abs(row[3 * x] - 0x1f) < 12 and abs(row[3 * x + 1] - 0x77) < 12 and abs(row[3 * x + 2] - 0xb4) < 12)
            best = max(best, blue)
        self.assertGreater(best, 1000, "a page of the PDF has the plot's trace drawn")

    def test_index_counts_claim_verdicts_and_links_each_claim(self):
        sys.path.insert(0, str(seqlab_testenv.ROOT / "scripts"))
        try:
            import reproduce
        finally:
            sys.path.remove(str(seqlab_testenv.ROOT / "scripts"))
        out = self.tmp / "index-only"
        out.mkdir()
        claims = {"notebook": "01-bptt", "claims": [
            {"id": "bptt.clipping-rescues", "statement": "Clipping rescues training", "verdict": "held"},
            {"id": "bptt.lstm-remembers", "statement": "LSTM <remembers>", "verdict": "held"},
            {"id": "bptt.tbptt-cuts", "statement": "Truncation cuts", "verdict": "inconclusive"}]}
        (out / "01-bptt.claims.json").write_text(json.dumps(claims))
        since = datetime.datetime.now().timestamp()
        results = [{"name": "01-bptt", "report": "01-bptt.html", "ok": True, "seconds": 12.5, "cell": None,
                    "error": None, "size": "smoke", "bytes": 5_300_000, "pdf": None,
                    "claims": reproduce.read_claims(out, "01-bptt", since)},
                   {"name": "00-tour", "report": "00-tour.html", "ok": True, "seconds": 3.0, "cell": None,
                    "error": None, "size": "smoke", "bytes": 4_000, "pdf": None,
                    "claims": reproduce.read_claims(out, "00-tour", since)}]
        reproduce.write_index(out, results, "smoke", seqlab_testenv.ROOT)
        index = (out / "index.html").read_text()
        row = re.search(r'<tr><td><a href="01-bptt.html">.*?</tr>', index).group(0)
        self.assertIn('<td class="held">2</td><td class="did-not-hold">0</td><td class="inconclusive">1</td>', row)
        self.assertIn("12.5 s", row)
        self.assertIn("5.3 MB", row)
        self.assertIn('href="01-bptt.html#claim-bptt.clipping-rescues"', index)
        self.assertIn("LSTM &lt;remembers&gt;", index)
        tour = re.search(r'<tr><td><a href="00-tour.html">.*?</tr>', index).group(0)
        self.assertIn('<td class="held">0</td>', tour, "no claims file, no claims")
        stale = reproduce.read_claims(out, "01-bptt", since + 3600)
        self.assertEqual(stale, [], "a claims file older than the run is not this run's")


if __name__ == "__main__":
    unittest.main()
