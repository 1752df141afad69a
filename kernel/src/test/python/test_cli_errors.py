"""Every user error on the command line: one line "error: ..." naming what is wrong and what to
do, a non-zero exit status (2 for usage and configuration mistakes), and no Java stack trace
unless --verbose asks for it. Runs ./seqlab as a user does, one subprocess per invocation, over
the launcher's own commands (reproduce, bench, kernel) and the Java CLI's (run, compare,
datasets, score), whose errors go through one mapping (org.seqlab.cli.CliErrors)."""
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import seqlab_testenv

SMOKE = seqlab_testenv.ROOT / "experiments" / "smoke"
STACK_TRACE = re.compile(r"^\s+at [\w$.]+\(|Exception in thread|\bat org\.|^Caused by:", re.M)


def seqlab(*args, timeout=300):
    p = subprocess.run([seqlab_testenv.SEQLAB, *map(str, args)], capture_output=True, text=True,
                       timeout=timeout, cwd=seqlab_testenv.ROOT)
    return p.returncode, p.stdout, p.stderr


def own_lines(stderr):
    """stderr without the launcher's progress lines ("seqlab: building ...")."""
    return [l for l in stderr.splitlines() if l.strip() and not l.startswith("seqlab: ")]


class CliErrorsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="seqlab-cli-errors-"))
        (cls.tmp / "not-a-run").mkdir()
        (cls.tmp / "empty-root").mkdir()
        (cls.tmp / "typo.yaml").write_text(
            (SMOKE / "parity-gru.yaml").read_text().replace("epochs:", "epohcs:", 1))
        # The good invocation, with --verbose: a completed run, later resumed by mistake.
        cls.good = seqlab("run", SMOKE / "parity-gru.yaml", "--verbose", "--set", "train.epochs=1",
                          "--root", cls.tmp / "runs")
        runs = sorted((cls.tmp / "runs" / "parity-gru").glob("*/status.json"))
        cls.complete = runs[0].parent if runs else cls.tmp / "no-run-was-written"

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def bad_invocations(self):
        """(arguments, exit status, words the error line must contain)."""
        cfg, t = SMOKE / "parity-gru.yaml", self.tmp
        return [
            (["run", t / "missing.yaml"], 2, ["missing.yaml", "no such experiment file"]),
            (["run", t / "typo.yaml", "--dry-run"], 2, ["typo.yaml", "epohcs", "did you mean 'epochs'"]),
            (["run", cfg, "--set", "train.epochs", "--dry-run"], 2, ["--set", "key.path=value"]),
            (["run", cfg, "--set", "train.epochs=many", "--dry-run"], 2, ["train.epochs", "'many'"]),
            (["run", cfg, "--sweep", "model.hidden", "--dry-run"], 2, ["--sweep", "key.path=v1,v2"]),
            (["run", cfg, "--seeds", "1,x", "--dry-run"], 2, ["--seeds", "'x'", "./seqlab run --help"]),
            (["run", "--resume", self.complete], 2, ["already complete", "nothing to resume"]),
            (["run", "--resume", t / "not-a-run"], 2, ["no run at", "not-a-run", "give the run folder"]),
            (["run", "--resume", t / "missing-run"], 2, ["no run at", "missing-run"]),
            (["run", "--no-such-flag"], 2, ["'--no-such-flag'", "./seqlab run --help"]),
            (["run"], 2, ["give an experiment file"]),
            (["compare", "no-such-experiment", "--root", t / "runs"], 2, ["no-such-experiment"]),
            (["compare", "--root", t / "missing-root"], 2, ["missing-root"]),
            (["compare", "--root", t / "empty-root"], 1, ["no finished runs", "./seqlab run CONFIG"]),
            (["datasets", "info", "no-such-corpus"], 2, ["unknown dataset 'no-such-corpus'", "datasets list"]),
            (["datasets", "prepare", "no-such-corpus"], 2, ["unknown dataset 'no-such-corpus'"]),
            (["datasets", "verify", "no-such-corpus"], 2, ["unknown dataset 'no-such-corpus'"]),
            (["datasets", "info"], 2, ["NAME", "./seqlab datasets info --help"]),
            (["datasets", "no-such-subcommand"], 2, ["unknown command 'no-such-subcommand'"]),
            (["score", "asr", "--reference", t / "no-ref.txt", "--hypothesis", t / "no-hyp.txt"], 2,
             ["no-ref.txt", "no such file"]),
            (["score", "asr"], 2, ["--reference", "./seqlab score asr --help"]),
            (["score", "lid", "--scores", t / "no-scores.tsv"], 2, ["no-scores.tsv"]),
            (["score", "no-such-subcommand"], 2, ["unknown command 'no-such-subcommand'"]),
            (["bench", "no-such-bench"], 2, ["unknown benchmark 'no-such-bench'", "engine"]),
            (["bench"], 2, ["bench needs a name"]),
            (["reproduce", "no-such-notebook.ipynb"], 2, ["no such notebook", "00-tour.ipynb"]),
            (["reproduce", "--no-such-flag"], 2, ["unknown option '--no-such-flag'"]),
            (["kernel", "no-such-subcommand"], 2, ["unknown subcommand"]),
            (["no-such-command"], 2, ["unknown command 'no-such-command'", "./seqlab --help"]),
            (["--no-such-flag"], 2, ["'--no-such-flag'"]),
        ]

    def test_the_good_invocation_with_verbose_runs(self):
        code, out, err = self.good
        self.assertEqual(code, 0, err)
        self.assertIn("parity-gru", out)
        self.assertTrue((self.complete / "results.json").is_file(), err)
        self.assertNotRegex(out + err, STACK_TRACE)

    def test_each_bad_invocation_prints_one_error_line_and_no_stack_trace(self):
        for args, status, words in self.bad_invocations():
            with self.subTest(args=" ".join(map(str, args))):
                code, out, err = seqlab(*args)
                self.assertEqual(code, status, out + err)
                self.assertNotRegex(out + err, STACK_TRACE)
                lines = own_lines(err)
                self.assertTrue(lines and lines[0].startswith("error: "), err)
                self.assertEqual(sum(l.startswith("error: ") for l in lines), 1, err)
                self.assertEqual(len(lines), 1, "one line, no usage text after it:\n" + err)
                for w in words:
                    self.assertIn(w, lines[0])

    def test_several_config_problems_are_listed_under_the_error_line(self):
        bad = self.tmp / "two-typos.yaml"
        bad.write_text((SMOKE / "parity-gru.yaml").read_text().replace("epochs:", "epohcs:", 1)
                       .replace("hidden:", "hiden:", 1))
        code, out, err = seqlab("run", bad, "--dry-run")
        self.assertEqual(code, 2, err)
        self.assertNotRegex(out + err, STACK_TRACE)
        lines = own_lines(err)
        self.assertEqual(lines[0], "error: 2 configuration problems:")
        self.assertTrue(all(l.startswith("  ") for l in lines[1:]) and len(lines) == 3, err)

    def test_verbose_adds_the_stack_trace(self):
        code, out, err = seqlab("run", "--resume", self.tmp / "not-a-run", "--verbose")
        self.assertEqual(code, 2, err)
        self.assertTrue(own_lines(err)[0].startswith("error: no run at"), err)
        self.assertRegex(err, STACK_TRACE)
        code, out, err = seqlab("--verbose", "run", "--no-such-flag")
        self.assertEqual(code, 2, err)
        self.assertRegex(err, STACK_TRACE)


if __name__ == "__main__":
    unittest.main()
