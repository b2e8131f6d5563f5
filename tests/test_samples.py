"""The sample draft yields exactly its known artifacts; the control texts yield none."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transcheck.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
runner = CliRunner()

# (line, rule) of every artifact written into samples/draft.en.txt
KNOWN_ARTIFACTS = [
    (9, "quote-direction"),  # moratorium, “Lunde said.
    (11, "quote-spacing"),  # at sea ”, said
    (13, "name-variant"),  # Riabtsev vs Ryabtsev
    (13, "quote-style-mixed"),  # the straight-quoted paragraph
    (15, "untranslated-passage"),  # the paragraph left in Spanish
    (19, "duplicate-paragraph"),  # repeated paragraph
    (21, "boilerplate"),  # Please enter your comment!
    (23, "boilerplate"),  # Please enter your name here
]
# With the source, the untranslated paragraph is also identical to its source, and the
# repeated paragraph and the boilerplate have no counterpart in it.
WITH_SOURCE = [
    *KNOWN_ARTIFACTS,
    (15, "untranslated-segment"),
    (19, "addition"),
    (21, "addition"),
    (23, "addition"),
]


def findings(*args: str) -> list[tuple[int, str]]:
    result = runner.invoke(app, ["check", *args, "--format", "json", "--isolated"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    return sorted((f["line"], f["rule"]) for f in report["files"][0]["findings"])


def test_sample_draft_alone():
    assert findings(str(SAMPLES / "draft.en.txt")) == sorted(KNOWN_ARTIFACTS)


def test_sample_draft_with_source_without_mt():
    got = findings(
        str(SAMPLES / "draft.en.txt"), "--source", str(SAMPLES / "source.es.txt"), "--mt", "none"
    )
    assert got == sorted(WITH_SOURCE)


@pytest.mark.apertium
def test_sample_draft_with_source_and_apertium(apertium_es_en, tmp_path):
    got = findings(
        str(SAMPLES / "draft.en.txt"),
        "--source",
        str(SAMPLES / "source.es.txt"),
        "--mt",
        "apertium",
        "--cache-dir",
        str(tmp_path),
    )
    assert got == sorted(WITH_SOURCE)


@pytest.mark.parametrize("name", ["clean.en.txt", "source.es.txt"])
def test_control_texts_are_clean(name):
    assert findings(str(SAMPLES / name)) == []
