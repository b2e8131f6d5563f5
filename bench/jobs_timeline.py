"""When a `transcheck check --jobs N` run reaches each stage, in wall seconds.

    python bench/jobs_timeline.py FOLDER [--jobs 2] [--format text]

Runs the CLI in this process with the pool, the project checks and the report wrapped,
and prints the seconds from start to: imports done, pool start (after the parent's
warm-up file), pool end, project checks done, report written, exit. The parts outside
the pool are the serial share of a `--jobs` run (bench/README.md, session 6). FOLDER:
for example the catalogues `report_identity.py` writes, or po_speed.py's.

A second line gives the parent's own CPU seconds at the same marks (steadier than wall
time on a loaded machine), the workers' CPU seconds (user+sys, all of them) and the
parent's cyclic-GC time by generation: the serial share by CPU.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import resource
import sys
import time

_START = time.perf_counter()
_MARKS: list[tuple[str, float, float]] = []  # (label, wall s, parent CPU s)
_GC: dict[int, float] = {}  # seconds in the cyclic GC by generation
_GC_START: list[float] = []


def _mark(label: str) -> None:
    _MARKS.append((label, time.perf_counter() - _START, time.process_time()))


def _gc_timer(phase: str, info: dict) -> None:
    if phase == "start":
        _GC_START[:] = [time.process_time()]
    elif _GC_START:
        generation = info["generation"]
        _GC[generation] = _GC.get(generation, 0.0) + time.process_time() - _GC_START[0]


def _print_marks() -> None:
    _mark("exit")
    print(" ".join(f"{label}={wall:.2f}" for label, wall, _ in _MARKS), file=sys.stderr)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    gcs = " ".join(f"gen{g}={s:.3f}" for g, s in sorted(_GC.items()))
    print(
        "parent CPU: "
        + " ".join(f"{label}={cpu:.2f}" for label, _, cpu in _MARKS)
        + f"; workers CPU {workers.ru_utime + workers.ru_stime:.2f}; parent GC {gcs}",
        file=sys.stderr,
    )


def _wrap(owner: object, name: str, label: str, *, before: str | None = None) -> None:
    inner = getattr(owner, name)

    def wrapper(*args, **kwargs):
        if before:
            _mark(before)
        result = inner(*args, **kwargs)
        _mark(label)
        return result

    setattr(owner, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--format", default="text")
    args = parser.parse_args()
    # Registered first, so that it runs last (after the pool's own exit handlers).
    atexit.register(_print_marks)
    gc.callbacks.append(_gc_timer)
    from transcheck import api, cli, reporters

    _mark("imported")
    _wrap(api, "_check_in_pool", "pool-end", before="pool-start")
    _wrap(api.Checker, "check_project", "project-end")
    _wrap(reporters, "render", "report-end")
    sys.argv = ["transcheck", "check", args.folder, "--mt", "none", "--jobs", args.jobs]
    sys.argv += ["--isolated", "--format", args.format, "--exit-zero", "--output", "/dev/null"]
    cli.main()


if __name__ == "__main__":
    main()
