"""Report renderers, listed explicitly and imported only when chosen."""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from transcheck.findings import Report, Severity


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"
    JUNIT = "junit"
    HTML = "html"


# format -> module with a `render(report, out)` function
REPORTERS: dict[OutputFormat, str] = {
    OutputFormat.TEXT: "transcheck.reporters.text",
    OutputFormat.JSON: "transcheck.reporters.json",
    OutputFormat.SARIF: "transcheck.reporters.sarif",
    OutputFormat.GITHUB: "transcheck.reporters.github",
    OutputFormat.JUNIT: "transcheck.reporters.junit",
    OutputFormat.HTML: "transcheck.reporters.html",
}


def render(report: Report, fmt: OutputFormat, out: TextIO, fail_on: Severity | None = None) -> None:
    """`fail_on` (the run's threshold) matters to JUnit only: files whose findings are all
    below it pass there, as the exit code does."""
    module = importlib.import_module(REPORTERS[fmt])
    if fmt is OutputFormat.JUNIT:
        module.render(report, out, fail_on=fail_on)
    else:
        module.render(report, out)
