"""Text rendering of `transcheck compare`: scores per backend, the aligned
sentence table, then the findings as in `check`."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table

from transcheck.findings import Report
from transcheck.reporters import text

PREVIEW = 48  # characters of each sentence shown in the table


def render(report: Report, out: TextIO) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for result in report.files:
        mt = result.mt
        if result.document is None or result.source is None or not mt:
            continue
        console.print(f"{result.source.path} → {result.path}", markup=False, style="bold")
        backends = mt.get("backends") or []
        if not backends:
            console.print("  no MT backend: alignment by length only, no scores", style="dim")
        for backend in backends:
            scores = backend["scores"]
            console.print(
                f"  {backend['backend']}: chrF {scores['chrf']:.1f}  BLEU {scores['bleu']:.1f}"
                f"  TER {scores['ter']:.1f}",
                markup=False,
            )
            console.print(f"    {backend['signature']}", markup=False, style="dim")
        table = Table(box=None, header_style="bold", pad_edge=False)
        for column in ("#", "bead", "chrF", "source", "draft"):
            table.add_column(column, no_wrap=column in ("#", "bead", "chrF"), overflow="fold")
        source_text, draft_text = result.source.text, result.document.text
        for i, seg in enumerate(mt.get("segments", []), 1):
            src = _preview(source_text, seg["source_span"])
            tgt = _preview(draft_text, seg["draft_span"])
            chrf = "" if seg["chrf"] is None else f"{seg['chrf']:.1f}"
            table.add_row(str(i), seg["kind"], chrf, src, tgt)
        console.print(table)
    text.render(report, out)


def _preview(document_text: str, span: list[int] | None) -> str:
    if span is None:
        return "—"
    snippet = " ".join(document_text[span[0] : span[1]].split())
    return snippet if len(snippet) <= PREVIEW else snippet[: PREVIEW - 1] + "…"
