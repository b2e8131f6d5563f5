"""Equivalence tests for the session-7 `--jobs` and serial-tail speed work: each faster
implementation against the one it replaced."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.control import STRIP_CONTROL_CODES

from transcheck.reporters import text

# What the text report stripped with `str.translate` before it used a pattern.
_STRIPPED = dict.fromkeys(STRIP_CONTROL_CODES)

# Text with the control characters rich strips, line breaks and non-ASCII among others.
_TEXTS = st.text(st.sampled_from("ab é│\n\r\t\a\b\v\f\x00\x1b日👍") | st.characters())


@given(_TEXTS)
def test_control_pattern_strips_what_translate_strips(sample: str) -> None:
    assert text._CONTROLS.sub("", sample) == sample.translate(_STRIPPED)


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


# Whitespace of every kind str.split() knows, NULs (the separator) and letters.
_SPACED = st.text(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000\x00ab é"))


@given(st.lists(_SPACED | st.text(), max_size=8))
def test_normalised_is_split_and_join_of_each_text(texts: list[str]) -> None:
    from transcheck.rules.consistency import normalised

    assert normalised(texts) == [" ".join(text.split()) for text in texts]


def test_file_unit_texts_as_before(tmp_path) -> None:
    """The unit texts of the sample catalogues and of generated ones, against the
    per-unit implementation they replaced."""
    from pathlib import Path

    from transcheck.api import RunOptions, check_paths
    from transcheck.config import Config
    from transcheck.rules.consistency import _plural_context, file_unit_texts

    def before(result):
        found = []
        draft_text = result.document.analysis_text
        source_text = result.source.analysis_text if result.source is not None else None
        for unit in result.units:
            target = unit.target
            if target.end <= target.start:
                continue
            if unit.source_text is not None:
                original = unit.source_text
            elif unit.source is not None and source_text is not None:
                original = source_text[unit.source.start : unit.source.end]
            else:
                continue
            src = " ".join(original.split())
            tgt = " ".join(draft_text[target.start : target.end].split())
            if src and tgt:
                context = unit.id.split("\x04", 1)[0] if "\x04" in unit.id else ""
                if unit.flags:
                    context = _plural_context(unit.id, unit.flags, context)
                found.append((target.start, target.end, src, tgt, context))
        return found

    samples = Path(__file__).resolve().parents[1] / "samples" / "l10n"
    (tmp_path / "spaced.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'
        'msgid "  Save\\tthe  file "\nmsgstr " Guardar\\n el archivo"\n\n'
        'msgctxt "menu"\nmsgid "Open"\nmsgstr "Abrir"\n\n'
        'msgid "One file"\nmsgid_plural "%d files"\nmsgstr[0] "Un archivo"\n'
        'msgstr[1] "%d archivos"\n\nmsgid "Blank"\nmsgstr "   "\n',
        encoding="utf-8",
    )
    report = check_paths([str(samples), str(tmp_path)], Config(mt="none"), RunOptions())
    checked = [r for r in report.files if r.units]
    assert len(checked) >= 3
    for result in checked:
        assert file_unit_texts(result) == before(result), result.path


def test_serial_run_restores_the_gc_threshold(tmp_path) -> None:
    """A serial run over several files raises the young generation's threshold while it
    checks them (each file's leftovers are collected at its end) and puts it back."""
    from transcheck.api import GC_YOUNG_THRESHOLD, RunOptions, check_paths
    from transcheck.config import Config

    for i in range(3):
        (tmp_path / f"m{i}.es.po").write_text(
            f'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "Save {i}"\nmsgstr "Guardar {i}"\n',
            encoding="utf-8",
        )
    seen = []
    before = gc.get_threshold()
    gc.callbacks.append(lambda phase, info: seen.append(gc.get_threshold()[0]))
    try:
        check_paths([str(tmp_path)], Config(mt="none"), RunOptions())
    finally:
        gc.callbacks.pop()
    assert gc.get_threshold() == before
    assert GC_YOUNG_THRESHOLD in seen  # the per-file collections ran under the raised one


def _width_before(sample: str) -> int:
    """`display_width` as it was: a loop over the characters."""
    from unicodedata import category, east_asian_width

    if sample.isascii():
        return len(sample) if sample.isprintable() else len(sample.translate(_STRIPPED))
    width = 0
    for char in sample:
        if char in text._ZERO_WIDTH or category(char) in ("Mn", "Me"):
            continue
        width += 2 if east_asian_width(char) in ("W", "F") else 1
    return width


def test_display_width_as_before_for_every_character_before_u0300() -> None:
    for code in range(0x300):
        char = chr(code)
        assert text.display_width(char) == _width_before(char), hex(code)
        assert text.display_width(f"é{char}x") == _width_before(f"é{char}x"), hex(code)


@given(_TEXTS | st.text(st.sampled_from("aé\u0301\u200d日ｆ👍🏽\f\t«»“”—")))
def test_display_width_as_before(sample: str) -> None:
    assert text.display_width(sample) == _width_before(sample)
