"""Recall and false positives of the untranslated-passage rule.

- Recall: English documents of ~20 sentences from es_en_parallel_dev.tsv (`en` column),
  each with foreign sentences (langid_short_dev.tsv, kind=sentence, not English)
  inserted as their own paragraphs; a foreign sentence counts as found when a
  finding overlaps it. Reported for sentences of >= 6 words and overall.
- False positives per 10,000 words on clean documents: the `en` column (lang en),
  the `es` column (lang es, source en) and the MQM target texts (en-es -> es,
  es-en -> en), ~20 segments per document.
- Speed: words per second of the rule alone.

- Close languages: each es/pt/it/ca/gl sentence of langid_short_dev.tsv as a document
  of each of these languages (none declared): recall and mislabels by length, and
  false positives on the sentence's own language.

Usage:  .venv/bin/python bench/accuracy_untranslated.py [--all-missed] [--close-only]
            [--close MIN_WORDS=8 ...]
"""

from __future__ import annotations

import csv
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transcheck.document import Document
from transcheck.language import get_detector
from transcheck.registry import RuleContext
from transcheck.rules import language as language_rules
from transcheck.rules.language import UntranslatedPassage

CORPORA = Path(
    os.environ.get("TRANSCHECK_CORPORA")
    or Path(__file__).resolve().parents[2] / "shared" / "corpora"
)
DOC_SENTENCES = 20


def read(name: str) -> list[dict[str, str]]:
    with open(CORPORA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def run(text: str, lang: str, source_lang: str | None = None) -> list:
    doc = Document("bench.txt", text, lang=lang)
    ctx = RuleContext(document=doc, lang=lang, detector=get_detector(), source_lang=source_lang)
    return list(UntranslatedPassage().check(ctx))


def false_positives(docs: list[str], lang: str, source_lang: str | None, label: str) -> tuple:
    words = 0
    found = []
    for text in docs:
        words += len(text.split())
        for f in run(text, lang, source_lang):
            found.append((label, f.message, text[f.span.start : f.span.end][:150]))
    return words, found


def main() -> None:
    args = sys.argv[1:]
    # --close NAME=VALUE (repeatable) overrides a CLOSE_* constant of the rule, to
    # measure a threshold: --close MIN_WORDS=6 --close MIN_CONFIDENCE=0.8
    for i, arg in enumerate(args):
        if arg == "--close":
            name, value = args[i + 1].split("=")
            setattr(
                language_rules,
                "CLOSE_" + name,
                type(getattr(language_rules, "CLOSE_" + name))(value),
            )
    langid = read("langid_short_dev.tsv")
    if "--close-only" in args:
        close_languages(langid)
        return
    parallel = read("es_en_parallel_dev.tsv")
    foreign = [r for r in langid if r["kind"] == "sentence" and r["lang"] != "en"]
    rng = random.Random(0)
    rng.shuffle(foreign)

    # Recall: insert 2-3 foreign sentences (separate paragraphs) in each English document.
    en_docs = chunks([r["en"] for r in parallel], DOC_SENTENCES)
    found_by_len: Counter[str] = Counter()
    total_by_len: Counter[str] = Counter()
    missed: list[tuple[str, str]] = []
    found_by_lang: Counter[str] = Counter()
    total_by_lang: Counter[str] = Counter()
    pool = iter(foreign)
    done = False
    while not done:
        for sents in en_docs:
            paras = list(sents)
            inserted = []
            for _ in range(3):
                row = next(pool, None)
                if row is None:
                    done = True
                    break
                pos = rng.randrange(len(paras) + 1)
                paras.insert(pos, row["text"])
                inserted.append(row)
            text = "\n\n".join(paras)
            findings = run(text, "en")
            for row in inserted:
                start = text.index(row["text"])
                end = start + len(row["text"])
                hit = any(f.span.start < end and start < f.span.end for f in findings)
                bucket = ">=6 words" if len(row["text"].split()) >= 6 else "<6 words"
                total_by_len[bucket] += 1
                found_by_len[bucket] += hit
                total_by_lang[row["lang"]] += 1
                found_by_lang[row["lang"]] += hit
                if not hit:
                    missed.append((row["lang"], row["text"]))
            if done:
                break

    print("Recall (foreign sentences inserted as paragraphs in English documents)")
    print(f"{'length':<12}{'found':>8}{'total':>8}{'recall':>9}")
    for b in (">=6 words", "<6 words"):
        if total_by_len[b]:
            print(
                f"{b:<12}{found_by_len[b]:>8}{total_by_len[b]:>8}"
                f"{found_by_len[b] / total_by_len[b]:>9.3f}"
            )
    print(
        "by language: "
        + " ".join(
            f"{lang}:{found_by_lang[lang]}/{total_by_lang[lang]}" for lang in sorted(total_by_lang)
        )
    )
    for lang, text in missed if "--all-missed" in sys.argv else missed[:12]:
        print(f"  missed {lang}: {text[:100]}")

    # False positives on clean text.
    mqm_es = read("mqm_en_es_dev.tsv")
    mqm_en = read("mqm_es_en_dev.tsv")

    def docs_of(rows: list[dict[str, str]], column: str) -> list[str]:
        by_doc: dict[tuple[str, str], list[str]] = {}
        for r in rows:
            by_doc.setdefault((r["doc_id"], r["system"]), []).append(r[column])
        return ["\n\n".join(v) for v in by_doc.values()]

    sets = [
        ("parallel en", ["\n\n".join(c) for c in en_docs], "en", None),
        (
            "parallel es",
            ["\n\n".join(c) for c in chunks([r["es"] for r in parallel], 20)],
            "es",
            "en",
        ),
        ("mqm en->es target", docs_of(mqm_es, "target"), "es", "en"),
        ("mqm es->en target", docs_of(mqm_en, "target"), "en", "es"),
    ]
    print("\nFalse positives on clean text")
    print(f"{'set':<20}{'docs':>6}{'words':>9}{'findings':>10}{'per 10k words':>15}{'words/s':>10}")
    examples = []
    for label, docs, lang, src in sets:
        t0 = time.perf_counter()
        words, found = false_positives(docs, lang, src, label)
        elapsed = time.perf_counter() - t0
        examples += found
        print(
            f"{label:<20}{len(docs):>6}{words:>9}{len(found):>10}"
            f"{len(found) / words * 10000:>15.2f}{words / elapsed:>10.0f}"
        )
    for label, message, excerpt in examples[:25]:
        print(f"  [{label}] {message}: {excerpt}")

    close_languages(langid)


CLOSE = ("es", "pt", "it", "ca", "gl")
BUCKETS = ((6, 7), (8, 9), (10, 11), (12, 14), (15, 19), (20, 999))


def close_languages(langid: list[dict[str, str]]) -> None:
    """Each es/pt/it/ca/gl sentence as a one-sentence document of each of these
    languages, none declared plausible: found = reported as its own language when the
    document's differs; wrong = reported as a third language; native = reported at all
    when the document is in the sentence's own language (a false positive)."""
    rows = [r for r in langid if r["kind"] == "sentence" and r["lang"] in CLOSE]
    stats: dict[tuple[int, int], Counter[str]] = {b: Counter() for b in BUCKETS}
    pairs: Counter[tuple[str, str, bool]] = Counter()  # (text, document, found)
    examples = []
    for row in rows:
        n = len(row["text"].split())
        bucket = next((b for b in BUCKETS if b[0] <= n <= b[1]), None)
        if bucket is None:
            continue
        for doc_lang in CLOSE:
            found = run(row["text"], doc_lang)
            said = found[0].message.split()[2] if found else None
            c = stats[bucket]
            if doc_lang == row["lang"]:
                c["native"] += 1
                c["native flagged"] += said is not None
                if said is not None:
                    examples.append(f"{doc_lang} doc, {row['lang']} text said {said}")
            else:
                c["foreign"] += 1
                c["found"] += said == row["lang"]
                pairs[row["lang"], doc_lang, said == row["lang"]] += 1
                c["wrong"] += said is not None and said != row["lang"]
                if said is not None and said != row["lang"]:
                    examples.append(f"{doc_lang} doc, {row['lang']} text said {said}")
    print("\nClose languages (es pt it ca gl; each sentence alone, as a document of each)")
    print(
        f"{'words':<8}{'foreign':>8}{'found':>7}{'recall':>8}{'wrong':>7}{'native':>8}{'flagged':>9}"
    )
    for (lo, hi), c in stats.items():
        label = f"{lo}-{hi}" if hi < 999 else f"{lo}+"
        recall = c["found"] / c["foreign"] if c["foreign"] else 0.0
        print(
            f"{label:<8}{c['foreign']:>8}{c['found']:>7}{recall:>8.3f}{c['wrong']:>7}"
            f"{c['native']:>8}{c['native flagged']:>9}"
        )
    print(
        "recall by pair (text>document): "
        + " ".join(
            f"{a}>{b}:{pairs[a, b, True]}/{pairs[a, b, True] + pairs[a, b, False]}"
            for a in CLOSE
            for b in CLOSE
            if a != b
        )
    )
    for line in examples[:12]:
        print("  " + line)


if __name__ == "__main__":
    main()
