"""Does the cost of a check grow linearly with the input? All default rules (no MT,
no source), in-process, on articles of 1x, 10x and 100x a base size.

    python bench/scaling.py [--base 1000] [--runs 3] [--json]

The articles are English sentences from es_en_parallel_dev.tsv in paragraphs of
four; each pass over the corpus shuffles the sentences (seeded), so long articles
do not repeat whole paragraphs (which duplicate-paragraph would flag by the
thousand). Prints wall and CPU time per size, words/s, and the cost per word
relative to 1x (1.0 = linear; the 1x figure carries the fixed costs).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpora import read_tsv

from transcheck.api import RunOptions, check_paths
from transcheck.config import Config

SCALES = (1, 10, 100)


def article(words: int, seed: int = 7) -> str:
    rows = [row["en"] for row in read_tsv("es_en_parallel_dev.tsv") if row["en"].strip()]
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        order = rows[:]
        rng.shuffle(order)
        for i in range(0, len(order), 4):
            chunk = order[i : i + 4]
            paragraphs.append(" ".join(chunk))
            count += sum(len(s.split()) for s in chunk)
            if count >= words:
                break
    return "\n\n".join(paragraphs) + "\n"


def time_check(path: Path, config: Config, runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        check_paths([str(path)], config, RunOptions())
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def measure(base: int, runs: int) -> list[dict[str, float]]:
    config = Config(mt="none")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text(article(base), encoding="utf-8")
        check_paths([str(warm)], config, RunOptions())  # model load, data files
        for scale in SCALES:
            text = article(base * scale)
            path = Path(tmp) / f"article-{scale}.txt"
            path.write_text(text, encoding="utf-8")
            wall, cpu = time_check(path, config, runs if scale < 100 else max(1, runs // 2))
            rows.append({"scale": scale, "words": len(text.split()), "wall": wall, "cpu": cpu})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    rows = measure(args.base, args.runs)
    if args.json:
        print(json.dumps({"scaling": rows}))
        return
    first = rows[0]
    per_word = first["cpu"] / first["words"]
    print(f"{'size':>5} {'words':>8} {'wall s':>8} {'CPU s':>8} {'words/s':>9} {'cost/word':>10}")
    for row in rows:
        print(
            f"{row['scale']:>4}x {row['words']:>8} {row['wall']:>8.3f} {row['cpu']:>8.3f} "
            f"{row['words'] / row['wall']:>9,.0f} {row['cpu'] / row['words'] / per_word:>9.2f}x"
        )


if __name__ == "__main__":
    main()
