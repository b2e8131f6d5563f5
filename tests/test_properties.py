"""Property-based tests: hostile Unicode text through the CLI and every reader.

For any text (mixed scripts, combining marks, RTL, emoji, C0/C1 controls, BOMs in the
middle, every quote style, mixed newlines, very long lines): every command exits 0, 1
or 2 without a traceback; a JSON report's spans lie inside the document with line and
column consistent with the text; `--fix` writes valid UTF-8 or leaves the file alone;
every reader returns a ReadResult whose masks and blocks are consistent, or raises
InputError with a one-line message.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from transcheck.cli import app
from transcheck.formats import READERS, ReadResult, read_path
from transcheck.inputs import InputError
from transcheck.quotes import QUOTE_CHARS

runner = CliRunner()
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- strategies ---------------------------------------------------------------------------

WORDS = {
    "latin": ["casa", "José", "Müller", "naïve", "façade", "Ærø", "straße", "señor", "the", "of"],
    "cyrillic": ["Москва", "город", "Київ", "это", "Мария"],
    "greek": ["Ελλάδα", "είναι", "καλή", "Ἀθῆναι"],
    "rtl": ["שלום", "עולם", "مرحبا", "بالعالم", "١٢٣"],
    "cjk": ["日本語", "東京", "中文", "한국어", "。", "、"],
}
COMBINING = ["\u0301", "\u0300", "\u0308", "\u0327", "\u0301\u0308", "e\u0301", "\u20dd"]
EMOJI = ["😀", "👍🏽", "👩\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈", "🇪🇸", "✈\ufe0f", "𝕏"]
CONTROLS = [chr(c) for c in [*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9F]]
QUOTES = [
    *QUOTE_CHARS,
    "« ",
    " »",
    "«\u00a0",
    "\u00a0»",
    "\u202f",
    "’s",
    "l’",
    "’90s",
    "6'2\"",
    "rock ’n’ roll",
]
NEWLINES = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\n\n", "\r\n\r\n", "\r\r"]
SPACES = [" ", " ", " ", "  ", "\t", "\u00a0", "\u2009", "\u3000", ""]
PUNCT = [
    ".",
    ",",
    "!",
    "?",
    "¿",
    "¡",
    "…",
    "—",
    "–",
    ":",
    ";",
    "(",
    ")",
    " .",
    "..",
    "Dr.",
    "e.g.",
    "1990",
    "3,5",
    "1.000",
    "XV",
    "siglo XV",
    "%d",
    "{0}",
    "<b>",
    "&amp;",
]
OTHER = [
    "\ufeff",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u2066",
    "\ufffd",
    "<!-- transcheck-disable -->",
    "<!-- transcheck-enable -->",
    "<!-- transcheck-disable-next-line ALL -->",
    "the the",
    "Mr. Smith",
    "Smith",
]

piece = st.one_of(
    *(st.sampled_from(v) for v in WORDS.values()),
    st.sampled_from(COMBINING),
    st.sampled_from(EMOJI),
    st.sampled_from(CONTROLS),
    st.sampled_from(QUOTES),
    st.sampled_from(NEWLINES),
    st.sampled_from(SPACES),
    st.sampled_from(PUNCT),
    st.sampled_from(OTHER),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=4),
)


@st.composite
def hostile_text(draw, max_pieces: int = 60) -> str:
    """Words of many scripts joined by spaces, marks and newlines; sometimes huge."""
    parts = draw(st.lists(st.tuples(piece, st.sampled_from(SPACES)), max_size=max_pieces))
    text = "".join(a + b for a, b in parts)
    size = draw(st.sampled_from(["normal"] * 8 + ["long-line", "long-paragraph"]))
    if size == "long-line":  # one line of 10k+ characters
        unit = text.replace("\n", " ").replace("\r", " ") or "palabra "
        text = unit * (10_000 // len(unit) + 1)
    elif size == "long-paragraph":  # many lines, no blank line
        text = "\n".join([text.replace("\n", " ") or "Una frase."] * 300)
    return text


def positions(text: str) -> list[tuple[int, int]]:
    """(line, column) of every offset 0..len(text), recomputed independently:
    1-based, code points, line breaks LF, CRLF and lone CR."""
    result, line, col, i = [], 1, 1, 0
    while i <= len(text):
        result.append((line, col))
        if i == len(text):
            break
        ch = text[i]
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            result.append((line, col + 1))  # between \r and \n: still on this line
            i += 2
            line, col = line + 1, 1
        elif ch in "\r\n":
            i += 1
            line, col = line + 1, 1
        else:
            i += 1
            col += 1
    return result


# --- helpers ------------------------------------------------------------------------------


def invoke(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    if result.exception is not None:  # an uncaught exception, not a clean exit
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result


def assert_position(pos: dict, text: str, table: list[tuple[int, int]]) -> None:
    start, end = pos["start"], pos["end"]
    assert 0 <= start <= end <= len(text), (pos, len(text))
    assert (pos["line"], pos["column"]) == table[start], (pos, table[start])


def assert_report_consistent(report: dict, texts: dict[str, str]) -> None:
    for file in report["files"]:
        assert not any("internal error" in n for n in file["notes"]), file["notes"]
        if file["error"]:
            assert "\n" not in file["error"]
            continue
        text = texts[file["path"]]
        table = positions(text)
        for finding in file["findings"]:
            assert_position(finding, text, table)
            assert (finding["end_line"], finding["end_column"]) == table[finding["end"]]
            for related in finding["related"]:
                assert_position(related, text, table)
            if finding["fix"]:
                for edit in finding["fix"]["edits"]:
                    assert_position(edit, text, table)


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_bytes(text.encode("utf-8"))
    return path


def file_text(path: Path) -> str:
    text = path.read_bytes().decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


# --- the CLI ------------------------------------------------------------------------------


@SETTINGS
@given(text=hostile_text())
@example(text="He said “hello.\r\nShe said «no»\rand ‘left’.\u2028Fin.")
@example(text="a\x00b")
@example(text="\ufeff\ufeff“x”\ufeff")
@example(text="«" * 5000)
def test_check_json_spans_inside_document(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp), "draft.txt", text)
        result = invoke("check", str(path), "--isolated", "--select", "ALL", "--format", "json")
        report = json.loads(result.stdout)
        if "\x00" in text or not text.encode("utf-8").strip():  # NUL: binary; ASCII blanks
            assert result.exit_code == 2 and report["files"][0]["error"]
            return
        assert_report_consistent(report, {str(path): file_text(path)})


@settings(SETTINGS, max_examples=15)
@given(text=hostile_text(max_pieces=30), fmt=st.sampled_from(["text", "sarif", "github", "junit"]))
def test_check_every_output_format(text, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp), "draft.txt", text)
        result = invoke("check", str(path), "--isolated", "--format", fmt)
        if fmt == "sarif":
            json.loads(result.stdout)
        elif fmt == "junit":
            ElementTree.fromstring(result.stdout)


@settings(SETTINGS, max_examples=8)
@given(text=hostile_text(max_pieces=30))
def test_check_html_report(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp), "draft.txt", text)
        out = Path(tmp) / "report.html"
        invoke("check", str(path), "--isolated", "--format", "html", "--output", str(out))
        assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


@settings(SETTINGS, max_examples=12)
@given(text=hostile_text())
@example(text="Dijo «hola».\r\nY luego “adiós” .\r")
@example(text="He said \u201chello\u201d .  Then  ‘bye’ ,ok")
def test_fix_writes_utf8_or_leaves_file_alone(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp), "draft.txt", text)
        before = path.read_bytes()
        invoke("check", str(path), "--isolated", "--select", "ALL", "--diff")
        assert path.read_bytes() == before  # --diff writes nothing
        invoke("check", str(path), "--isolated", "--select", "ALL", "--fix", "--unsafe-fixes")
        after = path.read_bytes()
        if after != before:
            after.decode("utf-8")  # valid UTF-8
            assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")


@settings(SETTINGS, max_examples=20)
@given(text=hostile_text(max_pieces=30))
def test_check_stdin(text):
    result = invoke("check", "-", "--isolated", "--format", "json", input=text)
    report = json.loads(result.stdout)
    if result.exit_code != 2:
        assert_report_consistent(report, {report["files"][0]["path"]: text})


@settings(SETTINGS, max_examples=20)
@given(source=hostile_text(max_pieces=30), draft=hostile_text(max_pieces=30))
@example(source="En el siglo XV. Dijo «sí».", draft="In the 15th century. He said “yes”.")
def test_check_with_source(source, draft):
    with tempfile.TemporaryDirectory() as tmp:
        src = write(Path(tmp), "source.txt", source)
        dst = write(Path(tmp), "draft.txt", draft)
        result = invoke(
            "check",
            str(dst),
            "--source",
            str(src),
            "--mt",
            "none",
            "--isolated",
            "--select",
            "ALL",
            "--format",
            "json",
        )
        if result.exit_code != 2:
            assert_report_consistent(json.loads(result.stdout), {str(dst): file_text(dst)})


@settings(SETTINGS, max_examples=15)
@given(text=hostile_text(max_pieces=30))
def test_detect_and_compare(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp), "draft.txt", text)
        invoke("detect", str(path), "--isolated")
        invoke("detect", str(path), "--isolated", "--format", "json")
        invoke("compare", str(path), str(path), "--mt", "none", "--isolated")


@settings(SETTINGS, max_examples=15)
@given(data=st.binary(max_size=200))
@example(data=b"caf\xc3")  # truncated UTF-8
@example(data=b"\xff\xfeh\x00i\x00")  # UTF-16
@example(data=b"\xed\xa0\x80 lone surrogate")
def test_invalid_bytes_give_a_clear_error(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.txt"
        path.write_bytes(data)
        result = invoke("check", str(path), "--isolated", "--format", "json")
        report = json.loads(result.stdout)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            assert result.exit_code == 2
            error = report["files"][0]["error"]
            assert "UTF" in error or "binary" in error or "empty" in error, error
            return
        if result.exit_code != 2:
            assert_report_consistent(report, {str(path): file_text(path)})


def test_subprocess_runs_exit_cleanly(tmp_path):
    """A few real processes: stdout/stderr encodings, no traceback on odd text."""
    text = "Dijo «hola»\r\n👩\u200d👩\u200d👧 \u202eשלום\u202c “x\u0301” \x1b[0m\x85\u2028fin"
    path = write(tmp_path, "odd.txt", text)
    cases = [
        ["check", str(path), "--isolated"],
        ["check", str(path), "--isolated", "--format", "json"],
        ["detect", str(path), "--isolated"],
    ]
    nul = tmp_path / "nul.txt"
    nul.write_bytes(b"a\x00b")
    cases.append(["check", str(nul), "--isolated"])
    for args in cases:
        proc = subprocess.run(
            [sys.executable, "-m", "transcheck", *args], capture_output=True, timeout=120
        )
        assert proc.returncode in (0, 1, 2), proc
        assert b"Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 2 and b"binary" in proc.stderr


# --- the readers --------------------------------------------------------------------------

# Syntax fragments mixed into the text so that the readers get past their first check.
SYNTAX = {
    "po": [
        'msgid "',
        'msgstr "',
        'msgstr[0] "',
        'msgid_plural "',
        'msgctxt "',
        "#, fuzzy\n",
        "#~ ",
        '"\n"',
        "\\",
        '\\"',
        "\\n",
        "\\u00e9",
        "\\x4",
        '""',
        '"',
    ],
    "xliff": [
        '<xliff version="1.2"><file><body>',
        '<trans-unit id="1">',
        "</trans-unit>",
        "<source>",
        "</source>",
        "<target>",
        "</target>",
        '<g id="1">',
        "</g>",
        '<x id="2"/>',
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&#x41;",
        "&bogus;",
        "<",
        "&",
        "</body></file></xliff>",
        '<unit id="u"><segment>',
        "</segment></unit>",
    ],
    "json": [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        '"',
        '\\"',
        "\\n",
        "\\u00e9",
        "\\ud800",
        '"k": "v"',
        "null",
        "1e999",
    ],
    "markdown": [
        "# ",
        "> ",
        "- ",
        "```\n",
        "    code\n",
        "`x`",
        "**",
        "[a](http://x)",
        "<div>",
        "| a | b |\n|---|---|\n",
        "---\n",
        "[^1]: n",
        "\\*",
        "&nbsp;",
    ],
    "html": [
        "<p>",
        "</p>",
        "<script>",
        "</script>",
        "<pre>",
        "<code>",
        "</code>",
        "<br/>",
        '<img alt="x">',
        "<a title='t'>",
        "&amp;",
        "&#8220;",
        "&#x110000;",
        "&bogus",
        "<",
        "</",
        "<!--",
        "-->",
        '<p lang="es">',
    ],
    "srt": [
        "1\n",
        "00:00:01,000 --> 00:00:02,000\n",
        "-->",
        "\n\n",
        "<i>",
        "</i>",
        "{\\an8}",
        "99999999999999999999\n",
    ],
    "text": [],
}
SEEDS = {
    "po": 'msgid "A"\nmsgstr "B"\n',
    "xliff": '<xliff version="1.2"><file><body><trans-unit id="1"><source>A</source>'
    "<target>B</target></trans-unit></body></file></xliff>",
    "json": '{"a": "B", "c": {"d": "E"}}',
    "markdown": "# T\n\nA *b* c.\n",
    "html": "<html><body><p>A <b>b</b>.</p></body></html>",
    "srt": "1\n00:00:01,000 --> 00:00:02,000\nA b.\n",
    "text": "A b.",
}


@st.composite
def format_text(draw, fmt: str) -> str:
    """The format's seed with syntax fragments and hostile pieces spliced in."""
    text = SEEDS[fmt]
    fragments = st.one_of(piece, st.sampled_from(SYNTAX[fmt])) if SYNTAX[fmt] else piece
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(fragments) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 10)) :]
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r"])))
    return text


def check_read_result(result: ReadResult, text: str) -> None:
    document = result.document
    assert isinstance(result, ReadResult)
    for doc in (document, result.source_document):
        if doc is None:
            continue
        n = len(doc.text)
        assert doc.text == text
        assert len(doc.analysis_text) == n
        covered = [False] * n
        previous = 0
        for span in doc.masked:
            assert previous <= span.start < span.end <= n, (span, doc.masked)
            covered[span.start : span.end] = [True] * (span.end - span.start)
            previous = span.end
        for i, (a, b) in enumerate(zip(doc.text, doc.analysis_text, strict=True)):
            assert a == b or covered[i], i
        previous = 0
        for block in doc.blocks or ():
            assert previous <= block.start < block.end <= n, (block, doc.blocks)
            previous = block.end
        for span in (*doc.paragraphs, *doc.sentences):
            assert 0 <= span.start <= span.end <= n
    for unit in result.units:
        for span in (unit.target, unit.source):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_reader_text_gives_result_or_input_error(fmt):
    @settings(SETTINGS, max_examples=60)
    @given(text=format_text(fmt))
    def run(text):
        try:
            result = read_path(f"in.{fmt}", text, fmt)
        except InputError as exc:
            assert "\n" not in str(exc)
            return
        check_read_result(result, text)

    run()


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_reader_bytes_give_result_or_input_error(fmt):
    @settings(SETTINGS, max_examples=25)
    @given(
        data=st.one_of(
            st.binary(max_size=120),
            format_text(fmt).map(lambda t: t.encode("utf-8")),
            format_text(fmt).map(lambda t: t.encode("utf-8")[:-1]),  # maybe a cut character
        )
    )
    def run(data):
        try:
            result = read_path(f"in.{fmt}", data, fmt)
        except InputError as exc:
            assert "\n" not in str(exc)
            return
        text = data.decode("utf-8")
        check_read_result(result, text[1:] if text.startswith("\ufeff") else text)

    run()


def test_roman_numeral_after_century_word_with_dotted_capital_i():
    # found by bench/fuzz.py: the case-insensitive pattern took "İ" (U+0130) for a numeral
    from transcheck.numbers import extract_numbers

    assert extract_numbers("En el siglo İ.", "es", words=True) == []
    assert [m.text for m in extract_numbers("En el siglo V.", "es", words=True)] == ["V"]
