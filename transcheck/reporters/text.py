"""Human report: `path:line:col severity rule message`, the line with the span
marked, then a summary. Colour only on a terminal; rich honours NO_COLOR."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from transcheck.document import Document
from transcheck.findings import FileResult, Finding, Report, Severity

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT_CHARS = 60  # characters shown either side of a span on long lines


def render(report: Report, out: TextIO) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for result in report.files:
        if result.document is None:
            continue
        for finding in result.findings:
            _finding(console, result, finding)
        if result.mt:
            _mt_summary(console, result)
    console.print(_summary(report))


def _finding(console: Console, result: FileResult, finding: Finding) -> None:
    document = result.document
    assert document is not None
    line, column = document.position(finding.span.start)
    head = Text()
    head.append(f"{result.path}:{line}:{column}", style="bold")
    head.append(" ")
    head.append(finding.severity.label, style=STYLES[finding.severity])
    head.append(" ")
    head.append(finding.rule, style="magenta")
    head.append(" ")
    head.append(finding.message)
    console.print(head)
    console.print(_marked_line(document, finding))
    if finding.suggestion is not None:
        suggestion = finding.suggestion
        # Whitespace is invisible in a terminal: quote it; an empty replacement deletes.
        shown = suggestion if suggestion.strip() else f"“{suggestion}”"
        shown = shown if suggestion else "(delete)"
        console.print(Text(f"      = suggestion: {shown}", style="green"))
    others = [span for span in finding.related if span != finding.span]
    if others:
        places = ", ".join("{}:{}".format(*document.position(span.start)) for span in others[:10])
        more = f" (+{len(others) - 10} more)" if len(others) > 10 else ""
        console.print(Text(f"      = also at: {places}{more}", style="dim"))


def _marked_line(document: Document, finding: Finding) -> Text:
    line, column = document.position(finding.span.start)
    end_line, end_column = document.position(finding.span.end)
    # Long lines (a paragraph per line is common) are cut to a window around the span;
    # only the window is sliced, so many findings on one huge line stay linear.
    line_start = document.line_starts[line - 1]
    stop = document.line_starts[line] if line < len(document.line_starts) else len(document.text)
    while stop > line_start and document.text[stop - 1] in "\r\n":
        stop -= 1
    length = stop - line_start
    start = column - 1
    end = end_column - 1 if end_line == line else length
    end = max(end, start + 1)
    left = max(0, start - CONTEXT_CHARS)
    right = min(length, end + CONTEXT_CHARS)
    prefix = "…" if left > 0 else ""
    window = document.text[line_start + left : line_start + right]
    shown = prefix + window.expandtabs(1) + ("…" if right < length else "")
    offset = len(prefix) + start - left
    gutter = f"{line:>5} │ "
    text = Text(gutter, style="dim")
    text.append(shown.replace("\r", ""))
    text.append("\n" + " " * 6 + "│ " + " " * offset)
    text.append("^" * max(1, min(end, right) - start), style=STYLES[finding.severity])
    return text


def _mt_summary(console: Console, result: FileResult) -> None:
    mt = result.mt or {}
    for backend in mt.get("backends", []) or []:
        scores = backend.get("scores") or {}
        figures = "  ".join(f"{k}={v:.1f}" for k, v in scores.items() if isinstance(v, int | float))
        console.print(Text(f"{result.path}: MT {backend.get('backend')}: {figures}", style="dim"))
        if backend.get("signature"):
            console.print(Text(f"      signature: {backend['signature']}", style="dim"))


def _summary(report: Report) -> Text:
    counts = report.by_severity()
    checked = len(report.files) - len(report.errors)
    files = f"{checked} file{'s' if checked != 1 else ''}"
    total = report.findings_count
    if total == 0:
        text = Text(f"No findings in {files}.", style="green")
    else:
        parts = ", ".join(
            f"{n} {label}{'s' if n != 1 and label != 'info' else ''}" for label, n in counts.items()
        )
        text = Text(f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {files}.")
    fixed = [f for r in report.files if r.fix and r.fix.changed for f in r.fix.applied]
    if fixed:
        text.append(f" Fixed {len(fixed)} finding{'s' if len(fixed) != 1 else ''}", style="green")
        text.append(" (" + ", ".join(f"{n}× {rule}" for rule, n in _counts(fixed)) + ").")
        text.append(" Findings above are what remains.")
    if report.errors:
        text.append(f" {len(report.errors)} input error(s), see above.", style="red")
    return text


def _counts(findings: list[Finding]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    return sorted(counts.items())
