"""The RNN lecture notebooks (01-bptt, 02-lstm-vs-gru) at smoke size through `./seqlab reproduce`:
both run to the end, their reports draw every figure in headless Chromium with the network blocked,
the exact claims (BPTT equals the engine's gradient and finite differences; parameter counts equal
the formulas) are held in each notebook's claims file, and every claim's card is in its report."""
import unittest

import nbformat  # noqa: F401  (the suite needs it; a missing install fails here, not mid-run)

from notebook_checks import (ROOT, FIGURE_ID, assert_cards_and_no_exception, assert_exact_held, assert_plots_drawn,
                             assert_ran, claims_of, dump_dom, report_path, reproduce_smoke, tear_down)

NOTEBOOKS = [ROOT / "notebooks" / "01-bptt.ipynb", ROOT / "notebooks" / "02-lstm-vs-gru.ipynb"]


class LectureNotebooks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        reproduce_smoke(cls, "seqlab-lectures-", *NOTEBOOKS)

    @classmethod
    def tearDownClass(cls):
        tear_down(cls)

    def report(self, name):
        return report_path(self, name)

    def test_both_notebooks_run_at_smoke_size(self):
        assert_ran(self, "01-bptt", "02-lstm-vs-gru")

    def test_exact_claims_hold_at_every_size(self):
        """Each notebook's claims file (the contract the report index reads) holds its exact claims as
        held; every card is in the report under its anchor; no cell ended in an exception."""
        exact = {"01-bptt": {"bptt.sum-over-steps-is-the-gradient", "bptt.matches-finite-differences",
                             "bptt.engine-passes-gradcheck"},
                 "02-lstm-vs-gru": {"lstm-gru.parameter-counts-follow-the-formula"}}
        for name, ids in exact.items():
            claims, verdicts = claims_of(self, name)
            assert_exact_held(self, verdicts, ids, f"{name}: ")
            assert_cards_and_no_exception(self, claims, self.report(name).read_text(), f"{name}: ")

    def test_reports_draw_every_figure_offline(self):
        for name, at_least in (("01-bptt", 6), ("02-lstm-vs-gru", 2)):
            report = self.report(name)
            ids = set(FIGURE_ID.findall(report.read_text()))
            self.assertGreaterEqual(len(ids), at_least, f"{name}: figures in the report")
            dom = dump_dom(report)
            assert_plots_drawn(self, dom, ids, f"{name}: ")
            self.assertGreaterEqual(dom.count('class="main-svg"'), len(ids), name)


if __name__ == "__main__":
    unittest.main()
