"""Where the shipped data files live (CLDR quote marks, abbreviations, boilerplate…).

A plain path next to this module: importlib.resources costs ~25 ms to import on every
start, and transcheck is never run from a zip archive.
"""

from __future__ import annotations

from pathlib import Path


def locale_data() -> Path:
    return Path(__file__).resolve().parent / "locale_data"
