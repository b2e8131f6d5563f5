"""The source/draft/MT comparison that source-aware rules read.

`build_comparison` splits both documents into sentences, translates the
source sentences with each available backend (one batch call per backend),
aligns source and draft (on the first backend's MT, or by length when there
is none), and scores each aligned pair: chrF of the draft against the MT, the
draft's length against the expected length, and an outlier score that says
how unusual the pair is *for this document*. MT is a second opinion, not a
reference: the scores point at sentences worth a second look.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from transcheck.align import AlignedPair, align
from transcheck.findings import Span

if TYPE_CHECKING:
    from transcheck.document import Document
    from transcheck.mt.base import Translator
    from transcheck.scoring import Scorer

# Characters of draft per character of source in professional translation,
# measured on clean es/en pairs; other pairs default to 1.0 (the MT length,
# when available, is a better per-sentence estimate anyway).
_EXPECTED_RATIO = {("es", "en"): 0.88, ("en", "es"): 1.14}
# chrF of a human draft against MT when a document is too short for its own
# statistics (measured on clean es/en pairs with Apertium).
_PRIOR_CHRF = (50.0, 13.0)
_MIN_PAIRS_FOR_STATS = 6
_WORD = re.compile(r"[^\W\d_]{4,}")


def expected_ratio(src_lang: str, tgt_lang: str) -> float:
    return _EXPECTED_RATIO.get((src_lang[:2], tgt_lang[:2]), 1.0)


@dataclass
class MTRun:
    """One backend's translation of the source sentences and the draft's scores against it."""

    ident: str
    sentences: list[str]
    signature: str = ""
    scores: dict[str, float] = field(default_factory=dict)


@dataclass
class PairInfo:
    """An aligned bead with its scores (None where a side is missing or MT is off)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    align_score: float
    chrf: float | None = None  # first backend
    chrf_by_backend: dict[str, float] = field(default_factory=dict)
    length_ratio: float | None = None  # draft length / expected length
    divergence: float = 0.0  # robust z-score of chrF below the document's typical
    suspicion: float = 0.0  # combined score in [0, 1]; higher = look here first

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass
class Comparison:
    source: Document
    draft: Document
    src_lang: str
    tgt_lang: str
    source_sentences: list[Span]
    draft_sentences: list[Span]
    mt: list[MTRun] = field(default_factory=list)
    pairs: list[PairInfo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    # -- text access -------------------------------------------------------

    def source_text(self, idx: Sequence[int]) -> str:
        return " ".join(self.source.analysis_text[s.start : s.end] for s in self._spans(idx, True))

    def draft_text(self, idx: Sequence[int]) -> str:
        return " ".join(self.draft.analysis_text[s.start : s.end] for s in self._spans(idx, False))

    def mt_text(self, idx: Sequence[int], backend: int = 0) -> str | None:
        if backend >= len(self.mt):
            return None
        return " ".join(self.mt[backend].sentences[i] for i in idx)

    def source_span(self, idx: Sequence[int]) -> Span | None:
        return _cover(self._spans(idx, True))

    def draft_span(self, idx: Sequence[int]) -> Span | None:
        return _cover(self._spans(idx, False))

    def _spans(self, idx: Sequence[int], source: bool) -> list[Span]:
        spans = self.source_sentences if source else self.draft_sentences
        return [spans[i] for i in idx]

    # -- JSON ----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The "mt" object of the JSON report (backend, scores, signature, segments)."""
        first = self.mt[0] if self.mt else None
        segments = []
        for pair in self.pairs:
            src_span, tgt_span = self.source_span(pair.src), self.draft_span(pair.tgt)
            segments.append(
                {
                    "kind": pair.kind,
                    "source": list(pair.src),
                    "draft": list(pair.tgt),
                    "source_span": [src_span.start, src_span.end] if src_span else None,
                    "draft_span": [tgt_span.start, tgt_span.end] if tgt_span else None,
                    "align_score": round(pair.align_score, 4),
                    "chrf": pair.chrf,
                    "length_ratio": _r(pair.length_ratio),
                    "divergence": round(pair.divergence, 3),
                    "suspicion": round(pair.suspicion, 4),
                    "mt": self.mt_text(pair.src) if first and pair.src else None,
                }
            )
        return {
            "backend": first.ident if first else None,
            "scores": dict(first.scores) if first else None,
            "signature": first.signature if first else None,
            "backends": [
                {"backend": run.ident, "scores": dict(run.scores), "signature": run.signature}
                for run in self.mt
            ],
            "segments": segments,
            "notes": list(self.notes),
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _cover(spans: list[Span]) -> Span | None:
    if not spans:
        return None
    return Span(min(s.start for s in spans), max(s.end for s in spans))


def _ident(translator: Translator, src: str, tgt: str) -> str:
    try:
        return translator.ident(src, tgt)  # type: ignore[call-arg]
    except TypeError:
        return translator.ident()


def build_comparison(
    source: Document,
    draft: Document,
    src_lang: str,
    tgt_lang: str,
    translators: Sequence[Translator] = (),
    unit_spans: tuple[list[Span], list[Span]] | None = None,
) -> Comparison:
    """Split, translate (one batch per backend), align and score source vs draft.

    `unit_spans` are the (source, target) spans of a bilingual file's units: they are
    already paired one to one, so they are neither split into sentences nor aligned.
    """
    if unit_spans is not None:
        src_spans, tgt_spans = list(unit_spans[0]), list(unit_spans[1])
        beads = [AlignedPair((i,), (i,), 1.0) for i in range(len(src_spans))]
    else:
        src_spans, tgt_spans, beads = list(source.sentences), list(draft.sentences), None
    src_texts = [source.analysis_text[s.start : s.end] for s in src_spans]
    notes: list[str] = []
    runs: list[MTRun] = []
    for translator in translators:
        name = getattr(translator, "name", type(translator).__name__)
        try:
            ident = _ident(translator, src_lang, tgt_lang)
            out = translator.translate(src_texts, src_lang, tgt_lang) if src_texts else []
        except RuntimeError as exc:  # MTUnavailable, MTError, a backend's own failure
            notes.append(f"MT backend {name} skipped: {exc}")
            continue
        if len(out) != len(src_texts):
            notes.append(
                f"MT backend {name} skipped: {len(out)} outputs for {len(src_texts)} inputs"
            )
            continue
        runs.append(MTRun(ident=ident, sentences=list(out)))
    return comparison_from_sentences(
        source, draft, src_lang, tgt_lang, src_spans, tgt_spans, runs, notes, beads=beads
    )


def comparison_from_sentences(
    source: Document,
    draft: Document,
    src_lang: str,
    tgt_lang: str,
    src_spans: list[Span],
    tgt_spans: list[Span],
    runs: list[MTRun],
    notes: list[str] | None = None,
    scorer: Scorer | None = None,
    beads: list[AlignedPair] | None = None,
) -> Comparison:
    """Align (unless `beads` are given) and score sentence spans and MT runs."""
    from transcheck.scoring import Scorer

    comp = Comparison(
        source, draft, src_lang, tgt_lang, src_spans, tgt_spans, runs, [], list(notes or [])
    )
    src_texts = [comp.source_text([i]) for i in range(len(src_spans))]
    tgt_texts = [comp.draft_text([j]) for j in range(len(tgt_spans))]
    if beads is None:
        beads = align(src_texts, tgt_texts, runs[0].sentences if runs else None)
    comp.pairs = [PairInfo(b.src, b.tgt, b.score) for b in beads]
    scorer = scorer or (Scorer() if runs else None)
    for run in runs:
        hyps = [comp.draft_text(p.tgt) for p in comp.pairs]
        refs = [" ".join(run.sentences[i] for i in p.src) for p in comp.pairs]
        if scorer is not None and hyps:
            run.scores = scorer.corpus_scores(hyps, refs)
            run.signature = scorer.signature()
        for pair, hyp, ref in zip(comp.pairs, hyps, refs, strict=True):
            if pair.src and pair.tgt and scorer is not None:
                pair.chrf_by_backend[run.ident] = scorer.sentence_chrf(hyp, ref)
    ratio = expected_ratio(src_lang, tgt_lang)
    for pair in comp.pairs:
        if runs and pair.chrf_by_backend:
            pair.chrf = pair.chrf_by_backend.get(runs[0].ident)
        if pair.src and pair.tgt:
            draft_len = len(comp.draft_text(pair.tgt))
            mt = comp.mt_text(pair.src)
            expected = len(mt) if mt else len(comp.source_text(pair.src)) * ratio
            pair.length_ratio = draft_len / max(expected, 1.0)
    _score_outliers(comp)
    return comp


def _score_outliers(comp: Comparison) -> None:
    """Divergence: robust z-score of a pair's chrF below the document's median."""
    values = [p.chrf for p in comp.pairs if p.chrf is not None]
    if len(values) >= _MIN_PAIRS_FOR_STATS:
        centre = statistics.median(values)
        mad = statistics.median(abs(v - centre) for v in values) * 1.4826
        spread = max(mad, 5.0)  # a very uniform document must not make small dips outliers
    else:
        centre, spread = _PRIOR_CHRF
    for pair in comp.pairs:
        if pair.chrf is not None:
            pair.divergence = (centre - pair.chrf) / spread
        pair.suspicion = (
            suspicion(
                comp.source_text(pair.src),
                comp.draft_text(pair.tgt),
                comp.mt_text(pair.src),
                pair.chrf,
                pair.length_ratio,
            )
            if pair.src and pair.tgt
            else 1.0
        )


def untranslated_ratio(source: str, draft: str, mt: str | None) -> float:
    """Share of the draft's words (4+ letters) copied from the source that the MT did
    translate (words the MT kept too — names, terms — don't count)."""
    src_words = {w.lower() for w in _WORD.findall(source)}
    mt_words = {w.lower() for w in _WORD.findall(mt or "")}
    words = [w.lower() for w in _WORD.findall(draft)]
    if not words:
        return 0.0
    copied = [w for w in words if w in src_words and w not in mt_words]
    return len(copied) / len(words)


def suspicion(
    source: str, draft: str, mt: str | None, chrf: float | None, length_ratio: float | None
) -> float:
    """A transparent 0-1 score for "this pair deserves a second look".

    A logistic combination of: the draft much shorter than expected (omission),
    much longer (addition), low chrF against the MT, numbers of the source
    missing from the draft, and words copied from the source that the MT
    translated (untranslated). Weights were set by hand on the MQM dev data
    (bench/mqm_auroc.py) and kept round so they stay explainable.
    """
    from transcheck.numbers import missing_numbers

    z = -3.0
    if length_ratio is not None and length_ratio > 0:
        log_ratio = math.log(length_ratio)
        z += 10.0 * max(0.0, -log_ratio - 0.05)  # shorter than expected
        z += 2.0 * max(0.0, log_ratio - 0.3)  # longer than expected
    if chrf is not None:
        z += 0.03 * max(0.0, 60.0 - chrf)
    missing, _ = missing_numbers(source, None, draft, None)
    z += 1.5 * min(len(missing), 2)
    z += 4.0 * untranslated_ratio(source, draft, mt)
    return 1.0 / (1.0 + math.exp(-z))


class _FixedTranslator:
    """Hands back given translations (benches and tests that already have the MT)."""

    name = "fixed"

    def __init__(self, outputs: Sequence[str], ident: str = "fixed") -> None:
        self.outputs = list(outputs)
        self._ident = ident

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        return self._ident

    def pairs(self) -> set[tuple[str, str]]:
        return set()

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        return list(self.outputs[: len(texts)])


def single_pair_comparison(
    source: str,
    draft: str,
    src_lang: str,
    tgt_lang: str,
    mt: str | None = None,
    scorer: Scorer | None = None,
) -> Comparison:
    """A comparison of one source segment with one draft segment, aligned 1-1."""
    from transcheck.document import Document

    src_doc = Document("<source>", source, src_lang)
    tgt_doc = Document("<draft>", draft, tgt_lang)
    runs = [MTRun("fixed", [mt])] if mt is not None else []
    src_spans = [Span(0, len(source))] if source.strip() else []
    tgt_spans = [Span(0, len(draft))] if draft.strip() else []
    beads = [AlignedPair((0,), (0,), 1.0)] if src_spans and tgt_spans else None
    return comparison_from_sentences(
        src_doc,
        tgt_doc,
        src_lang,
        tgt_lang,
        src_spans,
        tgt_spans,
        runs,
        scorer=scorer,
        beads=beads,
    )
