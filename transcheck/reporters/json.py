"""The JSON report, version 1 (documented in docs/json-report.md)."""

from __future__ import annotations

from typing import Any, TextIO

import transcheck
from transcheck.document import Document
from transcheck.findings import FileResult, Finding, Fix, Report, Span
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
        source = result.source
        result.findings_format = "json"
        result.findings_text = [
            indented(finding_to_dict(f, document, source), FINDING_LEVEL) for f in result.findings
        ]


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
    """`file_to_dict`, with the "mt" object and the findings as the worker wrote them if
    it did."""
    findings = None
    texts = result.findings_text if result.findings_format == "json" else None
    if texts is not None and result.document is not None:
        document, source = result.document, result.source
        findings = [
            finding_to_dict(f, document, source) if text is None else Encoded(text, FINDING_LEVEL)
            for f, text in zip(result.findings, texts, strict=True)
        ]
    # (Not reading `result.mt` then: from a `--jobs` worker, it is not unpickled unless read.)
    if result.mt_json is not None:
        return file_to_dict(result, Encoded(result.mt_json, MT_LEVEL), findings)
    return file_to_dict(result, None, findings)


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
