"""Offline machine-translation backends, the translation cache, and backend selection.

Backends are listed in BACKENDS and imported only when asked for: argostranslate
costs seconds to import, Apertium costs nothing until a subprocess runs.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from transcheck.mt.base import MTError, MTUnavailable, Translator, arrow, no_argos_model

__all__ = [
    "BACKENDS",
    "CHOICES",
    "MTError",
    "MTUnavailable",
    "Translator",
    "available_backends",
    "get_backend",
    "make_translator",
]

# Name -> (module, class). Order is the order of `auto`: an installed neural model
# (argos) is usually the stronger second opinion; Apertium is rule-based but always there.
BACKENDS: dict[str, tuple[str, str]] = {
    "argos": ("transcheck.mt.argos", "ArgosTranslator"),
    "apertium": ("transcheck.mt.apertium", "ApertiumTranslator"),
}
CHOICES = ("auto", *BACKENDS, "none")


def get_backend(name: str, pair: tuple[str, str] | None = None) -> Translator:
    """A fresh backend by name, optionally bound to a pair (for its `ident()`)."""
    if name not in BACKENDS:
        raise ValueError(f"unknown MT backend {name!r}; choose one of {', '.join(CHOICES)}")
    module_name, class_name = BACKENDS[name]
    cls = getattr(importlib.import_module(module_name), class_name)
    translator: Translator = cls(pair=pair)
    return translator


def _has_pair(translator: Translator, src: str, tgt: str) -> bool:
    try:
        return (src, tgt) in translator.pairs()
    except MTError:  # backend not installed or unreadable: not available
        return False


def available_backends(src: str, tgt: str) -> list[Translator]:
    """Every installed backend that has src→tgt, in BACKENDS order, bound to the pair."""
    found = (get_backend(name, (src, tgt)) for name in BACKENDS)
    return [t for t in found if _has_pair(t, src, tgt)]


def make_translator(
    name: str,
    src: str,
    tgt: str,
    cache_dir: Path | None = None,
    use_cache: bool = True,
) -> list[Translator]:
    """Translators for `--mt NAME` ("auto", "argos", "apertium" or "none").

    "auto" gives every available backend for the pair (possibly none); a named backend
    that lacks the pair raises MTUnavailable saying how to install it. With use_cache,
    each is wrapped in a CachedTranslator on `cache_dir` (default: the user cache dir).
    """
    if name == "none":
        return []
    if name == "auto":
        chosen = available_backends(src, tgt)
    else:
        backend = get_backend(name, (src, tgt))
        if (src, tgt) not in backend.pairs():  # pairs() raises if the backend is missing
            raise MTUnavailable(_missing_pair_message(name, src, tgt))
        chosen = [backend]
    if not use_cache or not chosen:
        return chosen
    return [_cached(t, cache_dir) for t in chosen]


def _missing_pair_message(name: str, src: str, tgt: str) -> str:
    if name == "argos":
        return no_argos_model(src, tgt)
    return (
        f"no {name} mode for {arrow(src, tgt)}; install the Debian package for the pair "
        "(see `apt-cache search apertium`)"
    )


def _cached(translator: Translator, cache_dir: Path | None) -> Translator:
    from transcheck.mt.cache import (
        CACHE_FILE,
        CachedTranslator,
        TranslationCache,
        default_cache_dir,
    )

    folder = cache_dir if cache_dir is not None else default_cache_dir()
    return CachedTranslator(translator, TranslationCache(Path(folder) / CACHE_FILE))
