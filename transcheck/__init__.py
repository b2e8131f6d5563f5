"""transcheck: find translation artifacts in translated text."""

from __future__ import annotations

from functools import cache


@cache
def _version() -> str:
    # importlib.metadata costs ~25 ms, so it is read only when asked for.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("transcheck")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'transcheck' has no attribute {name!r}")
