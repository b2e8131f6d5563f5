"""What a smaller document sample would cost in language detection: catalogue-like texts
(random sentences of one language from langid_short_dev.tsv joined by blank lines, as a
PO file's msgids, 3,000-8,000 characters) detected from today's sample
(`DOCUMENT_SAMPLE_CHARS`) and from a sample of `--chars` characters.

    python bench/langid_sample.py [--chars 1500] [--texts 20] [--seed 1]

Prints how often each finds the right language, how often the two agree on the code and
on the confidence as reports round it (4 decimals), and the CPU ms per detection of each.
"""

from __future__ import annotations

import argparse
import collections
import csv
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _corpora import corpora_dir

from transcheck.document import Document
from transcheck.findings import Span
from transcheck.language import document_sample, get_detector


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1500)
    parser.add_argument("--texts", type=int, default=20, help="texts per language")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sentences: dict[str, list[str]] = collections.defaultdict(list)
    with open(corpora_dir() / "langid_short_dev.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["kind"] == "sentence":
                sentences[row["lang"]].append(row["text"])
    detector = get_detector()
    rng = random.Random(args.seed)
    counts: collections.Counter[str] = collections.Counter()
    spent = {"full": 0.0, "small": 0.0}
    for lang, pool in sorted(sentences.items()):
        for _ in range(args.texts):
            target, parts, size = rng.randrange(3000, 8000), [], 0
            while size < target:
                parts.append(rng.choice(pool))
                size += len(parts[-1]) + 2
            blocks, pos = [], 0
            for part in parts:
                blocks.append(Span(pos, pos + len(part)))
                pos += len(part) + 2
            doc = Document(path="x", text="\n\n".join(parts), blocks=tuple(blocks))
            guesses = {}
            for name, limit in (("full", None), ("small", args.chars)):
                sample = document_sample(doc) if limit is None else document_sample(doc, limit)
                start = time.process_time()
                guesses[name] = detector.detect(sample)
                spent[name] += time.process_time() - start
            full, small = guesses["full"], guesses["small"]
            counts["texts"] += 1
            counts["full right"] += full.code == lang
            counts["small right"] += small.code == lang
            counts["same code"] += full.code == small.code
            counts["same code and confidence"] += (full.code, full.confidence) == (
                small.code,
                small.confidence,
            )
    print(f"{len(sentences)} languages, sample of {args.chars} characters against today's:")
    for name, value in counts.items():
        print(f"  {name:26s} {value}")
    n = counts["texts"]
    print(
        f"  CPU ms per detection: today's sample {1000 * spent['full'] / n:.2f}, "
        f"{args.chars} characters {1000 * spent['small'] / n:.2f}"
    )


if __name__ == "__main__":
    main()
