"""Throughput of `compare` (check with a source and MT) on a ~2,000-word article with
Apertium: cold cache, warm cache, and no MT, in-process (model loads excluded).

    python bench/compare_speed.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpora import read_tsv

from transcheck.api import RunOptions, check_paths
from transcheck.config import Config


def article_pair(words: int = 2000) -> tuple[str, str]:
    es, en, count = [], [], 0
    for row in read_tsv("es_en_parallel_dev.tsv"):
        es.append(row["es"])
        en.append(row["en"])
        count += len(row["es"].split())
        if count >= words:
            break

    def paragraphs(sentences: list[str]) -> str:
        return "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))

    return paragraphs(es) + "\n", paragraphs(en) + "\n"


def timed(draft: Path, source: Path, config: Config) -> float:
    start = time.perf_counter()
    report = check_paths([str(draft)], config, RunOptions(source=str(source)))
    elapsed = time.perf_counter() - start
    assert not report.errors, report.errors
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    source_text, draft_text = article_pair()
    words = len(source_text.split())
    with tempfile.TemporaryDirectory() as tmp:
        source, draft = Path(tmp) / "source.es.txt", Path(tmp) / "draft.en.txt"
        source.write_text(source_text, encoding="utf-8")
        draft.write_text(draft_text, encoding="utf-8")
        timed(draft, source, Config(mt="none"))  # warm-up: language model, data files
        no_mt = [timed(draft, source, Config(mt="none")) for _ in range(args.runs)]
        cold, warm = [], []
        for i in range(args.runs):
            cache = Path(tmp) / f"cache-{i}"
            cold.append(timed(draft, source, Config(mt="apertium", cache_dir=cache)))
            warm.append(timed(draft, source, Config(mt="apertium", cache_dir=cache)))
    if args.json:
        print(
            json.dumps(
                {
                    "source_words": words,
                    "draft_words": len(draft_text.split()),
                    "runs": args.runs,
                    "no_mt": statistics.median(no_mt),
                    "cold": statistics.median(cold),
                    "warm": statistics.median(warm),
                }
            )
        )
        return
    print(
        f"article: {words} source words, {len(draft_text.split())} draft words; "
        f"median of {args.runs}"
    )
    for label, times in (
        ("no MT", no_mt),
        ("Apertium, cold cache", cold),
        ("Apertium, warm cache", warm),
    ):
        median = statistics.median(times)
        print(f"  {label:<22} {median:6.3f} s  {words / median:>9,.0f} source words/s")
    print(f"  cold/warm ratio: {statistics.median(cold) / statistics.median(warm):.1f}x")


if __name__ == "__main__":
    main()
