"""The JSON report, version 1 (documented in docs/json-report.md)."""

from __future__ import annotations

from bisect import bisect_right
from json.encoder import encode_basestring  # the C version when available
from typing import Any, TextIO

import transcheck
from transcheck.document import Document
from transcheck.findings import FileResult, Finding, Fix, Report, Severity, Span
from transcheck.reporters.jsonwrite import Converted, Encoded, dump_object, indented

SCHEMA_VERSION = 1


def render(report: Report, out: TextIO) -> None:
    # `json.dump(report_to_dict(report), out, ensure_ascii=False, indent=2)`, the same
    # text, written file by file with a faster encoder (see jsonwrite).
    dump_object(_items(report, Converted(report.files, _file_to_write)), out)
    out.write("\n")


def report_to_dict(report: Report) -> dict[str, Any]:
    return dict(_items(report, [file_to_dict(result) for result in report.files]))


def _items(report: Report, files: Any) -> list[tuple[str, Any]]:
    return [
        ("version", SCHEMA_VERSION),
        ("tool", {"name": "transcheck", "version": transcheck.__version__}),
        ("files", files),
        (
            "summary",
            {
                "files": len(report.files),
                "findings": report.findings_count,
                "by_severity": report.by_severity(),
                "errors": len(report.errors),
            },
        ),
    ]


def file_to_dict(result: FileResult, mt: Any = None, findings: Any = None) -> dict[str, Any]:
    """The file's object in the report; `mt` and `findings` in place of the result's
    when given."""
    document, source = result.document, result.source
    if findings is None:
        findings = (
            [finding_to_dict(f, document, source) for f in result.findings]
            if document is not None
            else []
        )
    return {
        "path": result.path,
        "language": _language(document),
        "source": None if source is None else {"path": source.path, "language": _language(source)},
        "error": result.error,
        "notes": list(result.notes),
        "findings": findings,
        "mt": shown_mt(result) if mt is None else mt,
        **({} if result.fix is None else {"fixed": _fixed(result)}),
    }


# Where a file's "mt" object sits in the report: report > "files" > file > "mt"; and
# each finding: report > "files" > file > "findings" > finding.
MT_LEVEL = 3
FINDING_LEVEL = 4


def prerender(result: FileResult) -> None:
    """Write each finding as the report will hold it (`findings_text`), in a `--jobs`
    worker: the parent then places the text (encoding the findings of a thousand
    catalogues took it ~1 s, while the workers waited or idled)."""
    document = result.document
    if document is not None:
        result.findings_format = "json"
        result.findings_text = findings_json(result.findings, document, result.source)


def shown_mt(result: FileResult) -> dict[str, Any] | None:
    """The file's "mt" object as the report gives it: null for a catalogue that no MT
    backend or semantic model compared (its units already pair source and draft; with
    no backend there is no backend, score or signature to give)."""
    mt = result.mt
    if mt is None or mt.get("backends") or mt.get("semantic_model"):
        return mt
    from transcheck.api import restates_units

    return None if restates_units(result.units, result.source, (), None) else mt


def encode_mt(result: FileResult) -> None:
    """Write the file's "mt" object as the report will hold it (`mt_json`), so that the
    report can place the text instead of encoding the object."""
    if result.mt is not None:
        mt = shown_mt(result)
        result.mt_json = "null" if mt is None else indented(mt, MT_LEVEL)


def _file_to_write(result: FileResult) -> dict[str, Any]:
    """`file_to_dict`, with the "mt" object as the worker wrote it if it did, and the
    findings as one text (each as the worker wrote it, or written here)."""
    findings: Any = None
    document = result.document
    if document is not None:
        texts = result.findings_text if result.findings_format == "json" else None
        if texts is None:
            texts = findings_json(result.findings, document, result.source)
        elif None in texts:  # findings the project checks added
            written = iter(
                findings_json(
                    [f for f, text in zip(result.findings, texts, strict=True) if text is None],
                    document,
                    result.source,
                )
            )
            texts = [next(written) if text is None else text for text in texts]
        findings = Encoded(_list_text(texts, FINDING_LEVEL), FINDING_LEVEL - 1)
    # (Not reading `result.mt` then: from a `--jobs` worker, it is not unpickled unless read.)
    if result.mt_json is not None:
        return file_to_dict(result, Encoded(result.mt_json, MT_LEVEL), findings)
    return file_to_dict(result, None, findings)


def _list_text(texts: list[str], level: int) -> str:
    """The JSON array of values already written `level` deep."""
    if not texts:
        return "[]"
    inner = "\n" + "  " * level
    return f"[{inner}{(',' + inner).join(texts)}\n{'  ' * (level - 1)}]"


def _fixed(result: FileResult) -> list[dict[str, Any]]:
    """What `--fix` changed; offsets referred to the text before fixing, so none are given."""
    assert result.fix is not None
    applied = result.fix.applied if result.fix.changed else []
    return [{"rule": f.rule, "message": f.message, "fix": f.fix.title} for f in applied]


def _language(document: Document | None) -> dict[str, Any] | None:
    if document is None or document.lang is None:
        return None
    confidence = document.lang_confidence
    return {
        "code": document.lang,
        "confidence": None if confidence is None else round(confidence, 4),
    }


def finding_to_dict(
    finding: Finding, document: Document, source: Document | None
) -> dict[str, Any]:
    data = {
        "rule": finding.rule,
        "severity": finding.severity.label,
        "message": finding.message,
        **span_to_dict(finding.span, document, end=True),
        "related": [span_to_dict(s, document) for s in finding.related],
        "suggestion": finding.suggestion,
        "fix": None if finding.fix is None else fix_to_dict(finding.fix, document),
        "source_span": None
        if finding.source_span is None or source is None
        else span_to_dict(finding.source_span, source),
    }
    return data


def span_to_dict(span: Span, document: Document, end: bool = False) -> dict[str, int]:
    line, column = document.position(span.start)
    data = {"start": span.start, "end": span.end, "line": line, "column": column}
    if end:
        end_line, end_column = document.position(span.end)
        data.update(end_line=end_line, end_column=end_column)
    return data


def fix_to_dict(fix: Fix, document: Document) -> dict[str, Any]:
    return {
        "title": fix.title,
        "safe": fix.safe,
        "edits": [
            {**span_to_dict(edit.span, document), "replacement": edit.replacement}
            for edit in fix.edits
        ],
    }


# The fast path of `findings_json`: each finding written from a template at FINDING_LEVEL
# (its keys one step deeper, its spans' keys two, a related span's or an edit's three or
# four), rather than built as nested dicts (a dozen a finding) and walked by the general
# encoder; line and column by one bisect over the document's line starts.
def _indent(level: int) -> str:
    return "\n" + "  " * level


_END, _K1, _K2, _K3, _K4 = (_indent(FINDING_LEVEL + step) for step in range(5))
_LABELS = {severity: severity.label for severity in Severity}


def findings_json(
    findings: list[Finding], document: Document, source: Document | None
) -> list[str]:
    """Each finding as `indented(finding_to_dict(finding, document, source),
    FINDING_LEVEL)` writes it."""
    if not findings:
        return []
    starts, size = document.line_starts, len(document.text)
    source_lines = None  # the source's line starts and length, once a finding needs them
    out = []
    for finding in findings:
        if source_lines is None and source is not None and finding.source_span is not None:
            # A catalogue's source view shares the draft's text (and so its lines).
            same = source.text is document.text
            source_lines = (starts, size) if same else (source.line_starts, len(source.text))
        try:
            text = _finding_json(finding, starts, size, source_lines)
        except _Unusual:
            text = indented(finding_to_dict(finding, document, source), FINDING_LEVEL)
        out.append(text)
    return out


class _Unusual(Exception):
    """A value the template does not write as the general encoder would (not an exact
    str, int or bool where one is expected): the finding goes the general way."""


def _finding_json(
    finding: Finding, starts: list[int], size: int, source_lines: tuple[list[int], int] | None
) -> str:
    span = finding.span
    start, end = span.start, span.end
    rule, message, suggestion = finding.rule, finding.message, finding.suggestion
    if (
        type(start) is not int
        or type(end) is not int
        or type(rule) is not str
        or type(message) is not str
        or not (suggestion is None or type(suggestion) is str)
    ):
        raise _Unusual
    # `Document.position` of start and end: offsets clamped to the text.
    at = start if 0 <= start <= size else (0 if start < 0 else size)
    line = bisect_right(starts, at)
    column = at - starts[line - 1] + 1
    at = end if 0 <= end <= size else (0 if end < 0 else size)
    end_line = bisect_right(starts, at)
    end_column = at - starts[end_line - 1] + 1
    label = _LABELS.get(finding.severity)
    if label is None:
        raise _Unusual
    related, fix, source_span = finding.related, finding.fix, finding.source_span
    related_text = _spans_json(related, starts, size) if related else "[]"
    fix_text = "null" if fix is None else _fix_json(fix, starts, size)
    if source_span is None or source_lines is None:
        source_text = "null"
    else:
        source_text = f"{{{_span_fields(source_span, *source_lines, _K2)}{_K1}}}"
    return (
        f'{{{_K1}"rule": {encode_basestring(rule)},{_K1}"severity": "{label}",'
        f'{_K1}"message": {encode_basestring(message)},{_K1}"start": {start},'
        f'{_K1}"end": {end},{_K1}"line": {line},{_K1}"column": {column},'
        f'{_K1}"end_line": {end_line},{_K1}"end_column": {end_column},'
        f'{_K1}"related": {related_text},'
        f'{_K1}"suggestion": {"null" if suggestion is None else encode_basestring(suggestion)},'
        f'{_K1}"fix": {fix_text},{_K1}"source_span": {source_text}{_END}}}'
    )


def _span_fields(span: Span, starts: list[int], size: int, keys: str) -> str:
    """The members of `span_to_dict(span, document)`, each after `keys`, no braces."""
    start, end = span.start, span.end
    if type(start) is not int or type(end) is not int:
        raise _Unusual
    at = start if 0 <= start <= size else (0 if start < 0 else size)
    line = bisect_right(starts, at)
    return (
        f'{keys}"start": {start},{keys}"end": {end},{keys}"line": {line},'
        f'{keys}"column": {at - starts[line - 1] + 1}'
    )


def _spans_json(spans: tuple[Span, ...], starts: list[int], size: int) -> str:
    """A finding's related spans (an array at FINDING_LEVEL + 1)."""
    texts = [f"{{{_span_fields(span, starts, size, _K3)}{_K2}}}" for span in spans]
    return f"[{_K2}{(',' + _K2).join(texts)}{_K1}]"


def _fix_json(fix: Fix, starts: list[int], size: int) -> str:
    title, safe = fix.title, fix.safe
    if type(title) is not str or type(safe) is not bool:
        raise _Unusual
    edits = []
    for edit in fix.edits:
        replacement = edit.replacement
        if type(replacement) is not str:
            raise _Unusual
        fields = _span_fields(edit.span, starts, size, _K4)
        edits.append(f'{{{fields},{_K4}"replacement": {encode_basestring(replacement)}{_K3}}}')
    edits_text = f"[{_K3}{(',' + _K3).join(edits)}{_K2}]" if edits else "[]"
    return (
        f'{{{_K2}"title": {encode_basestring(title)},{_K2}"safe": {"true" if safe else "false"},'
        f'{_K2}"edits": {edits_text}{_K1}}}'
    )
