"""Per-file name summaries merged by the cross-file pass: the same occurrences, word
answers and variant groups as extracting from the files' texts joined."""

import json
import random

import pytest
from typer.testing import CliRunner

from transcheck.cli import app
from transcheck.document import Document
from transcheck.names import (
    WordLookup,
    extract_names,
    find_variants,
    merge_summaries,
    name_summary,
)

SEPARATOR = "\n\n"

# Texts written for these tests: names mid-sentence and at sentence starts, particles
# (al-, Al ), possessives and elisions, a headline, a file that starts and one that
# ends on a name, inner capitals, and one file without any name.
TEXTS = [
    "Ryabtsev arrived on Monday. Officials met Ilya Ryabtsev and Al Assad's aides.",
    "On Tuesday, Riabtsev spoke to reporters. The al-Assad family and d'Estaing replied.",
    "Ryabtsev Visits The Port Again\n\nWill Marta come? Nobody asked Marta or Riabtsev",
    "no names here at all, only words like will and marta.",
    "McDonald and Abd-Al-Karim met Gaddafi; Qaddafi's envoy, Kadhafi, left.\r\nRiabtsev",
    "«Zelensky» said Zelenskyy. — Zelenskiy replied, and el Baradei and El Baradei too.",
]


def sentences_of(text: str) -> list[tuple[int, int]]:
    return Document(path="t.txt", text=text).bounds("sentences")


def joined_extraction(texts, lang):
    combined, sentences, offset = SEPARATOR.join(texts), [], 0
    for text in texts:
        sentences.extend((offset + s, offset + e) for s, e in sentences_of(text))
        offset += len(text) + len(SEPARATOR)
    return extract_names(combined, sentences, lang)


def merged_extraction(texts, lang):
    # (complete: the cross-file pass completes a summary left without occurrences)
    summaries = [name_summary(t, sentences_of(t), lang, complete=True) for t in texts]
    occurrences, starts = merge_summaries(summaries, len(SEPARATOR))
    return occurrences, starts, WordLookup.of_texts(lambda: texts)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("seed", range(6))
def test_merged_summaries_are_the_joined_extraction(seed, lang):
    texts = random.Random(seed).sample(TEXTS, k=len(TEXTS))[: 2 + seed % 5]
    expected, words = joined_extraction(texts, lang)
    occurrences, starts, lookup = merged_extraction(texts, lang)
    assert occurrences == expected
    assert starts == [sum(len(t) + 2 for t in texts[:i]) for i in range(len(texts))]
    assert [
        (g.preferred, [o.start for o in g.occurrences])
        for g in find_variants(occurrences, lookup, lang)
    ] == [
        (g.preferred, [o.start for o in g.occurrences])
        for g in find_variants(expected, words, lang)
    ]


def test_word_lookup_of_texts_answers_as_the_joined_text():
    texts = [t.lower() for t in TEXTS] + TEXTS
    _, joined = joined_extraction(texts, "en")
    lookup = WordLookup.of_texts(lambda: texts)
    # Partial words, words with joiners, words at the ends of a text; more questions
    # than the joined lookup answers by searching, so that both switch to their index.
    questions = [
        "assad",
        "al-assad",
        "marta",
        "arta",
        "riabtsev",
        "ryabtsev",
        "words",
        "baradei",
        "el baradei",
        "d'estaing",
        "estaing",
        "",
        "port",
        "will",
    ] * 4
    assert [q in lookup for q in questions] == [q in joined for q in questions]
    assert lookup.asked == joined.asked and lookup.index is not None


def test_texts_are_read_only_when_a_word_is_asked():
    def texts():
        raise AssertionError("read")

    assert WordLookup.of_texts(texts).asked == 0


def test_summary_reuses_the_per_file_extraction(monkeypatch):
    from transcheck.names import extract as names

    calls = []
    extract = names._extract
    monkeypatch.setattr(names, "_extract", lambda *a, **k: calls.append(1) or extract(*a, **k))
    text = TEXTS[0]
    sentences = sentences_of(text)
    first, _ = extract_names(text, sentences, "en")
    summary = name_summary(text, sentences, "en")
    assert len(calls) == 1  # the summary reused the rule's extraction
    assert [row[:3] for row in summary.occurrences] == [(o.start, o.end, o.surface) for o in first]
    # A different text, or another article rule (Spanish "al"), extracts again.
    assert name_summary(text + " ", sentences, "en").length == len(text) + 1
    assert name_summary(text, sentences, "es").occurrences == summary.occurrences
    assert len(calls) == 3


def test_jobs_and_serial_cross_file_reports_are_identical(tmp_path):
    for i, text in enumerate(TEXTS * 2):
        suffix = ".md" if i % 2 else ".txt"
        (tmp_path / f"ch{i:02d}{suffix}").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "ch99.md").write_text("```\nRiabtsev\n```\n\nRiabtsev spoke.\n", encoding="utf-8")
    reports = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(
            app, ["check", str(tmp_path), "-f", "json", "--isolated", "--jobs", jobs]
        )
        assert result.exit_code in (0, 1), result.output
        reports.append(result.stdout)
    assert reports[0] == reports[1]
    found = [f for r in json.loads(reports[0])["files"] for f in r["findings"]]
    assert any(
        "other files" in f["message"] or "used in" in f["message"]
        for f in found
        if f["rule"] == "name-variant"
    )
