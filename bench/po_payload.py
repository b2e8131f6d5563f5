"""What a `--jobs` worker sends back per PO file, and what sending it costs.

    python bench/po_payload.py [--files 200] [--format text|json|...|none]

Generates `--files` catalogues (po_speed's generator), checks each through the worker's
own entry point (`api._check_in_worker`, for the `--format` report; "none": a library
caller's run, which names no report and gets every field), then pickles and unpickles
every result in this process: CPU ms per file for the check, the pickling and the
unpickling, the mean pickle size, and the size of each FileResult field of a typical
file. The parent of a `--jobs` run pays the unpickling on the cores the workers use.
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
        blobs = [pickle.dumps(r, protocol=pickle.DEFAULT_PROTOCOL) for r in results]
        pickled = time.process_time()
        for blob in blobs:
            pickle.loads(blob)
        done = time.process_time()
    n = len(results)
    print(
        f"{n} files: check {1000 * (checked - start) / n:.2f} ms/file, pickle "
        f"{1000 * (pickled - checked) / n:.2f}, unpickle {1000 * (done - pickled) / n:.2f}, "
        f"size {statistics.mean(map(len, blobs)) / 1024:.1f} KB/file (mean)"
    )
    typical = results[n // 2]
    print("fields of one result (pickled bytes):")
    for field in dataclasses.fields(typical):
        size = len(pickle.dumps(getattr(typical, field.name), protocol=pickle.DEFAULT_PROTOCOL))
        print(f"  {field.name:<16} {size:>8,}")


if __name__ == "__main__":
    main()
