"""Human report: `path:line:col severity rule message`, the line with the span
marked, then a summary. Colour only on a terminal; rich honours NO_COLOR.

Each printed line is built once as (text, style) pieces. On a console with colour, rich
prints them; otherwise (a file, a pipe, `--output`, TERM=dumb) rich would write the plain
text only, and printing through it cost more than checking the files (~37 % of a
`check` of 1,000 PO catalogues): the same text is then written directly, byte for byte
what rich writes (the tests compare the two)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TextIO

from rich.console import Console
from rich.control import STRIP_CONTROL_CODES
from rich.text import Text

from transcheck.document import Document
from transcheck.findings import FileResult, Finding, Report, Severity

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT_CHARS = 60  # characters shown either side of a span on long lines

# One printed line (it may hold "\n"): the style of the whole (rich's Text(style=…)),
# and its pieces with their own styles ("" for none).
Line = tuple[str, list[tuple[str, str]]]

# What rich's Text drops from the text it is given (bell, backspace, vertical tab, form
# feed, carriage return), as a pattern: `str.translate` with a dict of them looked each
# character of a non-ASCII text up, a KeyError raised and cleared for every one not
# there (~1 µs a character, most of writing a finding: every marked line holds "│").
_CONTROLS = re.compile("[" + re.escape("".join(map(chr, STRIP_CONTROL_CODES))) + "]")


def render(report: Report, out: TextIO) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    if console.color_system is None:  # rich would write no escape codes: plain text
        _render_plain(report, out)
    else:
        write_lines(report, rich_writer(console))


def write_lines(report: Report, write: Callable[[Line], None]) -> None:
    for result in report.files:
        if result.document is None:
            continue
        for finding in result.findings:
            for line in _finding(result, finding):
                write(line)
        if result.mt:
            for line in _mt_summary(result):
                write(line)
    write(_summary(report))


def rich_writer(console: Console) -> Callable[[Line], None]:
    def write(line: Line) -> None:
        style, pieces = line
        console.print(Text.assemble(*pieces, style=style))

    return write


# rich's default tab size (Console(tab_size=8)), which the plain text follows.
TAB_SIZE = 8


def _render_plain(report: Report, out: TextIO) -> None:
    """`write_lines` through rich without colour, the same text (findings a `--jobs`
    worker wrote are placed as written)."""
    write = out.write
    for result in report.files:
        if result.document is None:
            continue
        texts = result.findings_text if result.findings_format == "text" else None
        if texts is None:
            for finding in result.findings:
                write(_finding_text(result, finding))
        else:
            for finding, text in zip(result.findings, texts, strict=True):
                write(_finding_text(result, finding) if text is None else text)
        if result.mt:
            for line in _mt_summary(result):
                write(_plain(line))
    write(_plain(_summary(report)))


def prerender(result: FileResult) -> None:
    """Write each finding's plain text (`findings_text`), in a `--jobs` worker: used when
    the report is written without colour."""
    if result.document is not None:
        result.findings_format = "text"
        result.findings_text = [_finding_text(result, f) for f in result.findings]


def _finding_text(result: FileResult, finding: Finding) -> str:
    """`_plain` of each of `_finding`'s lines, joined: the same text written directly,
    without the (text, style) pieces (most of a finding's lines are known printable)."""
    document = result.document
    assert document is not None
    line, column = document.position(finding.span.start)
    head = f"{result.path}:{line}:{column} {_LABELS[finding.severity]} {finding.rule} "
    head = _plain_text(head + finding.message)
    shown, offset, marked = _marked(document, finding, line, column)
    if not shown.isprintable():  # the only part of the marked line that may hold controls
        shown = _CONTROLS.sub("", shown)
    parts = [head, f"\n{line:>5} │ ", shown, "\n      │ ", " " * offset, "^" * marked, "\n"]
    if finding.suggestion is not None:
        parts += (_plain_text(_suggestion(finding.suggestion)), "\n")
    if finding.related:
        also = _also_at(document, finding)
        if also is not None:
            parts += (_plain_text(also), "\n")
    return "".join(parts)


def _plain(line: Line) -> str:
    """What rich writes for `line` without colour (and its newline)."""
    return _plain_text("".join([piece for piece, _ in line[1]])) + "\n"


def _plain_text(text: str) -> str:
    """What rich writes for `text` without colour (no newline added)."""
    if not text.isprintable():
        text = _CONTROLS.sub("", text)
        if "\t" in text:  # rich expands tabs by cell width (wide characters count 2)
            expanded = Text(text)
            expanded.expand_tabs(TAB_SIZE)
            text = expanded.plain
    return text


_LABELS = {severity: severity.label for severity in Severity}


def _finding(result: FileResult, finding: Finding) -> list[Line]:
    document = result.document
    assert document is not None
    line, column = document.position(finding.span.start)
    shown, offset, marked = _marked(document, finding, line, column)
    lines: list[Line] = [
        (
            "",
            [
                (f"{result.path}:{line}:{column}", "bold"),
                (" ", ""),
                (finding.severity.label, STYLES[finding.severity]),
                (" ", ""),
                (finding.rule, "magenta"),
                (" ", ""),
                (finding.message, ""),
            ],
        ),
        (
            "dim",
            [
                (f"{line:>5} │ ", ""),
                (shown, ""),
                ("\n" + " " * 6 + "│ " + " " * offset, ""),
                ("^" * marked, STYLES[finding.severity]),
            ],
        ),
    ]
    if finding.suggestion is not None:
        lines.append(("green", [(_suggestion(finding.suggestion), "")]))
    also = _also_at(document, finding) if finding.related else None
    if also is not None:
        lines.append(("dim", [(also, "")]))
    return lines


def _suggestion(suggestion: str) -> str:
    # Whitespace is invisible in a terminal: quote it; an empty replacement deletes.
    shown = suggestion if suggestion.strip() else f"“{suggestion}”"
    shown = shown if suggestion else "(delete)"
    return f"      = suggestion: {shown}"


def _also_at(document: Document, finding: Finding) -> str | None:
    """The line naming the related spans other than the finding's own, if any."""
    others = [span for span in finding.related if span != finding.span]
    if not others:
        return None
    places = ", ".join("{}:{}".format(*document.position(span.start)) for span in others[:10])
    more = f" (+{len(others) - 10} more)" if len(others) > 10 else ""
    return f"      = also at: {places}{more}"


def _marked(document: Document, finding: Finding, line: int, column: int) -> tuple[str, int, int]:
    """The finding's line as shown (cut to a window around the span, "\r" left out), the
    marker's offset in it and its width (at least 1), in terminal columns."""
    end_line, end_column = document.position(finding.span.end)
    # Long lines (a paragraph per line is common) are cut to a window around the span;
    # only the window is sliced, so many findings on one huge line stay linear.
    text, starts = document.text, document.line_starts
    line_start = starts[line - 1]
    stop = starts[line] if line < len(starts) else len(text)
    while stop > line_start and text[stop - 1] in "\r\n":
        stop -= 1
    length = stop - line_start
    start = column - 1
    end = end_column - 1 if end_line == line else length
    end = max(end, start + 1)
    left = max(0, start - CONTEXT_CHARS)
    right = min(length, end + CONTEXT_CHARS)
    prefix = "…" if left > 0 else ""
    window = text[line_start + left : line_start + right]
    shown = prefix + window.expandtabs(1) + ("…" if right < length else "")
    # The marker is placed and sized in terminal columns: a CJK character or an emoji
    # takes two, a combining accent none.
    offset = len(prefix) + display_width(window[: start - left])
    marked = display_width(window[start - left : min(end, right) - left])
    return shown.replace("\r", ""), offset, max(1, marked)


# The control characters rich removes (_CONTROLS) take no column, nor do an emoji's
# skin-tone modifiers (U+1F3FB-1F3FF): the emoji they follow takes two.
_ZERO_WIDTH = frozenset(map(chr, STRIP_CONTROL_CODES)) | frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
)


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal (tabs count one, as the marked line shows them):
    East Asian wide and fullwidth characters two, combining marks and zero-width ones none."""
    # Before U+0300 (combining marks start there, wide characters much later) every
    # character takes one column but the controls rich strips: most European text.
    if text.isascii() or max(text) < "\u0300":
        return len(text) if text.isprintable() else len(_CONTROLS.sub("", text))
    return sum(map(_char_width, text))


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    """Columns one character takes (see `display_width`); memoised: a text's characters
    repeat, and the two Unicode look-ups cost more than the memo's."""
    from unicodedata import category, east_asian_width

    if char in _ZERO_WIDTH or category(char) in ("Mn", "Me"):
        return 0
    return 2 if east_asian_width(char) in ("W", "F") else 1


def _mt_summary(result: FileResult) -> list[Line]:
    mt = result.mt or {}
    lines: list[Line] = []
    for backend in mt.get("backends", []) or []:
        scores = backend.get("scores") or {}
        figures = "  ".join(f"{k}={v:.1f}" for k, v in scores.items() if isinstance(v, int | float))
        lines.append(("dim", [(f"{result.path}: MT {backend.get('backend')}: {figures}", "")]))
        if backend.get("signature"):
            lines.append(("dim", [(f"      signature: {backend['signature']}", "")]))
    return lines


def _summary(report: Report) -> Line:
    counts = report.by_severity()
    checked = len(report.files) - len(report.errors)
    files = f"{checked} file{'s' if checked != 1 else ''}"
    total = report.findings_count
    if total == 0:
        style, pieces = "green", [(f"No findings in {files}.", "")]
    else:
        parts = ", ".join(
            f"{n} {label}{'s' if n != 1 and label != 'info' else ''}" for label, n in counts.items()
        )
        found = f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {files}."
        style, pieces = "", [(found, "")]
    fixed = [f for r in report.files if r.fix and r.fix.changed for f in r.fix.applied]
    if fixed:
        pieces.append((f" Fixed {len(fixed)} finding{'s' if len(fixed) != 1 else ''}", "green"))
        pieces.append((" (" + ", ".join(f"{n}× {rule}" for rule, n in _counts(fixed)) + ").", ""))
        pieces.append((" Findings above are what remains.", ""))
    if report.errors:
        pieces.append((f" {len(report.errors)} input error(s), see above.", "red"))
    return style, pieces


def _counts(findings: list[Finding]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    return sorted(counts.items())
