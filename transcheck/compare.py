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
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from transcheck.align import AlignedPair, align
from transcheck.findings import Span
from transcheck.numbers import missing_numbers

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


@dataclass(slots=True)
class PairInfo:
    """An aligned bead with its scores (None where a side is missing or MT is off)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    align_score: float
    chrf: float | None = None  # first backend
    chrf_by_backend: dict[str, float] = field(default_factory=dict)
    length_ratio: float | None = None  # draft length / expected length
    divergence: float = 0.0  # robust z-score of chrF below the document's typical
    # 1 - cosine of the source and draft sentence embeddings (transcheck.semantic);
    # None unless the semantic switch is on and its extra installed.
    semantic: float | None = None
    # The comparison this pair belongs to, from which `suspicion` is computed on first
    # read: no rule reads it (only the JSON/HTML reports do), and it costs more than
    # the rest of a bilingual file's comparison without MT.
    owner: Comparison | None = field(default=None, repr=False, compare=False)
    _suspicion: float | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def suspicion(self) -> float:
        """Combined score in [0, 1]; higher = look here first (1 for an unpaired side,
        0 for a pair outside any comparison)."""
        if self._suspicion is None:
            self._suspicion = self.owner.pair_suspicion(self) if self.owner is not None else 0.0
        return self._suspicion

    @suspicion.setter
    def suspicion(self, value: float) -> None:
        self._suspicion = value


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
    semantic_model: str | None = None  # transcheck.semantic.ident() when pairs carry `semantic`
    # Each sentence's text, sliced once: rules ask for the same pairs' texts many times.
    _texts: dict[bool, list[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # -- text access -------------------------------------------------------

    def source_text(self, idx: Sequence[int]) -> str:
        return self._joined(idx, True)

    def draft_text(self, idx: Sequence[int]) -> str:
        return self._joined(idx, False)

    def sentence_texts(self, source: bool) -> list[str]:
        """Each sentence's text on one side, by sentence index (sliced once; do not modify)."""
        texts = self._texts.get(source)
        if texts is None:
            doc = self.source if source else self.draft
            text = doc.analysis_text
            spans = self.source_sentences if source else self.draft_sentences
            texts = self._texts[source] = [text[s.start : s.end] for s in spans]
        return texts

    def _joined(self, idx: Sequence[int], source: bool) -> str:
        texts = self.sentence_texts(source)
        if len(idx) == 1:
            return texts[idx[0]]
        return " ".join(texts[i] for i in idx)

    def mt_text(self, idx: Sequence[int], backend: int = 0) -> str | None:
        if backend >= len(self.mt):
            return None
        return " ".join(self.mt[backend].sentences[i] for i in idx)

    def pair_suspicion(self, pair: PairInfo) -> float:
        """`suspicion` of one of this comparison's pairs (1.0 when a side is missing)."""
        if not (pair.src and pair.tgt):
            return 1.0
        return _pair_suspicion(
            self.source_text(pair.src),
            self.draft_text(pair.tgt),
            self.mt_text(pair.src),
            pair.chrf,
            pair.length_ratio,
            self.src_lang,
            self.tgt_lang,
            pair.semantic,
        )

    def source_span(self, idx: Sequence[int]) -> Span | None:
        if len(idx) == 1:  # most beads are 1-1 (and every unit of a bilingual file)
            return self.source_sentences[idx[0]]
        return _cover(self._spans(idx, True))

    def draft_span(self, idx: Sequence[int]) -> Span | None:
        if len(idx) == 1:
            return self.draft_sentences[idx[0]]
        return _cover(self._spans(idx, False))

    def _spans(self, idx: Sequence[int], source: bool) -> list[Span]:
        spans = self.source_sentences if source else self.draft_sentences
        return [spans[i] for i in idx]

    # -- JSON ----------------------------------------------------------------

    def to_dict(self, segments: bool = True) -> dict[str, Any]:
        """The "mt" object of the JSON report (backend, scores, signature, segments);
        without `segments` its segment list is left empty."""
        first = self.mt[0] if self.mt else None
        rows = []
        # One row per pair, in a tight loop (a catalogue's table has a row per unit): it
        # inlines PairInfo.kind, source_span/draft_span and _r, and must say what they say.
        src_sents, tgt_sents = self.source_sentences, self.draft_sentences
        semantic = self.semantic_model
        for pair in self.pairs if segments else ():
            src, tgt = pair.src, pair.tgt
            src_span = src_sents[src[0]] if len(src) == 1 else _cover(self._spans(src, True))
            tgt_span = tgt_sents[tgt[0]] if len(tgt) == 1 else _cover(self._spans(tgt, False))
            ratio = pair.length_ratio
            row = {
                "kind": f"{len(src)}-{len(tgt)}",
                "source": list(src),
                "draft": list(tgt),
                "source_span": [src_span.start, src_span.end] if src_span else None,
                "draft_span": [tgt_span.start, tgt_span.end] if tgt_span else None,
                "align_score": round(pair.align_score, 4),
                "chrf": pair.chrf,
                "length_ratio": None if ratio is None else round(ratio, 4),
                "divergence": round(pair.divergence, 3),
                "suspicion": round(pair.suspicion, 4),
                "mt": self.mt_text(src) if first and src else None,
            }
            if semantic:  # only then, so reports without it keep their shape
                row["semantic"] = _r(pair.semantic)
            rows.append(row)
        extra = {"semantic_model": self.semantic_model} if self.semantic_model else {}
        return {
            "backend": first.ident if first else None,
            "scores": dict(first.scores) if first else None,
            "signature": first.signature if first else None,
            "backends": [
                {"backend": run.ident, "scores": dict(run.scores), "signature": run.signature}
                for run in self.mt
            ],
            "segments": rows,
            "notes": list(self.notes),
            **extra,
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _cover(spans: list[Span]) -> Span | None:
    if not spans:
        return None
    if len(spans) == 1:
        return spans[0]
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
    semantic: str | None = None,
) -> Comparison:
    """Split, translate (one batch per backend), align and score source vs draft.

    `unit_spans` are the (source, target) spans of a bilingual file's units: they are
    already paired one to one, so they are neither split into sentences nor aligned.
    `semantic` (off|on|auto; None reads TRANSCHECK_SEMANTIC, default off) adds the
    cross-lingual similarity of each pair (`transcheck.semantic`) to its suspicion when
    MT ran: `auto` uses it when the extra is installed, on documents only (not per
    bilingual unit); `on` also on units, and notes how to install the extra if missing.
    """
    if unit_spans is not None:
        src_spans, tgt_spans = list(unit_spans[0]), list(unit_spans[1])
    else:
        src_spans, tgt_spans = list(source.sentences), list(draft.sentences)
    notes: list[str] = []
    runs: list[MTRun] = []
    # Sliced only for MT: the comparison slices its own (`Comparison.sentence_texts`).
    text = source.analysis_text
    src_texts = [text[s.start : s.end] for s in src_spans] if translators else []
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
    # Scores go in the translation cache too, so a repeated comparison is cheap.
    score_cache = next((t.cache for t in translators if hasattr(t, "cache")), None)
    comp = comparison_from_sentences(
        source,
        draft,
        src_lang,
        tgt_lang,
        src_spans,
        tgt_spans,
        runs,
        notes,
        score_cache=score_cache,
        one_to_one=unit_spans is not None,
    )
    add_semantic(comp, _semantic_mode(semantic, per_unit=unit_spans is not None), score_cache)
    return comp


def _semantic_mode(requested: str | None, per_unit: bool) -> str:
    from transcheck.semantic import mode_from_env

    mode = requested or mode_from_env()
    if mode == "auto" and per_unit:
        return "off"  # a catalogue's units are short and many: only when asked for
    return mode


def add_semantic(comp: Comparison, mode: str, cache: Any = None) -> None:
    """Score each matched pair's cross-lingual distance (mode on/auto, MT ran); a
    missing extra is a note under `on` and silent under `auto`."""
    if mode == "off" or not comp.mt:
        return
    from transcheck import semantic

    if not semantic.available():
        if mode == "on":
            comp.notes.append(
                f"semantic similarity skipped: the extra is not installed ({semantic.INSTALL_HINT})"
            )
        return
    matched = [p for p in comp.pairs if p.src and p.tgt]
    texts = [(comp.source_text(p.src), comp.draft_text(p.tgt)) for p in matched]
    for pair, value in zip(matched, semantic.distances(texts, cache), strict=True):
        pair.semantic = value
        pair._suspicion = None  # computed again, now with the semantic evidence
    comp.semantic_model = semantic.ident()


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
    score_cache: Any = None,
    one_to_one: bool = False,
) -> Comparison:
    """Align (unless `beads` are given, or `one_to_one` pairs source span i with draft
    span i, as a bilingual file's units are) and score sentence spans and MT runs."""
    from transcheck.scoring import Scorer

    comp = Comparison(
        source, draft, src_lang, tgt_lang, src_spans, tgt_spans, runs, [], list(notes or [])
    )
    src_texts = comp.sentence_texts(True)
    tgt_texts = comp.sentence_texts(False)
    ratio = expected_ratio(src_lang, tgt_lang)
    if one_to_one and not runs:  # a catalogue without MT: pairs and lengths in one pass
        comp.pairs = _unit_pairs(comp, src_texts, tgt_texts, ratio)
        return comp
    if one_to_one:
        comp.pairs = [PairInfo((i,), (i,), 1.0, owner=comp) for i in range(len(src_texts))]
    else:
        if beads is None:
            beads = align(src_texts, tgt_texts, runs[0].sentences if runs else None)
        comp.pairs = [PairInfo(b.src, b.tgt, b.score, owner=comp) for b in beads]
    scorer = scorer or (Scorer() if runs else None)
    for run in runs:
        hyps = [comp.draft_text(p.tgt) for p in comp.pairs]
        refs = [" ".join(run.sentences[i] for i in p.src) for p in comp.pairs]
        if scorer is not None and hyps:
            run.scores = scorer.corpus_scores(hyps, refs, score_cache)
            run.signature = scorer.signature()
        if scorer is not None:
            scored = [
                (pair, hyp, ref)
                for pair, hyp, ref in zip(comp.pairs, hyps, refs, strict=True)
                if pair.src and pair.tgt
            ]
            chrfs = scorer.sentence_chrfs([(h, r) for _, h, r in scored], score_cache)
            for (pair, _, _), chrf in zip(scored, chrfs, strict=True):
                pair.chrf_by_backend[run.ident] = chrf
    for pair in comp.pairs:
        src, tgt = pair.src, pair.tgt
        if runs and pair.chrf_by_backend:
            pair.chrf = pair.chrf_by_backend.get(runs[0].ident)
        if src and tgt:
            # The lengths of the joined texts, without joining them (a sentence of each
            # side, as every catalogue unit is, is one list read).
            draft = len(tgt_texts[tgt[0]]) if len(tgt) == 1 else len(comp.draft_text(tgt))
            mt = comp.mt_text(src) if runs else None
            if mt:
                expected = len(mt)
            else:
                source = len(src_texts[src[0]]) if len(src) == 1 else len(comp.source_text(src))
                expected = source * ratio
            pair.length_ratio = draft / max(expected, 1.0)
    _score_outliers(comp)
    return comp


def _unit_pairs(
    comp: Comparison, src_texts: list[str], tgt_texts: list[str], ratio: float
) -> list[PairInfo]:
    """The pairs of `comparison_from_sentences` for units paired one to one (text i with
    text i) and no MT, as its general path makes them: no chrF, so no divergence; the
    length ratio is the draft's length over the source's times `ratio`.

    Made for speed (a catalogue has a pair per unit): every field is given by position (a
    keyword call and the dict factory cost a third of the time), and one index tuple
    serves both sides (tuples are immutable), made in C: `zip` of one range yields (0,),
    (1,)…"""
    return [
        # src, tgt, align_score, chrf, chrf_by_backend, length_ratio, divergence, semantic, owner
        PairInfo(i, i, 1.0, None, {}, len(tgt) / max(len(src) * ratio, 1.0), 0.0, None, comp)
        for i, src, tgt in zip(zip(range(len(src_texts))), src_texts, tgt_texts, strict=True)
    ]


def _score_outliers(comp: Comparison) -> None:
    """Divergence: robust z-score of a pair's chrF below the document's median (the
    suspicion score is computed when first read: `PairInfo.suspicion`)."""
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


def _untranslated(src_words: set[str], words: list[str], mt: str | None) -> float:
    if not words:
        return 0.0
    mt_words = {w.lower() for w in _WORD.findall(mt)} if mt else set()
    copied = [w for w in words if w in src_words and w not in mt_words]
    return len(copied) / len(words)


_PUNCT = re.compile(r"[()\[\]:;?!\"“”«»%]")
# Letters-only words of any length (the MT-coverage feature keeps 4+ letters or
# all-capital ones: DT, ADL); tokens with their inner hyphens (codes: COVID-19).
_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\w+(?:-\w+)*")
_COMBINING = re.compile(r"[\u0300-\u036f]+")
_PREFIX = 5  # a word's stem: its first 5 letters, lower-case, accents removed


@lru_cache(maxsize=65536)
def _token_stems(token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Stems of a whitespace token's letter runs: (all of them, those of content words:
    4+ letters or all capitals). A stem, lower-case without accents, absorbs inflection
    and accent differences (analizaron/analizados, síndrome/sindrome) between the draft
    and the MT. Cached per token: prose repeats its words, and regex scans cost more."""
    import unicodedata

    stems, content = [], []
    for w in _LETTERS.findall(token):
        head = unicodedata.normalize("NFD", w[: _PREFIX + 3].lower())
        stem = _COMBINING.sub("", head)[:_PREFIX]
        stems.append(stem)
        if len(w) >= 4 or (len(w) >= 2 and w.isupper()):
            content.append(stem)
    return tuple(stems), tuple(content)


def _mt_words_missing(draft: str, mt: str | None) -> int:
    """MT content words (4+ letters, or all capitals) whose stem starts no draft word.

    Where the draft says something else than the MT, or nothing at all, the MT's
    words find no counterpart: a count (not a share) so that a lost clause in a long
    sentence weighs like a short sentence said differently. One synonym costs a word;
    human drafts differ from the MT by a few words anyway, which the fit absorbs."""
    if not mt or len(mt) > 12 * len(mt.split()):
        return 0  # no MT, or a script written without spaces (a "word" is a clause)
    stems = {stem for token in draft.split() for stem in _token_stems(token)[0]}
    return sum(1 for token in mt.split() for stem in _token_stems(token)[1] if stem not in stems)


@lru_cache(maxsize=65536)
def _codes(token: str) -> tuple[tuple[str, bool], ...]:
    """(lower-case code, has a digit) for the codes in a whitespace token: a token
    with a digit and a letter (nCoV-2019, COVID-19) or all capitals (WHO, PBP-B)."""
    out = []
    for sub in _TOKEN.findall(token):
        has_digit = any(c.isdigit() for c in sub)
        if any(c.isalpha() for c in sub) and (has_digit or (sub.isupper() and len(sub) >= 2)):
            out.append((sub.lower(), has_digit))
    return tuple(out)


def _missing_codes(source: str, draft: str, mt: str | None) -> int:
    """Source codes and acronyms (COVID-19, nCoV-2019, DT) absent from the draft, that
    the MT kept as they are (an all-capital word the MT translates is a word, not a
    code: RESULTS). Case-insensitive whole tokens. A lost acronym is offset by each
    acronym the draft brings of its own (a translated one: BMI -> IMC, CS -> SC). Without
    MT only codes with a digit count: nothing says whether an acronym was translated."""
    mt_lower = mt.lower() if mt else None
    wanted = [
        (code, has_digit)
        for token in source.split()
        if not token.islower()  # most tokens; a lower-case 10mg is missing_numbers' business
        for code, has_digit in _codes(token)
        if (code in mt_lower if mt_lower else has_digit)
    ]
    if not wanted:
        return 0
    draft_tokens = {t.lower() for t in _TOKEN.findall(draft)}
    lost = [has_digit for code, has_digit in wanted if code not in draft_tokens]
    if all(lost):  # only codes with digits lost (or none): no acronym to offset
        return len(lost)
    source_codes = {code for token in source.split() for code, _ in _codes(token)}
    own = {
        code
        for token in draft.split()
        if not token.islower()
        for code, has_digit in _codes(token)
        if not has_digit and code not in source_codes
    }
    return sum(lost) + max(0, lost.count(False) - len(own))


# Logistic weights of `suspicion`, produced by `bench/mqm_auroc.py --fit`: a tiny
# L2-regularised logistic regression (numpy, Newton steps) fit on the documents of
# MQM dev half 0 (both es->en and en->es, Apertium MT), label = any Major/Critical
# accuracy error; features that came out negative were dropped (weight 0) so every
# weight reads "more of this, more suspicious". Half 1 is the held-out evaluation
# (`--fit` also fits on half 1 and evaluates on half 0). Refit with
#   .venv/bin/python bench/mqm_auroc.py --fit
# and paste the printed constants here (the golden reports then need regenerating).
_UNTRANSLATED_FLOOR = 0.8
SUSPICION_BIAS = -3.88
SUSPICION_WEIGHTS: dict[str, float] = {
    "short_vs_mt": 0.0,
    "long_vs_mt": 0.0,
    "short_vs_source": 0.67,
    "long_vs_source": 0.62,
    "low_chrf": 0.0,
    "missing_numbers": 0.49,
    "extra_numbers": 0.0,
    "missing_names": 0.0,
    "untranslated": 0.0,
    "copied": 1.80,
    "punct_diff": 0.0,
    "divergent_chars": 0.0,
    "shortfall_vs_mt": 0.59,
    "mt_words_missing": 0.99,
    "missing_codes": 1.10,
}
# The same fit with the `semantic` feature (1 - cosine of the source and draft sentence
# embeddings, transcheck.semantic), used for pairs that carry it:
#   .venv/bin/python bench/mqm_auroc.py --fit --semantic
SEMANTIC_SUSPICION_BIAS = -4.24
SEMANTIC_SUSPICION_WEIGHTS: dict[str, float] = {
    "short_vs_mt": 0.0,
    "long_vs_mt": 0.0,
    "short_vs_source": 0.33,
    "long_vs_source": 0.43,
    "low_chrf": 0.0,
    "missing_numbers": 0.43,
    "extra_numbers": 0.0,
    "missing_names": 0.0,
    "untranslated": 0.0,
    "copied": 2.20,
    "punct_diff": 0.0,
    "divergent_chars": 0.0,
    "shortfall_vs_mt": 0.64,
    "mt_words_missing": 0.97,
    "missing_codes": 0.98,
    "semantic": 2.47,
}


def suspicion_features(
    source: str,
    draft: str,
    mt: str | None,
    chrf: float | None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> dict[str, float]:
    """The per-pair evidence that `suspicion` weighs (all 0 for a perfect-looking pair).

    short/long_vs_mt: |log| of the draft's length over the MT's, when shorter/longer;
    short/long_vs_source: the same against the source length times the language pair's
    usual ratio; low_chrf: (100 - chrF vs MT) / 100; missing/extra_numbers: source
    numbers lacking in the draft and draft digits absent from the source (at most 2);
    missing_names: source names the MT keeps but the draft lacks (at most 2);
    untranslated: share of draft words copied from the source that the MT translated;
    copied: share of draft words (4+ letters) found in the source at all; punct_diff:
    different counts of brackets, colons, question marks, quotes, % (at most 3, / 3);
    divergent_chars: log(1 + low_chrf x source characters / 20), how much text (not what
    share of it) differs from the MT: a long sentence that differs as much as a short
    one holds more material that can be wrong (and sentence chrF of a short one is noisy).
    shortfall_vs_mt: log(1 + characters the draft lacks against the MT / 20), the same
    idea for length: 10 % short is a lost clause in a long sentence, a word in a short one.
    mt_words_missing: log(1 + MT words of 4+ letters, or all capitals, whose first five
    letters (accents removed) start no draft word): MT content the draft does not carry,
    a lost clause or a term rendered otherwise (0 without MT). missing_codes: source
    codes and acronyms (COVID-19, nCoV-2019, DT) absent from the draft that the MT kept
    as they are, less the acronyms the draft brings of its own (at most 2).
    Without MT the MT features take their source-based values, low_chrf and
    divergent_chars are 0.
    """
    ratio = expected_ratio(src_lang or "", tgt_lang or "")
    vs_source = math.log(max(len(draft), 1) / max(len(source) * ratio, 1.0))
    vs_mt = math.log(max(len(draft), 1) / max(len(mt), 1)) if mt else vs_source
    expected = len(mt) if mt else len(source) * ratio
    missing, extra = missing_numbers(source, src_lang, draft, tgt_lang)  # (no digit: at once)
    src_words = {w.lower() for w in _WORD.findall(source)}
    draft_words = [w.lower() for w in _WORD.findall(draft)]
    copied = sum(w in src_words for w in draft_words) / len(draft_words) if draft_words else 0.0
    marks = set(_PUNCT.findall(source))
    marks.update(_PUNCT.findall(draft))
    punct = sum(abs(source.count(c) - draft.count(c)) for c in marks)
    low_chrf = (100.0 - chrf) / 100.0 if chrf is not None else 0.0
    return {
        "short_vs_mt": max(0.0, -vs_mt),
        "long_vs_mt": max(0.0, vs_mt),
        "short_vs_source": max(0.0, -vs_source),
        "long_vs_source": max(0.0, vs_source),
        "low_chrf": low_chrf,
        "missing_numbers": float(min(len(missing), 2)),
        "extra_numbers": float(min(len(extra), 2)),
        "missing_names": float(min(_missing_names(source, draft, mt, src_lang or ""), 2)),
        "untranslated": _untranslated(src_words, draft_words, mt),
        "copied": copied,
        "punct_diff": min(punct, 3) / 3.0,
        "divergent_chars": math.log1p(low_chrf * len(source) / 20.0),
        "shortfall_vs_mt": math.log1p(max(0.0, expected - len(draft)) / 20.0),
        "mt_words_missing": math.log1p(_mt_words_missing(draft, mt)),
        "missing_codes": float(min(_missing_codes(source, draft, mt), 2)),
    }


def _missing_names(source: str, draft: str, mt: str | None, src_lang: str) -> int:
    if not mt:
        return 0
    from transcheck.name_match import missing_source_names

    # The source language matters: German capitalises its nouns (noun_caps).
    return len(missing_source_names(source, draft, mt, src_lang))


def _copied_common_words(source: str, draft: str, mt: str | None) -> int:
    """Lower-case draft words copied from the source that the MT translated (names,
    capitalised, are often kept on purpose: Harbour Cloud)."""
    src_words = {w for w in _WORD.findall(source)}
    mt_words = {w.lower() for w in _WORD.findall(mt or "")}
    return sum(
        1 for w in _WORD.findall(draft) if w[0].islower() and w in src_words and w not in mt_words
    )


def suspicion(
    source: str,
    draft: str,
    mt: str | None,
    chrf: float | None,
    length_ratio: float | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    semantic: float | None = None,
) -> float:
    """A transparent 0-1 score for "this pair deserves a second look".

    1 / (1 + exp(-z)) with z = SUSPICION_BIAS + sum of SUSPICION_WEIGHTS x features
    (`suspicion_features`): mostly a draft shorter than the MT and the source
    (omission), much text that differs from the MT (low chrF over a long sentence),
    words copied from the source, lost numbers; at least 0.8 when most draft words
    are source words that the MT translated (left untranslated).
    `length_ratio` is accepted for compatibility and not used (the features measure
    length against both the MT and the source). With `semantic` (the pair's
    cross-lingual distance, `transcheck.semantic`) the weights fitted with it are used.
    """
    if not mt and chrf is None and semantic is None:
        return _suspicion_without_mt(source, draft, src_lang, tgt_lang)
    feats = suspicion_features(source, draft, mt, chrf, src_lang, tgt_lang)
    bias, weights = SUSPICION_BIAS, SUSPICION_WEIGHTS
    if semantic is not None:
        feats["semantic"] = semantic
        bias, weights = SEMANTIC_SUSPICION_BIAS, SEMANTIC_SUSPICION_WEIGHTS
    z = bias + sum(weights[k] * v for k, v in feats.items())
    score = 1.0 / (1.0 + math.exp(-z))
    # Hand rule, not fit: a draft mostly made of source words the MT translated, two
    # of them lower-case (not names), is left untranslated (rare in the MQM data, so
    # the fit cannot weigh it).
    if feats["untranslated"] >= 0.5 and _copied_common_words(source, draft, mt) >= 2:
        score = max(score, _UNTRANSLATED_FLOOR)
    return score


def _suspicion_without_mt(
    source: str, draft: str, src_lang: str | None, tgt_lang: str | None
) -> float:
    """`suspicion` without MT, chrF or semantic distance, to the same float: the MT
    features then take their source-based values or 0, and a feature whose weight is 0
    adds exactly 0.0 to the sum, so only the weighted ones are computed, summed in the
    same order (catalogues: every unit's score is in the JSON report)."""
    weights = SUSPICION_WEIGHTS
    expected = len(source) * expected_ratio(src_lang or "", tgt_lang or "")
    vs_source = math.log(max(len(draft), 1) / max(expected, 1.0))
    short, long = max(0.0, -vs_source), max(0.0, vs_source)
    draft_words = [w.lower() for w in _WORD.findall(draft)]
    if draft_words:
        src_words = {w.lower() for w in _WORD.findall(source)}
        # = `untranslated` too: no MT word to exclude
        copied = len([w for w in draft_words if w in src_words]) / len(draft_words)
    else:
        copied = 0.0
    values = {
        "short_vs_mt": short,
        "long_vs_mt": long,
        "short_vs_source": short,
        "long_vs_source": long,
        "low_chrf": 0.0,
        "missing_names": 0.0,
        "untranslated": copied,
        "copied": copied,
        "divergent_chars": 0.0,
        "shortfall_vs_mt": math.log1p(max(0.0, expected - len(draft)) / 20.0),
        "mt_words_missing": 0.0,
    }
    if weights["missing_numbers"] or weights["extra_numbers"]:
        missing, extra = missing_numbers(source, src_lang, draft, tgt_lang)
        values["missing_numbers"] = float(min(len(missing), 2))
        values["extra_numbers"] = float(min(len(extra), 2))
    if weights["punct_diff"]:
        marks = set(_PUNCT.findall(source))
        marks.update(_PUNCT.findall(draft))
        punct = sum(abs(source.count(c) - draft.count(c)) for c in marks)
        values["punct_diff"] = min(punct, 3) / 3.0
    if weights["missing_codes"]:
        values["missing_codes"] = float(min(_missing_codes(source, draft, None), 2))
    # sum() as `suspicion` does: from Python 3.12 it compensates float rounding, and the
    # zero-weight terms left out add exactly 0.0, so the two give the same float.
    z = SUSPICION_BIAS + sum(weight * values[key] for key, weight in weights.items() if weight)
    score = 1.0 / (1.0 + math.exp(-z))
    if copied >= 0.5 and _copied_common_words(source, draft, None) >= 2:
        score = max(score, _UNTRANSLATED_FLOOR)
    return score


@lru_cache(maxsize=8192)
def _pair_suspicion(
    source: str,
    draft: str,
    mt: str | None,
    chrf: float | None,
    length_ratio: float | None,
    src_lang: str,
    tgt_lang: str,
    semantic: float | None = None,
) -> float:
    # The JSON report shows every pair's score even without MT, and catalogues repeat
    # strings across files: a pure function of its arguments, so memoised.
    return suspicion(source, draft, mt, chrf, length_ratio, src_lang, tgt_lang, semantic)


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
