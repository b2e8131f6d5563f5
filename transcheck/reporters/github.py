"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per
finding, which the runner turns into annotations on the changed files.

Escaping follows the Actions toolkit (`@actions/core` command.ts): data escapes
`%`, CR and LF; property values also escape `:` and `,`. Columns are 1-based
code points and `endColumn` is exclusive, as in the JSON and SARIF reports.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TextIO

from transcheck.findings import FileResult, Finding, Report, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, out: TextIO) -> None:
    for result in report.files:
        if result.error is not None:
            out.write(command("error", _file_props(result.path), result.error))
            continue
        for finding in result.findings:
            out.write(_finding(result, finding))
        for note in result.notes:
            out.write(command("notice", _file_props(result.path), note))


def _finding(result: FileResult, finding: Finding) -> str:
    document = result.document
    assert document is not None
    line, column = document.position(finding.span.start)
    end_line, end_column = document.position(finding.span.end)
    props = _file_props(result.path)
    props += [
        ("line", str(line)),
        ("col", str(column)),
        ("endLine", str(end_line)),
        ("endColumn", str(end_column)),
        ("title", finding.rule),
    ]
    message = finding.message
    if finding.suggestion is not None:
        message += f"\nSuggestion: {_shown(finding.suggestion)}"
    return command(COMMANDS[finding.severity], props, message)


def _shown(suggestion: str) -> str:
    if not suggestion:
        return "(delete)"
    # A blank replacement (one space for two) would be invisible at the end of a line.
    return suggestion if suggestion.strip() else f"“{suggestion}”"


def _file_props(path: str) -> list[tuple[str, str]]:
    # Standard input has no file to annotate; the runner then shows the message unattached.
    return [] if path == "-" else [("file", PurePath(path).as_posix())]


def command(name: str, props: list[tuple[str, str]], message: str) -> str:
    """`::name k=v,k=v::message` and a newline, escaped as the toolkit does."""
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{name}{' ' + head if head else ''}::{escape_data(message)}\n"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
