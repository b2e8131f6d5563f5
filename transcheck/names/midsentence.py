"""Is any name written mid-sentence in a text? (`_names_mid_sentence`)

Only names attested mid-sentence are clustered, so a text without one needs neither
extraction nor clustering: most UI catalogues have capitals only where their strings
and sentences start. This answers in one scan for capitals, looking one by one only at
those that open no sentence, against the rules of `extract._extract` that make an
occurrence weak; any doubt answers True.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache

from transcheck.names.extract import (
    _AYN_MARKS,
    _JOINERS,
    _after_start_mark,
    _capital_pattern,
    _is_headline,
    _trim_word,
    _upper_class,
)
from transcheck.names.words import _WORD

# The last answer of `_names_mid_sentence`: (text, sentences, answer). The per-file rule
# asks it and so does the file's cross-file summary (`name_summary`).
_LAST_MID: list[tuple[str, list[tuple[int, int]], bool] | None] = [None]


def _end(bounds: tuple[int, int]) -> int:
    return bounds[1]


@cache
def _opening_capital() -> re.Pattern[str]:
    """A capital with no letter or digit right before it (the look-behind comes after
    the capital so that `re` scans for the capital's class)."""
    return re.compile(rf"[{_upper_class()}](?<![^\W_].)")


@cache
def _latin1_capitals() -> bytes:
    """A `bytes.translate` table: 1 for the Latin-1 capitals, 0 for other bytes."""
    return bytes(chr(c).isupper() for c in range(256))


def _opening_capitals(text: str) -> Iterator[int]:
    """Offsets of the capitals with no letter or digit right before them. A Latin-1
    text (most catalogues) is copied to bytes and its capitals marked by a table,
    then found by `find`: six times faster than `re`'s scan for a class of capitals."""
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        yield from (m.start() for m in _opening_capital().finditer(text))
        return
    find = data.translate(_latin1_capitals()).find
    i = find(1)
    while i >= 0:
        if not (i and text[i - 1].isalnum()):
            yield i
        i = find(1, i + 1)


def _names_mid_sentence(text: str, sentences: Sequence[tuple[int, int]]) -> bool:
    """False when `_extract` provably finds no name written mid-sentence (no strong
    occurrence), so that nothing clusters; True when it may. Most UI catalogues have
    capitals only where their strings and sentences start: those are found in one scan,
    and only the other capitals are looked at one by one (against the rules of
    `_extract` that make an occurrence initial; any doubt answers True)."""
    last = _LAST_MID[0]
    if last is not None and last[0] is text and last[1] == sentences:
        return last[2]
    answer = _any_mid_sentence(text, sentences)
    _LAST_MID[0] = (text, list(sentences), answer)
    return answer


def _any_mid_sentence(text: str, sentences: Sequence[tuple[int, int]]) -> bool:
    # An occurrence starts at a capital with no letter or digit before it (a capital
    # after a letter starts none: iPhone; the one after a joiner in 3M-Siemens has a
    # joiner before it), or is a word that `_extract` backs up to from a capital after a
    # joiner (al-Assad, d'Estaing). A capital that starts a sentence opens its first word.
    heads = dict(sentences)
    joiners = _JOINERS
    for start in _opening_capitals(text):
        if start > 1 and text[start - 1] in joiners and text[start - 2].isalpha():
            if not _backed_up_word_opens(text, start, sentences):
                return True
        elif start in heads or heads.get(start - 1, 0) > start:
            continue  # it opens its sentence, or follows a mark that does (¿Seguro)
        elif not _capital_opens(text, start, sentences):
            return True
    return False


def _sentence_at(position: int, sentences: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The sentence `_extract` places `position` in (its first with an end after it), or
    None outside every sentence."""
    si = bisect_right(sentences, position, key=_end)
    if si < len(sentences) and sentences[si][0] <= position:
        return sentences[si]
    return None


def _capital_opens(text: str, start: int, sentences: Sequence[tuple[int, int]]) -> bool:
    """Is the capital at `start` (no letter or digit before it) sure to be no strong
    occurrence: a short word or an acronym, outside every sentence, the first word of its
    sentence, after a quote mark or a line break, or in a headline?"""
    before = text[start - 1] if start else " "
    if before not in _JOINERS:  # (else it may be the inner capital of a longer match)
        word = _capital_pattern().match(text, start).group()  # type: ignore[union-attr]
        if "'" in word or "’" in word:
            word = _trim_word(word, start, start + len(word))[2]
        if len(word) < 2 or word.isupper():
            return True
    sentence = _sentence_at(start, sentences)
    if sentence is None or _WORD.search(text, sentence[0], start) is None:
        return True
    if before not in _AYN_MARKS and _after_start_mark(text, start):
        return True  # (an ayn mark may move the start: not that case)
    return _is_headline(text, *sentence)


def _backed_up_word_opens(text: str, start: int, sentences: Sequence[tuple[int, int]]) -> bool:
    """Does the word `_extract` backs up to from the capital at `start` (after a joiner
    after a letter: al-Assad) open its sentence?"""
    joiners = _JOINERS
    while start > 0 and (
        text[start - 1].isalpha()
        or (text[start - 1] in joiners and start > 1 and text[start - 2].isalpha())
    ):
        start -= 1
    sentence = _sentence_at(start, sentences)
    return sentence is not None and _WORD.search(text, sentence[0], start) is None
