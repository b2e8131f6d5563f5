"""PO/POT reader: msgstr is the target, msgid the source; strict errors; rules end to end."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from conftest import require
from hypothesis import given
from hypothesis import strategies as st

from transcheck.formats import drop_markup_artifacts, read_path
from transcheck.inputs import InputError
from transcheck.registry import RuleContext

DATA = Path(__file__).parent / "data" / "formats"


def sample(**options):
    return read_path("sample.po", (DATA / "sample.po").read_bytes(), "po", **options)


def visible(doc) -> list[str]:
    return [doc.analysis_text[b.start : b.end] for b in doc.paragraphs]


def test_target_view():
    doc = sample().document
    assert visible(doc) == [
        "La la casa es grande.",
        'Dijo \\"sí\\" y luego “adiós”.',
        "Fuente difusa",
        "Un archivo",
        "%d archivos",
    ]
    for hidden in ("msgid", "msgstr", "house", "Project-Id", "Obsoleto", "src/main.c", "menu"):
        assert hidden not in doc.analysis_text, hidden


def test_source_view():
    result = sample()
    src = result.source_document
    assert src is not None
    assert visible(src) == [
        "The house is big.",
        'He said \\"yes\\" and left.',
        "Fuzzy source",
        "One file",
        "%d files",
        "Not translated yet",
    ]
    assert "casa" not in src.analysis_text


def test_units():
    result = sample()
    doc, src = result.document, result.source_document
    rows = [(u.id, doc.slice(u.target), src.slice(u.source), sorted(u.flags)) for u in result.units]
    assert rows == [
        ("The house is big.", "La la casa es grande.", "The house is big.", []),
        (
            'He said "yes" and left.',
            'Dijo \\"sí\\" y luego “adiós”.',
            'He said \\"yes\\" and left.',
            [],
        ),
        ("Fuzzy source", "Fuente difusa", "Fuzzy source", ["fuzzy"]),
        ("menu\x04One file", "Un archivo", "One file", ["plural:0"]),
        ("menu\x04One file", '"\n"%d archivos', "%d files", ["plural:1"]),
        ("Not translated yet", "", "Not translated yet", []),
    ]


@pytest.mark.parametrize(
    ("msgid", "symbolic"),
    [
        ("errors.network_404", True),
        ("app.welcome_message", True),
        ("settings.title", True),
        ("SAVE_BUTTON", True),
        ("file_name", True),
        ("menu:file.open", True),
        # texts, however short
        ("Settings", False),
        ("v1.2", False),
        ("e.g.", False),
        ("Version 2.0", False),
        ("Save the file.", False),
        ("Error: network_404", False),
        ("_Open", False),  # a GTK mnemonic
        ("3.5", False),
    ],
)
def test_is_symbolic_key(msgid: str, symbolic: bool) -> None:
    from transcheck.formats.po import is_symbolic_key

    assert is_symbolic_key(msgid) is symbolic


@given(st.text(alphabet=st.sampled_from("aZ09._:- é\n"), max_size=12))
def test_is_symbolic_key_is_the_two_patterns(msgid: str) -> None:
    # The pre-test on `.`, `_` and `:` only skips msgids the patterns would reject.
    from transcheck.formats.po import _KEY, _KEY_JOINT, is_symbolic_key

    by_patterns = (
        len(msgid) <= 200
        and _KEY.fullmatch(msgid) is not None
        and _KEY_JOINT.search(msgid) is not None
    )
    assert is_symbolic_key(msgid) is by_patterns


def test_symbolic_msgid_is_no_source_text():
    text = (
        'msgid "errors.network_404"\nmsgstr "La page demandée est introuvable."\n\n'
        'msgid "Version 2 is out"\nmsgstr "La version 2 est sortie"\n'
    )
    result = read_path("k.po", text, "po")
    src = result.source_document
    assert src is not None and visible(src) == ["Version 2 is out"]
    key, plain = result.units
    assert key.id == "errors.network_404" and key.source is not None
    assert key.source.start == key.source.end  # empty: nothing to compare with
    assert src.slice(plain.source) == "Version 2 is out"


def test_fuzzy_skip():
    result = sample(fuzzy="skip")
    assert "Fuente" not in result.document.analysis_text
    assert all("fuzzy" not in u.flags for u in result.units)
    assert len(result.units) == 5


def test_positions():
    doc = sample().document
    for word, line, column in [("casa", 11, 15), ("adiós", 15, 30), ("archivos", 26, 5)]:
        offset = doc.analysis_text.index(word)
        assert doc.position(offset) == (line, column), word


def test_pot_has_nothing_to_check():
    path = DATA / "sample.pot"
    result = read_path(str(path), path.read_bytes(), "po")
    assert result.document.paragraphs == []
    assert [u.id for u in result.units] == ["Save", "Open"]
    assert all(len(u.target) == 0 for u in result.units)


def test_control_escapes_are_masked_and_quotes_stay_visible():
    doc = read_path("a.po", 'msgid "a"\nmsgstr "Uno\\tdos \\"tres\\"\\n"\n', "po").document
    assert visible(doc) == ['Uno  dos \\"tres\\"']


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('msgid "abc\n', r"line 1: unterminated string"),
        ('msgid "abc"\n', r"line 1: entry has a msgid but no msgstr"),
        ('msgid "a"\nmsgstr "b\n', r"line 2: unterminated string"),
        ('msgid "a"\nmsgstr "b" x\n', r"line 2: unexpected text after the closing quote"),
        ('msgstr "b"\n', r"line 1: msgstr without a msgid"),
        ('msgid "a"\nmsgid "b"\nmsgstr ""\n', r"line 2: msgid before the msgstr"),
        ('msgid "a"\nmsgstr "b"\nhello\n', r"line 3: unexpected text 'hello'"),
        ('"orphan"\n', r"line 1: a quoted string outside of an entry"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', r"line 3: .*msgstr\[0\]"),
        ('msgid "a"\nmsgstr[0] "b"\n', r"line 2: msgstr\[0\] in an entry without msgid_plural"),
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', r"line 3: msgstr appears twice"),
        ('msgid "a\\\nmsgstr "b"\n', r"line 1: unterminated string"),
    ],
)
def test_malformed_po_is_a_clear_error(text, message):
    with pytest.raises(InputError, match=message):
        read_path("bad.po", text, "po")


def test_crlf_po():
    text = 'msgid "Hello"\r\nmsgstr ""\r\n"Hola "\r\n"mundo"\r\n'
    doc = read_path("a.po", text, "po").document
    assert [doc.slice(b) for b in doc.paragraphs] == ['Hola "\r\n"mundo']
    assert doc.position(doc.analysis_text.index("mundo")) == (4, 2)


def _decode(raw: str) -> str:
    """The value of a PO string from the raw text between its first and last quote."""
    joined = re.sub(r'"\s*\n\s*"', "", raw)
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), joined)


def test_agrees_with_polib_when_installed():
    require(importlib.util.find_spec("polib") is not None, "polib (a dev dependency)")
    import polib

    text = (DATA / "sample.po").read_text("utf-8")
    result = sample()
    ours = [
        (u.id.split("\x04")[-1], _decode(result.document.slice(u.target))) for u in result.units
    ]
    theirs = []
    for entry in polib.pofile(text + "\n"):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            theirs += [(entry.msgid, entry.msgstr_plural[k]) for k in sorted(entry.msgstr_plural)]
        else:
            theirs.append((entry.msgid, entry.msgstr))
    assert ours == theirs


def _default_findings(document, lang):
    from transcheck.rules import all_rules

    document.lang = lang
    ctx = RuleContext(document=document, lang=lang)
    findings = []
    for rule in all_rules():
        if rule.enabled_by_default and not rule.needs_source and not rule.needs_mt:
            findings.extend(rule().check(ctx))
    return drop_markup_artifacts(document, findings)


def test_rules_end_to_end_on_the_target_view():
    doc = sample().document
    found = sorted(
        (f.rule, *doc.position(f.span.start), doc.slice(f.span))
        for f in _default_findings(doc, "es")
    )
    assert ("repeated-word", 11, 12, "la") in found
    assert ("quote-style-mixed", 15, 29, "“") in found
    # Nothing from msgid text, comments, the header or PO syntax.
    for rule, line, _column, _text in found:
        assert line in (11, 15, 19, 24, 26), (rule, line)
    assert not any(rule in ("double-space", "quote-spacing") for rule, *_ in found)


def test_rule_context_finds_the_unit_of_an_offset():
    # rules see a catalogue's units: the plural form a draft offset belongs to
    text = (
        'msgid "Page 1 of %d"\nmsgstr "Page %d sur %d"\n\n'
        'msgid "1 file"\nmsgid_plural "%d files"\nmsgstr[0] "%d fichier"\n'
        'msgstr[1] "%d fichiers"\n\nmsgid "Empty"\nmsgstr ""\n'
    )
    read = read_path("fr.po", text, "po")
    ctx = RuleContext(document=read.document, lang="fr", units=read.units)
    assert ctx.units is read.units  # the reader's list, not a copy
    page = ctx.unit_at(text.index("Page %d"))
    one, many = ctx.unit_at(text.index('%d fichier"')), ctx.unit_at(text.index("%d fichiers"))
    assert page is not None and page.flags == frozenset()
    assert one is not None and "plural:0" in one.flags and one.id == "1 file"
    assert many is not None and "plural:1" in many.flags
    assert ctx.unit_at(text.index("msgid")) is None  # outside every translation
    assert ctx.unit_at(text.index('msgstr ""') + 8) is None  # an empty msgstr holds nothing
    assert RuleContext(document=read.document, lang="fr").unit_at(0) is None  # plain document


# --- the whole-file fast path agrees with the line scanner -----------------------------------

_PIECES = [
    'msgid "a"',
    'msgstr "b"',
    'msgstr[0] "x"',
    'msgstr[1] "y"',
    'msgid_plural "p"',
    'msgctxt "c"',
    '"more\\n"',
    "#, fuzzy",
    "#, c-format, fuzzy",
    "# note",
    "",
    "  ",
    ' msgid "z"',
    'msgstr "q" # c',
    '"open',
    'msgstr "a\\"b\\\\"',
    'msgid ""',
    '#~ msgid "old"',
    'msgid"x"',
    'msgstr[0]"x"',
    "\t",
    'msgstr "\\x41\\u00e9\\101"',
    'msgid "tab\there"',
    "  #, fuzzy",
    'msgstr[01] "z"',
]


def _variants(seed: int, count: int):
    """Catalogues edited at random: lines deleted, doubled, inserted, the end cut off."""
    import random

    rng = random.Random(seed)
    bases = [(DATA / "sample.po").read_text("utf-8"), (DATA / "sample.pot").read_text("utf-8")]
    for _ in range(count):
        lines = rng.choice(bases).split("\n")
        for _ in range(rng.randrange(4)):
            op, i = rng.randrange(4), rng.randrange(len(lines) + 1)
            if op == 0 and lines:
                del lines[min(i, len(lines) - 1)]
            elif op == 1:
                lines.insert(i, rng.choice(_PIECES))
            elif op == 2 and lines:
                lines.insert(i, lines[min(i, len(lines) - 1)])
            else:
                lines = lines[:i]
        yield "\n".join(lines) + rng.choice(["", "\n", "\n\n", " "])


def fast_entries(text: str):
    """The entries of `po._read_fast`'s whole-file fast path as a list (before `_read_fast`
    added them as it matched them), or None: the reference the tests hold it to."""
    from transcheck.formats import po

    if "\r" in text:
        return None
    entries = []
    find, match, pos = text.find, po._ENTRY.match, 0
    while (m := match(text, pos)) is not None:
        regs = m.regs
        a, b = regs[1]
        fuzzy = find("#,", a, b) != -1 and po._has_fuzzy_flag(text[a:b])
        entry = po._entry_parts(text, regs, fuzzy)
        if entry is None:
            return None
        entries.append(entry)
        pos = regs[0][1]
    if pos < len(text) and po._TAIL.fullmatch(text, pos) is None:
        return None
    return entries


def test_fast_path_gives_the_line_scanners_entries():
    from transcheck.formats import po

    taken = 0
    for text in _variants(5, 1500):
        fast = fast_entries(text)
        if fast is None:
            continue  # read() asks the line scanner
        taken += 1
        assert fast == po._scanned_entries("x.po", text), text  # and it raised nothing
    assert taken > 300  # the fast path is the usual one


@pytest.mark.parametrize(
    "text",
    [
        'msgid "a"\r\nmsgstr "b"\r\n',  # CRLF
        '  msgid "a"\nmsgstr "b"\n',  # indented
        'msgid "a"\nmsgstr "b" # comment\n',
        'msgid "a"\n# between\nmsgstr "b"\n',
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[0] "c"\n',  # a form twice
    ],
)
def test_unusual_catalogues_go_to_the_line_scanner(text):
    from transcheck.formats import po

    assert fast_entries(text) is None
    assert po._read_fast(text, False) is None


def test_views_are_what_the_masked_regions_give():
    # The reader builds the masked text itself; it must equal blanking its masked regions.
    from transcheck.document import Document

    text = (DATA / "sample.po").read_text("utf-8")
    result = read_path("sample.po", text, "po")
    for doc in (result.document, result.source_document):
        plain = Document(path="p", text=text, masked=doc.masked, blocks=doc.blocks)
        assert doc.analysis_text == plain.analysis_text
        assert doc.content_regions == plain.content_regions


def test_suppression_comment_in_a_string_is_masked_after_the_view_was_built():
    text = 'msgid "a"\nmsgstr "x <!-- transcheck-disable --> y"\n'
    doc = read_path("a.po", text, "po").document
    assert "transcheck-disable" not in doc.analysis_text
    assert doc.analysis_text.count("x") == 1 and "y" in doc.analysis_text


_PO_CHARS = ["a", "b", " ", ".", '"', "\\", "\n", "\t", "\u00a0", "\u201c"]
# The inner text of a PO string: backslashes, quotes and line breaks escaped.
_PO_STRING = st.text(alphabet=st.sampled_from(_PO_CHARS), max_size=12).map(
    lambda s: s.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')
)


@given(
    st.lists(
        st.tuples(_PO_STRING, st.lists(_PO_STRING, min_size=1, max_size=3), st.booleans()),
        max_size=6,
    ),
    st.booleans(),
)
def test_content_regions_of_the_views_are_the_whole_text_scans(entries, crlf):
    # The views search their blocks for content regions; a plain document scans the text.
    from transcheck.document import Document

    chunks = ['msgid ""\nmsgstr ""\n"Language: es\\n"\n']
    for n, (msgid, msgstr, comment) in enumerate(entries):
        chunks.append(f"\n#: src/a.c:{n}\n" if comment else "\n")
        chunks.append(f'msgid "{n}{msgid}"\nmsgstr "{msgstr[0]}"\n')
        chunks.extend(f'"{more}"\n' for more in msgstr[1:])
    text = "".join(chunks)
    if crlf:  # read by the line scanner
        text = text.replace("\n", "\r\n")
    result = read_path("x.po", text, "po")
    for doc in (result.document, result.source_document):
        plain = Document(path="p", text=text, masked=doc.masked, blocks=doc.blocks)
        assert doc.analysis_text == plain.analysis_text
        assert doc.content_regions == plain.content_regions


# Lines of catalogues, usual and broken, for the fast path's patterns.
_PO_LINES = [
    'msgid "a b"',
    'msgid ""',
    'msgid_plural "as"',
    'msgctxt "k"',
    'msgstr "x\\\\"',
    'msgstr "y \\"z\\" \\n"',
    'msgstr[0] "q"',
    'msgstr[1] ""',
    '"more \\\\"',
    '"broken \\"',
    '""  ',
    'msgstr "a" x',
    "# comment",
    "#, fuzzy",
    "",
    "  ",
    "\t",
]


@given(st.lists(st.sampled_from(_PO_LINES), max_size=14), st.booleans())
def test_fast_path_patterns_match_as_their_backtracking_forms(lines, final_break):
    # The fast path's possessive repeats (`*+`) give the same matches as plain ones.
    from transcheck.formats import po

    def plain(pattern):
        return re.compile(pattern.pattern.replace("*+", "*").replace("++", "+"))

    text = "\n".join(lines) + ("\n" if final_break else "")
    for pattern in (po._ENTRY, po._FORM, po._CONTINUATION):
        previous = plain(pattern)
        assert "*+" not in previous.pattern and "++" not in previous.pattern
        for pos in range(len(text) + 1):
            new, old = pattern.match(text, pos), previous.match(text, pos)
            assert (new and new.regs) == (old and old.regs), (pattern.pattern, text, pos)
