"""Does each typography/structure/quote/name rule stay linear on hostile single-line inputs?

    python bench/rule_scaling.py [--base 100000] [--runs 3] [--rule NAME] [--json]

Inputs (generated, no corpora needed), each at `--base` characters and 10x that:
  dots   "a.a.a.…"               one token with a mark every other character
  csv    "ab,cd,ef;…" lines      pasted data, 60-character lines
  glued  prose with glued marks  "approved.Next year,as agreed: …" (real findings)
  words  "go go go …"            a repeated word everywhere
  tags   "x, “b. x, “b. …"       one paragraph of opening marks before lowercase clauses
  said   "x, “b says Y. …"       the same with a speech verb (turned-mark candidates)
                                 (these two at a quarter of --base: see SHRINK)
  ayn    "then 'Ali came …"      one line of marks before capital vowels (ayn candidates)

Prints the CPU time per rule and input (median of --runs, one fresh document per run)
and the ratio 10x/1x: about 10 is linear, 100 would be quadratic. Found by the s4
audit: missing-space-after-punctuation took 8.7 s on 100 KB of "a.a.a." (it scanned
up to 400 characters around every mark); the quote rules counted the marks left in the
paragraph per candidate mark (280 KB of `x, “b. ` took 2.6 s, 6.7 s in one version);
name-variant scanned to the end of the sentence for a closing mark after every ayn
candidate (60 KB of `then 'Ali came `: 13.5 s).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transcheck.document import Document
from transcheck.registry import BaseRule, RuleContext
from transcheck.rules import names, quotes, structure, typography

RULES: tuple[type[BaseRule], ...] = (
    *typography.RULES,
    *structure.RULES,
    *quotes.RULES,
    *names.RULES,
)
UNITS = {
    "dots": "a.",
    "csv": "ab,cd,ef;12,3.5,x,yz,Ab,cd,ef;12,3.5,x,yz,Ab,cd,ef;12,3.5,x\n",
    "glued": "It was approved.Next year,as agreed in the plan:something else here. ",
    "words": "go ",
    "tags": "x, “b. ",
    "said": "x, “b says Y. ",
    "ayn": "then 'Ali came ",
}
# Inputs run at --base / this: one paragraph with over 50,000 quote marks is not paired at
# all (transcheck.quotes.MAX_PARAGRAPH_MARKS), which would hide the 10x cost.
SHRINK = {"tags": 4, "said": 4}


def text_of(unit: str, chars: int) -> str:
    return unit * max(1, chars // len(unit))


def cpu_time(rule: type[BaseRule], text: str, runs: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(runs):
        # A fresh copy: name-variant reuses its last extraction for the same text object.
        doc = Document(path="bench.txt", text=(text + " ")[:-1], lang="en")
        ctx = RuleContext(document=doc, lang="en")
        start = time.process_time()
        found = sum(1 for _ in rule().check(ctx))
        times.append(time.process_time() - start)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=int, default=100_000, help="characters at 1x")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rule", action="append", help="only this rule (repeatable)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rules = [r for r in RULES if not args.rule or r.name in args.rule]
    rows = []
    for name, unit in UNITS.items():
        base = args.base // SHRINK.get(name, 1)
        small, large = text_of(unit, base), text_of(unit, base * 10)
        for rule in rules:
            t1, _ = cpu_time(rule, small, args.runs)
            t10, found = cpu_time(rule, large, args.runs)
            ratio = t10 / t1 if t1 > 0 else float("nan")
            rows.append(
                {
                    "input": name,
                    "rule": rule.name,
                    "cpu_1x": t1,
                    "cpu_10x": t10,
                    "ratio": ratio,
                    "findings_10x": found,
                }
            )
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print(f"base {args.base:,} characters; CPU seconds, median of {args.runs} runs")
    print(f"{'input':6} {'rule':34} {'1x':>8} {'10x':>8} {'ratio':>6} {'findings':>9}")
    for r in rows:
        print(
            f"{r['input']:6} {r['rule']:34} {r['cpu_1x']:8.3f} {r['cpu_10x']:8.3f} "
            f"{r['ratio']:6.1f} {r['findings_10x']:9,}"
        )


if __name__ == "__main__":
    main()
