"""Shared helpers for benchmarks: locate and read ../shared/corpora (never used by tests)."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path


def corpora_dir() -> Path:
    override = os.environ.get("TRANSCHECK_CORPORA")
    path = (
        Path(override) if override else Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )
    if not path.is_dir():
        raise SystemExit(f"corpora not found at {path}; set TRANSCHECK_CORPORA")
    return path


def read_tsv(name: str) -> Iterator[dict[str, str]]:
    with (corpora_dir() / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
