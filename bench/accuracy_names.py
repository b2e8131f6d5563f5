"""Accuracy of the name-variant rule on real names and real clean text.

Measures, and prints as a table:

* recall on transliteration variants: for each pair of spellings of one
  person's surname (OFAC SDN alternate names, filtered to close spellings of
  the surname, no aliases), a short document of real English sentences where
  spelling A appears twice and spelling B once; a hit is a finding on B.
  Two layouts: "surname" (A with given name, A alone, B alone) and "full"
  (full name A twice, full name B once, each with its own record's given
  names; only records whose given names are close too, given_similarity
  >= 0.75, as different given names may well be a different person);
* false positives per 10,000 words on clean text: the `en` and `es` columns
  of the parallel corpus in documents of 20 sentences, and the MQM target
  texts (one document per system and source document), en and es;
* distinct people: two different people (different OFAC clusters) whose
  surnames are close spellings, mentioned in one document; the rate of
  documents with a finding on the inserted names (lower is better; findings on
  the carrier sentences are the clean-text rows' business). Reported separately for surnames with
  the same transliteration key (often relatives: flagging them is arguably
  right) and for the rest; and again with both surnames after the *same* first
  name (the risk of the rule's first-name evidence, Ali Hamdan / Ali Hamdoun);
* speed of the rule alone (sentence splitting, shared by all rules, done
  before timing), words per second, on the clean documents.

Recall is reported on three sets of pairs: *strict* (same phonetic key, see
`bench_key`), *broad* (keys one or two edits apart) and all pairs with
surname similarity >= 0.75 (which still holds aliases). For the strict set, the
mean over people (OFAC clusters) is printed too: a few people with dozens of
spellings weigh heavily in the per-pair figure. The strict set still holds pairs
that are no transliteration of one name (Huang / Zhang, Chen / Chan, Aman / Oman,
Salih / Salah): a ceiling below 1.

Run: `.venv/bin/python bench/accuracy_names.py [-v] [--misses]` (-v lists the
clean-text findings, --misses the missed strict/broad pairs; corpora from
`../shared/corpora`, or `TRANSCHECK_CORPORA`). `--cross-file` measures the
cross-file pass instead: its false positives over folders of the clean documents,
and its recall on strict pairs with A in one file and B in another.
"""

from __future__ import annotations

import csv
import os
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transcheck.document import Document
from transcheck.findings import Finding
from transcheck.registry import RuleContext
from transcheck.rules.names import NameVariant

TITLES = {"dr.", "dr", "mr.", "mr", "mrs.", "ms.", "sheikh", "shaykh", "general", "colonel"}
TEMPLATES = (
    "{s}, {name} said.",
    "{s}, according to {name}.",
    "{s}, {name} told reporters.",
)
SEED = 20240501


def corpora() -> Path:
    env = os.environ.get("TRANSCHECK_CORPORA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "corpora"


def read_tsv(name: str) -> list[dict[str, str]]:
    with open(corpora() / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def check(text: str, lang: str):
    doc = Document("bench.txt", text, lang)
    return doc, list(NameVariant().check(RuleContext(document=doc, lang=lang)))


# ------------------------------------------------------------------ inputs


def english_sentences() -> list[str]:
    """Real English sentences ending in a full stop, to carry the names."""
    out = [r["en"] for r in read_tsv("es_en_parallel_dev.tsv")]
    out += [r["target"] for r in read_tsv("mqm_es_en_dev.tsv") if r["system"] == "reference"]
    out += [r["source"] for r in read_tsv("mqm_en_es_dev.tsv") if r["system"] == "reference"]
    seen, result = set(), []
    for s in out:
        s = s.strip()
        if s.endswith(".") and 40 <= len(s) <= 300 and s not in seen:
            seen.add(s)
            result.append(s)
    return result


# A word part opening with the ayn mark and a lower-case letter ('aqil, al-'anizi).
_LOWER_AFTER_AYN = re.compile(r"(?:^|(?<=[\s-]))(['’])([a-z])")


def split_natural(natural: str, surname: str) -> tuple[str, str]:
    """(given names, surname) of a natural-order name, titles dropped.

    The data's natural-order column writes a surname that opens with the ayn mark in
    lower case ("Hajj Qasim 'aliq", from 'ALIQ) while its given names have the capital
    ("'Ali Salih"): a case-conversion artifact no text has, and a lower-case word is no
    name to any checker. The surname gets the capital its given names get ('Aliq).
    """
    words = natural.split()
    n = len(surname.split())
    given = [w for w in words[:-n] if w.lower() not in TITLES]
    sur = _LOWER_AFTER_AYN.sub(lambda m: m.group(1) + m.group(2).upper(), " ".join(words[-n:]))
    return " ".join(given), sur


# The bench's own notion of "a transliteration apart", independent of the rule's key:
# a phonetic key that merges what romanisation systems write differently (vowel
# classes, y/i/j, ou/u/oo, kh/h/ch/gh, ph/f, dj/dzh/zh/j, ts/tz/c, w/v, sch/sh,
# q/k/c/g, x/ks, doubled letters, silent h, final -iy/-yy/-ii), then drops vowels
# after the first letter. A pair is *strict* when the keys are equal, *broad* when
# they are at most one edit apart (two for keys of 6+ letters). Pairs further
# apart are mostly aliases (Rahman / Abdurahman, Huang / Zhang) and are reported
# only in the "all pairs" rows.
_BENCH_RULES = (
    ("tsch", "ch"),
    ("tch", "ch"),
    ("shch", "sh"),
    ("sch", "sh"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("ch", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("ts", "c"),
    ("tz", "c"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("y", "i"),
    ("j", "i"),
    ("ai", "e"),
    ("ei", "e"),
    ("dh", "d"),
    ("th", "t"),
)
_BENCH_CLASSES = str.maketrans("cgkzsdtbp", "kkkssttpp")


def bench_key(surname: str) -> str:
    from anyascii import anyascii

    word = "".join(ch for ch in anyascii(surname).lower() if ch.isalpha())
    for old, new in _BENCH_RULES:
        word = word.replace(old, new)
    word = re.sub(r"(.)\1+", r"\1", word)
    word = re.sub(r"i+$", "i", word)
    head, tail = word[:1], word[1:]
    if head == "h":  # silent initial h (Hamdouni / Amdouni)
        head, tail = "", tail
    tail = re.sub(r"h", "", tail)
    tail = re.sub(r"[aeiou]", "", tail)
    head = "a" if head in "aeiou" else head
    return (head + tail).translate(_BENCH_CLASSES)


def pair_class(sur_a: str, sur_b: str) -> str:
    """'strict', 'broad' or 'far' (see bench_key)."""
    from rapidfuzz.distance import Levenshtein

    ka, kb = bench_key(sur_a), bench_key(sur_b)
    if ka == kb:
        return "strict"
    limit = 2 if min(len(ka), len(kb)) >= 6 else 1
    return "broad" if Levenshtein.distance(ka, kb) <= limit else "far"


def transliteration_pairs() -> list[tuple[str, str, str, str, float, float, str]]:
    """(given A, surname A, given B, surname B, surname and given similarity, person id),
    close surnames.

    Kept: surname similarity >= 0.75 (aliases and pseudonyms score far lower),
    different spellings of the same number of words, not one a prefix of the
    other (Sarria / Sarrias is a different form, not a transliteration), not
    differing only by a particle (Kaddafi / Al-Kaddafi).
    """
    pairs, seen = [], set()
    for r in read_tsv("name_variant_pairs_dev.tsv"):
        sim = float(r["surname_similarity"])
        if sim < 0.75:
            continue
        given_a, sur_a = split_natural(r["name_a_natural"], r["surname_a"])
        given_b, sur_b = split_natural(r["name_b_natural"], r["surname_b"])
        if sur_a == sur_b or len(sur_a.split()) != len(sur_b.split()):
            continue
        la, lb = sur_a.lower(), sur_b.lower()
        if la.startswith(lb) or lb.startswith(la) or min(len(la), len(lb)) < 3:
            continue
        if la.split("-")[-1].split()[-1] == lb.split("-")[-1].split()[-1]:
            continue  # only a particle differs (Kaddafi / Al-Kaddafi): not a transliteration
        if (sur_a, sur_b) in seen:
            continue
        seen.add((sur_a, sur_b))
        pairs.append(
            (given_a, sur_a, given_b, sur_b, sim, float(r["given_similarity"]), r["cluster_id"])
        )
    return pairs


def distinct_people_pairs() -> list[tuple[str, str, str, str, bool]]:
    """Two different OFAC clusters whose primary surnames are close but not equal."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.fuzz import ratio

    people = []
    for r in read_tsv("name_variants_dev.tsv"):
        primary = r["ofac_primary_name_2022"] or r["names"].split(" | ")[0]
        if "," not in primary:
            continue
        surname, given = (p.strip() for p in primary.split(",", 1))
        surname = " ".join(w.capitalize() if w.isupper() else w for w in surname.split())
        given = " ".join(w for w in given.split() if w.lower() not in TITLES)
        if given and len(surname) >= 4:
            people.append((r["cluster_id"], given, surname))
    by_first: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for p in people:
        by_first[p[2][0].lower()].append(p)
    pairs = []
    for group in by_first.values():
        for i, (cid_a, given_a, sur_a) in enumerate(group):
            for cid_b, given_b, sur_b in group[i + 1 :]:
                if cid_a == cid_b or sur_a == sur_b or given_a == given_b:
                    continue
                if ratio(sur_a.lower(), sur_b.lower()) < 80:
                    continue
                if Levenshtein.distance(sur_a.lower(), sur_b.lower()) > 3:
                    continue
                same_key = pair_class(sur_a, sur_b) == "strict"
                pairs.append((given_a, sur_a, given_b, sur_b, same_key))
    return pairs


# ------------------------------------------------------------------ measures


def place(sentences: list[str], names: list[str], rng: random.Random) -> str:
    """A document of real sentences with one name mention appended to some of them."""
    body = [s for s in sentences]
    slots = sorted(rng.sample(range(len(body)), len(names)))
    for slot, name in zip(slots, names, strict=True):
        template = rng.choice(TEMPLATES)
        body[slot] = template.format(s=body[slot].rstrip("."), name=name)
    return " ".join(body)


def recall(
    pairs,
    sentences,
    layout: str,
    rng: random.Random,
    missed: list | None = None,
    per_person: dict | None = None,
) -> tuple[int, int, int]:
    hits = other = 0
    if layout == "full":
        pairs = [p for p in pairs if p[5] >= 0.75 and p[0] and p[2]]
    for given_a, sur_a, given_b, sur_b, *rest in pairs:
        ctx = rng.sample(sentences, 8)
        if layout == "surname":
            names = [f"{given_a} {sur_a}".strip(), sur_a, sur_b]
        else:
            names = [f"{given_a} {sur_a}".strip(), f"{given_a} {sur_a}".strip()]
            names.append(f"{given_b} {sur_b}".strip())
        text = place(ctx, names, rng)
        b_start = text.rindex(sur_b) if layout == "surname" else text.rindex(names[2])
        b_end = b_start + len(names[2])
        _, findings = check(text, "en")
        found = False
        for f in findings:
            spans = [f.span, *f.related]
            minority = [e.span for e in f.fix.edits] if f.fix else [f.span]
            if any(b_start <= s.start < b_end for s in minority) and any(
                s.start < b_start for s in spans
            ):
                found = True
            else:
                other += 1
        hits += found
        if per_person is not None:
            per_person.setdefault(rest[-1], []).append(found)
        if not found and missed is not None:
            missed.append((sur_a, sur_b, given_a, given_b))
    return hits, len(pairs), other


def clean_documents() -> list[tuple[str, str, str]]:
    """(corpus label, lang, text) of clean documents."""
    docs = []
    parallel = read_tsv("es_en_parallel_dev.tsv")
    for lang in ("en", "es"):
        column = [r[lang] for r in parallel]
        for i in range(0, len(column), 20):
            docs.append((f"parallel {lang}", lang, " ".join(column[i : i + 20])))
    for name, lang in (("mqm_es_en_dev.tsv", "en"), ("mqm_en_es_dev.tsv", "es")):
        grouped: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        for r in read_tsv(name):
            grouped[(r["doc_id"], r["system"])].append((int(r["seg_id"]), r["target"]))
        for segs in grouped.values():
            text = "\n".join(t for _, t in sorted(segs))
            docs.append((f"mqm targets {lang}", lang, text))
    return docs


def false_positives(show: bool):
    stats: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    examples = []
    rule = NameVariant()
    for label, lang, text in clean_documents():
        doc = Document("bench.txt", text, lang)
        doc.sentences  # noqa: B018 - segmentation is shared by all rules; time the rule alone
        t0 = time.perf_counter()
        findings = list(rule.check(RuleContext(document=doc, lang=lang)))
        elapsed = time.perf_counter() - t0
        row = stats[label]
        row[0] += len(text.split())
        row[1] += len(findings)
        row[2] += elapsed
        for f in findings:
            examples.append((label, f.message, doc.slice(f.span)))
    if show:
        for ex in examples:
            print("  FP?", *ex, file=sys.stderr)
    return stats


def _folder_findings(texts: list[str], lang: str) -> list[tuple[int, Finding]]:
    """The findings of the cross-file `name-variant` pass (`cross_file_name_variants`)
    over `texts` checked as one run, each with the index of its file; the per-file
    rule's own findings are not among them."""
    from transcheck.findings import FileResult, Report
    from transcheck.project import cross_file_name_variants

    rule = NameVariant()
    results = []
    for i, text in enumerate(texts):
        doc = Document(f"f{i:03}.txt", text, lang)
        result = FileResult(doc.path, document=doc)
        result.findings = list(rule.check(RuleContext(document=doc, lang=lang)))
        results.append(result)
    index = {id(r): i for i, r in enumerate(results)}
    found = cross_file_name_variants(Report(results), lang)
    return [(index[id(r)], f) for r, f in found]


def cross_file(show: bool) -> int:
    """`--cross-file`: the cross-file pass over folders of unrelated clean documents
    (false positives per 10k words; the folder's FP grow with its size, as every pair
    of files is compared) and recall on strict pairs written in two files."""
    print("| measure | n | result | target |")
    print("|---|---:|---:|---:|")
    parallel = read_tsv("es_en_parallel_dev.tsv")
    for lang, name in (("en", "mqm_es_en_dev.tsv"), ("es", "mqm_en_es_dev.tsv")):
        column = [r[lang] for r in parallel]
        texts = [" ".join(column[i : i + 20]) for i in range(0, len(column), 20)]
        # One translation per MQM document (the reference where there is one): the
        # systems translated the same documents, and their spellings of one name are
        # real variants across files.
        chosen: dict[str, tuple[str, list[tuple[int, str]]]] = {}
        for r in read_tsv(name):
            system = chosen.setdefault(r["doc_id"], (r["system"], []))
            if r["system"] == "reference" and system[0] != "reference":
                system = chosen[r["doc_id"]] = ("reference", [])
            if r["system"] == system[0]:
                system[1].append((int(r["seg_id"]), r["target"]))
        texts += ["\n".join(t for _, t in sorted(segs)) for _, segs in chosen.values()]
        for size in (25, 50):  # about 50 clean documents a language
            folder = texts[:size]
            words = sum(len(t.split()) for t in folder)
            found = _folder_findings(folder, lang)
            if show:
                for _, f in found:
                    print("  XFP?", lang, size, f.message, file=sys.stderr)
            rate = len(found) / words * 10_000
            print(
                f"| cross-file false positives / 10k words, {lang}, {len(folder)} files |"
                f" {words} words | {rate:.2f} ({len(found)}) | ≤ 1 |"
            )
    rng = random.Random(SEED)
    sentences = english_sentences()
    pairs = [p for p in transliteration_pairs() if pair_class(p[1], p[3]) == "strict"]
    hits = 0
    for given_a, sur_a, _, sur_b, *_ in pairs:
        one = place(rng.sample(sentences, 4), [f"{given_a} {sur_a}".strip(), sur_a], rng)
        two = place(rng.sample(sentences, 4), [sur_b], rng)
        found = _folder_findings([one, two], "en")
        b_start = two.rindex(sur_b)
        hits += any(i == 1 and b_start <= f.span.start < b_start + len(sur_b) for i, f in found)
    print(
        f"| cross-file recall, strict pairs (A twice in one file, B once in another) |"
        f" {len(pairs)} | {hits / len(pairs):.3f} | |"
    )
    return 0


def main() -> int:
    show = "-v" in sys.argv
    if "--cross-file" in sys.argv:
        return cross_file(show)
    rng = random.Random(SEED)
    sentences = english_sentences()
    pairs = transliteration_pairs()
    print(f"name-variant accuracy (seed {SEED}); corpora: {corpora()}\n")

    print("| measure | n | result | target |")
    print("|---|---:|---:|---:|")
    classes = {p: pair_class(p[1], p[3]) for p in pairs}
    subsets = (
        ("strict: same phonetic key", [p for p in pairs if classes[p] == "strict"]),
        ("broad: key ≤ 1–2 edits", [p for p in pairs if classes[p] != "far"]),
        ("all pairs, similarity ≥ 0.75", pairs),
    )
    for layout in ("surname", "full"):
        for label, sub in subsets:
            missed: list = []
            people: dict[str, list[bool]] = {}
            hits, n, other = recall(sub, sentences, layout, random.Random(SEED), missed, people)
            if "--misses" in sys.argv and sub is not pairs:
                for m in missed:
                    print(f"  MISS {layout} {label[:6]}", *m, sep="\t", file=sys.stderr)
            print(
                f"| recall, {label} ({layout} layout) | {n} | {hits / n:.3f}"
                f" ({other} other findings) | ≥ 0.95 |"
            )
            if sub is subsets[0][1]:
                # One person with many spellings (40 pairs of Hamieh / Hamiyeh / …) weighs
                # as much as 40 people in the row above: the mean over people too.
                macro = sum(sum(v) / len(v) for v in people.values()) / len(people)
                print(f"| … mean over people ({layout} layout) | {len(people)} | {macro:.3f} | |")
    bands = [(0.75, 0.85), (0.85, 0.95), (0.95, 1.01)]
    for lo, hi in bands:
        sub = [p for p in pairs if lo <= p[4] < hi]
        if sub:
            hits, n, _ = recall(sub, sentences, "surname", rng)
            print(f"| … surname similarity {lo:.2f}–{min(hi, 1):.2f} | {n} | {hits / n:.3f} | |")

    stats = false_positives(show)
    total_words = total_findings = 0
    total_time = 0.0
    for label, (words, findings, elapsed) in stats.items():
        total_words += words
        total_findings += findings
        total_time += elapsed
        rate = findings / words * 10_000
        print(
            f"| false positives / 10k words, {label} | {int(words)} words | {rate:.2f}"
            f" ({int(findings)}) | ≤ 1 |"
        )
    print(
        f"| false positives / 10k words, all clean text | {int(total_words)} words | "
        f"{total_findings / total_words * 10_000:.2f} ({int(total_findings)}) | ≤ 1 |"
    )

    people = distinct_people_pairs()
    all_flagged = 0
    for same_key in (True, False):
        sub = [p for p in people if p[4] is same_key]
        for layout in ("twice each", "second once"):
            flagged = 0
            for given_a, sur_a, given_b, sur_b, _ in sub:
                names = [f"{given_a} {sur_a}", f"{given_b} {sur_b}", sur_a]
                if layout == "twice each":
                    names.append(sur_b)
                text = place(rng.sample(sentences, 8), names, rng)
                doc, findings = check(text, "en")
                # Only findings on the inserted names: the carrier sentences' own findings
                # (Cameroon / Cameroun) are counted once, in the clean-text rows.
                joined = " ".join(names)
                findings = [
                    f
                    for f in findings
                    if doc.slice(f.span) in joined or (f.suggestion or "") in joined
                ]
                flagged += bool(findings)
                if findings and show:
                    print("  PEOPLE?", layout, *names[:2], findings[0].message, file=sys.stderr)
            all_flagged += flagged
            label = "same phonetic key (often relatives)" if same_key else "other close surnames"
            rate = flagged / len(sub) if sub else 0.0
            print(f"| distinct people flagged, {label}, {layout} | {len(sub)} | {rate:.3f} | low |")
    print(
        f"| distinct people flagged, all close pairs, both layouts | {2 * len(people)} | "
        f"{all_flagged / (2 * len(people)):.3f} | low |"
    )
    # The risk of first-name evidence: two different people with one first name and
    # close surnames (Ali Hamdan, Ali Hamdoun), each written once with it and once alone.
    # Not in the row above (its pairs have different first names); real text rarely has
    # this, so the rate says how much the evidence trusts a shared first name.
    for same_key in (True, False):
        sub = [p for p in people if p[4] is same_key]
        flagged = 0
        for given_a, sur_a, _, sur_b, _ in sub:
            names = [f"{given_a} {sur_a}", f"{given_a} {sur_b}", sur_a, sur_b]
            doc, findings = check(place(rng.sample(sentences, 8), names, rng), "en")
            joined = " ".join(names)
            flagged += any(
                doc.slice(f.span) in joined or (f.suggestion or "") in joined for f in findings
            )
        label = "same phonetic key" if same_key else "other close surnames"
        rate = flagged / len(sub) if sub else 0.0
        print(f"| distinct people, one first name, {label} | {len(sub)} | {rate:.3f} | low |")
    print(
        f"| speed, name-variant alone (sentences precomputed) | {int(total_words)} words | "
        f"{total_words / total_time:,.0f} words/s | ≥ 100,000 (all rules) |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
