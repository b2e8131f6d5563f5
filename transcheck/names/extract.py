"""Proper-name occurrences in a text: `extract_names`.

Capitalised words and `al-`/`Al ` particle names, each *strong* evidence of a name
(capitalised in the middle of a running sentence) or *weak* (sentence start, after a
quote or colon, in a title-case headline), where capitals say nothing; with the names
just before and after it (first-name context) and its sentence. One scan over the
capitals of the text; an ayn mark before a name ('Aqil) is told from an opening quote.
The last extraction is remembered: the per-file rule and the file's cross-file summary
(`summary.name_summary`) both ask for it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain

from transcheck.names.keys import _PARTICLES, light_key
from transcheck.names.languages import _ARTICLE_AL_LANGS
from transcheck.names.lexicon import _established_rows
from transcheck.names.words import _WORD, WordLookup

_APOSTROPHES = "'’"
_JOINERS = frozenset("'’‐-")
# Characters after which a capital says nothing about being a name.
_START_MARKS = set('"“”‘«»„‚‹›([{¿¡—–-:•*#>|')
_TERMINAL = set('.!?…:;"”’»)]')


@dataclass(slots=True)
class NameOccurrence:
    """One occurrence of a capitalised word or particle name in the text."""

    start: int
    end: int
    surface: str  # as written, without a possessive 's or an elided l'/d' prefix
    strong: bool  # capitalised mid-sentence: evidence that it is a name
    initial: bool  # sentence start (or after a quote/colon/line break)
    prev: int | None = None  # index of an adjacent name just before (first-name context)
    next: int | None = None  # index of an adjacent name just after
    sentence: int = -1  # index of its sentence (-1 outside every sentence)


# Code-point ranges with upper-case letters (Latin, Greek, Cyrillic, Armenian,
# Georgian and their extensions); other scripts have no case to go by.
_CASED_RANGES = (
    (0x41, 0x530),
    (0x10A0, 0x1100),
    (0x1C80, 0x1CC0),
    (0x1E00, 0x2000),
    (0x2C00, 0x2D30),
    (0xA640, 0xA800),
)


@cache
def _upper_class() -> str:
    """The upper-case letters of `_CASED_RANGES`, escaped for a character class (Python's
    `re` has no class for them, so they are collected once)."""
    return "".join(
        re.escape(chr(c)) for lo, hi in _CASED_RANGES for c in range(lo, hi) if chr(c).isupper()
    )


@cache
def _capital_pattern() -> re.Pattern[str]:
    """A word from a capital letter on, as `_WORD` would match it there (the caller
    keeps those that start a word or a word part: al-Assad, d'Estaing, not iPhone).
    Matching the word in the same scan saves a second match per capital and skips
    the inner capitals of McDonald and Abd-Al-Karim.

    (A look-behind for the word start made `re` test it at every character: 3x slower.)
    """
    upper = _upper_class()
    # (A hyphen may be followed by the ayn mark: Al-'Anizi, Abd-'Ali.)
    return re.compile(rf"[{upper}][^\W\d_]*(?:(?:['’]|[‐-]['’]?)[^\W\d_]+)*")


def extract_names(
    text: str,
    sentences: Sequence[tuple[int, int]],
    lang: str | None = None,
    regions: Sequence[tuple[int, int]] | None = None,
) -> tuple[list[NameOccurrence], WordLookup]:
    """Capitalised words and particle names, plus a lookup of the words of the text.

    `sentences` are (start, end) offsets, sorted; words outside every sentence
    count as sentence starts. The word set tells an ordinary word that opens a
    sentence ("Will") from a name: its lower-case form is in the lookup. `regions`, if
    given, are the text's `Document.content_regions` (every non-space character lies
    in one): only they are scanned for capitals, with the same result.
    """
    return _occurrences(text, sentences, lang, regions), WordLookup(text)


# The last extraction: (text, sentences, lower-case "al" is an article, occurrences). A
# checked file's names are extracted by the per-file rule and again for its cross-file
# summary (`name_summary`): the second time is this. (Occurrences are not changed after
# extraction, so both may share them.)
_LAST: list[tuple[str, list[tuple[int, int]], bool, list[NameOccurrence]] | None] = [None]


def _occurrences(
    text: str,
    sentences: Sequence[tuple[int, int]],
    lang: str | None,
    regions: Sequence[tuple[int, int]] | None = None,
) -> list[NameOccurrence]:
    lang = (lang or "en").split("-")[0].lower()
    lower_article_al = lang in _ARTICLE_AL_LANGS
    last_call = _LAST[0]
    if (
        last_call is not None
        and last_call[0] is text
        and last_call[2] == lower_article_al
        and last_call[1] == sentences
    ):
        return last_call[3]
    occurrences = _extract(text, sentences, lower_article_al, regions)
    _LAST[0] = (text, list(sentences), lower_article_al, occurrences)
    return occurrences


def _extract(
    text: str,
    sentences: Sequence[tuple[int, int]],
    lower_article_al: bool,
    regions: Sequence[tuple[int, int]] | None = None,
) -> list[NameOccurrence]:
    # (Runs once per checked text, one turn of the loop per capital: the loop reads
    # each character it needs once and keeps the usual case, a capital that starts a
    # word, free of the calls the rare ones need.)
    n_sent = len(sentences)
    # Whether each sentence is a headline, worked out for the sentences a capital in
    # the middle asks about (None: not yet): most capitals open their sentence.
    headline: list[bool | None] = [None] * n_sent
    # Offsets of the first word of each sentence: capitals there say nothing.
    firsts = set()
    word_search = _WORD.search
    for s_start, s_end in sentences:
        if text[s_start].isalpha():
            firsts.add(s_start)
            continue
        first = word_search(text, s_start, s_end)
        if first is not None:
            firsts.add(first.start())
    occurrences: list[NameOccurrence] = []
    si = 0
    done = 0  # end of the last word looked at: later capitals inside it are skipped
    last: NameOccurrence | None = None
    marks = _QuoteMarks(text)
    joiners, spaces = _JOINERS, " \u00a0"

    finditer = _capital_pattern().finditer
    if regions is None:
        matches: Iterable[re.Match[str]] = finditer(text)
    else:
        # A match is letters, apostrophes and hyphens: it lies within one region (a
        # catalogue's text is mostly blanks between its strings, not worth scanning).
        matches = chain.from_iterable(finditer(text, a, b) for a, b in regions)
    for m in matches:
        start, end = m.span()
        if start < done:
            continue  # the second capital of Abd-Al-Karim
        word = None
        if start:
            before = text[start - 1]
            if before.isalnum():
                # Inside a word (iPhone); but a capital after a joiner in it starts a
                # word part, found from there as before (3M-Siemens: "M-Siemens").
                inner = _inner_capital(m.group())
                if inner < 0:
                    continue
                start += inner
                before = text[start - 1]
            if start > 1 and before in joiners and text[start - 2].isalpha():
                while start > 0 and (
                    text[start - 1].isalpha()
                    or (text[start - 1] in joiners and start > 1 and text[start - 2].isalpha())
                ):
                    start -= 1  # back to the start of al-Assad, d'Estaing
                token = _WORD.match(text, start)
                if token is None:  # pragma: no cover - the capital itself is a word
                    continue
                end = token.end()
                word = token.group()
        if word is None:
            word = m.group()
        done = end
        first_of_sentence = start in firsts
        if "'" in word or "’" in word:
            start, end, word = _trim_word(word, start, end)
        if len(word) < 2 or word.isupper() or (word[0].islower() and not _is_particle_name(word)):
            # An initial, an acronym (NATO, UN), a shouted word, pro-Russian.
            last = None
            continue
        while si < n_sent and sentences[si][1] <= start:
            si += 1
        in_sentence = si < n_sent and sentences[si][0] <= start
        before = text[start - 1]
        if (
            in_sentence
            and before in _AYN_MARKS
            and not first_of_sentence
            and _ayn_mark(text, start, marks)
        ):
            start -= 1  # 'Aqil, 'Abdu: the ayn is part of the spelling
            word = text[start] + word
            before = text[start - 1]
        initial = first_of_sentence or not in_sentence or _after_start_mark(text, start)
        strong = False
        if not initial:
            if in_sentence:
                flag = headline[si]
                if flag is None:
                    flag = headline[si] = _is_headline(text, *sentences[si])
                strong = not flag
            else:
                strong = True
        # "Al Assad", "El Baradei", and (outside Romance languages, where it is
        # an article) "al Assad": a particle and a name with one space between.
        # (The character before is tested first: a space, seldom.)
        if (
            start >= 3
            and before in spaces
            and text[start - 3 : start - 1] in ("al", "el", "Al", "El")
            and (start == 3 or not text[start - 4].isalnum())
        ):
            article = text[start - 3 : start]
            if last is not None and last.end == start - 1 and last.surface in ("Al", "El"):
                last.surface = f"{last.surface}{article[2]}{word}"
                last.end = end
                last.strong = last.strong and strong
                continue
            if article[0].islower() and not lower_article_al:
                start -= 3
                word = article + word
                first_of_sentence = start in firsts
                initial = first_of_sentence or _after_start_mark(text, start)
                strong = strong and not initial
                before = text[start - 1]
        occ = NameOccurrence(
            start, end, word, strong, initial, None, None, si if in_sentence else -1
        )
        if last is not None and last.end == start - 1 and before in spaces:
            occ.prev = len(occurrences) - 1
            last.next = len(occurrences)
        occurrences.append(occ)
        last = occ
    return occurrences


# Marks that write the ayn before a name ('Ali, ’Umar, ‘Abd) and also open or close quotes.
_AYN_MARKS = "'’‘"
_AYN_VOWELS = frozenset("AEIOU")


class _QuoteMarks:
    """Where closing quote marks and paragraph ends are in a text, found once (on first
    use: most texts have no ayn candidate) so that each candidate ayn is a bisect, not
    a scan to the end of its paragraph (60 KB of `then 'Ali came`: 13.5 s that way)."""

    __slots__ = ("_closers", "_ends", "_openers", "_plain_closers", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._closers: list[int] | None = None
        self._plain_closers: list[int] = []
        self._openers: list[int] = []
        self._ends: list[int] = []

    def closed(self, start: int) -> bool:
        """Is the mark before `start` closed in its paragraph: is the first closing
        mark after it there, with no other opening mark before that one (which it would
        close instead: Jami' 'Ali said. He said 'Umar left' early)? After ' or ’, an s'
        before a lower-case word is a plural possessive (the parents' views), not a
        closer; ‘ is an opening mark proper, and any ’ after it closes (‘Iowa always’ and)."""
        if self._closers is None:
            self._closers, self._plain_closers = _closing_marks(self.text)
            self._openers = [m.start() for m in _OPENING_MARK.finditer(self.text)]
            self._ends = _paragraph_ends(self.text)
        closers = self._closers if self.text[start - 1] == "‘" else self._plain_closers
        i = bisect_left(closers, start)
        if i == len(closers):
            return False
        closer = closers[i]
        p = bisect_left(self._ends, start)
        if p < len(self._ends) and self._ends[p] <= closer:
            return False
        o = bisect_left(self._openers, start)
        return o == len(self._openers) or self._openers[o] > closer


def _closing_marks(text: str) -> tuple[list[int], list[int]]:
    """Offsets of the marks that may close a quote: after a non-space, before a
    non-letter (Aqil said', tired.'); and of those that are no plural possessive (an s'
    before a lower-case word). Not a word-final mark before a space and another mark:
    that is a final ayn or hamza before a name with an ayn (Jami' 'Ali)."""
    found, plain = [], []
    n = len(text)
    for m in _MARK_AFTER_WORD.finditer(text):
        i = m.start()
        if i + 1 < n and text[i + 1].isalpha():
            continue  # an apostrophe inside a word: Iran's, al-Qa'ida
        possessive = False
        if i + 2 < n and text[i + 1] in " \u00a0":
            if text[i + 2] in _AYN_MARKS:
                continue
            possessive = text[i - 1] in "sS" and text[i + 2].islower()
        found.append(i)
        if not possessive:
            plain.append(i)
    return found, plain


def _paragraph_ends(text: str) -> list[int]:
    """Offsets where paragraphs end: blank lines, or (in a text without one, one
    paragraph a line, as `Document.paragraphs` reads it) line breaks."""
    from transcheck.document import BLANK_LINES, LINE_BREAK  # Document's own separators

    ends = [m.start() for m in BLANK_LINES.finditer(text)]
    if not ends:
        ends = [m.start() for m in LINE_BREAK.finditer(text)]
    return ends


_MARK_AFTER_WORD = re.compile(r"(?<=\S)['’‘]")
_OPENING_MARK = re.compile(r"(?<![^\s(])['’‘](?=[^\W\d_])")


def _ayn_mark(text: str, start: int, marks: _QuoteMarks) -> bool:
    """Is the mark before the capital at `start` (not the first word of a sentence) an
    ayn ('Aqil) rather than an opening quote? Only before a vowel (as the ayn always
    is), after a space within a line, not before an established name or exonym ('Iran's
    victory', 'Europe's worst week' are quotes), and not closed later in the paragraph
    (see `_QuoteMarks.closed`): 'Aqil said' stays a quote, and so does 'Obama is tired.
    Nobody cares.' (British single quotes run over sentences). A mark that opens a sentence is
    a quote (a quote may run on to later sentences and paragraphs)."""
    if text[start] not in _AYN_VOWELS or start + 1 >= len(text) or not text[start + 1].islower():
        return False
    if start < 2 or text[start - 2] not in " \t\u00a0(":
        return False
    word = _WORD.match(text, start)
    if word is not None:
        bare = _trim_word(word.group(), 0, len(word.group()))[2]  # Iran's -> Iran
        if light_key(bare) in _established_rows():
            return False
    return not marks.closed(start)


def _inner_capital(word: str) -> int:
    """Offset of the first capital after a joiner in `word` (Abd-Al), or -1."""
    for i in range(1, len(word) - 1):
        if word[i] in _JOINERS and word[i + 1].isupper():
            return i + 1
    return -1


def _trim_word(word: str, start: int, end: int) -> tuple[int, int, str]:
    """Drop a possessive ('s, ’s) and an elided article (l', d', dell') from a word."""
    if len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] in "sS":
        word, end = word[:-2], end - 2
    for i, ch in enumerate(word[:5]):
        if ch in _APOSTROPHES:
            prefix = word[:i]
            if prefix.islower() and i + 1 < len(word) and word[i + 1].isupper():
                return start + i + 1, end, word[i + 1 :]
            break
    return start, end, word


def _is_particle_name(word: str) -> bool:
    parts = re.split(r"[‐-]", word)
    return (
        len(parts) > 1
        and parts[0].lower() in _PARTICLES
        and any(p[:1].isupper() for p in parts[1:])
    )


def _after_start_mark(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in "\r\n" or text[i] in _START_MARKS


def _is_headline(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a title-case line without final punctuation (a
    headline, a caption)."""
    if end > start and text[end - 1] in _TERMINAL:
        return False
    words = [w for w in _WORD.findall(text, start, end) if len(w) >= 4]
    caps = sum(1 for w in words if w[0].isupper())
    return len(words) >= 2 and caps >= 0.6 * len(words)
