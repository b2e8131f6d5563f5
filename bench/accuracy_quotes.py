"""Accuracy and speed of the quote rules on real es/en text.

    .venv/bin/python bench/accuracy_quotes.py [--seed N] [--show]

1. False positives per 10,000 words of each quote rule on clean text: the en and es sides
   of the PUD parallel sentences (grouped into their source documents, one sentence per
   paragraph) and the MQM medical abstracts (sources, and translations grouped per
   document and system). `--show` prints every finding for inspection.
2. Recall on injected artifacts: real sentences that contain quotes (and real sentences
   with a clause wrapped in quotes) are corrupted one way each:
     flip       a closing mark turned into the opening one      -> quote-direction
     glue       `…,” she said` -> `…, “she said` (MT artifact)   -> quote-direction
     flip-open  an opening mark turned into the closing one      -> quote-direction
     delete     a closing mark removed                          -> quote-unbalanced
     delete-open  an opening mark removed                        -> quote-unbalanced
     space      a space added inside the marks                  -> quote-spacing
     straight   one paragraph of a typographic document switched
                to straight quotes                               -> quote-style-mixed
   A sample counts as found when the expected rule fires on the corrupted sentence and
   did not fire on the clean one.
2b. Quotations over several paragraphs (news convention), built from pairs of real
   sentences without quotes: genuine continuations (`“A.` ¶ `“B,” she said.`, also with
   a lowercase start after a comma, `She said, “a.` ¶ `“B.”`) must give nothing
   (false positives per 10,000 words); a turned speech-tag mark before a paragraph that
   opens with a quote (`A, “she said.` ¶ `“B,” he added.`, with or without the opening
   mark of A; `A “, she said.` ¶ …) must give quote-direction (recall).
3. Speed of the quote rules (words per second).

Reads ../shared/corpora (override with TRANSCHECK_CORPORA).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from _corpora import read_tsv  # noqa: E402

from transcheck.document import Document  # noqa: E402
from transcheck.quotes import pair_quotes  # noqa: E402
from transcheck.registry import RuleContext  # noqa: E402
from transcheck.rules.quotes import RULES  # noqa: E402

TYPO = {"en": "“”", "es": "«»"}
WORD = re.compile(r"\w+")


# --- corpus -------------------------------------------------------------------------


def clean_documents() -> list[tuple[str, str, str]]:
    """(name, lang, text) documents of clean text, one sentence or segment per paragraph."""
    docs: list[tuple[str, str, str]] = []
    pud: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in read_tsv("es_en_parallel_dev.tsv"):
        for lang in ("en", "es"):
            pud[(row["sent_id"][:6], lang)].append(row[lang])
    for (doc, lang), sents in pud.items():
        docs.append((f"pud:{doc}:{lang}", lang, "\n\n".join(sents)))
    for name, tgt, src in (("mqm_en_es_dev.tsv", "es", "en"), ("mqm_es_en_dev.tsv", "en", "es")):
        seen: set[str] = set()
        sources: dict[str, list[str]] = defaultdict(list)
        targets: dict[tuple[str, str], list[str]] = defaultdict(list)
        for row in read_tsv(name):
            if row["source"] not in seen:
                seen.add(row["source"])
                sources[row["doc_id"]].append(row["source"])
            if row["target"] not in seen:
                seen.add(row["target"])
                targets[(row["doc_id"], row["system"])].append(row["target"])
        for doc, segs in sources.items():
            docs.append((f"mqm:{doc}:src-{src}", src, "\n\n".join(segs)))
        for (doc, system), segs in targets.items():
            docs.append((f"mqm:{doc}:{system}-{tgt}", tgt, "\n\n".join(segs)))
    return docs


def run_rules(text: str, lang: str, rules=RULES):
    doc = Document("bench", text, lang)
    ctx = RuleContext(document=doc, lang=lang)
    return doc, [f for rule in rules for f in rule().check(ctx)]


# --- artifacts ----------------------------------------------------------------------


def quoted_sentences(docs) -> list[tuple[str, str]]:
    """Real sentences (lang, text) with at least one closed quotation and no finding."""
    out = []
    for _, lang, text in docs:
        for para in text.split("\n\n"):
            analysis = pair_quotes(para, None, lang)
            if any(p.close is not None for p in analysis.pairs) and not analysis.problems:
                out.append((lang, para))
    return out


def wrapped_sentences(docs, rng: random.Random, n: int) -> list[tuple[str, str]]:
    """Real sentences without quotes, with a clause wrapped in the language's quotes,
    or turned into reported speech (`“…,” she said.`)."""
    pool = []
    for _, lang, text in docs:
        for para in text.split("\n\n"):
            if not re.search("[\"'“”‘’«»]", para) and 8 <= len(para.split()) <= 40:
                pool.append((lang, para))
    rng.shuffle(pool)
    out = []
    for lang, sent in pool[:n]:
        o, c = TYPO[lang]
        words = sent.split()
        if rng.random() < 0.5 and sent.endswith("."):
            verb = "she said" if lang == "en" else "dijo ella"
            out.append((lang, f"{o}{sent[:-1]},{c} {verb}."))
        else:
            i = rng.randrange(1, max(2, len(words) - 4))
            j = min(len(words) - 1, i + rng.randrange(2, 6))
            words[i] = o + words[i]
            words[j] = re.sub(r"^(\w+)", r"\g<1>" + c, words[j], count=1)
            out.append((lang, " ".join(words)))
    return out


def corrupt(kind: str, lang: str, text: str, rng: random.Random) -> str | None:
    analysis = pair_quotes(text, None, lang)
    pairs = [p for p in analysis.pairs if p.close is not None]
    if not pairs:
        return None
    pair = rng.choice(pairs)
    o, c = pair.open.offset, pair.close.offset
    oc, cc = text[o], text[c]
    if kind == "flip":
        if oc == cc:  # straight quotes have no direction to flip
            return None
        return text[:c] + oc + text[c + 1 :]
    if kind == "glue":
        # `…,” she said` -> `…, “she said`: the closing mark turned and glued to the word.
        if oc == cc or text[c + 1 : c + 2] != " " or text[c - 1] not in ",.":
            return None
        return text[:c] + " " + oc + text[c + 2 :]
    if kind == "flip-open":
        if oc == cc:
            return None
        return text[:o] + cc + text[o + 1 :]
    if kind == "delete":
        return text[:c] + text[c + 1 :]
    if kind == "delete-open":
        return text[:o] + text[o + 1 :]
    if kind == "space":
        if rng.random() < 0.5:
            return text[: o + 1] + " " + text[o + 1 :]
        return text[:c] + " " + text[c:]
    raise ValueError(kind)


EXPECTED = {
    "flip": "quote-direction",
    "glue": "quote-direction",
    "flip-open": "quote-direction",
    "delete": "quote-unbalanced",
    "delete-open": "quote-unbalanced",
    "space": "quote-spacing",
    "straight": "quote-style-mixed",
}


def straight_documents(sentences, rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    """(lang, clean, corrupted): 3-5 quoted sentences in typographic quotes, then one
    paragraph switched to straight quotes."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for lang, s in sentences:
        by_lang[lang].append(s)
    out = []
    for k in range(n):
        lang = "en" if k % 2 == 0 else "es"
        pick = rng.sample(by_lang[lang], min(len(by_lang[lang]), rng.randrange(3, 6)))
        paras = [to_typographic(s, lang) for s in pick]
        paras = [p for p in paras if p is not None]
        if len(paras) < 2:
            continue
        victim = rng.randrange(len(paras))
        corrupted = list(paras)
        corrupted[victim] = re.sub("[“”«»]", '"', paras[victim])
        out.append((lang, "\n\n".join(paras), "\n\n".join(corrupted)))
    return out


def to_typographic(sentence: str, lang: str) -> str | None:
    """The sentence with its double quotes as the language's typographic pair."""
    analysis = pair_quotes(sentence, None, lang)
    pairs = [p for p in analysis.pairs if p.level == 0 and p.close is not None]
    if not pairs or any(p.open.char in "'‘" for p in pairs):
        return None
    o, c = TYPO[lang]
    chars = list(sentence)
    for p in pairs:
        chars[p.open.offset], chars[p.close.offset] = o, c
    return "".join(chars)


# --- main ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="print every clean-text finding")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    docs = clean_documents()
    words = 0
    fp: Counter[str] = Counter()
    shown = []
    start = time.process_time()
    for name, lang, text in docs:
        words += len(WORD.findall(text))
        doc, findings = run_rules(text, lang)
        for f in findings:
            fp[f.rule] += 1
            line, col = doc.position(f.span.start)
            para = doc.paragraph_of(f.span.start)
            shown.append((name, line, col, f.rule, f.message, doc.slice(para) if para else ""))
    elapsed = time.process_time() - start

    print(f"## 1. Clean text: {len(docs)} documents, {words:,} words")
    print(f"{'rule':22} {'severity':9} {'findings':>8} {'per 10k words':>14}")
    for rule in RULES:
        n = fp[rule.name]
        sev = rule.default_severity.label + ("" if rule.enabled_by_default else "*")
        print(f"{rule.name:22} {sev:9} {n:8d} {n / words * 10_000:14.2f}")
    print("(* off by default)")
    if args.show:
        for item in shown:
            print("  {}:{}:{} {} {}\n      {}".format(*item))

    other_languages(args.show)

    sentences = quoted_sentences(docs)
    sentences += wrapped_sentences(docs, rng, 400)
    found: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    for kind in ("flip", "glue", "flip-open", "delete", "delete-open", "space"):
        for lang, sent in sentences:
            bad = corrupt(kind, lang, sent, rng)
            if bad is None:
                continue
            rule = EXPECTED[kind]
            _, before = run_rules(sent, lang)
            if any(f.rule == rule for f in before):
                continue
            tried[kind] += 1
            _, after = run_rules(bad, lang)
            if any(f.rule == rule for f in after):
                found[kind] += 1
            else:
                misses[kind].append(f"[{lang}] {bad}")
    for lang, clean, bad in straight_documents(sentences, rng, 200):
        _, before = run_rules(clean, lang)
        if any(f.rule == "quote-style-mixed" for f in before):
            continue
        tried["straight"] += 1
        _, after = run_rules(bad, lang)
        if any(f.rule == "quote-style-mixed" for f in after):
            found["straight"] += 1
        else:
            misses["straight"].append(bad.replace("\n\n", " ¶ "))

    print(f"\n## 2. Injected artifacts ({len(sentences)} quoted sentences, seed {args.seed})")
    print(f"{'artifact':11} {'rule':20} {'samples':>8} {'found':>6} {'recall':>7}")
    for kind, rule in EXPECTED.items():
        n = tried[kind]
        print(f"{kind:11} {rule:20} {n:8d} {found[kind]:6d} {found[kind] / max(n, 1):7.3f}")
    for kind, items in misses.items():
        for item in items[:5]:
            print(f"  missed {kind}: {item}")

    multi_paragraph(docs, rng, 300)

    print("\n## 3. Speed")
    print(f"quote rules: {words / elapsed:,.0f} words/s ({words:,} words in {elapsed:.2f} s)")
    print_all_rules_speed(docs, words)


def other_languages(show: bool) -> None:
    """Clean-text findings on the single sentences of the langid set (22 languages).

    These sentences were cut out of longer web and news texts, so a quotation that starts
    or ends in a neighbouring sentence shows up here as unbalanced: inspect with --show.
    """
    words = 0
    counts: Counter[str] = Counter()
    shown = []
    for row in read_tsv("langid_short_dev.tsv"):
        if row["kind"] != "sentence":
            continue
        text, lang = row["text"], row["lang"]
        words += len(WORD.findall(text))
        _, findings = run_rules(text, lang)
        for f in findings:
            counts[f.rule] += 1
            shown.append(f"  [{lang}] {f.rule} @{f.span.start}: {f.message}\n      {text}")
    print(f"\n## 1b. Other languages: langid sentences, {words:,} words")
    print(f"{'rule':22} {'findings':>8} {'per 10k words':>14}")
    for rule in RULES:
        n = counts[rule.name]
        print(f"{rule.name:22} {n:8d} {n / words * 10_000:14.2f}")
    if show:
        print("\n".join(shown))


def multi_paragraph(docs, rng: random.Random, n: int) -> None:
    """Section 2b: continued quotations (must pass) and turned marks before them (must flag)."""
    pool = []
    for _, lang, text in docs:
        for para in text.split("\n\n"):
            quoted = re.search("[\"'“”‘’«»]", para)
            if quoted or not 6 <= len(para.split()) <= 40:
                continue
            if para.endswith(".") and para[0].isupper():
                pool.append((lang, para))
    rng.shuffle(pool)
    by_lang: dict[str, list[str]] = defaultdict(list)
    for lang, sent in pool:
        by_lang[lang].append(sent)
    tag = {"en": ("she said", "he added"), "es": ("dijo ella", "añadió él")}
    lead = {"en": "She said, ", "es": "Dijo que, "}
    words = 0
    fp: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    found: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    for k in range(n):
        lang = "en" if k % 2 == 0 else "es"
        sents = by_lang[lang]
        a, b = sents[(2 * k) % len(sents)], sents[(2 * k + 1) % len(sents)]
        o, c = TYPO[lang]
        t1, t2 = tag[lang]
        nxt = f"{o}{b[:-1]},{c} {t2}."
        clean = [
            f"{o}{a}\n\n{nxt}",  # continued: reopened, closed in the last paragraph
            f"{lead[lang]}{o}{a[0].lower()}{a[1:]}\n\n{nxt}",  # lowercase start
            f"{o}{a}\n\n{o}{a}\n\n{nxt}",  # three paragraphs
        ]
        for text in clean:
            words += len(WORD.findall(text))
            for f in run_rules(text, lang)[1]:
                fp[f.rule] += 1
                misses["fp " + f.rule].append(text.replace("\n\n", " ¶ "))
        bad = {
            "tag-para": f"{o}{a[:-1]}, {o}{t1}.\n\n{nxt}",
            "tag-noopen": f"{a[:-1]}, {o}{t1}.\n\n{nxt}",
            "punct-para": f"{a[:-1]} {o}, {t1}.\n\n{nxt}",
        }
        for kind, text in bad.items():
            tried[kind] += 1
            if any(f.rule == "quote-direction" for f in run_rules(text, lang)[1]):
                found[kind] += 1
            else:
                misses[kind].append(text.replace("\n\n", " ¶ "))
    print(f"\n## 2b. Quotations over several paragraphs ({n} sentence pairs, en/es)")
    print(f"continued quotations: {words:,} words, findings per 10k words:")
    for rule in RULES:
        if fp[rule.name]:
            print(f"  {rule.name:22} {fp[rule.name]:6d} {fp[rule.name] / words * 10_000:8.2f}")
    if not fp:
        print("  (none)")
    print(f"{'artifact':11} {'rule':20} {'samples':>8} {'found':>6} {'recall':>7}")
    for kind in ("tag-para", "tag-noopen", "punct-para"):
        n_k = tried[kind]
        share = found[kind] / max(n_k, 1)
        print(f"{kind:11} {'quote-direction':20} {n_k:8d} {found[kind]:6d} {share:7.3f}")
    for kind, items in misses.items():
        for item in items[:3]:
            print(f"  {'missed ' if not kind.startswith('fp') else ''}{kind}: {item}")


def print_all_rules_speed(docs, words: int) -> None:
    """Every default rule that needs neither a source nor MT, for the ≥100k words/s budget."""
    try:
        from transcheck.rules import all_rules

        rules = [r for r in all_rules() if r.enabled_by_default and not r.needs_source]
        rules = [r for r in rules if not r.needs_mt]
        start = time.process_time()
        for _, lang, text in docs:
            run_rules(text, lang, rules)
        elapsed = time.process_time() - start
    except Exception as exc:  # other families are work in progress; report, don't fail
        print(f"all rules: not measured ({type(exc).__name__}: {exc})")
        return
    print(
        f"all {len(rules)} default rules without source/MT: {words / elapsed:,.0f} words/s"
        " (no language detector in the context)"
    )


if __name__ == "__main__":
    main()
