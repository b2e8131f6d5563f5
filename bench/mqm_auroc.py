"""Does the MT comparison point at the segments professional MQM annotators marked?

    .venv/bin/python bench/mqm_auroc.py [--fit [--drop F]... [--seed S] [--misses N]] [--bt]
                                        [--label L] [--rules]

For every segment of mqm_{en_es,es_en}_dev.tsv (MT and human translations of
medical abstracts with MQM annotations), translate the source with Apertium
(cached in bench/out/), compute the per-pair features of transcheck.compare
and report the AUROC of each feature and of the combined `suspicion` score
for: Major/Critical Omission, Untranslated, Mistranslation, and any Major/
Critical Accuracy error. `--fit` refits the logistic weights of `suspicion` on
document half 0 (a hash of doc_id) of both directions and prints them as
constants for transcheck/compare.py; half 1 is the held-out evaluation (the
table's "HELD-OUT" row); `--fit` also fits on half 1 and evaluates on half 0
(the swapped protocol) and prints the mean of both held-out halves: with ~12
documents a half, one split alone swings by 0.1. `--seed S` draws another split
(a hash of S and doc_id), to check that a change does not only suit one split.
The mean is also given without the positives whose annotated spans (for that
label) are all absent from the segment text (an annotation of a neighbouring
segment: 30 of 233 en->es any-Major positives), as a second figure; the headline is
the one on all rows. `--misses N` prints the N lowest-ranked held-out positives
of --label and the N highest-ranked negatives. `--drop F` leaves a feature
out of the fit (ablation). `--bt` adds back-translation features (Apertium,
draft -> source, cached in bench/out/mqm-bt-*.json) to measure whether a second
MT call would pay. `--rules` adds precision/recall per label of the findings the
rules raise at their default thresholds (slow: a few minutes). Apertium output
(and, for the unknown-word feature, apertium without -u) is cached in bench/out/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_source import OUT, ROOT, apertium_cached, read_tsv

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MAJOR = {"Major", "Critical"}
LABELS = ("omission", "untranslated", "mistranslation", "any-major-accuracy")


def labels(errors: list[dict]) -> dict[str, bool]:
    major = [e for e in errors if e["severity"] in MAJOR and e["category"] == "Accuracy"]
    subs = {e["subcategory"] for e in major}
    return {
        "omission": "Omission" in subs,
        "untranslated": "Untranslated" in subs,
        "mistranslation": "Mistranslation" in subs,
        "any-major-accuracy": bool(major),
    }


def auroc(scores: list[float], truth: list[bool]) -> float:
    """Mann-Whitney AUROC with ties counted half."""
    pos = [s for s, t in zip(scores, truth, strict=True) if t]
    neg = [s for s, t in zip(scores, truth, strict=True) if not t]
    if not pos or not neg:
        return float("nan")
    ranked = sorted((s, k) for k, s in enumerate(scores))
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(ranked):
        j = i
        while j + 1 < len(ranked) and ranked[j + 1][0] == ranked[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[ranked[k][1]] = (i + j) / 2 + 1
        i = j + 1
    pos_rank = sum(r for r, t in zip(ranks, truth, strict=True) if t)
    return (pos_rank - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


_SPLIT_SEED = ""  # --seed: another stable split of the documents


def _half(doc_id: str) -> int:
    """A stable split of documents in two halves (by a hash of the doc id)."""
    return hashlib.sha256((_SPLIT_SEED + doc_id).encode()).digest()[0] % 2


_SUBCATEGORY = {"omission": "Omission", "untranslated": "Untranslated"}
_SUBCATEGORY["mistranslation"] = "Mistranslation"


def spans_absent(row: dict, label: str) -> bool:
    """Whether every Major accuracy span of `label` is absent from the segment's text
    (the annotation belongs to a neighbouring segment): a label the text cannot show."""
    want = _SUBCATEGORY.get(label)
    errors = [
        e
        for e in json.loads(row["errors_json"])
        if e["severity"] in MAJOR
        and e["category"] == "Accuracy"
        and (want is None or e["subcategory"] == want)
    ]
    text = {"source": row["source"], "target": row["target"]}
    return bool(errors) and not any(e["term"] in text.get(e["side"], "") for e in errors)


def segment_features(rows, src_lang, tgt_lang, mt_by_source, scorer):
    """Per segment: chrF vs MT and the features of transcheck.compare.suspicion_features."""
    from transcheck.compare import _copied_common_words, suspicion_features

    feats = []
    for r in rows:
        src, tgt, mt = r["source"], r["target"], mt_by_source[r["source"]]
        chrf = scorer.sentence_chrf(tgt, mt)
        feat = suspicion_features(src, tgt, mt, chrf, src_lang, tgt_lang)
        # Whether suspicion's untranslated floor applies (kept out of the fit).
        feat["_floor"] = feat["untranslated"] >= 0.5 and _copied_common_words(src, tgt, mt) >= 2
        feats.append(feat)
    return feats


def combined(
    feat: dict[str, float], bias: float, weights: dict[str, float], floor: bool = False
) -> float:
    """The logit of transcheck.compare.suspicion (same ranking), with its untranslated floor."""
    import math

    from transcheck.compare import _UNTRANSLATED_FLOOR

    z = bias + sum(weights[k] * feat[k] for k in weights)
    if floor:
        z = max(z, math.log(_UNTRANSLATED_FLOOR / (1 - _UNTRANSLATED_FLOOR)))
    return z


def fit_logistic(x, y, l2: float = 1.0, iterations: int = 50):
    """Newton-Raphson (IRLS) for L2-regularised logistic regression; bias unpenalised."""
    import numpy as np

    x = np.hstack([np.ones((x.shape[0], 1)), x])
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def unknown_marks(sources: list[str], src_lang: str, tgt_lang: str) -> dict[str, float] | None:
    """Share of MT words marked unknown (*word) by apertium without -u, per source (cached)."""
    import shutil
    import subprocess

    cache = OUT / f"mqm-marks-{src_lang}-{tgt_lang}.json"
    digest = hashlib.sha256("\n".join(sources).encode()).hexdigest()
    if cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("digest") == digest:
            return dict(zip(sources, data["marks"], strict=True))
    if shutil.which("apertium") is None:
        return None
    mode = {"es": "spa", "en": "eng"}[src_lang] + "-" + {"es": "spa", "en": "eng"}[tgt_lang]
    text = "\n\n".join(s.replace("\n", " ") for s in sources)
    out = subprocess.run(["apertium", mode], input=text, capture_output=True, text=True)
    outs = [o for o in out.stdout.split("\n\n")]
    if len(outs) < len(sources):
        return None
    marks = []
    for o in outs[: len(sources)]:
        words = o.split()
        marks.append(sum(w.startswith("*") for w in words) / max(len(words), 1))
    cache.write_text(json.dumps({"digest": digest, "marks": marks}), encoding="utf-8")
    return dict(zip(sources, marks, strict=True))


def findings_for(row, src_lang, tgt_lang, mt, scorer):
    from transcheck.compare import single_pair_comparison
    from transcheck.registry import RuleContext
    from transcheck.rules.source import RULES

    comp = single_pair_comparison(row["source"], row["target"], src_lang, tgt_lang, mt, scorer)
    ctx = RuleContext(
        document=comp.draft,
        lang=tgt_lang,
        source=comp.source,
        source_lang=src_lang,
        comparison=comp,
    )
    return [f for rule in RULES for f in rule().check(ctx)]


def backtranslation_features(rows, src_lang, tgt_lang, scorer) -> bool:
    """Add candidate features from Apertium's back-translation of each draft into the
    source language (cached in bench/out/mqm-bt-*.json): bt_low_chrf, (100 - chrF of the
    back-translation against the source) / 100; bt_short, |log| of its length over the
    source's when shorter; bt_uncovered, share of source words (4+ letters) whose first
    4 letters start no back-translated word. Not shipped: see the report of --bt."""
    import math
    import re

    targets = sorted({r["target"] for r in rows})
    bt = apertium_cached(targets, tgt_lang, src_lang, "mqm-bt")
    if bt is None:
        return False
    bt_by_target = dict(zip(targets, bt, strict=True))
    word = re.compile(r"[^\W\d_]{4,}")
    for r in rows:
        src, back = r["source"], bt_by_target[r["target"]]
        prefixes = {w.lower()[:4] for w in word.findall(back)}
        src_words = [w.lower()[:4] for w in word.findall(src)]
        r["_bt"] = {
            "bt_low_chrf": (100.0 - scorer.sentence_chrf(back, src)) / 100.0,
            "bt_short": max(0.0, -math.log(max(len(back), 1) / max(len(src), 1))),
            "bt_uncovered": sum(w not in prefixes for w in src_words) / len(src_words)
            if src_words
            else 0.0,
        }
    return True


def semantic_features(rows, src_lang, tgt_lang) -> str | None:
    """Add `semantic` (1 - cosine of source and draft embeddings, transcheck.semantic) to
    each row (cached in bench/out/mqm-semantic-*.json); returns the model ident."""
    from transcheck import semantic

    if not semantic.available():
        print(f"semantic extra missing ({semantic.INSTALL_HINT}): --semantic skipped")
        return None
    pairs = [(r["source"], r["target"]) for r in rows]
    model = semantic.ident()
    cache = OUT / f"mqm-semantic-{src_lang}-{tgt_lang}.json"
    digest = hashlib.sha256(("\x1e".join(f"{a}\x1f{b}" for a, b in pairs) + model).encode())
    data = json.loads(cache.read_text(encoding="utf-8")) if cache.exists() else {}
    if data.get("digest") != digest.hexdigest():
        data = {"digest": digest.hexdigest(), "values": semantic.distances(pairs)}
        OUT.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(data), encoding="utf-8")
    for r, value in zip(rows, data["values"], strict=True):
        r["_semantic"] = value
    return model


def load(scorer, backtranslation: bool = False, semantic: bool = False):
    """Rows, features and labels of both directions (features cached per process)."""
    data = []
    for name, src_lang, tgt_lang in (
        ("mqm_es_en_dev.tsv", "es", "en"),
        ("mqm_en_es_dev.tsv", "en", "es"),
    ):
        rows = read_tsv(name)
        sources = sorted({r["source"] for r in rows})
        mt = apertium_cached(sources, src_lang, tgt_lang, "mqm")
        if mt is None:
            print(f"{name}: Apertium unavailable, skipped")
            continue
        mt_by_source = dict(zip(sources, mt, strict=True))
        feats = segment_features(rows, src_lang, tgt_lang, mt_by_source, scorer)
        if backtranslation and backtranslation_features(rows, src_lang, tgt_lang, scorer):
            for feat, r in zip(feats, rows, strict=True):
                feat.update(r.pop("_bt"))
        if semantic and semantic_features(rows, src_lang, tgt_lang):
            for feat, r in zip(feats, rows, strict=True):
                feat["semantic"] = r.pop("_semantic")
        marks = unknown_marks(sources, src_lang, tgt_lang)
        truth = [labels(json.loads(r["errors_json"])) for r in rows]
        data.append((src_lang, tgt_lang, rows, mt_by_source, feats, truth, marks))
    return data


def fit(
    data, label: str, half: int = 0, drop: tuple[str, ...] = ()
) -> tuple[float, dict[str, float]]:
    """Fit on doc half `half`; a feature whose weight comes out negative (evidence *against*
    an error: an artefact of correlated features) is dropped and the rest refit, so
    every shipped weight reads as "more of this, more suspicious"."""
    import numpy as np

    all_names = [n for n in data[0][4][0] if not n.startswith("_")]
    names = [n for n in all_names if n not in drop]
    while True:
        x, y = [], []
        for *_, rows, _, feats, truth, _ in data:
            for k, r in enumerate(rows):
                if _half(r["doc_id"]) == half:
                    x.append([feats[k][n] for n in names])
                    y.append(float(truth[k][label]))
        bias, w = fit_logistic(np.array(x), np.array(y))
        if w.min() >= 0:
            break
        names.pop(int(w.argmin()))
    weights = dict.fromkeys(all_names, 0.0)
    weights.update(zip(names, (float(v) for v in w), strict=True))
    return bias, weights


def _mean_without_absent(rows, truth, held_score, label: str) -> float:
    """Mean held-out AUROC of both halves, leaving out positives with absent spans."""
    cells = []
    for parity in (0, 1):
        idx = [
            k
            for k, r in enumerate(rows)
            if _half(r["doc_id"]) == parity and not (truth[k][label] and spans_absent(r, label))
        ]
        cells.append(auroc([held_score[k] for k in idx], [truth[k][label] for k in idx]))
    return sum(cells) / 2


def print_misses(rows, mt_by_source, feats, truth, held_score, label: str, n: int) -> None:
    """The lowest-ranked positives and highest-ranked negatives (held-out scores), with
    the Major spans and the non-zero features: what the score misses."""
    order = sorted(range(len(rows)), key=lambda k: held_score[k])
    positives = [k for k in order if truth[k][label]][:n]
    negatives = [k for k in reversed(order) if not truth[k][label]][:n]
    for title, ks in (
        ("lowest-ranked positives", positives),
        ("highest-ranked negatives", negatives),
    ):
        print(f"\n{title} ({label}, held-out logit):")
        for k in ks:
            r = rows[k]
            print(
                f"  {r['doc_id']}/{r['seg_id']} {r['system']} {r['annotator']}"
                f" z={held_score[k]:.2f}"
            )
            print(f"    source: {r['source']}\n    draft:  {r['target']}")
            print(f"    MT:     {mt_by_source[r['source']]}")
            for e in json.loads(r["errors_json"]):
                if e["severity"] in MAJOR:
                    side = r["source"] if e["side"] == "source" else r["target"]
                    where = "" if e["term"] in side else " (absent from the segment)"
                    print(
                        f"    {e['category']}/{e['subcategory']} [{e['side']}] {e['term']!r}{where}"
                    )
            shown = {f: round(v, 2) for f, v in feats[k].items() if v and not f.startswith("_")}
            print(f"    features: {shown}")


def main() -> None:
    from transcheck.compare import (
        SEMANTIC_SUSPICION_BIAS,
        SEMANTIC_SUSPICION_WEIGHTS,
        SUSPICION_BIAS,
        SUSPICION_WEIGHTS,
    )
    from transcheck.scoring import Scorer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="refit the weights on doc half 0")
    parser.add_argument("--label", default="any-major-accuracy", choices=LABELS)
    parser.add_argument("--rules", action="store_true", help="also precision of rule findings")
    parser.add_argument(
        "--bt",
        action="store_true",
        help="add back-translation features (a second Apertium call, draft -> source)",
    )
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="add the cross-lingual semantic feature (transcheck[semantic]) and use the "
        "SEMANTIC_SUSPICION_* weights",
    )
    parser.add_argument(
        "--seed", default="", help="with --fit: another document split (hash of SEED + doc_id)"
    )
    parser.add_argument(
        "--misses",
        type=int,
        default=0,
        metavar="N",
        help="with --fit: print the N lowest-ranked positives and highest-ranked negatives",
    )
    parser.add_argument(
        "--drop",
        action="append",
        default=[],
        metavar="FEATURE",
        help="with --fit: leave this feature out of the fit (ablation; repeatable)",
    )
    args = parser.parse_args()
    global _SPLIT_SEED
    _SPLIT_SEED = args.seed
    scorer = Scorer()
    data = load(scorer, args.bt, args.semantic)
    bias, weights = SUSPICION_BIAS, SUSPICION_WEIGHTS
    prefix = ""
    if args.semantic and "semantic" in data[0][4][0]:
        bias, weights, prefix = SEMANTIC_SUSPICION_BIAS, SEMANTIC_SUSPICION_WEIGHTS, "SEMANTIC_"
        from transcheck.semantic import ident

        print(f"semantic model: {ident()}")
    swapped = None  # weights fit on half 1, to evaluate on half 0 (the swapped protocol)
    if args.fit:
        drop = tuple(args.drop)
        swapped = fit(data, args.label, half=1, drop=drop)
        bias, weights = fit(data, args.label, drop=drop)
        print(f"fit on doc half 0 of both directions, label {args.label}:")
        print(f"{prefix}SUSPICION_BIAS = {bias:.2f}")
        print(f"{prefix}SUSPICION_WEIGHTS = {{")
        for k, v in weights.items():
            print(f'    "{k}": {v:.2f},')
        print("}")
    print("\nAUROC of segment features for MQM Major/Critical accuracy errors (Apertium MT)")
    for src_lang, tgt_lang, rows, mt_by_source, feats, truth, marks in data:
        counts = {lab: sum(t[lab] for t in truth) for lab in LABELS}
        print(
            f"\n{src_lang}->{tgt_lang}: {len(rows)} segments; positives: "
            + ", ".join(f"{lab} {counts[lab]}" for lab in LABELS)
        )
        print(f"{'feature (all segments)':<30}" + "".join(f"{lab:>19}" for lab in LABELS))
        columns = {n: [f[n] for f in feats] for n in feats[0] if not n.startswith("_")}
        if marks is not None:
            columns["MT unknown words (*)"] = [marks[r["source"]] for r in rows]
        columns["suspicion (combined)"] = [
            combined(f, bias, weights, bool(f["_floor"])) for f in feats
        ]
        for feat, values in columns.items():
            cells = [auroc(values, [t[lab] for t in truth]) for lab in LABELS]
            print(f"{feat:<30}" + "".join(f"{c:>19.3f}" for c in cells))
        # Held-out: the weights are fit on half 0; half 1 was never seen by the fit.
        held_out = []
        held_score = [0.0] * len(rows)  # each row scored by the fit on the other half
        for parity, what in ((0, "fit half 0"), (1, "HELD-OUT half 1")):
            idx = [k for k, r in enumerate(rows) if _half(r["doc_id"]) == parity]
            scores = [columns["suspicion (combined)"][k] for k in idx]
            cells = [auroc(scores, [truth[k][lab] for k in idx]) for lab in LABELS]
            print(f"{'combined, ' + what:<30}" + "".join(f"{c:>19.3f}" for c in cells))
            if parity == 1:
                held_out.append(cells)
                for k, value in zip(idx, scores, strict=True):
                    held_score[k] = value
        if swapped is not None:
            # The swapped protocol: weights fit on half 1, evaluated on half 0.
            idx = [k for k, r in enumerate(rows) if _half(r["doc_id"]) == 0]
            scores = [combined(feats[k], *swapped, bool(feats[k]["_floor"])) for k in idx]
            cells = [auroc(scores, [truth[k][lab] for k in idx]) for lab in LABELS]
            print(f"{'HELD-OUT half 0 (fit on 1)':<30}" + "".join(f"{c:>19.3f}" for c in cells))
            held_out.append(cells)
            for k, value in zip(idx, scores, strict=True):
                held_score[k] = value
            mean = [sum(c[i] for c in held_out) / 2 for i in range(len(LABELS))]
            print(f"{'held-out, mean of both':<30}" + "".join(f"{c:>19.3f}" for c in mean))
            print(
                f"{'  without spans absent':<30}"
                + "".join(
                    f"{_mean_without_absent(rows, truth, held_score, lab):>19.3f}" for lab in LABELS
                )
            )
            absent = [
                sum(t[lab] and spans_absent(r, lab) for r, t in zip(rows, truth, strict=True))
                for lab in LABELS
            ]
            print(f"{'  (positives left out)':<30}" + "".join(f"{n:>19}" for n in absent))
            if args.misses:
                print_misses(rows, mt_by_source, feats, truth, held_score, args.label, args.misses)
        if not args.rules:
            continue
        by_rule: dict[str, list[int]] = {}
        for k, r in enumerate(rows):
            for f in findings_for(r, src_lang, tgt_lang, mt_by_source[r["source"]], scorer):
                by_rule.setdefault(f.rule, [])
                if k not in by_rule[f.rule]:
                    by_rule[f.rule].append(k)
        print(
            f"\n{'rule (default options)':<26}{'segments':>9}"
            + "".join(f"{lab[:12] + ' P/R':>19}" for lab in LABELS)
        )
        for rule, ks in sorted(by_rule.items()):
            cells = []
            for lab in LABELS:
                tp = sum(truth[k][lab] for k in ks)
                cells.append(f"{tp / len(ks):.3f}/{tp / max(counts[lab], 1):.3f}")
            print(f"{rule:<26}{len(ks):>9}" + "".join(f"{c:>19}" for c in cells))


if __name__ == "__main__":
    main()
