"""Forget what an earlier check of the same text memoised, so that a repeated run
measures the work of a first one.

Benches that check one text several times would otherwise time cache hits: the
per-text memos (`names.extract._LAST`, the bounded `lru_cache`s on words, sentences and
pairs) and rule instances' own memos. Data files and models (unbounded `cache`)
stay loaded: their one-off load is excluded from the figures on purpose.
"""

from __future__ import annotations

import sys


def clear_memos() -> int:
    """Clear every bounded lru_cache in the loaded transcheck modules and the one-entry
    name-extraction memo; return how many caches were cleared."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("transcheck") or module is None:
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if info is None or getattr(value, "__module__", None) != name:
                continue
            if info().maxsize is not None:  # bounded: a memo, not a data load
                value.cache_clear()
                cleared += 1
    names = sys.modules.get("transcheck.names.extract")
    if names is not None and hasattr(names, "_LAST"):
        names._LAST[0] = None
        cleared += 1
    return cleared
