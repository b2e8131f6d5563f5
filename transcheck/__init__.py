"""transcheck: find translation artifacts in translated text."""

# Written here only: pyproject.toml takes it from this line (hatch's version source), and
# the reports read it without importlib.metadata, which costs ~25 ms at start-up.
__version__ = "0.1.0"
