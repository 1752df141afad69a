#!/usr/bin/env python3
"""Runs the Python test suites (every */src/test/python folder) with unittest and writes the
counts for scripts/test.sh, which adds them to the Java counts."""
import sys
import time
import unittest
from pathlib import Path


def main():
    root = Path(sys.argv[1])
    counts_file = Path(sys.argv[2])
    passed = failed = skipped = 0
    for folder in sorted(root.glob("*/src/test/python")):
        print(f"== python tests in {folder.relative_to(root)}", flush=True)
        sys.path.insert(0, str(folder))
        suite = unittest.defaultTestLoader.discover(str(folder), pattern="test_*.py", top_level_dir=str(folder))
        start = time.monotonic()
        result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
        bad = {t.id() for t, _ in result.failures + result.errors}
        skip = {t.id() for t, _ in result.skipped} - bad
        failed += len(bad)
        skipped += len(skip)
        passed += max(0, result.testsRun - len(bad) - len(skip))
        print(f"== {folder.relative_to(root)}: {time.monotonic() - start:.0f} s", flush=True)
        sys.path.remove(str(folder))
    counts_file.write_text(f"{passed} {failed} {skipped}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
