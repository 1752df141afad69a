#!/usr/bin/env python3
"""Executes notebooks through the Seqlab kernel into self-contained HTML reports.

Called by `./seqlab reproduce`, which builds the project, provisions Jupyter, installs the
kernelspec into JUPYTER_PATH and sets SEQLAB_SIZE. Each notebook runs in a fresh kernel; a
failing cell stops that notebook only (its report shows the error) and makes the exit code 1.
"""
import argparse
import datetime
import html
import os
import re
import sys
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


def run_notebook(path, out_dir, timeout, startup_timeout):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="seqlab", timeout=timeout,
                            startup_timeout=startup_timeout,
                            resources={"metadata": {"path": str(path.parent)}})
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
    exporter = HTMLExporter()
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    report = out_dir / f"{path.stem}.html"
    report.write_text(self_contained(body), encoding="utf-8")
    ok = error is None and cell is None
    return {"name": path.stem, "report": report.name, "ok": ok, "seconds": duration,
            "cell": cell, "error": summary}


def write_index(out_dir, results, size):
    rows = []
    for r in results:
        status = "ok" if r["ok"] else f"failed in cell {r['cell']}: {html.escape(r['error'] or '')}"
        rows.append(f"<tr><td><a href=\"{html.escape(r['report'])}\">{html.escape(r['name'])}</a></td>"
                    f"<td class=\"{'ok' if r['ok'] else 'failed'}\">{status}</td>"
                    f"<td>{r['seconds']:.1f} s</td></tr>")
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    (out_dir / "index.html").write_text(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Seqlab reports</title>
<style>body{{font-family:sans-serif;margin:2em}} td,th{{padding:.3em 1em;text-align:left}}
.ok{{color:#070}} .failed{{color:#b00}}</style></head><body>
<h1>Seqlab reports</h1>
<p>Size <code>{html.escape(size)}</code>, generated {stamp}.</p>
<table><thead><tr><th>notebook</th><th>status</th><th>duration</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></body></html>
""", encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", required=True, type=Path)
    ap.add_argument("--size", default="default")
    ap.add_argument("--out", type=Path, help="report folder (default: ROOT/reports)")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    ap.add_argument("--startup-timeout", type=int, default=180)
    ap.add_argument("notebooks", nargs="*", type=Path)
    args = ap.parse_args()

    notebooks = args.notebooks or sorted((args.root / "notebooks").glob("*.ipynb"))
    if not notebooks:
        print(f"reproduce: no notebooks under {args.root / 'notebooks'}", file=sys.stderr)
        return 2
    for nb in notebooks:
        if not nb.is_file():
            print(f"reproduce: no such notebook: {nb}", file=sys.stderr)
            return 2
    out_dir = args.out or args.root / "reports"
    out_dir.mkdir(parents=True, exist_ok=True)
    os.environ["SEQLAB_SIZE"] = args.size
    os.environ["SEQLAB_REPORTS"] = str(out_dir.resolve())   # where notebooks write NAME.claims.json

    results = []
    for i, nb in enumerate(notebooks, 1):
        print(f"[{i}/{len(notebooks)}] {nb.stem} (size {args.size}) ...", flush=True)
        r = run_notebook(nb.resolve(), out_dir, args.timeout, args.startup_timeout)
        results.append(r)
        state = "ok" if r["ok"] else f"FAILED in cell {r['cell']}: {r['error']}"
        print(f"[{i}/{len(notebooks)}] {nb.stem}: {state} ({r['seconds']:.1f} s) -> {out_dir / r['report']}",
              flush=True)
        write_index(out_dir, results, args.size)

    failed = [r for r in results if not r["ok"]]
    print(f"reports in {out_dir}/ (index.html): {len(results) - len(failed)} ok, {len(failed)} failed")
    for r in failed:
        print(f"reproduce: notebook {r['name']} failed in cell {r['cell']}: {r['error']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
