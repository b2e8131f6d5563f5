"""The machine-translation backend protocol shared by every backend."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Protocol

DEFAULT_TIMEOUT = 60.0  # seconds per document; TRANSCHECK_MT_TIMEOUT overrides it


class MTError(RuntimeError):
    """A backend failed while translating (timeout, crash, misaligned output).

    The message is one line and says what to do; callers print it, never a traceback.
    """


class MTUnavailable(MTError):
    """A backend or language pair is not available; the message says how to get it."""


class Translator(Protocol):
    name: str

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        """Backend, version and model, e.g. "apertium:3.8.3:spa-eng". Part of cache keys.

        With a pair, the ident names the model used for that pair. Without one, a
        translator bound to a pair (as `make_translator` returns them) uses its pair;
        an unbound one returns "backend:version".
        """
        ...

    def pairs(self) -> set[tuple[str, str]]:
        """Installed (source, target) pairs as ISO 639-1 codes."""
        ...

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        """One output per input, in order. Raises MTUnavailable for a missing pair."""
        ...


def arrow(src: str, tgt: str) -> str:
    """How messages name a pair: "es→en"."""
    return f"{src}→{tgt}"


def no_argos_model(src: str, tgt: str) -> str:
    """The message for a language pair no installed argos package covers."""
    return (
        f"no argos model for {arrow(src, tgt)}; "
        f"install one with `transcheck models install {src} {tgt}`"
    )


def default_timeout() -> float:
    """TRANSCHECK_MT_TIMEOUT in seconds (read at call time), else DEFAULT_TIMEOUT."""
    raw = os.environ.get("TRANSCHECK_MT_TIMEOUT", "").strip()
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


class TimeoutSetting:
    """The per-call time limit both backends share: the one given, else the environment's."""

    _timeout: float | None = None

    @property
    def timeout(self) -> float:
        """Seconds one translation may take: the one given, else TRANSCHECK_MT_TIMEOUT or 60."""
        return self._timeout if self._timeout is not None else default_timeout()
