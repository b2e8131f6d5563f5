"""Rendering of `transcheck detect`: a per-document line and a per-paragraph table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from transcheck.reporters import OutputFormat

if TYPE_CHECKING:
    from transcheck.api import DetectResult


def render_detect(results: Sequence[DetectResult], fmt: OutputFormat, out: TextIO) -> None:
    if fmt == OutputFormat.JSON:
        json.dump(
            {"version": 1, "files": [_as_dict(r) for r in results]},
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for result in results:
        if result.error:
            continue
        console.print(
            f"{result.path}: {result.code} (confidence {result.confidence:.2f})", markup=False
        )
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for column in ("#", "line", "lang", "conf.", "first words"):
            table.add_column(column, no_wrap=column != "first words")
        for i, para in enumerate(result.paragraphs, 1):
            table.add_row(str(i), str(para.line), para.code, f"{para.confidence:.2f}", para.preview)
        console.print(table)


def _as_dict(result: DetectResult) -> dict:
    return {
        "path": result.path,
        "error": result.error,
        "language": None
        if result.error
        else {"code": result.code, "confidence": round(result.confidence, 4)},
        "paragraphs": [
            {
                "start": p.span.start,
                "end": p.span.end,
                "line": p.line,
                "code": p.code,
                "confidence": round(p.confidence, 4),
                "preview": p.preview,
            }
            for p in result.paragraphs
        ],
    }
