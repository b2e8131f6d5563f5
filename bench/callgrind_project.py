"""Instructions of the project checks alone (cross-file names, inconsistent and reused
translations) on the results of a `--jobs 2` run over generated catalogues.

    python bench/callgrind_project.py [--files 1000] [--tree DIR]

Checks po_speed.py's catalogues in this process (no valgrind: that part is slow and
not measured), pickles the results as the parent holds them before the project checks,
then runs a child under `valgrind --tool=callgrind` twice: once loading the results
only, once also running `Checker.check_project` (with the cyclic GC as `check_paths`
leaves it). The difference is what the project checks cost: steady under machine load,
where their ~0.2 s of CPU on 1,000 files is not. Compare two trees with `--tree`.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from po_speed import write_catalogues

# The child: load the results, freeze them (as check_paths does), maybe run the checks.
_CHILD = """
import gc, pickle, sys
from transcheck import api
from transcheck.api import Checker, RunOptions
from transcheck.config import Config
from transcheck.findings import Report
files = pickle.load(open(sys.argv[1], "rb"))
gc.collect()
gc.freeze()
checker = Checker(Config(mt="none"), RunOptions(report_format="text", jobs=2))
if sys.argv[2] == "run":
    paused = getattr(api, "_gc_paused", None)
    if paused is None:  # a tree from before the checks ran with the GC off
        checker.check_project(Report(files=files))
    else:
        with paused():
            checker.check_project(Report(files=files))
"""


def _results(folder: Path, tree: Path, out: Path) -> None:
    """The results of a `--jobs 2` check of `folder`, pickled to `out` (in a child with
    `tree` on its path, so that they are that tree's)."""
    script = f"""
import pickle, sys
from pathlib import Path
from transcheck import api
from transcheck.api import RunOptions, check_paths
from transcheck.config import Config
paths = sorted(str(p) for p in Path({str(folder)!r}).rglob("*.po"))
def grab(self, report, **kwargs):
    pickle.dump(report.files, open({str(out)!r}, "wb"), pickle.HIGHEST_PROTOCOL)
api.Checker.check_project = grab
check_paths(paths, Config(mt="none"), RunOptions(report_format="text", jobs=2))
"""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-c", script], env=env, check=True)


def _instructions(tree: Path, results: Path, mode: str) -> int:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    command = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        sys.executable, "-c", _CHILD, str(results), mode,
    ]  # fmt: skip
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    assert found, done.stderr[-2000:]
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    tree = args.tree.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "po"
        units = write_catalogues(folder, args.files, 100)
        results = Path(tmp) / "results.pickle"
        _results(folder, tree, results)
        with results.open("rb") as handle:
            assert pickle.load(handle), "no results"
        loaded = _instructions(tree, results, "load")
        checked = _instructions(tree, results, "run")
    cost = checked - loaded
    print(
        f"project checks on {args.files:,} catalogues ({units:,} units): "
        f"{cost / 1e6:,.0f} M instructions ({cost / units:,.0f} per unit)"
    )


if __name__ == "__main__":
    main()
