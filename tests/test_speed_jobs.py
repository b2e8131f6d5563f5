"""Equivalence tests for the session-7 `--jobs` and serial-tail speed work: each faster
implementation against the one it replaced."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcheck.reporters import text

# Text with the control characters rich strips, line breaks and non-ASCII among others.
_TEXTS = st.text(st.sampled_from("ab é│\n\r\t\a\b\v\f\x00\x1b日👍") | st.characters())


@given(_TEXTS)
def test_control_pattern_strips_what_translate_strips(sample: str) -> None:
    assert text._CONTROLS.sub("", sample) == sample.translate(text._STRIPPED)


def test_console_entry_point_freezes_what_is_left_before_exit(monkeypatch) -> None:
    """`main` (the console script) freezes the objects still alive as it leaves, so that
    the interpreter's last collection does not walk a run's results; `app` does not."""
    from transcheck import cli

    monkeypatch.setattr("sys.argv", ["transcheck", "--version"])
    assert gc.get_freeze_count() == 0
    try:
        with pytest.raises(SystemExit):
            cli.main()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
