"""Shared set-up for the kernel's Python tests: the repository root and a kernelspec installed
by `./seqlab kernel install` into a temporary Jupyter data dir, so tests never depend on (or
change) the user's own ~/.local/share/jupyter."""
import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
SEQLAB = str(ROOT / "seqlab")
PYTHON = "/usr/bin/python3"

_data_dir = tempfile.mkdtemp(prefix="seqlab-jupyter-")
atexit.register(shutil.rmtree, _data_dir, True)
os.environ["JUPYTER_DATA_DIR"] = _data_dir
os.environ["JUPYTER_PATH"] = _data_dir
os.environ.setdefault("SEQLAB_SIZE", "smoke")
subprocess.run([SEQLAB, "kernel", "install"], check=True, stdout=subprocess.DEVNULL)
assert (Path(_data_dir) / "kernels" / "seqlab" / "kernel.json").is_file()
