"""Fixes: non-overlapping edits, convergence, atomic writes that lose nothing."""

import json
import os
import stat
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from transcheck.api import Checker, RunOptions
from transcheck.cli import app
from transcheck.config import Config
from transcheck.findings import Edit, FileResult, Finding, Fix, Severity, Span
from transcheck.fix import FixError, apply_fixes, fix_text, write_atomic

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def finding(start, end, replacement, safe=True, rule="r"):
    edit = Edit(Span(start, end), replacement)
    return Finding(rule, Severity.WARNING, "m", Span(start, end), fix=Fix("t", (edit,), safe))


def test_apply_fixes_skips_overlaps_whole():
    text = "abcdef"
    first = finding(1, 3, "X")
    overlapping = finding(2, 4, "Y")
    later = finding(4, 5, "Z")
    new, applied = apply_fixes(text, [later, overlapping, first])
    assert new == "aXdZf"
    assert applied == [first, later]


def test_two_insertions_at_one_point_conflict():
    new, applied = apply_fixes("ab", [finding(1, 1, "X"), finding(1, 1, "Y")])
    assert new in ("aXb", "aYb")
    assert len(applied) == 1


def test_fix_text_repeats_until_stable():
    # each pass removes one doubled space; three passes are needed
    def check(text):
        i = text.find("  ")
        return [] if i < 0 else [finding(i, i + 2, " ")]

    outcome = fix_text("a    b", check)
    assert outcome.converged
    assert outcome.text == "a b"
    assert outcome.passes == 3


def test_oscillating_fixes_write_nothing():
    def check(text):
        return [finding(0, 1, "B" if text[0] == "A" else "A")]

    outcome = fix_text("A", check)
    assert not outcome.converged
    assert outcome.text == "A"
    assert not outcome.changed


def test_write_atomic_keeps_bom_mode_and_refuses_changed_files(tmp_path):
    path = tmp_path / "a.txt"
    original = b"\xef\xbb\xbfline one\r\nline two\r\n"
    path.write_bytes(original)
    os.chmod(path, 0o640)
    write_atomic(str(path), "line 1\r\nline two\r\n", True, original)
    assert path.read_bytes() == b"\xef\xbb\xbfline 1\r\nline two\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    with pytest.raises(FixError, match="changed on disk since it was read"):
        write_atomic(str(path), "other", True, original)
    assert path.read_bytes() == b"\xef\xbb\xbfline 1\r\nline two\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def cli(*args, input=None):
    return runner.invoke(app, [*args, "--isolated"], input=input)


def test_sample_draft_fixed_keeps_only_findings_without_safe_fix(tmp_path):
    draft = tmp_path / "draft.en.txt"
    draft.write_bytes((SAMPLES / "draft.en.txt").read_bytes())
    result = cli("check", str(draft), "--fix", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)["files"][0]
    assert sorted(f["rule"] for f in report["fixed"]) == ["quote-direction", "quote-spacing"]
    remaining = report["findings"]
    assert all(f["fix"] is None or not f["fix"]["safe"] for f in remaining)
    text = draft.read_text()
    assert "moratorium,” Lunde said." in text
    assert "lost at sea”, said" in text
    # idempotent: a second run changes nothing and finds none of the fixed findings
    before = draft.read_bytes()
    again = json.loads(cli("check", str(draft), "--fix", "--format", "json").stdout)["files"][0]
    assert again["fixed"] == []
    assert draft.read_bytes() == before
    assert [f["rule"] for f in again["findings"]] == [f["rule"] for f in remaining]


def test_diff_writes_nothing(tmp_path):
    draft = tmp_path / "draft.en.txt"
    draft.write_bytes((SAMPLES / "draft.en.txt").read_bytes())
    before = draft.read_bytes()
    result = cli("check", str(draft), "--diff")
    assert result.exit_code == 1
    assert "+The Norwegian minister, Kari Lunde, was more cautious." in result.stdout
    assert "nothing was written" in result.stderr
    assert draft.read_bytes() == before


def test_crlf_and_bom_survive_a_fix(tmp_path):
    path = tmp_path / "a.txt"
    original = "\ufeffThe mayor said it  was over.\r\n\r\nNothing else here.\r\n"
    path.write_bytes(original.encode())
    result = cli("check", str(path), "--fix", "--select", "double-space")
    assert result.exit_code == 0, result.output
    assert (
        path.read_bytes()
        == "\ufeffThe mayor said it was over.\r\n\r\nNothing else here.\r\n".encode()
    )


def test_unsafe_fixes_need_the_flag(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The council met the the mayor on Monday.\n")
    cli("check", str(path), "--fix", "--select", "repeated-word")
    assert "the the" in path.read_text()
    cli("check", str(path), "--fix", "--unsafe-fixes", "--select", "repeated-word")
    assert path.read_text() == "The council met the mayor on Monday.\n"


def test_latin1_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "a.txt"
    data = "Caf\xe9 au  lait.\n".encode("latin-1")
    path.write_bytes(data)
    result = cli("check", str(path), "--fix")
    assert result.exit_code == 2
    assert "not valid UTF-8" in result.stderr
    assert path.read_bytes() == data


def test_stdin_fix_writes_fixed_text_to_stdout():
    result = cli("check", "-", "--fix", "--select", "double-space", input="It was  late.\n")
    assert result.stdout == "It was late.\n"
    assert "Fixed 1 finding" in result.stderr


def test_file_changed_between_read_and_write_is_left_alone(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("It was  late.\n")
    import transcheck.fix as fix_module

    real_fix_text = fix_module.fix_text

    def fix_then_someone_edits(*args, **kwargs):
        outcome = real_fix_text(*args, **kwargs)
        path.write_text("An editor saved this meanwhile.\n")
        return outcome

    monkeypatch.setattr(fix_module, "fix_text", fix_then_someone_edits)
    result = cli("check", str(path), "--fix", "--select", "double-space")
    assert result.exit_code == 2
    assert "changed on disk since it was read" in result.stderr
    assert path.read_text() == "An editor saved this meanwhile.\n"


# -- property: fixes never touch text outside their edits, and never raise -----------

CHECKER = None


def checker():
    global CHECKER
    if CHECKER is None:
        CHECKER = Checker(Config(mt="none", select=("ALL",)), RunOptions())
    return CHECKER


def findings_of(text: str) -> list[Finding]:
    loaded = checker().load("p.txt", text)
    return checker().check_document(FileResult(path="p.txt"), loaded).findings


PIECES = st.sampled_from(
    [
        "the",
        "The",
        "quote",
        "“",
        "”",
        '"',
        "«",
        "»",
        "’",
        " ",
        "  ",
        ",",
        ".",
        " ,",
        "\n\n",
        "\r\n",
        "Ryabtsev",
        "Riabtsev",
        "é",
        "mañana",
        "said",
        "—",
        "!",
        "?",
        "the the",
        "\u00a0",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=40).map("".join))
def test_fixes_change_nothing_outside_their_edits(text):
    findings = [f for f in findings_of(text) if f.fix is not None]
    new, applied = apply_fixes(text, findings)
    edits = sorted((e for f in applied for e in f.fix.edits), key=lambda e: e.span)
    # the edits are disjoint and inside the text…
    assert all(a.span.end <= b.span.start for a, b in pairwise(edits))
    assert all(e.span.end <= len(text) for e in edits)
    # …and every character between them is kept, in order
    pieces, position = [], 0
    for edit in edits:
        pieces += [text[position : edit.span.start], edit.replacement]
        position = edit.span.end
    assert new == "".join(pieces) + text[position:]
    outcome = fix_text(text, findings_of, unsafe=True)  # must not raise
    assert isinstance(outcome.text, str)


FIX_CASES = [
    # (rule, lang, unsafe, before, after)
    (
        "quote-direction",
        "en",
        False,
        "“There is no deal yet, “she added.\n",
        "“There is no deal yet,” she added.\n",
    ),
    (
        "quote-spacing",
        "en",
        False,
        "“We are part of the Alliance ”, he said.\n",
        "“We are part of the Alliance”, he said.\n",
    ),
    (
        "quote-spacing",
        "fr",
        False,
        "Il a dit «Bonjour» hier soir.\n",
        "Il a dit «\u00a0Bonjour\u00a0» hier soir.\n",
    ),
    (
        "quote-style-mixed",
        "en",
        True,
        '“One,” he said.\n\n“Two,” she said.\n\nThey said "three" too.\n',
        "“One,” he said.\n\n“Two,” she said.\n\nThey said “three” too.\n",
    ),
    ("double-space", "en", False, "The mayor  resigned today.\n", "The mayor resigned today.\n"),
    (
        "space-before-punctuation",
        "en",
        False,
        "The mayor resigned , officials said.\n",
        "The mayor resigned, officials said.\n",
    ),
    (
        "repeated-word",
        "en",
        True,
        "The mayor met the the council.\n",
        "The mayor met the council.\n",
    ),
    (
        "name-variant",
        "en",
        True,
        "Ilya Ryabtsev spoke first. Ryabtsev said no. Later Riabtsev left.\n",
        "Ilya Ryabtsev spoke first. Ryabtsev said no. Later Ryabtsev left.\n",
    ),
]


@pytest.mark.parametrize(("rule", "lang", "unsafe", "before", "after"), FIX_CASES)
def test_each_fixable_rule(tmp_path, rule, lang, unsafe, before, after):
    path = tmp_path / "a.txt"
    path.write_text(before)
    args = ["check", str(path), "--fix", "--select", rule, "--lang", lang]
    cli(*args)
    if unsafe:  # not applied without --unsafe-fixes
        assert path.read_text() == before
        cli(*args, "--unsafe-fixes")
    assert path.read_text() == after
    again = json.loads(
        cli("check", str(path), "--select", rule, "--lang", lang, "-f", "json").stdout
    )
    assert again["files"][0]["findings"] == []


def test_glossary_fix_is_safe(tmp_path):
    glossary = tmp_path / "names.tsv"
    glossary.write_text("Ryabtsev\tRiabtsev\tRjabzew\n")
    path = tmp_path / "a.txt"
    path.write_text("The deputy minister, Riabtsev, spoke first.\n")
    cli("check", str(path), "--fix", "--glossary", str(glossary))
    assert path.read_text() == "The deputy minister, Ryabtsev, spoke first.\n"


def test_write_permission_is_the_users_not_the_owners(tmp_path, monkeypatch):
    # A user who may write a file through its group (or an ACL) gets it fixed: the
    # owner's write bit is not that user's permission. os.access answers for the user.
    path = tmp_path / "g.txt"
    path.write_bytes(b"one\n")
    path.chmod(0o464)  # the group may write, the owner may not
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.setattr(os, "access", lambda p, m: True)
    write_atomic(str(path), "two\n", False, b"one\n")
    assert path.read_bytes() == b"two\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o464
    monkeypatch.setattr(os, "access", lambda p, m: False)  # one the user may not write
    with pytest.raises(FixError, match="read-only"):
        write_atomic(str(path), "three\n", False, b"two\n")
    assert path.read_bytes() == b"two\n"


def test_root_keeps_to_the_owners_write_bit(tmp_path, monkeypatch):
    # os.access always says yes to root: the mode bits decide there.
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    path = tmp_path / "r.txt"
    path.write_bytes(b"one\n")
    path.chmod(0o464)
    with pytest.raises(FixError, match="read-only"):
        write_atomic(str(path), "two\n", False, b"one\n")
    path.chmod(0o644)
    write_atomic(str(path), "two\n", False, b"one\n")
    assert path.read_bytes() == b"two\n"
