"""The source side of the typography rules in a bilingual file: a translation that
mirrors a pattern of its own source is not flagged for it.

Catalogue sources have a layout of their own (`--help` lines aligned in columns,
`DETAIL:  %s`, `Name    : %s`, `OWNER:GROUP`, a table header reading `Length
Length`), and a translator rightly keeps it. As pofilter's checks do, the rules compare
the translation with the original there: a pattern in a unit's translation is not
flagged when the unit's source (PO msgid, XLIFF `<source>`, the paired JSON string)
has it too. Only bilingual files have units (`RuleContext.units`): a plain document is
never asked. A rule asks only about what it would otherwise flag, and each unit's
answers are computed once, so a catalogue pays for its units with a finding alone, and
linearly however many findings one unit has.

The strings are read as written in the file (the analysis text blanks escapes and
markup to spaces, which would look like runs of spaces): PO string joins (`"`, a line
break, `"`) are removed and backslash escapes resolved (`\\n` a line break, `\\t` a
tab), so the indentation after a `\\n` is no run between words. A JSON pair's source
is decoded already (`Unit.source_text`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transcheck.formats import Unit
    from transcheck.registry import RuleContext

# A PO string continued on the next line: `"`, a line break, `"` (masked by the reader).
_PO_JOIN = re.compile(r'"[ \t]*(?:\r\n|\r|\n)[ \t]*"')


def decoded(raw: str) -> str:
    """A unit's string as written in a PO, XLIFF or JSON file, with the PO joins removed
    and backslash escapes resolved (approximately: enough for the spacing patterns)."""
    from transcheck.formats.po import unescape  # (here: a plain document never asks)

    if '"' in raw:
        raw = _PO_JOIN.sub("", raw)
    return unescape(raw)


def continued_word(raw: str, text: str, pos: int) -> bool:
    """Whether a PO string is continued at `pos` of the file (`"`, a line break, `"`)
    with a word glued to what stands before: msgmerge wraps a long string at any
    character, also inside a word (`la sección ."` / `"debug_loc`), and the analysis
    text `text` shows the join as blanks. (Only a masked `"` can start a join: never
    in a plain document.)"""
    if pos >= len(raw) or raw[pos] != '"' or text[pos] == '"':
        return False
    join = _PO_JOIN.match(raw, pos)
    return join is not None and join.end() < len(text) and not text[join.end()].isspace()


# Two or more spaces between two characters of one line (not an indentation, not
# trailing spaces), also beside tabs (`file   \t: %s`, `<name>\t  does`).
_GAP = re.compile(r"(?<=\S)[ \t]*  [ \t]*(?=\S)")
# A sentence end or a colon and a closing mark, right before a run (searched in the
# three characters before it).
_AFTER_MARK = re.compile(r"[.!?:][\"”’»)\]]?$")
# What runs of spaces a source has (`UnitText.source_gaps`).
NO_GAPS, GAPS_AFTER_MARKS, GAPS_BETWEEN_WORDS = 0, 1, 2
# A space or tab before a mark that whitespace, a closing mark or the end follows
# (`space-before-punctuation`'s pattern).
_SPACED = {m: re.compile(r"[ \t]" + re.escape(m) + r"(?=\s|[\"”’»\]]|$)") for m in ",.;:!?"}
# A mark glued between two letters (`missing-space-after-punctuation`'s pattern).
_GLUED = {m: re.compile(r"(?<=[^\W\d_])" + re.escape(m) + r"(?=[^\W\d_])") for m in ",.;:!?"}
# A full stop after a letter, closing marks, spaces, a letter (`lowercase-sentence-
# start`'s pattern; counted when the letter is in lower case).
_STOP_THEN_WORD = re.compile(r"(?<=[^\W\d_])\.[\"”’»)\]]*[ \t\u00a0]+([^\W\d_])")
# A sentence end inside a string: a full stop, question or exclamation mark after a
# character, closing marks, whitespace, more text (`e.g. x` counts: no harm).
_SENTENCE_END = re.compile(r"(?<=\S)[.!?][\"”’»)\]]*\s+(?=\S)")
# The start of a line kept for `UnitText.line_before` (its first columns).
_LINE_HEAD = 200


def after_mark(text: str, pos: int) -> bool:
    """Whether a sentence end or a colon (and a closing mark) stands right before `pos`."""
    return _AFTER_MARK.search(text, max(0, pos - 3), pos) is not None


def _count(pattern: re.Pattern[str]) -> Callable[[str], int]:
    """A function counting the matches of `pattern` in a text."""
    return lambda text: sum(1 for _ in pattern.finditer(text))


def _lowercase_starts(text: str) -> int:
    return sum(1 for m in _STOP_THEN_WORD.finditer(text) if m.group(1).islower())


class UnitText:
    """What the typography rules ask of one unit: its source and translation as written
    (`decoded`), read when first asked, and the answers, each computed once."""

    def __init__(self, ctx: RuleContext, unit: Unit) -> None:
        self._text = ctx.document.text
        self._unit = unit
        self._counts: dict[object, tuple[int, int]] = {}
        # Where `line_before` stopped: file offset, line index, column, line head.
        self._walk = (unit.target.start, 0, 0, "")

    @cached_property
    def source(self) -> str:
        """The source string; empty when the unit has none."""
        unit = self._unit
        if unit.source_text is not None:  # a JSON pair: the other file's string, decoded
            return unit.source_text
        span = unit.source
        if span is None:
            return ""
        if span.end <= span.start:
            # A PO msgid that reads as a key (`default:LTR`, `path:content`) is no source
            # text for the source-aware rules (its span is empty), but it is what the
            # translation mirrors: taken when written there, as the unit's id.
            key = unit.id.rpartition("\x04")[2]
            return key if key and self._text.startswith(key, span.start) else ""
        return decoded(self._text[span.start : span.end])

    @cached_property
    def target(self) -> str:
        span = self._unit.target
        return decoded(self._text[span.start : span.end])

    @cached_property
    def source_gaps(self) -> int:
        """The runs of spaces of the source: `GAPS_BETWEEN_WORDS` when one stands between
        two words (columns, `-z, --zero     line`), else `GAPS_AFTER_MARKS` when some
        follow a sentence end or a colon (`error.  Evaluation`, `DETAIL:  %s`: the
        two-space typewriter style), else `NO_GAPS`."""
        source = self.source
        found = NO_GAPS
        for m in _GAP.finditer(source):
            if not after_mark(source, m.start()):
                return GAPS_BETWEEN_WORDS
            found = GAPS_AFTER_MARKS
        return found

    @cached_property
    def source_is_one_sentence(self) -> bool:
        """Whether the source has text and no sentence end inside it."""
        source = self.source.strip()
        return bool(source) and _SENTENCE_END.search(source) is None

    @cached_property
    def _source_lines(self) -> list[str]:
        return self.source.split("\n")

    @cached_property
    def _target_lines(self) -> list[str]:
        return self.target.split("\n")

    def source_line(self, index: int) -> str:
        """Line `index` of the source (empty past its end)."""
        lines = self._source_lines
        return lines[index] if index < len(lines) else ""

    def line_mirrors_spaced(self, index: int, mark: str) -> bool:
        """Whether line `index` of the source spaces `mark` at least once and as often
        as the same line of the translation (`mirrors_spaced`, line by line)."""
        key = (_SPACED[mark], index)
        counts = self._counts.get(key)
        if counts is None:
            lines = self._target_lines
            target = lines[index] if index < len(lines) else ""
            count = _count(_SPACED[mark])
            counts = self._counts[key] = (count(self.source_line(index)), count(target))
        return counts[0] > 0 and counts[1] <= counts[0]

    def line_before(self, offset: int) -> tuple[int, int, str]:
        """The line of the translation that holds file offset `offset`, up to it: its
        index among the translation's lines, its length (a column) and its first 200
        characters, as written. Offsets asked in increasing order continue from the
        last one (linear in the unit; a rule asks in text order); an earlier one starts
        over. An offset must not fall inside an escape or a PO join (a typed space or a
        mark never does)."""
        pos, index, column, head = self._walk
        if offset < pos:
            pos, index, column, head = self._unit.target.start, 0, 0, ""
        piece = decoded(self._text[pos:offset])
        breaks = piece.count("\n")
        if breaks:
            index += breaks
            piece = piece[piece.rfind("\n") + 1 :]
            column, head = 0, ""
        column += len(piece)
        if len(head) < _LINE_HEAD:
            head += piece[: _LINE_HEAD - len(head)]
        self._walk = (offset, index, column, head)
        return index, column, head

    def mirrors(self, key: object, count: Callable[[str], int]) -> bool:
        """Whether the source has what `count` counts at least once and at least as many
        times as the translation: the translation keeps what its source does. (When the
        translation has more, it added one, and which cannot be told: all are flagged.)
        `key` names the count, which is made once per unit."""
        counts = self._counts.get(key)
        if counts is None:
            source = self.source
            found = count(source) if source else 0
            counts = self._counts[key] = (found, count(self.target) if found else 0)
        return counts[0] > 0 and counts[1] <= counts[0]

    def mirrors_pattern(self, pattern: re.Pattern[str]) -> bool:
        """`mirrors`, counting the matches of `pattern`."""
        return self.mirrors(pattern, _count(pattern))

    def mirrors_spaced(self, mark: str) -> bool:
        """The source spaces `mark` (`Name : %s`) as often as the translation."""
        return self.mirrors_pattern(_SPACED[mark])

    def mirrors_glued(self, mark: str) -> bool:
        """The source glues `mark` between letters (`OWNER:GROUP`) as often."""
        return self.mirrors_pattern(_GLUED[mark])

    def mirrors_lowercase_start(self) -> bool:
        """The source follows a full stop with a lowercase word (`ext. insn`) as often."""
        return self.mirrors(_lowercase_starts, _lowercase_starts)


def unit_text(ctx: RuleContext, offset: int) -> UnitText | None:
    """The `UnitText` of the unit whose translation holds `offset` when that unit has a
    source, made once per unit and shared by the rules; None in a plain document,
    outside every unit and for a unit without a source."""
    if not ctx.units:
        return None
    unit = ctx.unit_at(offset)
    if unit is None:
        return None
    made: dict[int, UnitText] = ctx.shared(_KEY, dict)
    found = made.get(unit.target.start)
    if found is None:
        found = made[unit.target.start] = UnitText(ctx, unit)
    return found if found.source else None


def source_says(ctx: RuleContext, offset: int, question: Callable[[UnitText], bool]) -> bool:
    """Whether the unit at `offset` has a source and `question` holds for it (always
    False in a plain document)."""
    unit = unit_text(ctx, offset)
    return unit is not None and question(unit)


_KEY = "typography-unit-text"
