"""The text report: written directly when there is no colour, byte for byte what rich
writes; through rich on a colour terminal."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.control import STRIP_CONTROL_CODES

from transcheck.document import Document
from transcheck.findings import FileResult, Finding, Report, Severity, Span
from transcheck.fix import FixOutcome
from transcheck.reporters import text


def _rich(report: Report) -> str:
    out = io.StringIO()
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    text.write_lines(report, text.rich_writer(console))
    return out.getvalue()


def _plain(report: Report) -> str:
    out = io.StringIO()
    text.render(report, out)  # a StringIO is no terminal: the direct path
    return out.getvalue()


def _report(body: str, findings: list[tuple[int, int, str]], **extra) -> Report:
    document = Document(path=extra.pop("path", "dir/ünï.txt"), text=body)
    found = [
        Finding(
            rule="rule-x",
            severity=Severity(i % 3),
            message=message,
            span=Span(start, end),
            related=tuple(Span(k, k + 1) for k in range(0, min(len(body), 30), 2))
            if i % 4 == 1
            else (),
            suggestion=[None, "fixed", " ", ""][i % 4],
        )
        for i, (start, end, message) in enumerate(findings)
    ]
    return Report(
        files=[
            FileResult(path=document.path, document=document, findings=found),
            *extra.pop("more", []),
        ]
    )


BODY = (
    "Plain first line with “quotes” and [bold]markup[/bold].\n"
    "\tTabbed\tline with 漢字\tand e\u0301 combining\r\n"
    "bell\x07 back\x08 vt\x0b ff\x0c cr\rmid\n" + "long " * 80 + "end\n"
    "last line without newline ✓"
)


@pytest.mark.parametrize(
    "findings",
    [
        [(0, 5, "plain message")],
        [(22, 30, "brackets [bold]not markup[/] and [red]x[/red] \\[escaped]")],
        [(56, 62, "a message\twith tab and 漢字\tafter wide characters")],
        [(60, 90, "spans two lines"), (100, 104, "control \x07\x08\x0b\x0c\r in message")],
        [(300, 305, "on a very long line"), (len(BODY) - 1, len(BODY), "at the end")],
        [(len(BODY), len(BODY), "empty span at the very end")],
    ],
)
def test_plain_text_is_what_rich_writes(findings) -> None:
    report = _report(BODY, findings)
    assert _plain(report) == _rich(report)


def test_summary_lines_are_what_rich_writes() -> None:
    clean = Report(files=[FileResult(path="a.txt", document=Document(path="a.txt", text="ok"))])
    assert _plain(clean) == _rich(clean) == "No findings in 1 file.\n"
    broken = FileResult(path="b.txt", error="cannot read")
    fixed = FileResult(path="c.txt", document=Document(path="c.txt", text="x y"))
    applied = Finding("rule-y", Severity.WARNING, "m", Span(0, 1))
    fixed.fix = FixOutcome(original="x  y", text="x y", applied=[applied, applied])
    fixed.mt = {"backends": [{"backend": "b:1", "scores": {"chrf": 51.25}, "signature": "s|x"}]}
    report = _report("a\tb [x]", [(0, 1, "m")], more=[broken, fixed])
    assert _plain(report) == _rich(report)
    assert "1 input error(s)" in _plain(report)
    assert "MT b:1: chrf=51.2" in _plain(report)


@settings(max_examples=150, deadline=None)
@given(
    body=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=300),
    message=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
    data=st.data(),
)
def test_plain_text_matches_rich_on_any_text(body: str, message: str, data) -> None:
    start = data.draw(st.integers(0, len(body)))
    end = data.draw(st.integers(start, len(body)))
    report = _report(
        body, [(start, end, message)], path=data.draw(st.sampled_from(["p.txt", "t\tab.txt"]))
    )
    assert _plain(report) == _rich(report)


def test_colour_terminal_goes_through_rich(monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich: a terminal with colour
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    report = _report(BODY, [(0, 5, "plain message")])
    coloured = _plain(report)
    assert "\x1b[" in coloured


def _marker(body: str, word: str, nth: int = 1) -> tuple[str, str]:
    """The shown line and the marker line of a finding on the nth `word` of `body`."""
    start = -1
    for _ in range(nth):
        start = body.index(word, start + 1)
    finding = Finding("r", Severity.WARNING, "m", Span(start, start + len(word)))
    result = FileResult(path="a.txt", document=Document(path="a.txt", text=body + "\n"))
    result.findings = [finding]
    lines = _plain(Report(files=[result])).splitlines()
    return lines[1].split("│ ", 1)[1], lines[2].split("│ ", 1)[1]


@pytest.mark.parametrize(
    ("body", "word", "nth", "before", "marked"),
    [
        ("日本語のテキスト the the end.", "the", 2, 21, 3),  # 8 wide characters: 16 columns
        ("ｆｕｌｌ the end.", "the", 1, 9, 3),  # fullwidth letters
        ("Good 👍 the end.", "the", 1, 8, 3),  # an emoji takes two columns
        ("Cafe\u0301 the end.", "the", 1, 5, 3),  # a combining accent takes none
        ("Ask 東京 now.", "東京", 1, 4, 4),  # a wide span is marked across its width
        ("Plain ascii the end.", "the", 1, 12, 3),  # unchanged for ASCII
        # The control characters rich strips from the shown line take no column.
        ("Second\f\f\f line the end.", "the", 1, 12, 3),
        ("Bell\a\b\v x the end.", "the", 1, 7, 3),
        ("Café\f the end.", "the", 1, 5, 3),
        # A skin-tone modifier joins its emoji: two columns for both.
        ("Wave 👋🏽 the end.", "the", 1, 8, 3),
        ("Wave 👋🏽 now.", "👋🏽", 1, 5, 2),
    ],
)
def test_marker_is_placed_in_display_columns(body, word, nth, before, marked) -> None:
    shown, marker = _marker(body, word, nth)
    assert marker == " " * before + "^" * marked
    assert shown == "".join(c for c in body if ord(c) not in STRIP_CONTROL_CODES)


def test_display_width() -> None:
    assert text.display_width("abc") == 3
    assert text.display_width("日本") == 4
    assert text.display_width("e\u0301\u200d") == 1
    assert text.display_width("a\rb") == 2
    assert text.display_width("a\fb\a\b\v") == 2
    assert text.display_width("a\tb") == 3  # a tab counts one, as the marked line shows it
    assert text.display_width("👍🏿👍") == 4
