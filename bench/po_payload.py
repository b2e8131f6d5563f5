"""What a `--jobs` worker sends back per PO file, and what sending it costs.

    python bench/po_payload.py [--files 200] [--format text|json|...|none]

Generates `--files` catalogues (po_speed's generator), checks each through the worker's
own entry point (`api._check_in_worker`, for the `--format` report; "none": a library
caller's run, which names no report and gets every field), then pickles and unpickles
every result in this process: CPU ms per file for the check, the pickling and the
unpickling, the mean pickle size, and each FileResult field's mean pickled size and
CPU µs to pickle and unpickle it alone (fields pickled apart: a text the draft and the
source documents share counts in both). The parent of a `--jobs` run pays the
unpickling on the cores the workers use.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import statistics
import tempfile
import time
from pathlib import Path

from po_speed import write_catalogues

from transcheck import api
from transcheck.config import Config


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--format", default="text")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_catalogues(Path(tmp), args.files + 1, 100)
        paths = sorted(str(p) for p in Path(tmp).rglob("*.po"))
        fmt = None if args.format == "none" else args.format
        api._start_worker(Config(mt="none"), api.RunOptions(jobs=2, report_format=fmt))
        assert api._WORKER is not None
        specs = api._WORKER.expand(paths)
        api._check_in_worker(specs[0])  # warm-up: model, rule data
        specs = specs[1:]
        start = time.process_time()
        results = [api._check_in_worker(spec) for spec in specs]
        checked = time.process_time()
    n = len(results)
    size, dump, load = _field_cost(results)
    print(
        f"{n} files: check {1000 * (checked - start) / n:.2f} ms/file, pickle "
        f"{dump / 1000:.2f}, unpickle {load / 1000:.2f}, size {size / 1024:.1f} KB/file (mean)"
    )
    print("fields, each pickled apart (mean bytes, CPU µs to pickle, to unpickle, per file):")
    for field in dataclasses.fields(results[0]):
        size, dump, load = _field_cost([getattr(r, field.name) for r in results])
        print(f"  {field.name:<16} {size:>8,.0f} {dump:>8.1f} {load:>8.1f}")


def _field_cost(values: list) -> tuple[float, float, float]:
    """Mean pickled size of `values`, and CPU µs per value to pickle and to unpickle."""
    start = time.process_time()
    blobs = [pickle.dumps(v, protocol=pickle.DEFAULT_PROTOCOL) for v in values]
    pickled = time.process_time()
    for blob in blobs:
        pickle.loads(blob)
    done = time.process_time()
    n = len(values)
    return statistics.mean(map(len, blobs)), 1e6 * (pickled - start) / n, 1e6 * (done - pickled) / n


if __name__ == "__main__":
    main()
