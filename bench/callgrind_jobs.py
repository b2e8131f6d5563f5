"""Instructions of a whole `transcheck check --jobs N` run, every process counted.

    python bench/callgrind_jobs.py FOLDER [--jobs 2] [--tree DIR] [--format text]

Runs the check under `valgrind --tool=callgrind --trace-children=yes
--dump-before=_Fork` (the parent's counts are dumped and zeroed at each fork, so a
worker's counts are its own) and sums the totals of every dump: what the run costs in
all, steady under machine load where CPU seconds are not. Compare with `--jobs 1` for
the overhead of the pool, or two trees (`--tree`) for a change to it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def totals(folder: Path) -> list[int]:
    found = []
    for dump in folder.glob("cg.*"):
        for line in dump.read_text(errors="replace").splitlines():
            if line.startswith(("totals:", "summary:")):
                found.append(int(line.split()[1]))
                break
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--format", default="text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(args.tree.resolve()), "PYTHONHASHSEED": "0"}
        command = [
            "valgrind", "--tool=callgrind", "--trace-children=yes", "--dump-before=_Fork",
            f"--callgrind-out-file={tmp}/cg.%p", sys.executable, "-m", "transcheck", "check",
            str(args.folder.resolve()), "--mt", "none", "--isolated", "--exit-zero",
            "--format", args.format, "--jobs", str(args.jobs), "--output", f"{tmp}/report",
        ]  # fmt: skip
        subprocess.run(command, env=env, cwd=tmp, check=True, capture_output=True)
        counts = totals(Path(tmp))
    parts = ", ".join(f"{n / 1e6:,.0f}" for n in sorted(counts, reverse=True))
    print(f"--jobs {args.jobs}: {sum(counts) / 1e6:,.0f} M instructions in all ({parts})")


if __name__ == "__main__":
    main()
