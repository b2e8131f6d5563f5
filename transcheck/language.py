"""Language identification: detectors, document and paragraph detection.

Two backends behind one small protocol:

- `py3langid` (default): 142 labels including Galician, deterministic, ~0.04 ms per
  sentence, and a real allow-list (`set_languages`).
- `langdetect`: 55 languages, no Galician, no allow-list (we filter `detect_langs`);
  made deterministic with `DetectorFactory.seed = 0`.

Short strings are unreliable with every library, so anything with fewer than
`MIN_RELIABLE_LETTERS` letters (after URLs and e-mail addresses are removed) is
reported as undetermined: `LangGuess("und", 0.0)` (a Chinese or Japanese character
counts as 2.5 letters, a Hangul syllable 2: `weighted_letters`). Measured on lingua's test data
plus word prefixes of its sentences (`bench/langid_accuracy.py`, 14,536 samples),
py3langid's accuracy by length in letters is:

    letters        15-19  20-24  25-29  30-34  35-39  40-49  50+
    all labels     0.79   0.88   0.91   0.93   0.95   0.95   >=0.95
    23 languages   0.85   0.93   0.94   0.96   0.98   0.98   >=0.98

i.e. >= 95 % from 30 letters / 6 words when restricted to the plausible languages,
from 50 letters / 10 words over all 142 labels. langdetect never reaches 95 % there
(0.83-0.88 on sentences). Below 30 letters answers are too often wrong to act on.

Heavy imports (py3langid pulls numpy, langdetect loads JSON profiles) happen
inside the detectors, on first use.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from transcheck.document import Document
    from transcheck.findings import Span

UNDETERMINED = "und"

# Fewer letters than this -> "und". See the module docstring for how it was chosen.
MIN_RELIABLE_LETTERS = 30
# The same limit expressed in words, for callers that count words (a sentence of
# fewer words is never judged on its own).
MIN_RELIABLE_WORDS = 6

# Text that says nothing about the language of the prose around it.
_NOISE = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    # e-mail addresses; only from a word's start: from every position of a 40k-character
    # "word" the backtracking was quadratic
    r"|(?<!\S)\S+@\S+\.\w+"
    r"|`[^`\n]*`",  # inline code
    re.IGNORECASE,
)


def _codes(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Labels of py3langid 0.4 (model.npz.xz) and of langdetect 1.0.9 after normalisation;
# kept here so that validating `--languages` needs no model load.
PY3LANGID_CODES = _codes(
    "ace af am an ar ary arz as az ba bcl be bg bn br bs ca crh cs cy da de dz el en eo es "
    "et eu ext fa fi fo fr fuv fy ga gcf gcr gd gl gom grc gu gug guw ha hbo he hi hr ht hu "
    "hy id ig is it ja jv ka kab kik kk km kn ko ku ky la lb lg lij ln lo lt ltg lv mg mk ml "
    "mn mr ms mt my ne nl nn no nso oc om or pa pcm pl ps pt qu ro ru rw sa sdh se si sk sl "
    "sn so sq sr st sv sw ta te tg th tk tl tr tt ug uk ur uz uzs vec vi vo wa wuu xh yo yue "
    "zh zu"
)
LANGDETECT_CODES = _codes(
    "af ar bg bn ca cs cy da de el en es et fa fi fr gu he hi hr hu id it ja kn ko lt lv mk "
    "ml mr ne nl no pa pl pt ro ru sk sl so sq sv sw ta te th tl tr uk ur vi zh"
)

# Library-specific labels mapped to ISO 639-1 where one exists.
# User input too: Norwegian Bokmål (nb, the usual code in PO files) is what the detectors
# call "no"; Filipino (fil) is their "tl".
_CODE_ALIASES = {
    "zh-cn": "zh",
    "zh-tw": "zh",
    "iw": "he",
    "in": "id",
    "zxx": UNDETERMINED,
    "nb": "no",
    "nb-no": "no",
    "fil": "tl",
    # py3langid's varieties of a macrolanguage (Moroccan and Egyptian Arabic, Wu and
    # Cantonese Chinese, Southern Uzbek): compared, reported and declared as the
    # macrolanguage, whose text detectors split between them.
    "ary": "ar",
    "arz": "ar",
    "wuu": "zh",
    "yue": "zh",
    "uzs": "uz",
}
# The py3langid labels each macrolanguage above stands for.
_VARIETIES = {"ar": ("ary", "arz"), "zh": ("wuu", "yue"), "uz": ("uzs",)}


def is_known_code(code: str) -> bool:
    """Whether a normalised code is a language one of the detectors can name."""
    return code in PY3LANGID_CODES or code in LANGDETECT_CODES


# Memoised: `rank` normalises every label of every ranking (~50 a call, hot in the
# quote and passage rules); the labels are few, user input fewer still.
@lru_cache(maxsize=1024)
def normalize_code(code: str) -> str:
    """ISO 639-1 code for a detector label or user input ("ES", "pt-BR" -> "es", "pt")."""
    code = code.strip().lower().replace("_", "-")
    if code in _CODE_ALIASES:
        return _CODE_ALIASES[code]
    return code.split("-", 1)[0]


@dataclass(frozen=True, slots=True)
class LangGuess:
    code: str
    confidence: float

    @property
    def determined(self) -> bool:
        return self.code != UNDETERMINED


UNKNOWN = LangGuess(UNDETERMINED, 0.0)


@runtime_checkable
class Detector(Protocol):
    name: str

    def detect(self, text: str) -> LangGuess: ...


def strip_noise(text: str) -> str:
    """Text with URLs, e-mail addresses and inline code removed."""
    if "@" not in text and "`" not in text and "://" not in text and "www." not in text:
        return text  # the common case; the regex scans every word otherwise
    return _NOISE.sub(" ", text)


def letter_count(text: str) -> int:
    # This runs on every detection. A Latin-1 text's letters are counted as bytes, all in
    # C (a method call per character otherwise, ten times as long).
    data = text.encode("latin-1", "ignore")
    if len(data) != len(text):
        return sum(map(str.isalpha, text))
    return len(data) - len(data.translate(None, _LATIN1_LETTERS))


# Scripts written without spaces between words (Chinese, Japanese; Thai, Lao, Khmer,
# Burmese), where a regex "word" is a whole clause, and Hangul, whose syllable blocks
# each hold two or three letters. One character of theirs carries the evidence of
# several Latin letters: the minimum span (MIN_RELIABLE_LETTERS letters, about
# MIN_RELIABLE_WORDS words of 5 letters) is counted in Latin-letter equivalents.
# Characters per word: Chinese ~1.7, Japanese ~2 (taken as 2: 12 characters make 6
# words); Thai and its neighbours ~4 code points.
_HAN_KANA = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SOUTHEAST = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_HANGUL = "\uac00-\ud7a3"
# The three, as character-class ranges (for patterns elsewhere, like a gloss's).
DENSE_SCRIPT_RANGES = f"{_HAN_KANA}{_SOUTHEAST}{_HANGUL}"
_DENSE = re.compile(f"[{DENSE_SCRIPT_RANGES}]")
_HAN_KANA_RUN = re.compile(f"[{_HAN_KANA}]+")
_SOUTHEAST_RUN = re.compile(f"[{_SOUTHEAST}]+")
_HANGUL_CHAR = re.compile(f"[{_HANGUL}]")
_HAN_KANA_PER_WORD = 2
_SOUTHEAST_PER_WORD = 4
_LETTERS_PER_WORD = MIN_RELIABLE_LETTERS // MIN_RELIABLE_WORDS
_HANGUL_LETTERS = 2


def has_dense_script(text: str) -> bool:
    """Whether `text` has a character of a script written without spaces between words,
    or of Hangul: one that `weighted_letters` counts as several letters."""
    return not text.isascii() and _DENSE.search(text) is not None


def unspaced_words(text: str) -> int:
    """How many more words than regex words `text` has: each run of an unspaced script
    is one regex word but holds about one word per `_*_PER_WORD` characters."""
    if text.isascii():
        return 0
    extra = 0
    for pattern, per_word in (
        (_HAN_KANA_RUN, _HAN_KANA_PER_WORD),
        (_SOUTHEAST_RUN, _SOUTHEAST_PER_WORD),
    ):
        for run in pattern.findall(text):
            extra += max(0, len(run) // per_word - 1)
    return extra


def weighted_letters(text: str) -> int:
    """`letter_count(text)` with each character of an unspaced script or Hangul counted
    as the Latin letters it stands for (see `_HAN_KANA`)."""
    found = letter_count(text)
    if text.isascii():
        return found
    han = sum(map(len, _HAN_KANA_RUN.findall(text)))
    southeast = sum(map(len, _SOUTHEAST_RUN.findall(text)))
    hangul = len(_HANGUL_CHAR.findall(text))
    # Integer arithmetic: han * 5 / 2 letters, a fourth more for the Southeast Asian
    # scripts' code points (whose vowel signs are no letters for str.isalpha).
    return (
        found
        + han * _LETTERS_PER_WORD // _HAN_KANA_PER_WORD
        - han
        + southeast * _LETTERS_PER_WORD // _SOUTHEAST_PER_WORD
        - letter_count("".join(_SOUTHEAST_RUN.findall(text)))
        + hangul * (_HANGUL_LETTERS - 1)
    )


def has_letters(text: str, count: int = MIN_RELIABLE_LETTERS) -> bool:
    """Whether `text` has at least `count` letters: `letter_count(text) >= count`,
    counting only as far as needed (a document sample is thousands of characters).
    Characters of unspaced scripts and Hangul count as several letters
    (`weighted_letters`)."""
    if len(text) < count:
        # At most 2.5 letters a character (Han and kana).
        return not text.isascii() and 5 * len(text) >= 2 * count and weighted_letters(text) >= count
    chunk = 4 * count
    found = 0
    for start in range(0, len(text), chunk):
        found += letter_count(text[start : start + chunk])
        if found >= count:
            return True
    return not text.isascii() and weighted_letters(text) >= count


def is_reliable(text: str) -> bool:
    """Whether `text` is long enough for a detector's answer to mean something."""
    return has_letters(strip_noise(text))


def _check_languages(
    languages: Sequence[str] | None, supported: frozenset[str], backend: str
) -> tuple[str, ...] | None:
    if languages is None:
        return None
    codes = tuple(dict.fromkeys(normalize_code(c) for c in languages if c.strip()))
    unknown = [c for c in codes if c not in supported]
    if unknown:
        raise ValueError(
            f"{backend} does not support language code(s) {', '.join(unknown)}; "
            f"supported: {' '.join(sorted(supported))}"
        )
    if not codes:
        raise ValueError("the language list is empty")
    return codes


@cache
def _py3langid_base() -> Any:
    """The full py3langid model, loaded once per process (~20 ms from the unpacked cache)."""
    from transcheck.langid_model import load_identifier

    return load_identifier()


@cache
def _py3langid_restricted(languages: tuple[str, ...]) -> Any:
    # A shallow copy shares the big arrays; set_languages only rebinds sliced views.
    ident = copy.copy(_py3langid_base())
    ident.set_languages(list(languages))
    return ident


class Py3LangidDetector:
    """py3langid with normalised probabilities, optionally restricted to `languages`."""

    name = "py3langid"

    def __init__(self, languages: Sequence[str] | None = None) -> None:
        self.languages = _check_languages(languages, PY3LANGID_CODES, self.name)
        self._ident: Any = None
        # The last text detected and its answer: a run detects the document sample
        # twice (the document's language, then the wrong-language rule), ~8 ms each.
        self._last: tuple[str, LangGuess] | None = None

    def _identifier(self) -> Any:
        if self._ident is None:
            if self.languages is None:
                self._ident = _py3langid_base()
            else:
                labels = {v for c in self.languages for v in _VARIETIES.get(c, ())}
                self._ident = _py3langid_restricted(tuple(sorted(labels.union(self.languages))))
        return self._ident

    def detect(self, text: str) -> LangGuess:
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        guess = self._detect(text)
        self._last = (text, guess)
        return guess

    def _detect(self, text: str) -> LangGuess:
        text = strip_noise(text)
        if not has_letters(text):
            return UNKNOWN
        code, confidence = self._identifier().classify(text)
        code = normalize_code(code)
        if code == UNDETERMINED:
            return UNKNOWN
        # The macrolanguage's probability is its varieties' sum (a second scoring: only
        # when they can matter, below what rounds to 1.0).
        if code in _VARIETIES and confidence < 0.99995:
            best = self.rank(text)[0]
            code, confidence = best.code, best.confidence
        return LangGuess(code, round(float(confidence), 4))

    def rank(self, text: str) -> list[LangGuess]:
        """Every candidate language with its probability, best first (no length check);
        varieties of a macrolanguage merged into it."""
        text = strip_noise(text)
        if not text.strip():
            return []
        ranked = [LangGuess(normalize_code(c), float(p)) for c, p in self._identifier().rank(text)]
        if len({g.code for g in ranked}) == len(ranked):
            return ranked
        merged: dict[str, float] = {}
        for guess in ranked:
            merged[guess.code] = merged.get(guess.code, 0.0) + guess.confidence
        return [LangGuess(c, min(p, 1.0)) for c, p in sorted(merged.items(), key=lambda i: -i[1])]


class LangdetectDetector:
    """langdetect, seeded for determinism; restriction filters `detect_langs`.

    `detect_langs` only lists languages above probability 0.1, so a restricted
    detector answers "und" when none of the allowed languages is among them.
    """

    name = "langdetect"

    def __init__(self, languages: Sequence[str] | None = None) -> None:
        self.languages = _check_languages(languages, LANGDETECT_CODES, self.name)

    def rank(self, text: str) -> list[LangGuess]:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0  # without it, answers vary from call to call
        text = strip_noise(text)
        try:
            found = detect_langs(text)
        except LangDetectException:
            return []
        merged: dict[str, float] = {}
        for item in found:
            code = normalize_code(item.lang)
            if self.languages is None or code in self.languages:
                merged[code] = merged.get(code, 0.0) + float(item.prob)
        total = sum(merged.values())
        if total <= 0:
            return []
        return sorted(
            (LangGuess(c, p / total) for c, p in merged.items()),
            key=lambda g: g.confidence,
            reverse=True,
        )

    def detect(self, text: str) -> LangGuess:
        if not is_reliable(text):
            return UNKNOWN
        ranked = self.rank(text)
        if not ranked:
            return UNKNOWN
        return LangGuess(ranked[0].code, round(ranked[0].confidence, 4))


DETECTORS: dict[str, Callable[..., Detector]] = {
    "py3langid": Py3LangidDetector,
    "langdetect": LangdetectDetector,
}


def get_detector(name: str = "py3langid", languages: Sequence[str] | None = None) -> Detector:
    """A detector by name; ValueError for an unknown name or unsupported language codes."""
    try:
        factory = DETECTORS[name]
    except KeyError:
        valid = ", ".join(DETECTORS)
        raise ValueError(f"unknown language detector {name!r} (valid: {valid})") from None
    return factory(languages)


# A document's language is settled long before 8,000 characters; detecting on a sample
# keeps a 100,000-word file from costing seconds (py3langid walks bytes in Python).
DOCUMENT_SAMPLE_CHARS = 8000


# The last sample built: (analysis text, paragraphs, limit, sample). A check asks for the
# same document's sample two or three times (its language, `mixed_scripts`, the
# wrong-language rule); the text and paragraph list are held, so their ids stay theirs.
_LAST_SAMPLE: list[tuple[str, Sequence[Span], int, str] | None] = [None]


def document_sample(doc: Document, limit: int = DOCUMENT_SAMPLE_CHARS) -> str:
    """The analysis text, or for long documents paragraphs spread evenly across it."""
    text = doc.analysis_text
    if len(text) <= limit:
        return text
    paragraphs = doc.paragraphs
    if not paragraphs:
        return text[:limit]
    last = _LAST_SAMPLE[0]
    if last is not None and last[0] is text and last[1] is paragraphs and last[2] == limit:
        return last[3]
    sample = _spread_sample(text, paragraphs, limit)
    _LAST_SAMPLE[0] = (text, paragraphs, limit, sample)
    return sample


_START = attrgetter("start")
_END = attrgetter("end")


def _spread_sample(text: str, paragraphs: Sequence[Span], limit: int) -> str:
    """Paragraphs of `text` spread evenly across it, `limit` characters in all."""
    whole = _all_paragraphs(text, paragraphs, limit)
    if whole is not None:
        return whole
    parts: list[str] = []
    size = 0
    for span in paragraphs[:: _sample_step(paragraphs, limit)]:
        parts.append(text[span.start : min(span.end, span.start + limit - size)])
        size += len(parts[-1])
        if size >= limit:
            break
    return "\n\n".join(parts)


def _all_paragraphs(text: str, paragraphs: Sequence[Span], limit: int) -> str | None:
    """Every paragraph, whole, when fewer than `limit` hold fewer than `limit` characters
    (as a catalogue's source, 100 units in ~3 KB, always does), else None: what
    `_spread_sample`'s loop takes then (each whole, and `_sample_step` is 1). Counted as
    they are cut, so a long document stops at `limit` characters."""
    if len(paragraphs) >= limit:
        return None
    parts: list[str] = []
    size = 0
    for span in paragraphs:
        start, end = span.start, span.end
        size += end - start
        if size >= limit:
            return None
        parts.append(text[start:end])
    return "\n\n".join(parts)


def _paragraph_chars(paragraphs: Sequence[Span]) -> int:
    """The characters of all `paragraphs`: `sum(map(len, paragraphs))`, without a
    Python-level `Span.__len__` call per paragraph."""
    return sum(map(_END, paragraphs)) - sum(map(_START, paragraphs))


def _sample_step(paragraphs: Sequence[Span], limit: int) -> int:
    """Every how many paragraphs to take, for about `limit` characters across them all."""
    average = max(1, _paragraph_chars(paragraphs) // len(paragraphs))
    return max(1, len(paragraphs) * average // limit)


def detect_document(doc: Document, detector: Detector) -> LangGuess:
    """The language of the document (masked regions excluded), from a sample if long."""
    return detector.detect(document_sample(doc))


# A language given with `--lang` holding at least this share of the letters of the
# document's paragraphs (those whose language is determined) is the document's main
# language, whatever the detector says of the whole text: a half-translated file's
# remaining source paragraphs are then the untranslated ones, and the declaration no
# mistake. Below it the file is taken as another language's (the source delivered).
DECLARED_MIN_SHARE = 1 / 3
# The Latin letters of ASCII and Latin-1, as bytes (str.translate on bytes is C speed).
_LATIN1_LETTERS = bytes(b for b in range(256) if chr(b).isalpha())


def mixed_scripts(text: str) -> bool:
    """Whether `text` has Latin and other letters, at least a fifth each. Detecting such
    a text at once favours the other script, whose letters take 2-3 bytes each in
    py3langid's byte n-grams (half English, half Russian reads as Russian). Latin
    letters beyond Latin-1 (ő, ş) count as the other script: rare enough in any text."""
    if text.isascii():
        return False
    latin1 = text.encode("latin-1", "ignore")
    if 10 * (len(text) - len(latin1)) < len(text):
        return False  # a tenth of the characters at most outside Latin-1: Latin text
    latin = len(latin1) - len(latin1.translate(None, _LATIN1_LETTERS))
    letters = letter_count(text)
    # No letters at all (digits, symbols): no script, let alone two.
    return letters > 0 and 0.2 * letters <= latin <= 0.8 * letters


def language_letters(doc: Document, detector: Detector) -> dict[str, int]:
    """Letters (`weighted_letters`) of the document's paragraphs by detected language,
    over paragraphs spread across it as in `document_sample`; undetermined ones left out."""
    text = doc.analysis_text
    paragraphs = doc.paragraphs or []
    step = 1
    if len(text) > DOCUMENT_SAMPLE_CHARS and paragraphs:
        step = _sample_step(paragraphs, DOCUMENT_SAMPLE_CHARS)
    found: dict[str, int] = {}
    size = 0
    for span in paragraphs[::step]:
        part = text[span.start : span.end]
        guess = detector.detect(part)
        if guess.code != UNDETERMINED:
            found[guess.code] = found.get(guess.code, 0) + weighted_letters(part)
        size += len(part)
        if size >= DOCUMENT_SAMPLE_CHARS:
            break
    return found


def declared_share(doc: Document, detector: Detector, declared: str) -> float:
    """The share of the document's letters in paragraphs of the `declared` language."""
    found = language_letters(doc, detector)
    total = sum(found.values())
    return found.get(declared, 0) / total if total else 0.0


def main_language(
    doc: Document, detector: Detector, guess: LangGuess, declared: str | None
) -> LangGuess:
    """The document's main language given the detector's `guess` for the whole text:
    the `declared` language (`--lang`) when it holds DECLARED_MIN_SHARE of the letters,
    else, for a text mixing Latin and another script, the language of most letters."""
    if guess.code == UNDETERMINED or (declared and normalize_code(declared) == guess.code):
        return guess
    if declared:
        code = normalize_code(declared)
        share = declared_share(doc, detector, code)
        return LangGuess(code, round(share, 4)) if share >= DECLARED_MIN_SHARE else guess
    if not mixed_scripts(document_sample(doc)):
        return guess
    found = language_letters(doc, detector)
    if not found:
        return guess
    code = max(found, key=found.__getitem__)
    if code == guess.code:
        return guess
    return LangGuess(code, round(found[code] / sum(found.values()), 4))


def detect_paragraphs(doc: Document, detector: Detector) -> list[tuple[Span, LangGuess]]:
    """One guess per paragraph ("und" for paragraphs too short to tell)."""
    text = doc.analysis_text
    return [(span, detector.detect(text[span.start : span.end])) for span in doc.paragraphs]
