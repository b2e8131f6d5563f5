"""Fixes written into structured files: escapes, attributes, edits refused one by one,
symbolic links, read-only files and diffs of files with a BOM."""

import json
import os
import shutil
import stat
import subprocess

import pytest
from conftest import require
from typer.testing import CliRunner

from transcheck.cli import app
from transcheck.document import Document
from transcheck.findings import Edit, Finding, Fix, Severity, Span
from transcheck.fix import fix_text
from transcheck.formats import read_path
from transcheck.formats.fix_edits import encode_edit, invalid_po_escapes

runner = CliRunner()

PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'


def cli(*args):
    return runner.invoke(app, [*args, "--isolated", "--mt", "none"])


def po(*targets):
    entries = [f'msgid "Press {"ABCD"[i]}."\nmsgstr "{t}"\n' for i, t in enumerate(targets)]
    return PO_HEAD + "\n".join(entries)


def msgfmt_ok(path):
    require(shutil.which("msgfmt") is not None, "msgfmt")  # .ci/run installs gettext
    return (
        subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True).returncode == 0
    )


def test_po_escaped_straight_quotes_become_curly_whole(tmp_path):
    path = tmp_path / "a.po"
    path.write_text(po("Press “A” now.", "Press “B” now.", 'Press \\"C\\" now.'))
    result = cli("check", str(path), "--fix", "--unsafe-fixes")
    assert result.exit_code == 0, result.output
    assert 'msgstr "Press “C” now."' in path.read_text()
    assert invalid_po_escapes(path.read_text(), [Span(0, len(path.read_text()))]) == []
    assert msgfmt_ok(path)


def test_po_curly_quotes_become_escaped_straight_ones(tmp_path):
    path = tmp_path / "a.po"
    path.write_text(po('Press \\"A\\" now.', 'Press \\"B\\" now.', "Press “C” now."))
    result = cli("check", str(path), "--fix", "--unsafe-fixes")
    assert result.exit_code == 0, result.output
    assert 'msgstr "Press \\"C\\" now."' in path.read_text()
    assert msgfmt_ok(path)


def test_po_consistent_escaped_quotes_are_left_alone(tmp_path):
    path = tmp_path / "a.po"
    text = po('Press \\"A\\" now.', 'Press \\"B\\" now.', 'Say \\\\ and \\"C\\".')
    path.write_text(text)
    result = cli("check", str(path), "--fix", "--unsafe-fixes")
    assert result.exit_code == 0, result.output
    assert path.read_text() == text


def test_json_fixes_are_all_applied_and_the_file_stays_valid(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(
        '{\n  "a": "Press \\"A\\" now.",\n  "b": "Press \\"B\\" now.",\n'
        '  "c": "Press “C” now.",\n  "d": "Press  D now."\n}\n'
    )
    result = cli("check", str(path), "--fix", "--unsafe-fixes")
    assert result.exit_code == 0, result.output
    assert "Fixed 2 findings" in result.output
    assert json.loads(path.read_text()) == {
        "a": 'Press "A" now.',
        "b": 'Press "B" now.',
        "c": 'Press "C" now.',
        "d": "Press D now.",
    }


def test_html_attribute_gets_an_escaped_quote_text_a_plain_one(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(
        '<p>He said "yes" to them.</p>\n<p>She said "no" to them.</p>\n'
        '<img src="a.jpg" alt="The sign reads “Open” today">\n<p>It said “shut” then.</p>\n'
    )
    result = cli("check", str(path), "--fix", "--unsafe-fixes")
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert 'alt="The sign reads &quot;Open&quot; today"' in text
    assert '<p>It said "shut" then.</p>' in text


def html_doc(text):
    return read_path("a.html", text, "html").document


@pytest.mark.parametrize(
    ("text", "word", "replacement", "expected"),
    [
        ("<img alt='a “b” c'>", "“", "'", "&#39;"),
        ("<img alt='a “b” c'>", "“", '"', '"'),  # the other quote needs no escape there
        ('<img alt="a “b” c">', "“", "'", "'"),
        ("<p>a “b” c</p>", "“", '"', '"'),
        ("<p>a “b” c</p>", "“", "&", "&amp;"),
    ],
)
def test_html_edit_is_escaped_for_its_place(text, word, replacement, expected):
    i = text.index(word)
    edit = encode_edit("html", html_doc(text), Edit(Span(i, i + 1), replacement))
    assert edit is not None and edit.replacement == expected


def test_html_unquoted_attribute_takes_no_quote():
    text = "<img alt=a“b”c>"
    i = text.index("“")
    assert encode_edit("html", html_doc(text), Edit(Span(i, i + 1), '"')) is None
    assert encode_edit("html", html_doc(text), Edit(Span(i, i + 1), "‘")).replacement == "‘"


@pytest.mark.parametrize("fmt", ["po", "json"])
def test_literal_edits_never_split_an_escape(fmt):
    text = 'x "a \\"b\\" \\\\" y'
    doc = Document(path="a", text=text)
    quote = text.index('"b')
    # the escaped quote: the whole `\"` is replaced
    edit = encode_edit(fmt, doc, Edit(Span(quote, quote + 1), "“"))
    assert edit == Edit(Span(quote - 1, quote + 1), "“")
    # an edit ending on the backslash, or inserting after it, cannot be written
    assert encode_edit(fmt, doc, Edit(Span(quote - 2, quote), "")) is None
    assert encode_edit(fmt, doc, Edit(Span(quote, quote), "x")) is None
    # a plain character next to an escaped backslash is an ordinary edit
    end = text.index("\\\\") + 2
    assert encode_edit(fmt, doc, Edit(Span(end, end + 1), "")) == Edit(Span(end, end + 1), "")


def test_literal_replacements_are_escaped():
    doc = Document(path="a", text='"ab"')
    assert encode_edit("json", doc, Edit(Span(1, 2), 'x"\\\n\x01')).replacement == (
        'x\\"\\\\\\n\\u0001'
    )
    assert encode_edit("po", doc, Edit(Span(1, 2), 'x"\t')).replacement == 'x\\"\\t'
    assert encode_edit("po", doc, Edit(Span(1, 2), "\x01")) is None
    assert encode_edit("markdown", doc, Edit(Span(1, 2), '"')).replacement == '"'


def test_invalid_po_escapes_are_found():
    ok = 'a\\"b\\\\c\\n\\t\\033\\x1b'
    assert invalid_po_escapes(ok, [Span(0, len(ok))]) == []
    assert invalid_po_escapes("a\\“b\\q", [Span(0, 6)]) == ["\\“", "\\q"]
    assert invalid_po_escapes("a\\“b", [Span(3, 4)]) == []  # outside the strings


def finding(start, end, replacement):
    fix = Fix("t", (Edit(Span(start, end), replacement),), False)
    return Finding("r", Severity.WARNING, "m", Span(start, end), fix=fix)


def test_fix_text_leaves_out_only_the_fixes_that_break_the_text():
    text = "a1 b2 c3 d4 e5 f6 g7"

    def check(current):
        return [
            finding(i, i + 1, "#" if c in "bf" else "x")
            for i, c in enumerate(current)
            if c in "abcdefg"
        ]

    outcome = fix_text(text, check, unsafe=True, unreadable=lambda t: "no #" if "#" in t else None)
    assert outcome.text == "x1 b2 x3 x4 x5 f6 x7"
    assert sorted(f.span.start for f in outcome.refused) == [3, 15]
    assert outcome.refused_reason == "no #"


def test_a_fix_that_would_break_the_file_is_dropped_alone(tmp_path, monkeypatch):
    # with the edits written as the rules made them, `\"` → `\“` is invalid in PO: that
    # fix is left out, the others applied, its finding reported
    monkeypatch.setattr(
        "transcheck.formats.fix_edits.encode_fixes", lambda fmt, doc, findings: findings
    )
    path = tmp_path / "a.po"
    path.write_text(po("Press “A” now.", "Press “B” now.", 'Press \\"C\\"  now.'))
    result = cli("check", str(path), "--fix", "--unsafe-fixes")
    text = path.read_text()
    assert 'Press \\"C\\" now.' in text  # the double space fixed
    assert "would break the file (invalid escape sequence" in result.stderr
    assert "quote-style-mixed" in result.stdout
    assert result.exit_code == 1


def test_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("The cat  sat.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    result = cli("check", str(link), "--fix")
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert real.read_text() == "The cat sat.\n"


def test_read_only_file_is_not_written(tmp_path):
    path = tmp_path / "ro.txt"
    path.write_text("The cat  sat.\n")
    path.chmod(0o444)
    result = cli("check", str(path), "--fix")
    assert result.exit_code == 2
    assert "read-only" in result.stderr
    assert "Fixed" not in result.stderr
    assert path.read_text() == "The cat  sat.\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def fix_report(path):
    result = cli("check", str(path), "--fix", "--format", "json", "--select", "double-space")
    return result, json.loads(result.stdout)


def test_unwritten_fix_reports_the_file_as_read(tmp_path):
    # Nothing was saved: the findings, their positions and the summary are those of
    # the text on disk, not of the fixed text that was never written.
    path = tmp_path / "ro.txt"
    path.write_text("The cat  sat and  ran.\n")
    path.chmod(0o444)
    result, report = fix_report(path)
    assert result.exit_code == 2
    (entry,) = report["files"]
    assert entry["error"] == "file is read-only; not written"
    assert [f["column"] for f in entry["findings"]] == [8, 17]
    assert report["summary"]["findings"] == 2


def test_written_fix_reports_the_fixed_file(tmp_path):
    path = tmp_path / "rw.txt"
    path.write_text("The cat  sat and  ran.\n")
    result, report = fix_report(path)
    assert result.exit_code == 0, result.output
    assert report["files"][0]["findings"] == []
    assert path.read_text() == "The cat sat and ran.\n"


def test_diff_of_a_bom_file_applies(tmp_path):
    require(shutil.which("patch") is not None, "patch")  # .ci/run installs it
    path = tmp_path / "b.txt"
    path.write_bytes("\ufeffFirst  line here.\nSecond line.\n".encode())
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = cli("check", "b.txt", "--diff")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1
    patched = subprocess.run(
        ["patch", "-p1"], input=result.stdout.encode(), cwd=tmp_path, capture_output=True
    )
    assert patched.returncode == 0, patched.stdout
    assert path.read_bytes() == "\ufeffFirst line here.\nSecond line.\n".encode()


def test_an_invalid_escape_already_in_the_file_does_not_block_fixes(tmp_path):
    path = tmp_path / "a.po"
    path.write_text(po("Press \\q now.", "Press  B now."))
    result = cli("check", str(path), "--fix")
    assert "would break" not in result.output
    assert 'msgstr "Press \\q now."' in path.read_text()
    assert 'msgstr "Press B now."' in path.read_text()


def test_xliff_replacement_is_escaped_as_xml_text():
    doc = Document(path="a", text="<target>a b</target>")
    i = doc.text.index(" ")
    assert encode_edit("xliff", doc, Edit(Span(i, i + 1), " & <")).replacement == " &amp; &lt;"
    assert encode_edit("xliff", doc, Edit(Span(i, i + 1), "“")).replacement == "“"


def test_reports_offer_the_fix_as_it_must_be_written(tmp_path):
    # SARIF and JSON consumers apply the edits themselves: they get the encoded ones
    path = tmp_path / "a.po"
    path.write_text(po("Press “A” now.", "Press “B” now.", 'Press \\"C\\" now.'))
    report = json.loads(cli("check", str(path), "-f", "json").stdout)
    (finding,) = report["files"][0]["findings"]
    text = path.read_text()
    edits = [(text[e["start"] : e["end"]], e["replacement"]) for e in finding["fix"]["edits"]]
    assert edits == [('\\"', "“"), ('\\"', "”")]


def test_a_refused_fix_is_not_tried_again_in_later_passes():
    # pass 1 refuses the "b" fix and applies a shrinking one in front of it; pass 2 sees
    # the same "b" fix at another offset and must not count or try it again
    def check(current):
        found = []
        if current.startswith("aa"):
            found.append(finding(0, 2, "a"))
        i = current.find("b")
        if i >= 0:
            found.append(finding(i, i + 1, "#"))
        return found

    def unreadable(t):
        return "no #" if "#" in t else None

    outcome = fix_text("aaaa b", check, unsafe=True, unreadable=unreadable)
    assert outcome.text == "a b"
    assert len(outcome.refused) == 1
