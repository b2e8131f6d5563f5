"""When a `transcheck check --jobs N` run reaches each stage, in wall seconds.

    python bench/jobs_timeline.py FOLDER [--jobs 2] [--format text]

Runs the CLI in this process with the pool, the project checks and the report wrapped,
and prints the seconds from start to: imports done, pool start (after the parent's
warm-up file), pool end, project checks done, report written, exit. The parts outside
the pool are the serial share of a `--jobs` run (bench/README.md, session 6). FOLDER:
for example the catalogues `report_identity.py` writes, or po_speed.py's.
"""

from __future__ import annotations

import argparse
import atexit
import sys
import time

_START = time.perf_counter()
_MARKS: list[tuple[str, float]] = []


def _mark(label: str) -> None:
    _MARKS.append((label, time.perf_counter() - _START))


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
    atexit.register(
        lambda: print(
            " ".join(f"{label}={t:.2f}" for label, t in _MARKS)
            + f" exit={time.perf_counter() - _START:.2f}",
            file=sys.stderr,
        )
    )
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
