"""The cheap test for a name written mid-sentence
(`names.midsentence._names_mid_sentence`) and the cross-file summaries it leaves
incomplete: never a different finding."""

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from transcheck.cli import app
from transcheck.document import Document
from transcheck.names import extract, midsentence, name_summary
from transcheck.names.extract import _extract
from transcheck.names.midsentence import _names_mid_sentence, _opening_capital, _opening_capitals


def _plain_sentences(text: str) -> list[tuple[int, int]]:
    # A plain splitter (not transcheck.segment): sentences that leave text uncovered.
    spans = []
    for m in re.finditer(r"[^.!?\n]+[.!?]*", text):
        start, end = m.span()
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            spans.append((start, end))
    return spans


def _any_strong(text: str, sentences: list[tuple[int, int]]) -> bool:
    return any(o.strong for article in (False, True) for o in _extract(text, sentences, article))


def _mid(text: str, sentences: list[tuple[int, int]]) -> bool:
    midsentence._LAST_MID[0] = None
    return _names_mid_sentence(text, sentences)


_PIECES = [
    "Ana", "Bo", "al", "el", "Al", "El", "d", "l", "Jean", "Pierre", "NATO", "A", "iPhone",
    "3M", "Siemens", "Ali", "Umar", "Iran", "says", "the", "Save", "Settings", "Sign", "in",
    "with", "Google", "s", "Password", "Cloud", "to", "Émile", "ñandú", "Ñu", "2º", "Łódź",
]  # fmt: skip
_GLUE = [
    " ",
    " ",
    " ",
    "-",
    "'",
    "’",
    "‘",
    ". ",
    "? ",
    ", ",
    "\n",
    "\n\n",
    "«",
    "» ",
    "(",
    ": ",
    "¿",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_GLUE), st.sampled_from(_PIECES)), max_size=14))
def test_no_mid_sentence_means_no_strong_occurrence(parts):
    text = "".join(g + w for g, w in parts)
    if not text:
        return
    for sentences in (
        _plain_sentences(text),
        Document(path="x.txt", text=text).bounds("sentences"),
    ):
        if not _mid(text, sentences):
            assert not _any_strong(text, sentences), (text, sentences)


def test_examples():
    def mid(text: str) -> bool:
        return _mid(text, Document(path="x.txt", text=text).bounds("sentences"))

    assert not mid("Tomasz quiere exportar 6 dispositivos.\n\n¿Seguro que quieres copiarlo?\n")
    assert not mid("Exportar a PDF. Abrir el archivo.")  # an acronym says nothing
    assert not mid("Password Settings")  # a headline
    assert not mid("Jean-Pierre a dit oui.")
    assert mid("Sign in with Google.")
    assert mid("Ils ont vu Jean-Pierre.")
    assert mid("It was made by 3M-Siemens today.")
    # the answer is remembered for the same text and sentences only
    text = "Sign in with Google."
    sentences = Document(path="x.txt", text=text).bounds("sentences")
    assert _names_mid_sentence(text, sentences)
    assert not _names_mid_sentence(text, [(0, 7)])


def test_summary_left_incomplete_only_without_a_name_mid_sentence():
    text = "Ryabtsev arrived.\n\nSave the file.\n"
    sentences = Document(path="x.txt", text=text).bounds("sentences")
    extract._LAST[0] = midsentence._LAST_MID[0] = None
    summary = name_summary(text, sentences, "en")
    assert summary.occurrences is None
    full = name_summary(text, sentences, "en", complete=True)
    assert [row[2] for row in full.occurrences] == ["Ryabtsev", "Save"]
    assert (full.length, full.sentences) == (summary.length, summary.sentences)
    text = "On Tuesday, Riabtsev left.\n"
    sentences = Document(path="x.txt", text=text).bounds("sentences")
    assert name_summary(text, sentences, "en").occurrences is not None


def test_incomplete_summaries_are_completed_across_files(tmp_path):
    # a.txt has no name mid-sentence: its summary is left incomplete, by the worker too,
    # and extracted by the cross-file pass since b.txt has one.
    (tmp_path / "a.txt").write_text("Ryabtsev arrived.\n\nRyabtsev left.\n")
    (tmp_path / "b.txt").write_text("On Tuesday, Riabtsev left.\n")
    (tmp_path / "c.txt").write_text("Save the file.\n")
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        result = runner.invoke(
            app, ["check", str(tmp_path), "-f", "json", "--isolated", "--jobs", jobs]
        )
        assert result.exit_code in (0, 1), result.output
        files = {f["path"]: f["findings"] for f in json.loads(result.stdout)["files"]}
        outputs.append(files)
    assert outputs[0] == outputs[1]
    found = [f for findings in outputs[0].values() for f in findings]
    assert [f["rule"] for f in found] == ["name-variant"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZé É1_-' \nªµÞßÿ’Ł", max_size=30))
def test_opening_capitals_as_the_pattern_finds_them(text):
    # Latin-1 texts take the bytes path, the others (’, Ł) the pattern
    expected = [m.start() for m in _opening_capital().finditer(text)]
    assert list(_opening_capitals(text)) == expected
