"""Reports of one tree's code, for a byte-for-byte comparison with another's.

    python bench/report_identity.py OUT [--tree DIR] [--apertium]
    diff -r OUT_A OUT_B

Writes, into OUT, what `transcheck check` reports for samples/ and for 200 generated
catalogues (po_speed.py's, written once to OUT/../identity-po so that both trees read
the same files at the same paths): JSON, text and SARIF, the JSON again with `--jobs 2`,
and with `--apertium` samples/ checked against Apertium too. Each run's stderr is kept
beside its report. The speed work of session 6 kept every one of these identical;
run it for the tree before and after a change that must not alter output.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from po_speed import write_catalogues


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--apertium", action="store_true")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    catalogues = out.parent / "identity-po"
    if not catalogues.is_dir():
        write_catalogues(catalogues, 200, 100)
    tree = args.tree.resolve()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    runs = [
        (f"{name}.{fmt}", [str(path), "--format", fmt])
        for name, path in (("samples", "samples"), ("po", catalogues))
        for fmt in ("json", "text", "sarif")
    ]
    runs.append(("po-jobs2.json", [str(catalogues), "--format", "json", "--jobs", "2"]))
    if args.apertium:
        runs.append(("samples-apertium.json", ["samples", "--format", "json", "--mt", "apertium"]))
    for name, extra in runs:
        mt = [] if "--mt" in extra else ["--mt", "none"]
        command = [sys.executable, "-m", "transcheck", "check", *extra, *mt, "--isolated"]
        command += ["--exit-zero", "--output", str(out / name)]
        with open(out / f"{name}.err", "w", encoding="utf-8") as err:
            subprocess.run(command, cwd=tree, env=env, stderr=err, check=False)
    print(f"reports in {out}")


if __name__ == "__main__":
    main()
