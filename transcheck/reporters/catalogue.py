"""Rendering of `transcheck rules` and `transcheck rule NAME`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from transcheck.reporters import OutputFormat

if TYPE_CHECKING:
    from transcheck.registry import BaseRule


def render_rules(rules: Sequence[type[BaseRule]], fmt: OutputFormat, out: TextIO) -> None:
    rows = [
        {
            "name": r.name,
            "severity": r.default_severity.label,
            "enabled": r.enabled_by_default,
            "summary": r.summary,
            "needs_source": r.needs_source,
            "needs_mt": r.needs_mt,
        }
        for r in rules
    ]
    if fmt == OutputFormat.JSON:
        json.dump({"version": 1, "rules": rows}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("name", "severity", "flags", "source?", "MT?"):
        table.add_column(column, no_wrap=column != "flags")
    for row in rows:
        severity = row["severity"] + ("" if row["enabled"] else " (off)")
        table.add_row(
            row["name"],
            severity,
            row["summary"],
            "yes" if row["needs_source"] else "-",
            "yes" if row["needs_mt"] else "-",
        )
    Console(file=out, highlight=False, emoji=False).print(table)


def render_rule_doc(rule: type[BaseRule], out: TextIO) -> None:
    needs = [
        n
        for n, flag in (
            ("the source text", rule.needs_source),
            ("machine translation", rule.needs_mt),
        )
        if flag
    ]
    out.write(
        f"{rule.name} ({rule.default_severity.label}"
        f"{'' if rule.enabled_by_default else ', off by default'})\n\n"
    )
    out.write(f"{rule.summary}\n\n")
    if needs:
        out.write(f"Needs: {', '.join(needs)}.\n\n")
    out.write(rule.documentation().rstrip() + "\n")
    if rule.default_options:
        out.write("\nDefault options:\n")
        for key, value in rule.default_options.items():
            out.write(f"  {key.replace('_', '-')} = {value!r}\n")
