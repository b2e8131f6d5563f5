"""Glossary files (TSV, TOML), their errors, and the glossary-variant rule."""

from __future__ import annotations

import pytest

from transcheck.document import Document
from transcheck.glossary import Glossary, GlossaryError, load_glossary, parse_toml, parse_tsv
from transcheck.registry import RuleContext
from transcheck.rules.glossary import RULES, GlossaryVariant

TSV = "# house spellings\nRiabkov\tRyabkov\tRjabkow\n\nKremlin\nKyiv\tKiev\ne-mail\temail\n"
TOML = """
do_not_translate = ["Kremlin"]

[terms]
"Riabkov" = ["Ryabkov", "Rjabkow"]
"Kyiv" = ["Kiev"]
"""


def test_tsv_rows_variants_and_do_not_translate():
    g = parse_tsv(TSV, "g.tsv")
    assert g.terms == {"Riabkov": ("Ryabkov", "Rjabkow"), "Kyiv": ("Kiev",), "e-mail": ("email",)}
    assert g.do_not_translate == ("Kremlin",)
    assert g.preferred_for("Ryabkov") == "Riabkov"
    assert g.preferred_for("Riabkov") == "Riabkov"
    assert g.preferred_for("Putin") is None
    assert g.is_variant("Kiev") and not g.is_variant("Kyiv")


def test_toml_same_content_as_tsv():
    g = parse_toml(TOML, "g.toml")
    assert g.terms == {"Riabkov": ("Ryabkov", "Rjabkow"), "Kyiv": ("Kiev",)}
    assert g.do_not_translate == ("Kremlin",)


def test_load_by_extension(tmp_path):
    (tmp_path / "g.tsv").write_text(TSV, encoding="utf-8")
    (tmp_path / "g.toml").write_text(TOML, encoding="utf-8")
    assert load_glossary(tmp_path / "g.tsv").terms["Kyiv"] == ("Kiev",)
    assert load_glossary(tmp_path / "g.toml").terms["Kyiv"] == ("Kiev",)


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_bytes("\ufeffKyiv\tKiev\r\nKremlin\r\n".encode())
    g = load_glossary(path)
    assert g.terms == {"Kyiv": ("Kiev",)} and g.do_not_translate == ("Kremlin",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Kyiv\tKiev\n\tKiev2\n", "g.tsv:2: empty preferred term"),
        ("Kyiv\t\tKiev\n", "g.tsv:1: empty cell between variants"),
        ("Kyiv\tKyiv\n", "g.tsv:1: 'Kyiv' is listed as a variant of itself"),
        ("Kyiv\tKiev\nKiyv\tKiev\n", "g.tsv:2: 'Kiev' is a variant of both 'Kyiv' and 'Kiyv'"),
        ("Kyiv\tKiev\nKiev\tKief\n", "g.tsv:2: 'Kiev' is preferred here but a variant of 'Kyiv'"),
        ("Kyiv  Kiev\n", "g.tsv:1: no tab found"),
    ],
)
def test_tsv_errors_name_file_and_line(text, message):
    with pytest.raises(GlossaryError) as info:
        parse_tsv(text, "g.tsv")
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[terms]\n"Kyiv" = ["Kiev"\n', "g.toml: invalid TOML"),
        ('[terms]\n"Kyiv" = 3\n', "g.toml:2: 'Kyiv' must map to a non-empty list"),
        ('[terms]\n"Kyiv" = []\n', "g.toml:2: 'Kyiv' must map to a non-empty list"),
        ('do_not_translate = "Kremlin"\n', "g.toml:1: 'do_not_translate' must be a list"),
        ('[glossary]\n"Kyiv" = ["Kiev"]\n', "g.toml:1: unknown key 'glossary'"),
        ('[terms]\n"Kyiv" = ["Kiev", 3]\n', "g.toml:2: variant of 'Kyiv' is not a string"),
    ],
)
def test_toml_errors(text, message):
    with pytest.raises(GlossaryError) as info:
        parse_toml(text, "g.toml")
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(GlossaryError, match="not found"):
        load_glossary(tmp_path / "nope.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_bytes(b"Kyiv\tKi\xe9v\n")
    with pytest.raises(GlossaryError, match="not UTF-8"):
        load_glossary(bad)


# ------------------------------------------------------------ glossary-variant

GLOSSARY = Glossary.from_mapping(
    {"Riabkov": ["Ryabkov"], "Kyiv": ["Kiev"], "al-Assad": ["Assad"], "e-mail": ["email"]},
    ["Kremlin"],
)


def located(text: str, glossary: Glossary | None = GLOSSARY, lang: str = "en"):
    doc = Document("t.txt", text, lang)
    findings = list(
        GlossaryVariant().check(RuleContext(document=doc, lang=lang, glossary=glossary))
    )
    return [
        (f.rule, "{}:{}".format(*doc.position(f.span.start)), f.suggestion, doc.slice(f.span))
        for f in findings
    ]


MUST_FLAG = [
    pytest.param(
        "The minister Ryabkov spoke.",
        [("glossary-variant", "1:14", "Riabkov", "Ryabkov")],
        id="single-occurrence",
    ),
    pytest.param(
        "Ryabkov's aide flew to Kiev.\nKiev was cold.",
        [
            ("glossary-variant", "1:1", "Riabkov", "Ryabkov"),
            ("glossary-variant", "1:24", "Kyiv", "Kiev"),
            ("glossary-variant", "2:1", "Kyiv", "Kiev"),
        ],
        id="possessive-and-several",
    ),
    pytest.param(
        "Send an email. Email is fine.",
        [
            ("glossary-variant", "1:9", "e-mail", "email"),
            ("glossary-variant", "1:16", "E-mail", "Email"),
        ],
        id="lower-case-term-keeps-sentence-capital",
    ),
]

MUST_NOT_FLAG = [
    pytest.param("The minister Riabkov spoke in Kyiv.", id="preferred-forms"),
    pytest.param("The town of Kievskaya and a ryabkov sign.", id="not-whole-word-or-case"),
    pytest.param("Forces of al-Assad advanced.", id="variant-inside-hyphenated-name"),
    pytest.param("RYABKOV SPOKE.", id="all-caps-is-not-the-variant"),
]


@pytest.mark.parametrize(("text", "expected"), MUST_FLAG)
def test_must_flag(text, expected):
    assert located(text) == expected


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_must_not_flag(text):
    assert located(text) == []


def test_no_glossary_no_findings():
    assert located("The minister Ryabkov spoke.", glossary=None) == []


def test_fix_is_safe_and_message():
    doc = Document("t.txt", "He went to Kiev.", "en")
    (f,) = GlossaryVariant().check(RuleContext(document=doc, lang="en", glossary=GLOSSARY))
    assert f.message == "“Kiev” is listed in the glossary as a variant of “Kyiv”"
    assert f.fix.safe
    assert [(doc.slice(e.span), e.replacement) for e in f.fix.edits] == [("Kiev", "Kyiv")]


def test_rule_metadata():
    assert (GlossaryVariant,) == RULES
    doc = GlossaryVariant.documentation()
    for section in ("What it flags", "Why it matters", "Example", "Fix"):
        assert section in doc
