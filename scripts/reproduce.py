#!/usr/bin/env python3
"""Executes notebooks through the Seqlab kernel into self-contained HTML reports.

Called by `./seqlab reproduce`, which builds the project, provisions Jupyter, installs the
kernelspec into JUPYTER_PATH and sets SEQLAB_SIZE. Each notebook runs in a fresh kernel; a
failing cell stops that notebook only (its report shows the error) and makes the exit code 1.

A report reads like lecture notes offline: its equations are typeset into MathML at report time
(KaTeX under node, scripts/typeset_math.js), it opens with a header (commit, date, machine,
size) and a table of contents of its sections, and with --pdf headless Chromium prints it to PDF
once its plots have drawn. reports/index.html lists every notebook with its status, duration,
size and claim verdicts (from NAME.claims.json, written by the experiment layer).
"""
import argparse
import datetime
import html
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter


def failing_cell(nb):
    """Index and summary of the first cell whose outputs contain an error."""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return i, f"{out.get('ename')}: {out.get('evalue')}"
    return None, None


# nbconvert's templates load require.js and MathJax from a CDN (nbconvert 7) or from local
# Debian files (6.5); neither is there when the report is opened elsewhere offline, and the
# reports need neither (plots carry plotly.js inline), so the tags are removed.
EXTERNAL_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"(?:https?:|file:|//)[^\"]*\"[^>]*>\s*</script>", re.I)


def self_contained(body):
    return EXTERNAL_SCRIPT.sub("<!-- external script removed: reports are self-contained -->", body)


def write_atomically(path, data):
    """Readers (a browser, the index) never see half a file: write beside it, then rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)   # mkstemp's 0600 would hide the report from other users
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ---- equations: TeX in markdown cells -> MathML, typeset once at report time -------------------

# Code is never math: fenced blocks and inline code spans are skipped.
CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.S)
# Display math first ($$...$$, \[...\]), then inline (\(...\), $...$). An inline $ opens only
# before a non-space and closes only after one, and not before a digit, so "$5 and $6" is prose.
MATH = re.compile(r"\$\$(?P<d1>.+?)\$\$|\\\[(?P<d2>.+?)\\\]|\\\((?P<i1>.+?)\\\)"
                  r"|(?<![\\$])\$(?P<i2>[^\s$](?:[^$\n]|\n(?!\s*\n))*?(?<![\s\\]))\$(?!\d)", re.S)
PLACEHOLDER = "SEQLABMATH{}X"


def extract_math(nb):
    """Replaces each formula in the markdown cells by a placeholder that markdown leaves alone;
    returns the formulas as [{"tex", "display"}], indexed by the placeholder's number."""
    formulas = []

    def replace(m):
        display = m.group("d1") is not None or m.group("d2") is not None
        tex = next(g for g in (m.group("d1"), m.group("d2"), m.group("i1"), m.group("i2")) if g is not None)
        formulas.append({"tex": tex.strip(), "display": display})
        token = PLACEHOLDER.format(len(formulas) - 1)
        return f"\n\n{token}\n\n" if display else token

    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        parts = CODE.split(cell.source)
        cell.source = "".join(p if i % 2 else MATH.sub(replace, p) for i, p in enumerate(parts))
    return formulas


def typeset(formulas, katex):
    """MathML for each formula, from KaTeX under node (one process per report)."""
    if not formulas:
        return []
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None or katex is None or not Path(katex).is_file():
        raise RuntimeError(f"cannot typeset equations: node ({node}) or KaTeX ({katex}) missing; "
                           "./seqlab reproduce installs node and the build fetches KaTeX")
    script = Path(__file__).with_name("typeset_math.js")
    r = subprocess.run([node, str(script), str(katex)], input=json.dumps(formulas), capture_output=True,
                       text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError(f"KaTeX failed: {r.stderr.strip()[-500:]}")
    return json.loads(r.stdout)


def put_math(body, mathml):
    def one(m):
        i = int(m.group(2))
        return mathml[i] if i < len(mathml) else m.group(0)
    # display formulas were set apart as paragraphs: the paragraph becomes the block formula
    body = re.sub(r"<p>\s*(SEQLABMATH(\d+)X)\s*</p>", lambda m: f'<div class="seqlab-math">{one(m)}</div>', body)
    return re.sub(r"(SEQLABMATH(\d+)X)", one, body)


# ---- header and table of contents ---------------------------------------------------------------

def machine():
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores"


def commit(root):
    try:
        rev = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return (rev or "unknown") + (" (with uncommitted changes)" if rev and dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)<a class="anchor-link"', re.S)
REPORT_STYLE = """<style>
.seqlab-report-header{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:1em 2em 0 2em;padding:.6em 1em;
  border:1px solid #ccc;border-radius:4px;background:#fafafa;font-size:90%}
.seqlab-report-header dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:.2em 0}
.seqlab-report-header dt{font-weight:bold}.seqlab-report-header dd{margin:0}
.seqlab-toc ul{margin:.3em 0;padding-left:1.6em}.seqlab-toc li.h3{margin-left:1.5em;list-style:circle}
.seqlab-math{margin:.6em 0}
@media print{.jp-Cell{break-inside:avoid-page}.seqlab-figure{break-inside:avoid}
  pre,.highlight pre{white-space:pre-wrap !important;overflow-wrap:anywhere}
  .jp-OutputArea-output div,.output_html div{overflow:visible !important}.jp-OutputArea-output table,.output_html table{font-size:72%}}
</style>"""


def header(body, name, size, root, started, seconds):
    toc = []
    for level, anchor, text in HEADING.findall(body):
        toc.append(f'<li class="h{level}"><a href="#{anchor}">{text.strip()}</a></li>')
    facts = [("notebook", html.escape(name)), ("size", html.escape(size)), ("commit", html.escape(commit(root))),
             ("run", f"{started:%Y-%m-%d %H:%M} UTC, {seconds:.0f} s"), ("machine", html.escape(machine()))]
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    contents = (f'<nav class="seqlab-toc"><strong>Contents</strong><ul>{"".join(toc)}</ul></nav>' if toc else "")
    block = f'{REPORT_STYLE}<div class="seqlab-report-header"><dl>{dl}</dl>{contents}</div>'
    m = re.search(r"<body[^>]*>", body)
    return body[:m.end()] + block + body[m.end():] if m else block + body


# ---- PDF ----------------------------------------------------------------------------------------

CHROMIUM_OFFLINE = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--proxy-server=127.0.0.1:9",
                    "--host-resolver-rules=MAP * ~NOTFOUND"]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def print_pdf(report, pdf):
    """Headless Chromium prints the report once virtual time has let the plots draw."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("no chromium to print PDF with (Debian package chromium)")
    profile = tempfile.mkdtemp(prefix="seqlab-pdf-")
    tmp = pdf.with_name(f".{pdf.name}.tmp")
    try:
        r = subprocess.run([browser, *CHROMIUM_OFFLINE, f"--user-data-dir={profile}", "--virtual-time-budget=20000",
                            "--run-all-compositor-stages-before-draw", "--no-pdf-header-footer",
                            f"--print-to-pdf={tmp}", report.resolve().as_uri()],
                           capture_output=True, text=True, timeout=300)
        if r.returncode != 0 or not tmp.is_file() or tmp.stat().st_size == 0:
            raise RuntimeError(f"chromium could not print {report.name}: {r.stderr.strip()[-300:]}")
        os.replace(tmp, pdf)
    finally:
        tmp.unlink(missing_ok=True)
        shutil.rmtree(profile, ignore_errors=True)


def run_notebook(path, out_dir, timeout, startup_timeout, size, root, katex, pdf):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="seqlab", timeout=timeout,
                            startup_timeout=startup_timeout,
                            resources={"metadata": {"path": str(path.parent)}})
    started = datetime.datetime.now(datetime.timezone.utc)
    start = time.monotonic()
    error = None
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        error = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
    duration = time.monotonic() - start
    cell, summary = failing_cell(nb)
    if error is not None and cell is None:
        cell = next((i for i, c in reversed(list(enumerate(nb.cells)))
                     if c.cell_type == "code" and c.get("execution_count")), None)
        summary = error
    formulas = extract_math(nb)
    exporter = HTMLExporter()
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    body = put_math(self_contained(body), typeset(formulas, katex))
    body = header(body, path.stem, size, root, started, duration)
    report = out_dir / f"{path.stem}.html"
    write_atomically(report, body)
    if pdf:
        print_pdf(report, out_dir / f"{path.stem}.pdf")
    ok = error is None and cell is None
    return {"name": path.stem, "report": report.name, "ok": ok, "seconds": duration,
            "cell": cell, "error": summary, "size": size, "bytes": report.stat().st_size,
            "claims": read_claims(out_dir, path.stem, started.timestamp()),
            "pdf": f"{path.stem}.pdf" if pdf else None}


VERDICTS = ("held", "did-not-hold", "inconclusive")


def read_claims(out_dir, name, since):
    """The claims the notebook's run wrote (NAME.claims.json); none when absent or older than
    the run (a file left by an earlier run of a notebook that no longer makes claims)."""
    f = out_dir / f"{name}.claims.json"
    try:
        if f.stat().st_mtime < since - 1:
            return []
        claims = json.loads(f.read_text(encoding="utf-8")).get("claims", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [c for c in claims if isinstance(c, dict) and c.get("id")]


def claim_cell(r):
    counts = {v: sum(1 for c in r["claims"] if c.get("verdict") == v) for v in VERDICTS}
    return "".join(f"<td class=\"{v}\">{counts[v]}</td>" for v in VERDICTS)


def claim_list(r):
    if not r["claims"]:
        return ""
    items = []
    for c in r["claims"]:
        verdict = c.get("verdict", "inconclusive")
        items.append(f'<li><a href="{html.escape(r["report"])}#claim-{html.escape(c["id"])}">'
                     f'{html.escape(c.get("statement") or c["id"])}</a> '
                     f'<span class="{html.escape(verdict)}">{html.escape(verdict)}</span></li>')
    return f'<tr class="claims"><td></td><td colspan="8"><ul>{"".join(items)}</ul></td></tr>'


def human_bytes(n):
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def write_index(out_dir, results, size, root):
    rows = []
    for r in results:
        status = "ok" if r["ok"] else f"failed in cell {r['cell']}: {html.escape(r['error'] or '')}"
        pdf = f' (<a href="{html.escape(r["pdf"])}">pdf</a>)' if r.get("pdf") else ""
        rows.append(f"<tr><td><a href=\"{html.escape(r['report'])}\">{html.escape(r['name'])}</a>{pdf}</td>"
                    f"<td class=\"{'ok' if r['ok'] else 'failed'}\">{status}</td>"
                    f"<td>{r['seconds']:.1f} s</td><td>{html.escape(r['size'])}</td>"
                    f"<td>{human_bytes(r['bytes'])}</td>{claim_cell(r)}</tr>{claim_list(r)}")
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    write_atomically(out_dir / "index.html", f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Seqlab reports</title>
<style>body{{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:2em}} td,th{{padding:.3em 1em;text-align:left}}
th{{border-bottom:1px solid #999}} .ok,.held{{color:#070}} .failed,.did-not-hold{{color:#b00}} .inconclusive{{color:#a60}}
tr.claims td{{padding-top:0}} tr.claims ul{{margin:0}}</style></head><body>
<h1>Seqlab reports</h1>
<p>Size <code>{html.escape(size)}</code>, commit <code>{html.escape(commit(root))}</code>,
{html.escape(machine())}, generated {stamp}.</p>
<table><thead><tr><th>notebook</th><th>status</th><th>duration</th><th>size</th><th>report</th>
<th>held</th><th>did not hold</th><th>inconclusive</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
""")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", required=True, type=Path)
    ap.add_argument("--size", default="default")
    ap.add_argument("--out", type=Path, help="report folder (default: ROOT/reports)")
    ap.add_argument("--timeout", type=int, help="seconds per cell (default: 1 hour; 3 hours at full size,"
                    " where one cell trains a whole learning curve)")
    ap.add_argument("--startup-timeout", type=int, default=180)
    ap.add_argument("--katex", type=Path, help="katex.min.js (default: the build's copy)")
    ap.add_argument("--pdf", action="store_true", help="also print each report to NAME.pdf with headless Chromium")
    ap.add_argument("notebooks", nargs="*", type=Path)
    args = ap.parse_args()
    if args.timeout is None:
        args.timeout = 3 * 3600 if args.size == "full" else 3600

    notebooks = args.notebooks or sorted((args.root / "notebooks").glob("*.ipynb"))
    if not notebooks:
        print(f"error: reproduce: no notebooks under {args.root / 'notebooks'}", file=sys.stderr)
        return 2
    for nb in notebooks:
        if not nb.is_file():
            print(f"error: reproduce: no such notebook: {nb}", file=sys.stderr)
            return 2
    out_dir = args.out or args.root / "reports"
    out_dir.mkdir(parents=True, exist_ok=True)
    os.environ["SEQLAB_SIZE"] = args.size
    # where the experiment layer writes NAME.claims.json for the index to read
    os.environ["SEQLAB_REPORTS"] = str(out_dir.resolve())
    katex = args.katex or args.root / "kernel-lib" / "target" / "katex" / "package" / "dist" / "katex.min.js"

    results = []
    for i, nb in enumerate(notebooks, 1):
        print(f"[{i}/{len(notebooks)}] {nb.stem} (size {args.size}) ...", flush=True)
        r = run_notebook(nb.resolve(), out_dir, args.timeout, args.startup_timeout, args.size, args.root, katex,
                         args.pdf)
        results.append(r)
        state = "ok" if r["ok"] else f"FAILED in cell {r['cell']}: {r['error']}"
        print(f"[{i}/{len(notebooks)}] {nb.stem}: {state} ({r['seconds']:.1f} s) -> {out_dir / r['report']}",
              flush=True)
        write_index(out_dir, results, args.size, args.root)

    failed = [r for r in results if not r["ok"]]
    print(f"reports in {out_dir}/ (index.html): {len(results) - len(failed)} ok, {len(failed)} failed")
    for r in failed:
        print(f"reproduce: notebook {r['name']} failed in cell {r['cell']}: {r['error']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
