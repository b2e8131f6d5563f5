"""Accuracy and speed of the language detectors on short spans.

Data: langid_short_dev.tsv (lingua-py test data + PUD gl/es sentences), columns
`lang kind text source note`, kinds sentence / word-pair / single-word.

Prints:
1. accuracy per detector and kind, over all the detector's languages and restricted
   to the languages present in the file, plus the median time per call;
2. accuracy by length (letters and words), measured on the raw classifier answer
   (no minimum-length cut) over the rows plus word prefixes of every sentence
   (first 1..12 words), which fill the gap between word pairs and full sentences;
3. the minimum length from which every longer bucket is >= 95 % accurate.

Usage:  .venv/bin/python bench/langid_accuracy.py
"""

from __future__ import annotations

import csv
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transcheck.language import (
    LANGDETECT_CODES,
    PY3LANGID_CODES,
    LangdetectDetector,
    Py3LangidDetector,
    letter_count,
)

CORPORA = Path(
    os.environ.get("TRANSCHECK_CORPORA")
    or Path(__file__).resolve().parents[2] / "shared" / "corpora"
)
LETTER_BUCKETS = [0, 5, 10, 15, 20, 25, 30, 35, 40, 50, 60, 80, 120]
WORD_BUCKETS = [1, 2, 3, 4, 5, 6, 7, 8, 10, 13, 20]
TARGET = 0.95


def load() -> list[tuple[str, str, str]]:
    with open(CORPORA / "langid_short_dev.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r[0], r[1], r[2]) for r in rows[1:]]


def top(detector: object, text: str) -> str:
    ranked = detector.rank(text)  # type: ignore[attr-defined]
    return ranked[0].code if ranked else "und"


def bucket(value: int, edges: list[int]) -> str:
    for lo, hi in zip(edges, [*edges[1:], 10**9], strict=True):
        if lo <= value < hi:
            return f"{lo}-{hi - 1}" if hi < 10**9 else f"{lo}+"
    return "?"


def main() -> None:
    rows = load()
    present = sorted({lang for lang, _, _ in rows})
    kinds = ["sentence", "word-pair", "single-word"]
    detectors = {
        ("py3langid", "all"): Py3LangidDetector(),
        ("py3langid", "present"): Py3LangidDetector([c for c in present if c in PY3LANGID_CODES]),
        ("langdetect", "all"): LangdetectDetector(),
        ("langdetect", "present"): LangdetectDetector(
            [c for c in present if c in LANGDETECT_CODES]
        ),
    }
    for det in detectors.values():  # load models outside the timing
        top(det, "warm up the model with a sentence")

    print(f"rows: {len(rows)}; languages present ({len(present)}): {' '.join(present)}\n")
    print("1. Accuracy by kind (raw classifier answer, no length cut)")
    header = f"{'detector':<12}{'langs':<9}" + "".join(f"{k:>13}" for k in kinds)
    print(header + f"{'overall':>10}{'median ms':>11}{'detect() und':>14}")
    for (name, scope), det in detectors.items():
        correct: dict[str, int] = defaultdict(int)
        total: dict[str, int] = defaultdict(int)
        times = []
        und = 0
        for lang, kind, text in rows:
            t0 = time.perf_counter()
            guess = top(det, text)
            times.append(time.perf_counter() - t0)
            total[kind] += 1
            correct[kind] += guess == lang
            und += det.detect(text).code == "und"
        cells = "".join(f"{correct[k] / total[k]:>13.3f}" for k in kinds)
        overall = sum(correct.values()) / sum(total.values())
        med = statistics.median(times) * 1000
        print(f"{name:<12}{scope:<9}{cells}{overall:>10.3f}{med:>11.3f}{und:>14}")

    # Length study: rows + word prefixes of the sentences.
    samples = [(lang, text) for lang, _, text in rows]
    for lang, kind, text in rows:
        if kind == "sentence":
            words = text.split()
            samples += [(lang, " ".join(words[:k])) for k in range(1, min(12, len(words)))]
    print(f"\n2. Accuracy by length ({len(samples)} samples: rows + sentence prefixes)")
    for (name, scope), det in detectors.items():
        by_letters: dict[str, list[int]] = defaultdict(list)
        by_words: dict[str, list[int]] = defaultdict(list)
        for lang, text in samples:
            ok = int(top(det, text) == lang)
            by_letters[bucket(letter_count(text), LETTER_BUCKETS)].append(ok)
            by_words[bucket(len(text.split()), WORD_BUCKETS)].append(ok)
        for unit, table, edges in (
            ("letters", by_letters, LETTER_BUCKETS),
            ("words", by_words, WORD_BUCKETS),
        ):
            labels = [bucket(e, edges) for e in edges]
            accs = [sum(table[b]) / len(table[b]) if table[b] else float("nan") for b in labels]
            print(f"  {name} ({scope}) by {unit}:")
            print("    " + "".join(f"{b:>9}" for b in labels))
            print("    " + "".join(f"{a:>9.3f}" for a in accs))
            print("    " + "".join(f"{len(table[b]):>9}" for b in labels))
            minimum = None
            for i, edge in enumerate(edges):
                if all(a >= TARGET for a in accs[i:] if a == a):
                    minimum = edge
                    break
            print(f"    -> accuracy >= {TARGET} in every bucket from {minimum} {unit} up")


if __name__ == "__main__":
    main()
