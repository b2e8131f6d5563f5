"""transcheck: find translation artifacts in translated text."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("transcheck")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
