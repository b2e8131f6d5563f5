"""Plain text: the whole file is translatable text; paragraphs are split on blank lines."""

from __future__ import annotations

from transcheck.document import Document
from transcheck.formats import ReadResult


def read(path: str, text: str) -> ReadResult:
    return ReadResult(Document(path=path, text=text))
