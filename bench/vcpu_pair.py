"""Do this machine's two CPUs run the check at full speed together?

    .venv/bin/python bench/vcpu_pair.py [--files 400] [--rounds 3]

Writes po_speed.py's catalogues, then checks them in a process pinned to one CPU
(`os.sched_setaffinity`), in turn on each CPU alone, then in two processes at once, one
pinned to each. Prints CPU ms per file of each (in-process, after a warm-up file:
reading, detection, rules; no process start). On a host with two real cores, the pair
runs each at its alone speed; where the two vCPUs share a core or the host is busy, one
or both slow down, and no `--jobs 2` run can reach 2x (po_speed.py --halves measures
the ceiling end to end). Linux only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from po_speed import write_catalogues

# The child: check FILES pinned to CPU, print CPU ms per file.
_CHILD = """
import os, sys, time
os.sched_setaffinity(0, {int(sys.argv[1])})
from transcheck.api import Checker, RunOptions, _kept
from transcheck.config import Config
paths = sys.argv[2:]
checker = Checker(Config(mt="none"), RunOptions(report_format="json"))
specs = checker.expand(paths)
_kept(checker.check_spec(specs[0]), checker)
start = time.process_time()
for spec in specs[1:]:
    _kept(checker.check_spec(spec), checker)
print(f"{(time.process_time() - start) / (len(specs) - 1) * 1000:.2f}")
"""


def _run(pairs: list[tuple[int, list[str]]]) -> list[float]:
    """CPU ms per file of each (cpu, paths) child, all started together."""
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(cpu), *paths], stdout=subprocess.PIPE, text=True
        )
        for cpu, paths in pairs
    ]
    return [float(child.communicate()[0]) for child in children]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cpus = sorted(os.sched_getaffinity(0))[:2]
    if len(cpus) < 2:
        raise SystemExit("needs two CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        write_catalogues(Path(tmp), 2 * args.files, 100)
        files = sorted(str(p) for p in Path(tmp).rglob("*.po"))
        first, second = files[: args.files], files[args.files :]
        print(f"CPU ms per file, {args.files} catalogues a process; CPUs {cpus}")
        print(f"{'round':>5} {'alone':>14} {'alone':>14} {'together':>20}")
        for round_ in range(1, args.rounds + 1):
            alone = [_run([(cpu, first)])[0] for cpu in cpus]
            together = _run([(cpus[0], first), (cpus[1], second)])
            print(
                f"{round_:>5} {f'cpu{cpus[0]} {alone[0]:.2f}':>14} "
                f"{f'cpu{cpus[1]} {alone[1]:.2f}':>14} "
                f"{f'{together[0]:.2f} + {together[1]:.2f}':>20}"
            )
            time.sleep(1)


if __name__ == "__main__":
    main()
