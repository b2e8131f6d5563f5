"""Sentence splitting for one paragraph, with per-language abbreviations.

One regex pass finds candidate boundaries (a run of `.`, `!`, `?` or `…`,
closing quotes/brackets, then whitespace); each candidate is then accepted or
rejected by looking at the word before it and the character after it:

* the next sentence must start with something that is not a lowercase letter
  (a capital, a digit, an uncased script, or a Spanish `¿`/`¡`), so
  "Wait... what" and unknown abbreviations before lower case never split;
* before a capital, a full stop does not split after a known abbreviation
  (`Mr.`, `Sra.`, `z. B.`, `т. е.`), an initial (`J. R. R. Tolkien`,
  `M. Dupont`), a dotted abbreviation (`U.S.`, `EE.UU.`, `Ph.D.`) or, in
  languages that write ordinals with a dot, a one- or two-digit number
  (`am 3. Oktober`); abbreviations that often end a sentence (`etc.`, `Inc.`)
  do split.

Abbreviation lists live in `locale_data/abbreviations.tsv` and load lazily.
"""

from __future__ import annotations

import re
from functools import cache

from transcheck.data import locale_data

# The characters that end a sentence: one list, for `_CANDIDATE` and `TERMINATOR`.
_TERMINATORS = ".!?…‽。！？"
# Terminators, then closing quotes/brackets, then whitespace (the boundary is
# after the closers). CJK full stops need no whitespace after them.
_CANDIDATE = re.compile(
    # The lookbehind starts a candidate only at the head of a run of terminators ("......"
    # would otherwise be rescanned from every dot: quadratic on a long run). It sits after
    # the first terminator so that the pattern starts with a character class, which `re`
    # skips ahead to in C; a leading lookbehind was tried at every character (4x slower).
    rf"(?P<mark>[{_TERMINATORS}](?<![{_TERMINATORS}].)[{_TERMINATORS}]*"
    r"[\"'”’»«“)\]}」』）]*(?:[ \u00a0\u202f][»›])?)"
    # Whitespace and opening marks, then the first significant character, which must not
    # be an ASCII lowercase letter or a mark that cannot open a sentence (checked here
    # so that most in-sentence candidates cost nothing in Python). CJK full stops need
    # no space after them. One leading character class keeps the regex scan fast.
    r"(?:(?P<gap>\s[\s\"'“‘«»„‚(\[{¿¡—–\-‹›「『]*)(?P<next>[^a-z\s,;:.!?…)\]}%])"
    r"|(?P<cjk>(?<=[。！？」』）])))"
)
# A sentence can only end before the last character of a paragraph at one of these
# (the first character `_CANDIDATE` needs): a paragraph without any is one sentence.
TERMINATOR = re.compile(f"[{_TERMINATORS}]")
_LEADING = "\"'“‘«»„‚([{¿¡"
_TRAILING = "\"'”’»«“)]}"
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")
# Languages that mark ordinal numbers with a full stop ("am 3. Oktober").
_ORDINAL_DOT_LANGS = frozenset(
    {
        *("de", "da", "no", "nb", "nn", "fi", "cs", "sk", "sl", "hr"),
        *("sr", "bs", "pl", "hu", "et", "lv", "lt", "is", "tr", "fo"),
    }
)


@cache
def _abbreviation_rows() -> dict[str, dict[str, str]]:
    """lang -> {abbreviation without final dot, no spaces -> kind}, as in the data file."""
    rows: dict[str, dict[str, str]] = {}
    data = locale_data().joinpath("abbreviations.tsv")
    with data.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("lang\t") or not line.strip():
                continue
            code, abbr, kind = line.rstrip("\n").split("\t")
            rows.setdefault(code, {})[abbr] = kind
    return rows


@cache
def _abbreviations(lang: str) -> dict[str, str]:
    """Universal abbreviations plus those of `lang` (English ones for unknown languages)."""
    rows = _abbreviation_rows()
    return {**rows.get("*", {}), **rows.get(lang, rows["en"])}


@cache
def _suffixes(lang: str) -> tuple[tuple[str, str], ...]:
    """(suffix, kind) rows of `lang`: "-str" is any word ending in "str" (Hauptstr.)."""
    return tuple((abbr[1:], kind) for abbr, kind in _abbreviations(lang).items() if abbr[0] == "-")


def _base_lang(lang: str | None) -> str:
    return (lang or "en").lower().replace("_", "-").split("-")[0]


@cache
def _lang_table(lang: str | None) -> tuple[str, dict[str, str]]:
    """(base language, abbreviation table) of a language code as given: this runs for
    every full stop."""
    base = _base_lang(lang)
    return base, _abbreviations(base)


def _token_before(text: str, end: int) -> tuple[str, int]:
    """The whitespace-delimited token ending at `end` (exclusive) and its start."""
    lo = max(0, end - 40)
    start = 1 + max(
        text.rfind(" ", lo, end),
        text.rfind("\n", lo, end),
        text.rfind("\t", lo, end),
        text.rfind("\u00a0", lo, end),
    )
    if start < lo:
        start = lo
    return text[start:end], start


def abbreviation_kind(text: str, dot: int, lang: str) -> str | None:
    """How the full stop at `text[dot]` is used, or None for a plain full stop.

    Returns "abbr" (never ends a sentence before a capital), "final" (an
    abbreviation that may end one), "num" (an abbreviation before numbers),
    "initial", "dotted" or "ordinal".
    """
    raw, start = _token_before(text, dot)
    token = raw.lstrip(_LEADING).rstrip(_TRAILING)
    if not token:
        return None
    lang, table = _lang_table(lang)
    # Two-part abbreviations written with a space: "p. ej.", "z. B.", "т. е.". (Only
    # when a full stop ends the token before: this runs for every full stop.)
    if start > 1 and text[start - 1] in " \u00a0\u202f" and text[start - 2] == ".":
        prev, _ = _token_before(text, start - 1)
        prev = prev.lstrip(_LEADING)
        if prev.endswith("."):
            kind = table.get(prev + token)
            if kind:
                return kind
    kind = _lookup(table, token)
    if kind:
        return kind
    if "'" in token or "’" in token:
        # After an elided article or preposition: "l'avv.", "dell'art.", "d'env.".
        tail = token[max(token.rfind("'"), token.rfind("’")) + 1 :]
        kind = _lookup(table, tail) if len(tail) > 1 else None
        if kind:
            return kind
    for suffix, kind in _suffixes(lang):
        if token.endswith(suffix) and len(token) > len(suffix) + 1 and token.isalpha():
            return kind
    if len(token) == 1 and token.isalpha():
        return "initial"
    if "." in token and _DOTTED.fullmatch(token):
        return "dotted"
    if lang in _ORDINAL_DOT_LANGS and token.isdigit() and len(token) <= 2:
        return "ordinal"
    return None


def _lookup(table: dict[str, str], token: str) -> str | None:
    kind = table.get(token)
    if kind is None and token:
        # "Approx." at the start of a sentence, "sr." written in lower case.
        other = token[0].lower() if token[0].isupper() else token[0].upper()
        kind = table.get(other + token[1:])
    return kind


def _is_boundary(text: str, m: re.Match[str], lang: str) -> bool:
    if m.group("cjk") is not None:
        return True
    gap = m.group("gap")
    if "¿" in gap or "¡" in gap:
        return True
    nxt = m.group("next")
    if nxt.islower():
        return False
    if nxt in "»›" and m.group("gap").isspace():
        end = m.end()
        if end == len(text) or text[end].isspace():
            # A spaced closing guillemet (`« Assez ! » et sortit`): `mark` takes it when
            # a sentence starts after it, so here the sentence goes on past it. (An
            # opening » (German, Danish) is followed by its first word, not a space.)
            return False
    mark = m.group("mark")
    start = m.start()
    if start > 0 and text[start - 1] in "[(":
        return False  # "[…]" marks an omission inside a sentence
    if mark[0] != "." or mark.startswith(".."):
        return True
    kind = abbreviation_kind(text, start, lang)
    if kind is None or kind == "final":
        return True
    if kind == "num":
        return not nxt.isdigit()
    return False


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of one paragraph, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _CANDIDATE.finditer(text):
        if _is_boundary(text, m, lang):
            end = m.end("mark")
            _append(text, pos, end, spans)
            pos = end
    _append(text, pos, len(text), spans)
    return spans


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentences(text: str, lang: str) -> list[str]:
    """The sentences of one paragraph as strings (convenience for tests and benches)."""
    return [text[s:e] for s, e in sentence_spans(text, lang)]
