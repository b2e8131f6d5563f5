"""SARIF 2.1.0 for code-scanning services (GitHub code scanning and others).

One run; `tool.driver.rules` lists the whole catalogue so that `ruleIndex` is
stable whatever was selected. Regions carry both line/column (code points, as
`columnKind` says) and character offsets. `partialFingerprints` hash the rule,
the flagged text and a little context, not the line number, so an alert keeps
its identity when lines are added above it.

Paths are written as the user gave them: a relative one stays a relative URI
reference carrying `uriBaseId` %SRCROOT%, which `run.originalUriBaseIds` maps to the
folder transcheck ran in (so a viewer on another machine can ask for that folder, and
GitHub resolves it against the checkout); an absolute one is a `file://` URI without a
base id (the spec allows a base id on relative references only).
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

import transcheck
from transcheck.document import Document
from transcheck.findings import FileResult, Finding, Fix, Report, Severity, Span
from transcheck.fingerprint import fingerprint_of
from transcheck.reporters.jsonwrite import dump_object

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/transcheck/"
STDIN_URI = "stdin"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "transcheckFinding/v1"
# The base of relative artifact URIs: the name SARIF's own examples and GitHub use.
SOURCE_ROOT = "%SRCROOT%"


def render(report: Report, out: TextIO) -> None:
    # `json.dump(…, ensure_ascii=False, indent=2)`, the same text, with the faster encoder
    # (the standard one encodes in pure Python with `indent`).
    dump_object(list(report_to_sarif(report).items()), out)
    out.write("\n")


def report_to_sarif(report: Report) -> dict[str, Any]:
    from transcheck.rules import all_rules

    rules = [_rule_descriptor(rule) for rule in all_rules()]
    index = {descriptor["id"]: i for i, descriptor in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for result in report.files:
        if result.document is None:
            continue
        seen: dict[str, int] = {}  # fingerprint -> occurrences so far in this file
        for finding in result.findings:
            if finding.rule not in index:  # a rule outside the catalogue still needs a descriptor
                index[finding.rule] = len(rules)
                rules.append({"id": finding.rule, "name": finding.rule})
            results.append(_result(result, finding, index[finding.rule], seen))
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "transcheck",
                        "version": transcheck.__version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "invocations": [_invocation(report)],
                "originalUriBaseIds": {SOURCE_ROOT: _source_root()},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    doc = rule.documentation()
    return {
        "id": rule.name,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc},
        "defaultConfiguration": {
            "enabled": bool(rule.enabled_by_default),
            "level": LEVELS[rule.default_severity],
        },
        "properties": {"needs_source": bool(rule.needs_source), "needs_mt": bool(rule.needs_mt)},
    }


def _invocation(report: Report) -> dict[str, Any]:
    notifications = []
    for result in report.files:
        if result.error is not None:
            notifications.append(_notification("error", result.error, result.path))
        for note in result.notes:
            notifications.append(_notification("note", note, result.path))
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _notification(level: str, text: str, path: str) -> dict[str, Any]:
    return {
        "level": level,
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path)}}],
    }


def _result(
    result: FileResult, finding: Finding, rule_index: int, seen: dict[str, int]
) -> dict[str, Any]:
    document = result.document
    assert document is not None
    artifact = artifact_location(result.path)
    data: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(artifact, document, finding.span)],
    }
    related = [
        {"id": i, **_location(artifact, document, span)}
        for i, span in enumerate(s for s in finding.related if s != finding.span)
    ]
    if finding.source_span is not None and result.source is not None:
        source = result.source
        located = _location(artifact_location(source.path), source, finding.source_span)
        related.append({"id": len(related), **located, "message": {"text": "source"}})
    if related:
        data["relatedLocations"] = related
    if finding.fix is not None and finding.fix.edits:
        data["fixes"] = [_fix(artifact, document, finding.fix)]
    fingerprint = fingerprint_of(document, finding)
    seen[fingerprint] = seen.get(fingerprint, 0) + 1
    data["partialFingerprints"] = {FINGERPRINT_KEY: f"{fingerprint}:{seen[fingerprint]}"}
    if finding.suggestion is not None:
        data["properties"] = {"suggestion": finding.suggestion}
    return data


def _location(artifact: dict[str, str], document: Document, span: Span) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": region(document, span),
        }
    }


def region(document: Document, span: Span) -> dict[str, int]:
    """1-based line/column (end exclusive) and 0-based code-point offset/length."""
    line, column = document.position(span.start)
    end_line, end_column = document.position(span.end)
    return {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": span.start,
        "charLength": len(span),
    }


def _fix(artifact: dict[str, str], document: Document, fix: Fix) -> dict[str, Any]:
    return {
        "description": {"text": fix.title},
        "artifactChanges": [
            {
                "artifactLocation": artifact,
                "replacements": [
                    {
                        "deletedRegion": region(document, edit.span),
                        "insertedContent": {"text": edit.replacement},
                    }
                    for edit in fix.edits
                ],
            }
        ],
        "properties": {"safe": fix.safe},
    }


def artifact_location(path: str) -> dict[str, str]:
    """The `artifactLocation` of a path: its URI, relative to %SRCROOT% when relative."""
    uri = artifact_uri(path)
    if path == "-" or PurePath(path).is_absolute():
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SOURCE_ROOT}


def _source_root() -> dict[str, Any]:
    """%SRCROOT%: the working folder as a `file://` URI ending in a slash (so relative
    references resolve inside it), or a description alone if it cannot be named."""
    description = {"text": "The folder transcheck ran in; relative paths start there."}
    try:
        folder = Path.cwd()
    except OSError:  # the working folder was removed under us
        return {"description": description}
    return {"uri": folder.as_uri().rstrip("/") + "/", "description": description}


def artifact_uri(path: str) -> str:
    """The path as given, as a URI reference: relative stays relative, absolute becomes file://."""
    if path == "-":
        return STDIN_URI
    posix = PurePath(path).as_posix()
    if PurePath(path).is_absolute():
        prefix = "file://" if posix.startswith("/") else "file:///"  # Windows: C:/… → file:///C:/…
        return prefix + quote(posix, safe="/:" if prefix == "file:///" else "/")
    return quote(posix, safe="/")
