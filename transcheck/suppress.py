"""Inline suppressions, written as HTML comments so they work in plain text,
Markdown and HTML alike:

    <!-- transcheck-disable name-variant, quote-spacing -->   … until enabled again
    <!-- transcheck-enable name-variant -->
    <!-- transcheck-disable -->                               every rule
    <!-- transcheck-disable-next repeated-word -->            the next paragraph only

Every HTML comment is masked: rules never see comment text. A comment shown inside
Markdown code (inline code, a fenced or an indented block: documentation about these
directives) is text, not a directive: it suppresses nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from transcheck.findings import Finding, Span

ALL = "*"
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_DIRECTIVE = re.compile(
    r"^\s*transcheck-(disable-next|disable|enable)\b\s*(.*?)\s*$", re.DOTALL | re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Suppression:
    rules: frozenset[str]  # contains ALL for every rule
    span: Span

    def covers(self, finding: Finding) -> bool:
        return (ALL in self.rules or finding.rule in self.rules) and (
            self.span.start <= finding.span.start < self.span.end
        )


@dataclass(frozen=True, slots=True)
class Directives:
    comments: tuple[Span, ...]
    suppressions: tuple[Suppression, ...]
    unknown_rules: tuple[tuple[Span, str], ...]

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        return [f for f in findings if not any(s.covers(f) for s in self.suppressions)]


def parse_directives(
    text: str,
    paragraphs: list[Span],
    known_rules: Iterable[str] = (),
    masked: Sequence[Span] = (),
) -> Directives:
    """Find comments and turn transcheck directives into suppressed regions.

    `paragraphs` must come from the text with comments masked, so that a
    directive on a line of its own sits between paragraphs. `masked` (the
    document's masked regions) tells a comment shown inside code, which is no
    directive, from a real one (`_in_code`).
    """
    known = set(known_rules)
    regions: _Regions | None = None
    comments: list[Span] = []
    suppressions: list[Suppression] = []
    unknown: list[tuple[Span, str]] = []
    open_regions: dict[str, int] = {}  # rule -> offset where its disable began
    for match in _COMMENT.finditer(text):
        span = Span(match.start(), match.end())
        comments.append(span)
        directive = _DIRECTIVE.match(match.group(1))
        if not directive:
            continue
        if masked:
            if regions is None:
                regions = _Regions(masked)
            if _in_code(text, span, regions.around(span)):
                continue
        kind = directive.group(1).lower()
        rules = [r for r in re.split(r"[\s,]+", directive.group(2)) if r] or [ALL]
        for rule in rules:
            if rule != ALL and known and rule not in known:
                unknown.append((span, rule))
        if kind == "disable-next":
            following = next((p for p in paragraphs if p.start >= span.end), None)
            if following is not None:
                suppressions.append(Suppression(frozenset(rules), following))
        elif kind == "disable":
            for rule in rules:
                open_regions.setdefault(rule, span.end)
        else:  # enable
            targets = list(open_regions) if rules == [ALL] else rules
            for rule in targets:
                start = open_regions.pop(rule, None)
                if start is not None:
                    suppressions.append(Suppression(frozenset([rule]), Span(start, span.start)))
    for rule, start in open_regions.items():
        suppressions.append(Suppression(frozenset([rule]), Span(start, len(text))))
    return Directives(tuple(comments), tuple(suppressions), tuple(unknown))


class _Regions:
    """Masked regions merged (readers may give them overlapping or unsorted), searchable
    by offset; built only for a file with a directive."""

    def __init__(self, masked: Sequence[Span]) -> None:
        from transcheck.formats import merge_spans  # formats imports this module lazily

        merged = [(span.start, span.end) for span in merge_spans(masked)]
        self.spans = merged
        self.starts = [a for a, _ in merged]

    def around(self, span: Span) -> tuple[int, int] | None:
        """The merged masked region holding `span`, None if it is not wholly masked."""
        i = bisect_right(self.starts, span.start) - 1
        if i >= 0 and self.spans[i][1] >= span.end:
            return self.spans[i]
        return None


# A fence line of Markdown: up to three spaces, then ``` or ~~~ (at least three).
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$", re.MULTILINE)
_BACKTICKS = re.compile(r"`+")
_LIST_ITEM = re.compile(r"( *)(?:[-*+]|\d{1,9}[.)])( +)\S")


def _in_code(text: str, comment: Span, region: tuple[int, int] | None) -> bool:
    """The comment is shown inside Markdown code. Code is masked whole, and so are the
    blank lines and comments next to it, so the masked region around the comment holds
    the code's delimiters: an open backtick run on the comment's line (inline code), an
    unclosed fence before it (fenced block). An indented block has no delimiter: the
    comment's line is indented four columns more than the text it follows, after a
    blank line (an indented line right after text continues that paragraph)."""
    if region is None:
        return False  # a comment in visible text (a format that does not mask it)
    start = region[0]
    line_start = text.rfind("\n", 0, comment.start) + 1
    if len(_BACKTICKS.findall(text, max(start, line_start), comment.start)) % 2:
        return True
    if _open_fence(text[start : comment.start]):
        return True
    return line_start >= start and _indented_code(text, line_start)


def _open_fence(before: str) -> bool:
    """`before` ends inside a fenced block (CommonMark: a closing fence is the opening
    fence's character, at least as long, with nothing after it)."""
    opener: str | None = None
    for m in _FENCE.finditer(before):
        run, rest = m.group(1), m.group(2)
        if opener is None:
            if not (run[0] == "`" and "`" in rest):  # ```x` is inline code, not a fence
                opener = run
        elif run[0] == opener[0] and len(run) >= len(opener) and not rest.strip():
            opener = None
    return opener is not None


def _indented_code(text: str, line_start: int) -> bool:
    base = _base_indent(text, line_start)
    if _columns(text, line_start) < base + 4:
        return False
    # Up over the lines as indented just above: an indented block cannot interrupt a
    # paragraph, so they are code if a blank line (or the file's start) comes before them,
    # the continuation of a paragraph if less indented text does.
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if not text[start:end].strip():
            return True
        if _columns(text, start) < base + 4:
            return False
        end = start - 1
    return True


def _base_indent(text: str, line_start: int) -> int:
    """The column where text starts at the level of the line at `line_start`: that of the
    nearest earlier non-blank line indented less than four (a list item's content column
    for an item line); 0 at the start of the file."""
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip():
            column = _columns(text, start)
            if column < 4:
                item = _LIST_ITEM.match(line)
                return len(item.group(1)) + 1 + len(item.group(2)) if item else column
        end = start - 1
    return 0


def _columns(text: str, start: int) -> int:
    """Leading whitespace of the line at `start`, in columns (a tab to the next four)."""
    column = 0
    for char in text[start : start + 64]:
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def comment_spans(text: str) -> tuple[Span, ...]:
    if "<!--" not in text:  # most files (a plain substring search, not a regex scan)
        return ()
    return tuple(Span(m.start(), m.end()) for m in _COMMENT.finditer(text))
