"""Cold-process wall time of `transcheck check` on a ~1,000-word article (no MT).

    python bench/startup.py [--runs 11]

Prints the median and the spread, and the median CPU time (user+sys) of the
child process, which other load on the machine inflates less than the wall time;
the target is ≤ 0.5 s median on 2 cores. `--json` prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpora import read_tsv


def article(words: int = 1000) -> str:
    paragraphs, current, count = [], [], 0
    for row in read_tsv("es_en_parallel_dev.tsv"):
        current.append(row["en"])
        count += len(row["en"].split())
        if len(current) == 4:
            paragraphs.append(" ".join(current))
            current = []
        if count >= words:
            break
    paragraphs.append(" ".join(current))
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    text = article()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text(text, encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            "transcheck",
            "check",
            str(path),
            "--mt",
            "none",
            "--isolated",
            "--exit-zero",
        ]
        subprocess.run(command, capture_output=True, check=True)  # warm the OS file cache
        times, cpus = [], []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if args.json:
        print(
            json.dumps(
                {
                    "words": len(text.split()),
                    "runs": args.runs,
                    "median": statistics.median(times),
                    "min": min(times),
                    "max": max(times),
                    "cpu": statistics.median(cpus),
                }
            )
        )
        return
    print(f"article: {len(text.split())} words; runs: {args.runs}")
    print(
        f"cold-process check: median {statistics.median(times):.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f}); "
        f"CPU median {statistics.median(cpus):.3f} s"
    )


if __name__ == "__main__":
    main()
