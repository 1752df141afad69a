"""What every notebook smoke test checks the same way: one `./seqlab reproduce --smoke` run per test
class, the claims file and its cards in the report, and the report's figures drawn by plotly in headless
Chromium with the network blocked. Each test_notebook_*.py keeps only what is its notebook's own (names,
exact claim ids, figure counts). The file name does not match `test_*.py`, so discovery does not collect
it, and it defines no TestCase, so importing it adds no tests to a module."""
import html
import json
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
CHROMIUM_OFFLINE = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--virtual-time-budget=20000",
]
FIGURE_ID = re.compile(r"id=['\"](seqlabplot[0-9a-f]{32})['\"]")
VERDICTS = ("held", "did-not-hold", "inconclusive")


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    raise unittest.SkipTest("no chromium")


def text_of(html_report):
    """The report without tags, entities decoded: what a reader sees of the outputs."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_report))


def reproduce_smoke(cls, prefix, *notebooks):
    """Runs the notebooks once for the whole test class (setUpClass); `tear_down` removes the folder."""
    cls.tmp = Path(tempfile.mkdtemp(prefix=prefix))
    cls.out = cls.tmp / "reports"
    cls.reproduce = subprocess.run([str(ROOT / "seqlab"), "reproduce", "--smoke", "--out", str(cls.out),
                                    *map(str, notebooks)], capture_output=True, text=True, timeout=1800)


def tear_down(cls):
    shutil.rmtree(cls.tmp, ignore_errors=True)


def report_path(case, name):
    path = case.out / f"{name}.html"
    case.assertTrue(path.is_file(), case.reproduce.stdout + case.reproduce.stderr)
    return path


def assert_ran(case, *names):
    case.assertEqual(case.reproduce.returncode, 0, case.reproduce.stdout + case.reproduce.stderr)
    for name in names:
        case.assertIn(f"{name}: ok", case.reproduce.stdout)


def claims_of(case, name):
    """The notebook's claims file and its claims by id."""
    claims = json.loads((case.out / f"{name}.claims.json").read_text())
    case.assertEqual(claims["notebook"], name)
    return claims, {c["id"]: c for c in claims["claims"]}


def assert_exact_held(case, verdicts, claim_ids, label=""):
    for claim_id in claim_ids:
        case.assertEqual(verdicts[claim_id]["verdict"], "held", f"{label}{claim_id}")
        case.assertEqual(verdicts[claim_id]["test"], "exact", f"{label}{claim_id}")


def assert_cards_and_no_exception(case, claims, report, label=""):
    """Every claim has a valid verdict and its card in the report; no cell ended in an exception."""
    for c in claims["claims"]:
        case.assertIn(c["verdict"], VERDICTS, f"{label}{c['id']}")
        case.assertIn(f'id="claim-{c["id"]}"', report, f"{label}card of {c['id']}")
    text = text_of(report)
    case.assertNotIn("Exception", text)
    case.assertNotIn("CompilationError", text)


def dump_dom(report):
    """The report's DOM after headless Chromium ran its scripts with the network blocked."""
    profile = tempfile.mkdtemp(prefix="seqlab-chromium-")
    try:
        return subprocess.run([chromium(), *CHROMIUM_OFFLINE, f"--user-data-dir={profile}", "--dump-dom",
                               report.as_uri()], capture_output=True, text=True, timeout=180).stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def assert_plots_drawn(case, dom, ids, label=""):
    for plot_id in ids:
        drawn = re.search(r'<div[^>]*id="' + plot_id + r'"[^>]*class="[^"]*js-plotly-plot', dom) \
            or re.search(r'<div[^>]*class="[^"]*js-plotly-plot[^"]*"[^>]*id="' + plot_id + '"', dom)
        case.assertTrue(drawn, f"{label}figure {plot_id} not drawn by plotly")
