"""One self-contained HTML page: each document with its findings highlighted,
a summary by rule, the findings list and, with a source, the aligned
source / draft / MT table.

No external assets and no script: inline CSS only, and a Content-Security-Policy
that forbids everything else, so a report can be mailed or attached to a CI run
and opened safely. Every piece of text is escaped; the document text keeps its
exact code points (CR is written as a character reference, since the HTML
parser would otherwise fold CRLF into LF) so a mark's text is `text[start:end]`.

Findings may overlap (a paragraph-long finding around a quote finding, two rules
on the same character). Marks are nested; when two spans cross, the one that
would be closed out of order is closed and reopened, so a finding can be drawn
as several `<mark>` pieces sharing `data-f`; the first piece carries `id="f-N"`.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any, TextIO

import transcheck
from transcheck.document import Document
from transcheck.findings import FileResult, Finding, Report, Severity

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
SUSPICIOUS = 0.5  # MT bead suspicion from which a table row is tinted

CSS = """
:root { color-scheme: light; --err-bg: #ffd6d3; --err: #b3261e; --warn-bg: #ffecb3;
  --warn: #8a5300; --info-bg: #d6e4ff; --info: #1f4fa3; --line: #d0d4da; --muted: #555c66; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI",
  Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: #1b1f24; background: #fff; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
code, .doc, .rule { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
a { color: #0b57d0; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f3f4f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.overview td, .overview th { white-space: nowrap; }
.file { border-top: 2px solid #1b1f24; margin-top: 2rem; padding-top: 1rem; }
.meta { margin: .25rem 0; color: var(--muted); }
.badge { display: inline-block; padding: 0 .45em; border-radius: .6em; font-size: .85em;
  font-weight: 600; border: 1px solid; }
.badge.sev-error { background: var(--err-bg); color: var(--err); border-color: var(--err); }
.badge.sev-warning { background: var(--warn-bg); color: var(--warn); border-color: var(--warn); }
.badge.sev-info { background: var(--info-bg); color: var(--info); border-color: var(--info); }
.badge.zero { background: #fff; color: var(--muted); border-color: var(--line); }
.error-box { border: 2px solid var(--err); background: var(--err-bg); padding: .5rem .75rem; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 1.25rem;
  align-items: start; }
.doc { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 14px; line-height: 1.7;
  border: 1px solid var(--line); padding: .75rem 1rem; margin: 0; background: #fcfcfd; }
mark { color: inherit; border-radius: 2px; padding: 1px 0; scroll-margin-top: 30vh;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
mark.sev-error { background: var(--err-bg); box-shadow: inset 0 -2px var(--err); }
mark.sev-warning { background: var(--warn-bg); box-shadow: inset 0 -2px var(--warn); }
mark.sev-info { background: var(--info-bg); box-shadow: inset 0 -2px var(--info); }
mark mark { outline: 1px solid currentColor; outline-offset: -1px; }
mark.empty { display: inline-block; width: .4em; height: 1.2em; vertical-align: text-bottom; }
mark:target { outline: 3px solid #1b1f24; outline-offset: 1px; }
.findings { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow: auto;
  border: 1px solid var(--line); padding: .5rem .75rem; }
.findings ol { margin: 0; padding-left: 1.75rem; }
.findings li { margin: 0 0 .6rem; overflow-wrap: anywhere; }
.findings li:target { background: #fff7d6; }
.findings .where { font-variant-numeric: tabular-nums; }
.suggestion { color: #12622e; }
.rule { font-size: .9em; }
table.mt td.text { min-width: 12rem; }
table.mt tr.suspect td { background: #fff4e5; }
.notes { margin: .5rem 0; padding-left: 1.25rem; color: var(--muted); }
details { margin: .5rem 0; }
@media (max-width: 900px) { .columns { display: block; } .findings { position: static;
  max-height: none; margin-top: 1rem; } }
@media print {
  body { padding: 0; font-size: 11pt; }
  .columns { display: block; }
  .findings { position: static; max-height: none; overflow: visible; border: 0; padding: 0;
    margin-top: 1rem; }
  .file { break-before: page; }
  .file:first-of-type { break-before: auto; }
  tr, li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  mark:target { outline: 0; }
}
"""


def render(report: Report, out: TextIO) -> None:
    out.write(render_page(report))


def render_page(report: Report) -> str:
    numbering = _Numbering()
    files = [_file_section(result, index, numbering) for index, result in enumerate(report.files)]
    title = "transcheck report"
    if len(report.files) == 1:
        title += f": {report.files[0].path}"
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta name="generator" content="transcheck {escape(transcheck.__version__)}">\n',
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
            _overview(report),
            *files,
            "</body>\n</html>\n",
        ]
    )


class _Numbering:
    """Page-wide finding numbers, so ids stay unique across files."""

    def __init__(self) -> None:
        self.next = 1

    def take(self, count: int) -> list[int]:
        numbers = list(range(self.next, self.next + count))
        self.next += count
        return numbers


# -- page header ---------------------------------------------------------------


def _overview(report: Report) -> str:
    counts = report.by_severity()
    checked = len(report.files) - len(report.errors)
    parts = [
        "<header>\n<h1>transcheck report</h1>\n",
        f'<p class="meta">transcheck {escape(transcheck.__version__)} · ',
        f"{checked} file{'s' if checked != 1 else ''} checked",
        f", {len(report.errors)} input error(s)" if report.errors else "",
        f" · {report.findings_count} finding{'s' if report.findings_count != 1 else ''} ",
        _badges(counts),
        "</p>\n",
    ]
    if len(report.files) > 1:
        parts.append(
            '<table class="overview"><thead><tr><th>File</th><th>Language</th>'
            "<th>Errors</th><th>Warnings</th><th>Info</th></tr></thead><tbody>\n"
        )
        for index, result in enumerate(report.files):
            by = _severity_counts(result.findings)
            lang = _language(result.document) if result.error is None else "input error"
            parts.append(
                f'<tr><td><a href="#file-{index + 1}">{escape(result.path)}</a></td>'
                f"<td>{escape(lang)}</td>"
                + "".join(f'<td class="num">{by[label]}</td>' for label in by)
                + "</tr>\n"
            )
        parts.append("</tbody></table>\n")
    parts.append("</header>\n")
    return "".join(parts)


def _severity_counts(findings: list[Finding]) -> dict[str, int]:
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for finding in findings:
        counts[finding.severity.label] += 1
    return counts


def _badges(counts: dict[str, int]) -> str:
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    return " ".join(
        f'<span class="badge {f"sev-{label}" if n else "zero"}">{n} '
        f"{label if n == 1 else plural[label]}</span>"
        for label, n in counts.items()
    )


def _language(document: Document | None) -> str:
    if document is None or document.lang is None:
        return "undetermined"
    if document.lang_confidence is None:
        return document.lang
    return f"{document.lang} ({document.lang_confidence:.2f})"


# -- one file -------------------------------------------------------------------


def _file_section(result: FileResult, index: int, numbering: _Numbering) -> str:
    parts = [
        f'<section class="file" id="file-{index + 1}">\n',
        f"<h2>{escape(result.path)}</h2>\n",
    ]
    document = result.document
    if result.error is not None or document is None:
        parts.append(
            f'<p class="error-box">Input error: {escape(result.error or "not read")}</p>\n'
        )
        parts.append(_notes(result.notes))
        parts.append("</section>\n")
        return "".join(parts)
    parts.append(f'<p class="meta">Language: {escape(_language(document))}')
    if result.source is not None:
        parts.append(
            f" · source: {escape(result.source.path)} ({escape(_language(result.source))})"
        )
    parts.append(f" · {_badges(_severity_counts(result.findings))}</p>\n")
    parts.append(_fixed(result))
    parts.append(_notes(result.notes))
    numbers = numbering.take(len(result.findings))
    if result.findings:
        parts.append(_rule_summary(result.findings))
    parts.append('<div class="columns">\n<div>\n<h3>Document</h3>\n')
    parts.append(f'<pre class="doc" data-file="{index + 1}">')
    parts.append(highlight(document.text, result.findings, numbers))
    parts.append("</pre>\n</div>\n")
    parts.append(_findings_list(result, numbers))
    parts.append("</div>\n")
    if result.mt:
        parts.append(_mt_section(result, numbers))
    parts.append("</section>\n")
    return "".join(parts)


def _fixed(result: FileResult) -> str:
    if result.fix is None or not result.fix.changed:
        return ""
    counts = Counter(f.rule for f in result.fix.applied)
    listed = ", ".join(f"{n}× {escape(rule)}" for rule, n in sorted(counts.items()))
    return (
        f'<p class="meta">Fixed {sum(counts.values())} finding(s) ({listed}); '
        "the text and findings below are what remains.</p>\n"
    )


def _notes(notes: list[str]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{escape(note)}</li>" for note in notes)
    return f'<ul class="notes">{items}</ul>\n'


def _rule_summary(findings: list[Finding]) -> str:
    counts = Counter((f.rule, f.severity) for f in findings)
    rows = sorted(counts.items(), key=lambda item: (-item[0][1], -item[1], item[0][0]))
    body = "".join(
        f'<tr><td class="rule">{escape(rule)}</td>'
        f'<td><span class="badge sev-{severity.label}">{severity.label}</span></td>'
        f'<td class="num">{count}</td></tr>\n'
        for (rule, severity), count in rows
    )
    return (
        '<h3>Summary by rule</h3>\n<table class="by-rule"><thead><tr><th>Rule</th>'
        f"<th>Severity</th><th>Count</th></tr></thead><tbody>\n{body}</tbody></table>\n"
    )


# -- the highlighted text --------------------------------------------------------


def highlight(text: str, findings: list[Finding], numbers: list[int]) -> str:
    """`text`, escaped, with a `<mark>` around each finding's span.

    Spans are opened outermost first (longer first; for equal spans the more
    severe one inside, so its colour shows). A span that must close while a
    span opened after it is still open closes those too and reopens them as
    continuation pieces: every mark is well nested and every character of
    every span is covered by that finding's pieces, in order.
    """
    size = len(text)
    spans = [(min(max(f.span.start, 0), size), min(max(f.span.end, 0), size)) for f in findings]
    order = sorted(
        range(len(findings)), key=lambda i: (spans[i][0], -spans[i][1], findings[i].severity, i)
    )
    opening: dict[int, list[int]] = {}
    empty: dict[int, list[int]] = {}
    for i in order:
        start, end = spans[i]
        (empty if start == end else opening).setdefault(start, []).append(i)
    ends = {end for start, end in spans if start != end}
    stops = sorted(set(opening) | set(empty) | ends)

    out: list[str] = []
    stack: list[int] = []  # finding indices of the open marks, outermost first
    pos = 0
    for stop in stops:
        out.append(_text(text[pos:stop]))
        pos = stop
        closing = [k for k, i in enumerate(stack) if spans[i][1] == stop]
        if closing:
            depth = closing[0]
            reopen = [i for i in stack[depth:] if spans[i][1] != stop]
            out.append("</mark>" * (len(stack) - depth))
            del stack[depth:]
            for i in sorted(reopen, key=lambda i: -spans[i][1]):
                out.append(_open(findings[i], numbers[i], spans[i], stack, findings, first=False))
                stack.append(i)
        for i in empty.get(stop, []):
            out.append(_open(findings[i], numbers[i], spans[i], stack, findings, first=True))
            out.append("</mark>")
        for i in opening.get(stop, []):
            out.append(_open(findings[i], numbers[i], spans[i], stack, findings, first=True))
            stack.append(i)
    out.append(_text(text[pos:]))
    out.append("</mark>" * len(stack))  # only if a span ran past the end (clamped above)
    return "".join(out)


def _open(
    finding: Finding,
    number: int,
    span: tuple[int, int],
    stack: list[int],
    findings: list[Finding],
    *,
    first: bool,
) -> str:
    # A browser shows only the innermost title on hover, so it lists the enclosing ones too.
    lines = [_title(finding)] + [_title(findings[i]) for i in reversed(stack)]
    classes = f"sev-{finding.severity.label}" + ("" if span[0] != span[1] else " empty")
    attrs = [
        f'class="{classes}"' if first else f'class="{classes} cont"',
        f'data-f="{number}"',
        f'data-rule="{escape(finding.rule)}"',
        f'data-start="{span[0]}"',
        f'data-end="{span[1]}"',
        f'title="{escape(chr(10).join(dict.fromkeys(lines)))}"',
    ]
    if first:
        attrs.insert(0, f'id="f-{number}"')
    return f"<mark {' '.join(attrs)}>"


def _title(finding: Finding) -> str:
    return f"{finding.rule}: {finding.message}"


def _text(chunk: str) -> str:
    # CR as a reference: the parser's newline normalisation would drop it otherwise.
    return escape(chunk, quote=False).replace("\r", "&#13;")


# -- the findings list -------------------------------------------------------------


def _findings_list(result: FileResult, numbers: list[int]) -> str:
    document = result.document
    assert document is not None
    if not result.findings:
        return '<aside class="findings"><h3>Findings</h3><p>No findings.</p></aside>\n'
    items = []
    for finding, number in zip(result.findings, numbers, strict=True):
        line, column = document.position(finding.span.start)
        parts = [
            f'<li id="l-{number}" value="{number}" class="sev-{finding.severity.label}">',
            f'<a class="where" href="#f-{number}">{line}:{column}</a> ',
            f'<span class="badge sev-{finding.severity.label}">{finding.severity.label}</span> ',
            f'<code class="rule">{escape(finding.rule)}</code><br>',
            escape(finding.message),
        ]
        if finding.suggestion is not None:
            shown = finding.suggestion if finding.suggestion.strip() else f"“{finding.suggestion}”"
            parts.append(
                f'<br><span class="suggestion">Suggestion: {escape(shown if shown else "(delete)")}'
                "</span>"
            )
        if finding.fix is not None:
            kind = "safe fix" if finding.fix.safe else "unsafe fix"
            parts.append(f'<br><span class="muted">{kind}: {escape(finding.fix.title)}</span>')
        others = [s for s in finding.related if s != finding.span]
        if others:
            places = ", ".join("{}:{}".format(*document.position(s.start)) for s in others[:10])
            more = f" (+{len(others) - 10} more)" if len(others) > 10 else ""
            parts.append(f'<br><span class="muted">also at {places}{more}</span>')
        if finding.source_span is not None and result.source is not None:
            src_line, src_col = result.source.position(finding.source_span.start)
            parts.append(f'<br><span class="muted">source {src_line}:{src_col}</span>')
        parts.append("</li>\n")
        items.append("".join(parts))
    return f'<aside class="findings"><h3>Findings</h3>\n<ol>\n{"".join(items)}</ol></aside>\n'


# -- MT comparison ------------------------------------------------------------------


def _mt_section(result: FileResult, numbers: list[int]) -> str:
    mt: dict[str, Any] = result.mt or {}
    document, source = result.document, result.source
    assert document is not None
    backends = mt.get("backends") or []
    has_mt = bool(backends)
    parts = ["<h3>Source / draft comparison</h3>\n"]
    if has_mt:
        parts.append('<ul class="scores">')
        for run in backends:
            scores = run.get("scores") or {}
            figures = " · ".join(
                f"{escape(str(name))} {value:.1f}"
                for name, value in scores.items()
                if isinstance(value, int | float)
            )
            parts.append(f"<li>MT <code>{escape(str(run.get('backend')))}</code>: {figures}")
            if run.get("signature"):
                parts.append(
                    f"<details><summary>sacrebleu signature</summary><code>"
                    f"{escape(str(run['signature']))}</code></details>"
                )
            parts.append("</li>")
        parts.append("</ul>\n")
    else:
        parts.append('<p class="meta">No MT backend: sentence alignment only.</p>\n')
    head = ["#", "Bead"] + (["chrF"] if has_mt else []) + ["Source", "Draft"]
    head += ["MT"] if has_mt else []
    parts.append('<table class="mt"><thead><tr>')
    parts.append("".join(f"<th>{h}</th>" for h in head))
    parts.append("</tr></thead><tbody>\n")
    for row, segment in enumerate(mt.get("segments") or [], start=1):
        suspect = (segment.get("suspicion") or 0) >= SUSPICIOUS
        cells = [
            f'<td class="num">{row}</td>',
            f"<td>{escape(str(segment.get('kind', '')))}</td>",
        ]
        if has_mt:
            chrf = segment.get("chrf")
            shown = f"{chrf:.1f}" if isinstance(chrf, int | float) else "—"
            cells.append(f'<td class="num">{shown}</td>')
        cells.append(f'<td class="text">{_cut(source, segment.get("source_span"))}</td>')
        draft = _cut(document, segment.get("draft_span"))
        links = _links(result.findings, numbers, segment.get("draft_span"))
        cells.append(f'<td class="text">{draft}{links}</td>')
        if has_mt:
            cells.append(f'<td class="text">{escape(segment.get("mt") or "")}</td>')
        attrs = f' class="suspect" title="suspicion {segment["suspicion"]:.2f}"' if suspect else ""
        parts.append(f"<tr{attrs}>{''.join(cells)}</tr>\n")
    parts.append("</tbody></table>\n")
    return "".join(parts)


def _cut(document: Document | None, span: Any) -> str:
    if document is None or not span:
        return '<span class="muted">—</span>'
    start, end = span
    return escape(document.text[start:end])


def _links(findings: list[Finding], numbers: list[int], span: Any) -> str:
    """Links to the findings inside a draft sentence."""
    if not span:
        return ""
    start, end = span
    inside = [
        f'<a href="#f-{n}">{escape(f.rule)}</a>'
        for f, n in zip(findings, numbers, strict=True)
        if start <= f.span.start < end or (f.span.start == f.span.end == end)
    ]
    return f'<br><span class="muted">{", ".join(inside)}</span>' if inside else ""
