"""Is a short string left equal to its English source English UI text, or a name?

A catalogue string such as "Cancel" or "Settings saved" left as its msgid is
untranslated; "Firefox", "Error" (the same in Spanish) or "%s" are not. The evidence is
an English interface word (`locale_data/ui_words_en.txt`) that the target language does
not write the same way. A string of capitalised words with one the list does not know is
taken for a product name (Firefox Sync, Google Drive) and left alone.
"""

from __future__ import annotations

import re
from functools import cache

from transcheck.data import locale_data

# Placeholders, markup, URLs, paths and entities carry no language.
_NOISE = re.compile(
    r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[hlLqjzt]*[a-zA-Z@%]|%\([^)]*\)[a-z]|\{[^{}]*\}"
    r"|<[^<>]*>|&[a-z]+;|\b\w+://\S+|\S+@\S+\.\w+|\$\w+"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# English function words: no evidence alone ("by", "is", "or" are keywords of tools), and
# not names in "Bay of Plenty", "Rio Grande do Sul".
_FUNCTION_TEXT = """
the of and to in is are was for with on off by at from or as if not no my me you your
our it its this that up out do be all each every
"""
_FUNCTION = frozenset(_FUNCTION_TEXT.split())
# Command-line text: options, key=value, [FILE], "%s: open: %s", \\connect, and
# gettext's context tricks (default:LTR).
_TECHNICAL = re.compile(r"--|=|\\|\[|[^\W\d_]:\s*%|:\s*[^\W\d_]+:|\w:\w")


@cache
def _table() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    words: set[str] = set()
    same: dict[str, frozenset[str]] = {}
    text = locale_data().joinpath("ui_words_en.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        head, colon, rest = line.partition(":")
        if colon and len(head) == 2:
            same[head] = same.get(head, frozenset()) | frozenset(rest.split())
        else:
            words.update(line.split())
    return frozenset(words), same


def untranslated_english(text: str, target_lang: str) -> bool:
    """True when `text` (a string identical to its English source) has an English
    interface word that `target_lang` does not share and does not read as a name."""
    plain = _NOISE.sub(" ", text)
    # ALL-CAPS words are codes and keywords (LOG, NONE, FILE), not interface text.
    words = [w for w in _WORD.findall(plain) if not (len(w) > 1 and w.isupper())]
    if not words or _TECHNICAL.search(text):
        return False
    if len(words) == 1 and words[0].islower() and text.strip() == words[0]:
        return False  # a lone lower-case word: a command or keyword (delete, update)
    known, same = _table()
    shared = same.get(target_lang[:2].lower(), frozenset())
    lowered = [w.lower() for w in words]
    if not any(w in known and w not in shared and w not in _FUNCTION for w in lowered):
        return False
    unknown = [w for w, low in zip(words, lowered, strict=True) if low not in known]
    # Firefox Sync, Google Drive, Bay of Plenty: a name of capitalised words.
    content = [w for w, low in zip(words, lowered, strict=True) if low not in _FUNCTION]
    return not (unknown and all(w[0].isupper() for w in content))


# What makes a token code: a digit or a programming symbol, an option's dash, a call's
# bracket (`name(arg)`), and in a lower-case token a dot, colon or hyphen joining
# letters (`reroll-count`, `a.out`).
_CODE_CHAR = re.compile(r"[\d_=<>\[\]{}|\\/*#@$%+~^&]|--|^-|[^\W\d_]\(")
_JOINED = re.compile(r"[^\W\d_][.:-][^\W\d_]")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
_CAPS = re.compile(r"[A-Z][A-Z0-9]+[,.;:!?]?")
# A token that counts: a letter or digit, or the brackets of a synopsis (`[<file>]`
# leaves `[]` once the markup is out).
_CODE_MARK = re.compile(r"[^\W_]|[\[\]|]")
# A lower-case field label before its value placeholder (`nreloc: %u`) in a dump.
_FIELD = re.compile(r"(?<![\w-])[a-z][a-z0-9_]*\s*:\s*(?=%)")


def _prose_token(token: str) -> bool:
    if _CODE_CHAR.search(token) is not None:
        return False
    if token.islower() and _JOINED.search(token) is not None:
        return False
    return not token.isascii() or _VOWEL.search(token) is not None


def _without_noise(text: str) -> str:
    """`text` with field labels marked and placeholders, markup, URLs, e-mail addresses
    and variables blanked (`_FIELD`, `_NOISE`), each pattern run only on a text holding
    a character it needs."""
    if "%" in text and ":" in text:
        text = _FIELD.sub(" _field_ ", text)
    if any(c in text for c in "%{<&@$") or "://" in text:
        text = _NOISE.sub(" ", text)
    return text


def mostly_code(text: str) -> bool:
    """A string of code more than of words: a command synopsis (`git reset [--hard]
    [<commit>]`, `wait [pid ...]`), options, identifiers (`bfd_openr`, `reroll-count`),
    a field dump (`base: %u, pos: %u`). Code stays the same in every language, so a
    copy of it is no untranslated text. Placeholders, markup, URLs and acronyms are left
    out (`Delete %s?` and `Export PDF` are prose; a string of nothing else is code); an
    ASCII token without a vowel is an abbreviation, not a word. No English function
    word may stand among the words (`Run git fetch --all before pushing` is prose),
    and half of the tokens must be code, or the string must have a synopsis's shape:
    a lower-case start (a command, not a sentence) and `[` or `|`."""
    plain = _without_noise(text)
    words = plain.split()
    # An English function word among them (a prose token that counts, unless in capitals)
    # settles it (False below), without the per-token tests: most strings asked are prose.
    if any(w.rstrip(",.;:!?").lower() in _FUNCTION and not _CAPS.fullmatch(w) for w in words):
        return False
    # (ALL-CAPS words, PDF or USB, are neither: names of things in prose and in code.)
    tokens = [t for t in words if _CODE_MARK.search(t) and not _CAPS.fullmatch(t)]
    if not tokens:
        return True  # placeholders, markup, a URL
    prose = [t for t in tokens if _prose_token(t)]
    if len(prose) == len(tokens):
        return False
    start = text.lstrip()[:1]
    if start.isascii() and start.islower() and ("[" in text or "|" in text):
        return True
    return 2 * len(prose) <= len(tokens)
