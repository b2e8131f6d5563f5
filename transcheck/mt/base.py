"""The machine-translation backend protocol shared by every backend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class MTUnavailable(RuntimeError):
    """A backend or language pair is not available; the message says how to get it."""


class Translator(Protocol):
    name: str

    def ident(self) -> str:
        """Backend, version and model, e.g. "apertium:3.8.3:spa-eng". Part of cache keys."""
        ...

    def pairs(self) -> set[tuple[str, str]]:
        """Installed (source, target) pairs as ISO 639-1 codes."""
        ...

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        """One output per input, in order. Raises MTUnavailable for a missing pair."""
        ...
