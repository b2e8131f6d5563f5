"""Throughput of all default rules together on a 10,000-word article (no MT, no source),
in-process, excluding interpreter start and the one-off model load.

    python bench/speed_rules.py [--words 10000] [--runs 5]

Target: >= 100,000 words/s. Also prints the time per rule, to show where it goes
(CPU time, median of --runs; each rule a fresh instance with a fresh document and
context and the memos of earlier runs cleared (bench/_fresh.py), so
analyses the rules share, such as the quote pairing of the five quote rules, are
counted once per rule there; the total line is the real figure). The CPU time of
the process is printed too: it says the same as the wall time on an idle machine
and stays put on a busy one (mostly: on a loaded machine with shared caches it
grows too).
`--json` prints one JSON object instead.
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
from _fresh import clear_memos

from transcheck.api import RunOptions, check_paths, make_detector
from transcheck.config import Config
from transcheck.document import Document
from transcheck.registry import RuleContext
from transcheck.rules import all_rules


def article(words: int) -> str:
    rows = [row["en"] for row in read_tsv("es_en_parallel_dev.tsv")]
    paragraphs, count, i = [], 0, 0
    while count < words:
        chunk = rows[i % len(rows) : i % len(rows) + 4]
        i += 4
        paragraphs.append(" ".join(chunk))
        count += sum(len(s.split()) for s in chunk)
    return "\n\n".join(paragraphs) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="total only, as JSON")
    args = parser.parse_args()
    text = article(args.words)
    words = len(text.split())
    config = Config(mt="none")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text(text, encoding="utf-8")
        check_paths([str(path)], config, RunOptions())  # warm-up: model load, data files
        times, cpus = [], []
        for _ in range(args.runs):
            clear_memos()  # each run a first check of this text (models stay loaded)
            start, cpu = time.perf_counter(), time.process_time()
            check_paths([str(path)], config, RunOptions())
            times.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
    median, cpu = statistics.median(times), statistics.median(cpus)
    if args.json:
        print(json.dumps({"words": words, "runs": args.runs, "wall": median, "cpu": cpu}))
        return
    print(
        f"article: {words} words; median of {args.runs} runs: {median * 1000:.1f} ms "
        f"-> {words / median:,.0f} words/s (whole check: read, detect, split, all rules)"
    )
    print(f"CPU time: {cpu * 1000:.1f} ms -> {words / cpu:,.0f} words per CPU-second")
    detector = make_detector(config)
    print(f"\nper rule (CPU time, median of {args.runs} runs, fresh document each):")
    for rule_class in all_rules():
        if rule_class.needs_source or rule_class.needs_mt:
            continue
        elapsed = []
        for _ in range(args.runs):
            rule = rule_class()  # a fresh instance: rules may memoise verdicts
            clear_memos()
            document = Document("bench", text, lang="en")
            _ = document.sentences  # shared work, not the rule's
            context = RuleContext(
                document=document, lang="en", detector=detector, expected_lang="en"
            )
            cpu = time.process_time()
            list(rule.check(context))
            elapsed.append(time.process_time() - cpu)
        print(f"  {rule_class.name:<34} {statistics.median(elapsed) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
