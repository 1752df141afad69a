"""One experiment, two faces, the same numbers: smoke configs run by `./seqlab run` on the terminal
and by `Experiment.load(...).run()` in a notebook executed by the Seqlab kernel (nbclient) must
agree seed for seed, on the final metrics (`--json` against `ExperimentRun.resultsJson()`), on
every per-epoch number, and on the resolved config. The smoke configs are the fastest ones, so
the whole class takes well under two minutes."""
import csv
import json
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import nbclient
import nbformat
import seqlab_testenv
from nbformat.v4 import new_code_cell, new_notebook

SMOKE = seqlab_testenv.ROOT / "experiments" / "smoke"
# (config, seeds): one classifier over two seeds (the --seeds and .seeds(...) paths) and one
# regression model with the seed from its file.
CASES = [("parity-gru", [1, 2]), ("adding-lstm", [])]
# Identify a run or measure the machine, not the model: they differ between any two runs.
VOLATILE_RESULT_KEYS = {"run", "path", "seconds_per_epoch"}
VOLATILE_EPOCH_COLUMNS = {"seconds"}


def without_volatile(result):
    """A run's --json entry less what differs between two identical runs: its folder and timings."""
    kept = {k: v for k, v in result.items() if k not in VOLATILE_RESULT_KEYS}
    kept["history"] = [{k: v for k, v in row.items() if k not in VOLATILE_EPOCH_COLUMNS}
                       for row in result["history"]]
    return kept


def java_string(path):
    return json.dumps(str(path))   # a JSON string literal is a valid Java string literal here


def notebook_cells(tmp):
    cells = [new_code_cell("import org.seqlab.experiment.*;")]
    for name, seeds in CASES:
        seeded = f".seeds({', '.join(map(str, seeds))})" if seeds else ""
        cells.append(new_code_cell(
            f"var run = Experiment.load({java_string(SMOKE / (name + '.yaml'))}){seeded}\n"
            f"        .root(Path.of({java_string(tmp / 'notebook')})).run();\n"
            f"Files.writeString(Path.of({java_string(tmp / (name + '-notebook.json'))}), run.resultsJson());\n"
            "run"))
    return cells


def epochs_without_timing(run_folder):
    with open(run_folder / "metrics.csv", newline="") as f:
        return [{k: v for k, v in row.items() if k not in VOLATILE_EPOCH_COLUMNS} for row in csv.DictReader(f)]


class ExperimentFaces(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="seqlab-faces-"))
        cls.cli_errors = {}
        for name, seeds in CASES:
            args = [seqlab_testenv.SEQLAB, "run", str(SMOKE / (name + ".yaml")), "--root", str(cls.tmp / "cli"),
                    "--json", str(cls.tmp / (name + "-cli.json"))]
            if seeds:
                args += ["--seeds", ",".join(map(str, seeds))]
            done = subprocess.run(args, capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                cls.cli_errors[name] = f"exit {done.returncode}: {done.stderr[-3000:]}"
        nb = new_notebook(cells=notebook_cells(cls.tmp), metadata={
            "kernelspec": {"name": "seqlab", "display_name": "Java (Seqlab)", "language": "java"}})
        cls.notebook_error = None
        try:
            nbclient.NotebookClient(nb, kernel_name="seqlab", timeout=600,
                                    resources={"metadata": {"path": str(cls.tmp)}}).execute()
        except Exception as e:   # every test below names what is missing; keep the kernel's words
            cls.notebook_error = f"{type(e).__name__}: {str(e)[-3000:]}"
        cls.notebook = nb

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def results(self, name, face):
        if face == "cli":
            self.assertNotIn(name, self.cli_errors, self.cli_errors.get(name))
        else:
            self.assertIsNone(self.notebook_error, self.notebook_error)
        file = self.tmp / f"{name}-{face}.json"
        self.assertTrue(file.is_file(), f"{face} wrote no results for {name}")
        return json.loads(file.read_text())["runs"]

    def pairs(self, name):
        """(cli run, notebook run) per seed, after checking both faces ran the expected seeds."""
        cli, nb = self.results(name, "cli"), self.results(name, "notebook")
        seeds = dict(CASES)[name] or [1]
        self.assertEqual([r["seed"] for r in cli], seeds, "seeds of ./seqlab run")
        self.assertEqual([r["seed"] for r in nb], seeds, "seeds of Experiment.load(...).run()")
        return list(zip(cli, nb))

    def test_final_results_are_equal_seed_for_seed(self):
        # Equal, not close: both faces start through ./seqlab on this machine with the same thread
        # settings and OPENBLAS_* environment, and run the same Java code, so the same BLAS calls run
        # on the same shapes. This is the promise README's "Reproducibility" section makes.
        for name, _ in CASES:
            for cli, nb in self.pairs(name):
                with self.subTest(experiment=name, seed=cli["seed"]):
                    self.assertEqual(cli["stopped"], "completed")
                    self.assertEqual(without_volatile(nb), without_volatile(cli))
                    self.assertNotEqual(cli["run"], nb["run"], "two separate runs, not one read twice")

    def test_every_epoch_and_the_resolved_config_are_equal(self):
        for name, _ in CASES:
            for cli, nb in self.pairs(name):
                with self.subTest(experiment=name, seed=cli["seed"]):
                    cli_dir = self.tmp / "cli" / name / cli["run"]
                    nb_dir = self.tmp / "notebook" / name / nb["run"]
                    cli_epochs = epochs_without_timing(cli_dir)
                    self.assertEqual(len(cli_epochs), cli["epochs"])
                    self.assertEqual(epochs_without_timing(nb_dir), cli_epochs)
                    self.assertEqual((nb_dir / "config.yaml").read_text(), (cli_dir / "config.yaml").read_text())

    def test_seeds_change_the_numbers_in_both_faces(self):
        # Equality above would also hold if a face ignored the seed; two seeds must differ.
        for face in ("cli", "notebook"):
            one, two = self.results("parity-gru", face)
            self.assertNotEqual(one["metrics"], two["metrics"], face)

    def test_the_notebook_shows_each_run_as_a_table(self):
        self.assertIsNone(self.notebook_error, self.notebook_error)
        for cell, (name, _) in zip(self.notebook.cells[1:], CASES):
            html = [o["data"]["text/html"] for o in cell.outputs
                    if o.get("output_type") == "execute_result" and "text/html" in o.get("data", {})]
            self.assertTrue(html, f"cell for {name} has no HTML result")
            self.assertIn("<table", html[0])
            self.assertIn(name, html[0])


if __name__ == "__main__":
    unittest.main()
