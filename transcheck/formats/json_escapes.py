"""Letters written as `\\uXXXX` escapes in JSON strings, shown to the rules decoded.

Python's `json.dump` and PHP's `json_encode` escape every non-ASCII character by
default, so a Russian or Greek resource file is nothing but escapes; masked whole,
as other escapes are, it would not be checked at all.

The analysis text must keep the file's offsets (a finding points at the file, a fix
edits it), so a decoded word cannot sit where each of its letters is written. A *run*
is a stretch of the string between whitespace (a word with its punctuation, `данных.`)
in which at least one letter, mark or digit is escaped. Its decoded text is placed at
the start of the run and the rest of the run is blank; the whole run is masked. So a
finding on a word that starts a run starts at its first letter in the file (one inside
a run, `l\\u2019\\u00e9t\\u00e9`, a few columns early; underlines are shorter than the
escapes), spacing findings over the blank are dropped, and no fix ever edits the
escapes (`transcheck.formats.drop_markup_artifacts`). A run with no escaped letter
(`\\u201chola\\u201d`) keeps its escapes masked, as before.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from transcheck.document import Document

# One character of a JSON string's inner text: a \u escape (with its low surrogate when
# it is a high one), another escape, or a literal character.
_TOKEN = re.compile(
    r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
    r"|\\u([0-9a-fA-F]{4})|\\.|[^\\]",
    re.DOTALL,
)

Overlay = tuple[int, str]  # (offset in the file, decoded text shown from there)


@dataclass(eq=False)
class DecodedDocument(Document):
    """A JSON document whose analysis text shows escaped letters decoded (see module)."""

    overlays: tuple[Overlay, ...] = ()
    masks_read_blank: ClassVar[bool] = False  # the decoded runs are masked, and shown

    @cached_property
    def analysis_text(self) -> str:
        blanked = Document.analysis_text.func(self)  # type: ignore[attr-defined]
        if not self.overlays:
            return blanked
        parts: list[str] = []
        pos = 0
        for start, decoded in self.overlays:
            parts.append(blanked[pos:start])
            parts.append(decoded)
            pos = start + len(decoded)
        parts.append(blanked[pos:])
        return "".join(parts)


def escaped_runs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, decoded text) of each run of the string text[start:end] (see module)."""
    if text.find("\\u", start, end) == -1:
        return []
    runs: list[tuple[int, int, str]] = []
    run_start, chars, has_letter = -1, [], False
    pos = start
    for match in _TOKEN.finditer(text, start, end):
        char = _decode(match)
        if not char or char.isspace() or not char.isprintable():  # "": \n, \t…
            if has_letter:
                runs.append((run_start, pos, "".join(chars)))
            run_start, chars, has_letter = -1, [], False
        else:
            if run_start < 0:
                run_start = match.start()
            chars.append(char)
            has_letter = has_letter or (len(match.group()) > 2 and _is_word(char))
        pos = match.end()
    if has_letter:
        runs.append((run_start, pos, "".join(chars)))
    return runs


# Simple escapes that stand for a printable character; the others (\n, \t…) end a run.
_SIMPLE = {'\\"': '"', "\\\\": "\\", "\\/": "/"}


def _decode(match: re.Match[str]) -> str:
    high, low, single = match.groups()
    if high is not None:
        return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + (int(low, 16) - 0xDC00))
    if single is not None:
        return chr(int(single, 16))
    token = match.group()
    return token if len(token) == 1 else _SIMPLE.get(token, "")


def _is_word(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"
