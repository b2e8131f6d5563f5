"""Does the MT comparison point at the segments professional MQM annotators marked?

    .venv/bin/python bench/mqm_auroc.py

For every segment of mqm_{en_es,es_en}_dev.tsv (MT and human translations of
medical abstracts with MQM annotations), translate the source with Apertium
(cached in bench/out/), compute the per-pair features of transcheck.compare
and report the AUROC of each feature and of the combined `suspicion` score
for: Major/Critical Omission, Untranslated, Mistranslation, and any Major/
Critical Accuracy error. The hand-set weights of `suspicion` are evaluated on
both halves of the documents (split by doc_id parity) so that any tuning done
on one half can be checked on the other. Also precision/recall of the
findings the rules raise at their default thresholds.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_source import ROOT, apertium_cached, read_tsv

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


def _half(doc_id: str) -> int:
    """A stable split of documents in two halves (by a hash of the doc id)."""
    import hashlib

    return hashlib.sha256(doc_id.encode()).digest()[0] % 2


def segment_features(rows, src_lang, tgt_lang, mt_by_source, scorer):
    from transcheck.compare import expected_ratio, suspicion, untranslated_ratio
    from transcheck.numbers import missing_numbers

    ratio = expected_ratio(src_lang, tgt_lang)
    feats = []
    for r in rows:
        src, tgt, mt = r["source"], r["target"], mt_by_source[r["source"]]
        chrf = scorer.sentence_chrf(tgt, mt)
        len_mt = len(tgt) / max(len(mt), 1)
        missing, _ = missing_numbers(src, src_lang, tgt, tgt_lang)
        feats.append(
            {
                "chrF vs MT (low)": -chrf,
                "length vs MT (short)": -math.log(max(len_mt, 1e-3)),
                "length vs source (short)": -math.log(max(len(tgt) / (len(src) * ratio), 1e-3)),
                "missing numbers": float(len(missing)),
                "untranslated ratio": untranslated_ratio(src, tgt, mt),
                "suspicion (combined)": suspicion(src, tgt, mt, chrf, len_mt),
            }
        )
    return feats


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


def main() -> None:
    from transcheck.scoring import Scorer

    scorer = Scorer()
    print("AUROC of segment features for MQM Major/Critical accuracy errors (Apertium MT)")
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
        truth = [labels(json.loads(r["errors_json"])) for r in rows]
        counts = {lab: sum(t[lab] for t in truth) for lab in LABELS}
        print(
            f"\n{src_lang}->{tgt_lang}: {len(rows)} segments; positives: "
            + ", ".join(f"{lab} {counts[lab]}" for lab in LABELS)
        )
        print(f"{'feature':<26}" + "".join(f"{lab:>20}" for lab in LABELS))
        for feat in feats[0]:
            cells = [auroc([f[feat] for f in feats], [t[lab] for t in truth]) for lab in LABELS]
            print(f"{feat:<26}" + "".join(f"{c:>20.3f}" for c in cells))
        # Held-out check: the combined score on each half of the documents.
        for parity in (0, 1):
            idx = [k for k, r in enumerate(rows) if _half(r["doc_id"]) == parity]
            cells = [
                auroc([feats[k]["suspicion (combined)"] for k in idx], [truth[k][lab] for k in idx])
                for lab in LABELS
            ]
            print(
                f"{'combined, doc half ' + str(parity):<26}" + "".join(f"{c:>20.3f}" for c in cells)
            )
        # Findings at default thresholds, segment level.
        by_rule: dict[str, list[int]] = {}
        for k, r in enumerate(rows):
            for f in findings_for(r, src_lang, tgt_lang, mt_by_source[r["source"]], scorer):
                by_rule.setdefault(f.rule, [])
                if k not in by_rule[f.rule]:
                    by_rule[f.rule].append(k)
        print(
            f"\n{'rule (default options)':<26}{'segments':>9}{'precision':>10}"
            f"{'recall':>8}  (positive = any Major/Critical accuracy error)"
        )
        positives = counts["any-major-accuracy"]
        for rule, ks in sorted(by_rule.items()):
            tp = sum(truth[k]["any-major-accuracy"] for k in ks)
            print(f"{rule:<26}{len(ks):>9}{tp / len(ks):>10.3f}{tp / positives:>8.3f}")


if __name__ == "__main__":
    main()
