"""Checks of generated PO catalogues (po_speed.py's), for instruction counts.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        .venv/bin/python bench/callgrind_po.py N [FORMAT]

Writes 21 catalogues of 100 units to a temporary folder, checks the first one
(warm-up: model, rule data, patterns), then checks the next N serially in one run
and renders the report (FORMAT, text by default) to memory. Run with N=0 and N=20 and
divide the difference of the "Collected" counts by 20: instructions per file, steady
under machine load where CPU timings are not (compare two trees by PYTHONPATH).
The bounded memos are cleared before the timed run, so it starts as a fresh process's
would after the warm-up.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from _fresh import clear_memos
from po_speed import write_catalogues

from transcheck.api import RunOptions, check_paths
from transcheck.config import Config
from transcheck.findings import Report
from transcheck.reporters import OutputFormat, render


def main() -> None:
    files = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    fmt = sys.argv[2] if len(sys.argv) > 2 else "text"
    report = check_catalogues(files, RunOptions(report_format=fmt))
    if report is not None:
        render(report, OutputFormat(fmt), io.StringIO())


def check_catalogues(files: int, options: RunOptions) -> Report | None:
    """A warm-up catalogue checked, the memos cleared, then `files` more checked (no MT);
    their report (None for none)."""
    config = Config(mt="none")
    with tempfile.TemporaryDirectory() as tmp:
        write_catalogues(Path(tmp), 21, 100)
        paths = sorted(str(p) for p in Path(tmp).rglob("*.po"))
        check_paths(paths[:1], config, options)
        clear_memos()
        return check_paths(paths[1 : 1 + files], config, options) if files else None


if __name__ == "__main__":
    main()
