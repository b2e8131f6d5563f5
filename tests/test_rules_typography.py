"""Typography rules: what each must flag (with position and suggestion) and must not flag.

All texts are written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transcheck.document import Document
from transcheck.findings import Span
from transcheck.registry import BaseRule, RuleContext
from transcheck.rules.typography import (
    RULES,
    DoubleSpace,
    LowercaseSentenceStart,
    MissingSpaceAfterPunctuation,
    RepeatedWord,
    SpaceBeforePunctuation,
)


def run(rule: type[BaseRule], text: str, lang: str = "en") -> list[tuple[str, str, str | None]]:
    doc = Document(path="t.txt", text=text, lang=lang)
    ctx = RuleContext(document=doc, lang=lang)
    out = []
    for f in rule().check(ctx):
        line, col = doc.position(f.span.start)
        out.append((f.rule, f"{line}:{col}", f.suggestion))
    return out


def apply_fix(rule: type[BaseRule], text: str, lang: str = "en") -> str:
    doc = Document(path="t.txt", text=text, lang=lang)
    edits = [e for f in rule().check(RuleContext(document=doc, lang=lang)) for e in f.fix.edits]
    for e in sorted(edits, key=lambda e: e.span.start, reverse=True):
        text = text[: e.span.start] + e.replacement + text[e.span.end :]
    return text


# (rule, lang, text, expected [(line:col, suggestion)])
MUST_FLAG = [
    (
        LowercaseSentenceStart,
        "en",
        "It works for them. without counting the cost.",
        [("1:20", "Without")],
    ),
    (
        LowercaseSentenceStart,
        "en",
        "Line one.\nIt ended here. the rest followed.",
        [("2:16", "The")],
    ),
    (LowercaseSentenceStart, "es", "Funciona bien. además es barato.", [("1:16", "Además")]),
    (LowercaseSentenceStart, "fr", "Il est parti. ensuite il a plu.", [("1:15", "Ensuite")]),
    (LowercaseSentenceStart, "de", "Das war gut. aber teuer.", [("1:14", "Aber")]),
    (LowercaseSentenceStart, "ru", "Он ушёл. потом вернулся.", [("1:10", "Потом")]),
    (
        LowercaseSentenceStart,
        "en",
        "We saw 2674 workers. to start, the mid-1980s. the end.",
        [("1:22", "To"), ("1:47", "The")],
    ),
    (LowercaseSentenceStart, "en", "It weighs 12 kg. in total.", [("1:18", "In")]),
    # An elided article before a plain word, a word merely ending like a suffix row.
    (LowercaseSentenceStart, "it", "Ho visto l'arte. poi sono uscito.", [("1:18", "Poi")]),
    (LowercaseSentenceStart, "de", "Das war ein Meister. danach kam nichts.", [("1:22", "Danach")]),
    (LowercaseSentenceStart, "en", "It weighs 5 mg. then it dissolves.", [("1:17", "Then")]),
    (RepeatedWord, "en", "It was the the best option.", [("1:12", "the")]),
    (RepeatedWord, "en", "The the report was late.", [("1:5", "The")]),
    # a note on another line does not excuse a slip
    (RepeatedWord, "en", "♪ Song ♪\nIt was the the best.", [("2:12", "the")]),
    (RepeatedWord, "en", "We went to\nto the market.", [("2:1", "to")]),
    (RepeatedWord, "es", "Dijo que que no vendría.", [("1:10", "que")]),
    (RepeatedWord, "fr", "Il a a dit non.", [("1:6", "a")]),
    (RepeatedWord, "fr", "Il a vu la la maison.", [("1:12", "la")]),  # only "là là" listed
    (RepeatedWord, "de", "Er hat hat nichts gesagt.", [("1:8", "hat")]),
    (RepeatedWord, "en", "During During the war.", [("1:8", "During")]),
    (
        RepeatedWord,
        "es",
        "Los cristianos no no tenían la la Biblia.",
        [("1:19", "no"), ("1:32", "la")],
    ),
    # Mostly slips in edited text, so still flagged (English particles: "give in in the end"
    # is grammatical but rare; a capitalised pair at a sentence start is no name).
    (
        RepeatedWord,
        "en",
        "We met in in Paris and moved on on Monday.",
        [("1:11", "in"), ("1:33", "on")],
    ),
    (RepeatedWord, "en", "It rained. The The report was late.", [("1:16", "The")]),
    (RepeatedWord, "en", "“The The report”, he said.", [("1:6", "The")]),
    (RepeatedWord, "en", "First part.\n\nThe The report was late.", [("3:5", "The")]),
    (RepeatedWord, "pt", "Ele disse que que não vinha.", [("1:15", "que")]),
    # A capitalised word doubled inside a longer name is a slip, not a doubled name.
    (RepeatedWord, "en", "In 1918 the Peace Treaty Treaty was signed.", [("1:26", "Treaty")]),
    (RepeatedWord, "en", "Yesterday President Obama Obama said no.", [("1:27", "Obama")]),
    (RepeatedWord, "en", "Yesterday Obama Obama said no.", [("1:17", "Obama")]),
    # product and place names double their last word by a slip: no given name before
    (RepeatedWord, "en", "The new Apple Watch Watch is thinner.", [("1:21", "Watch")]),
    (RepeatedWord, "en", "She met Google Cloud Cloud engineers.", [("1:22", "Cloud")]),
    (RepeatedWord, "en", "We installed Microsoft Office Office here.", [("1:31", "Office")]),
    (RepeatedWord, "en", "They met Minister Ana Pérez and Mr García García.", [("1:43", "García")]),
    (RepeatedWord, "en", "The deal, the Paris Treaty Treaty, was signed.", [("1:28", "Treaty")]),
    (RepeatedWord, "es", "Lo firmó el Gobierno Nacional Nacional ayer.", [("1:31", "Nacional")]),
    (
        RepeatedWord,
        "es",
        "Lo dijo la Organización Organización Mundial.",
        [("1:25", "Organización")],
    ),
    (RepeatedWord, "es", "No se se sabe nada.", [("1:7", "se")]),
    # A line of its own starts a sentence whatever the line before ends with: a heading
    # in one-sentence-per-line text, a Markdown heading, a title line before its text.
    (
        RepeatedWord,
        "en",
        "Results\nThe The committee met on Monday and agreed.\nNext steps\nWe meet in May.",
        [("2:5", "The")],
    ),
    (RepeatedWord, "en", "# Results\n\nThe The committee met on Monday.", [("3:5", "The")]),
    (
        RepeatedWord,
        "en",
        "Intro text.\n\nResults\nThe The committee met on Monday.",
        [("4:5", "The")],
    ),
    (
        RepeatedWord,
        "en",
        "Paris is big and in Paris paris is spelled in lower case.",
        [("1:27", "Paris")],
    ),
    (DoubleSpace, "en", "The minister  said no.", [("1:13", None)]),
    (DoubleSpace, "en", "One sentence.  Another one. Third one. Fourth.", [("1:14", None)]),
    (DoubleSpace, "es", "El  gobierno dijo que sí.", [("1:3", None)]),
    (
        SpaceBeforePunctuation,
        "en",
        "The results , however, were clear .",
        [("1:12", ","), ("1:34", ".")],
    ),
    (SpaceBeforePunctuation, "en", "Really ? Yes !", [("1:7", "?"), ("1:13", "!")]),
    (SpaceBeforePunctuation, "en", "Note : this matters; a lot ;", [("1:5", ":"), ("1:27", ";")]),
    (
        SpaceBeforePunctuation,
        "fr",
        "Il est parti , mais il reviendra .",
        [("1:13", ","), ("1:33", ".")],
    ),
    (SpaceBeforePunctuation, "es", "Dijo que sí , claro.", [("1:12", ",")]),
    # Two spaced dots are no ellipsis; a stray spaced full stop before one still is flagged.
    (SpaceBeforePunctuation, "en", "He left . . and came back.", [("1:8", ".")]),
    (MissingSpaceAfterPunctuation, "en", "It was approved.Next year it starts.", [("1:16", ". ")]),
    (MissingSpaceAfterPunctuation, "en", "They came,saw and left.", [("1:10", ", ")]),
    (MissingSpaceAfterPunctuation, "en", "Really?Yes, really.", [("1:7", "? ")]),
    (MissingSpaceAfterPunctuation, "en", "Remember this;never again.", [("1:14", "; ")]),
    (MissingSpaceAfterPunctuation, "en", "Please note:there is more.", [("1:12", ": ")]),
    (MissingSpaceAfterPunctuation, "es", "Llegó tarde,como siempre.", [("1:12", ", ")]),
]


@pytest.mark.parametrize(("rule", "lang", "text", "expected"), MUST_FLAG)
def test_must_flag(rule: type[BaseRule], lang: str, text: str, expected: list) -> None:
    assert run(rule, text, lang) == [(rule.name, pos, sug) for pos, sug in expected]


MUST_NOT_FLAG = [
    # repeated-word: sung lines in subtitles, with or without the closing note
    (RepeatedWord, "es", "♪ La la la, la noche es larga ♪"),
    (RepeatedWord, "en", "♫ Row row row your boat"),
    # lowercase-sentence-start
    (LowercaseSentenceStart, "en", "Mr. smith is a lower-case name here."),
    (LowercaseSentenceStart, "en", "It costs approx. ten dollars, e.g. for a child."),
    (LowercaseSentenceStart, "en", "He moved to the U.S. in spring and left at 5 p.m. today."),
    (LowercaseSentenceStart, "en", "Wait... what happened? Nobody knew."),
    (LowercaseSentenceStart, "en", "I bought one. iPhone sales grew. eBay too."),
    (LowercaseSentenceStart, "en", "Write to us. info@example.org answers fast."),
    (LowercaseSentenceStart, "en", "See the site. www.example.com has it."),
    (LowercaseSentenceStart, "en", "The board is 5 ft. long and 2 in. wide."),
    (LowercaseSentenceStart, "en", "Compare apples vs. pears, cf. chapter two."),
    (LowercaseSentenceStart, "en", "“Stop.” and then he left."),
    (LowercaseSentenceStart, "es", "¿Vienes? preguntó ella. ¡Claro! respondió."),
    (LowercaseSentenceStart, "es", "Hay frutas, p. ej. manzanas, y el núm. cinco."),
    (LowercaseSentenceStart, "de", "Das gilt z. B. für Berlin, d. h. auch hier."),
    (LowercaseSentenceStart, "ru", "Это важно, т. е. нужно, и т. д. и т. п."),
    (LowercaseSentenceStart, "fr", "Il habite av. des Champs, etc. et ailleurs."),
    (LowercaseSentenceStart, "en", "Options: a. first b. second."),
    (LowercaseSentenceStart, "en", "He wrote 3. then stopped."),
    (LowercaseSentenceStart, "en", "Open config.yaml. then run it."),
    (
        LowercaseSentenceStart,
        "de",
        "Sie ist Dr. med. dent. und er Dr. rer. nat. und sie Dr. phil. habil. in Berlin.",
    ),
    (
        LowercaseSentenceStart,
        "de",
        "Die Firma in der Hauptstr. gegenüber, vgl. ebd. und Anm. dazu.",
    ),
    (LowercaseSentenceStart, "de", "Gemäß Art. 6 Abs. 1 lit. f der Verordnung."),
    (
        LowercaseSentenceStart,
        "en",
        "An avg. delay, excl. tax, per the govt. report, op. cit. page 4, ibid. page 6.",
    ),
    (LowercaseSentenceStart, "en", "Up 5% yr. on yr. and the patient got 5 mg. of the drug."),
    (
        LowercaseSentenceStart,
        "es",
        "Según la Univ. de Salamanca, en la Pza. de España, el Pdte. del Gobierno.",
    ),
    (LowercaseSentenceStart, "es", "Lo dijo la Vda. de Martínez."),
    (LowercaseSentenceStart, "fr", "Les dép. de l'Ouest et l'Univ. de Lyon."),
    (LowercaseSentenceStart, "it", "L'avv. ha firmato e l'ing. ha firmato il progetto."),
    (LowercaseSentenceStart, "pl", "Kosztowało 5 tys. złotych, czyli 3 proc. więcej."),
    (LowercaseSentenceStart, "uk", "Це коштувало 5 тис. гривень і 2 млн. доларів."),
    # repeated-word
    (RepeatedWord, "en", "What he had had was enough, and that that is true."),
    (RepeatedWord, "en", "The count was 10 10 times."),
    (RepeatedWord, "en", "Bye bye, it was so so, very very good."),
    (RepeatedWord, "en", "He met Boutros Boutros-Ghali."),
    (RepeatedWord, "es", "Edad media 12 años; DE de 3 años."),
    (RepeatedWord, "en", "The end.\n\nThe end came."),
    (RepeatedWord, "en", "the theory"),
    (RepeatedWord, "fr", "Nous nous sommes vus, vous vous souvenez."),
    (RepeatedWord, "de", "Die Frau, die die Zeitung liest, und das das Kind sah."),
    (RepeatedWord, "de", "Haben Sie sie gesehen?"),
    (RepeatedWord, "nl", "Hij zei dat dat goed was."),
    (RepeatedWord, "es", "Yo como como un rey."),
    (RepeatedWord, "en", "The officer gave her her passport back."),
    (RepeatedWord, "pt", "Não se sabe se se trata de um erro."),
    (RepeatedWord, "tr", "Kitapları tek tek saydı ve yavaş yavaş okudu."),
    (RepeatedWord, "en", "They ate mahi mahi, sang “Ole ole ole” and said: “Oh là là!”"),
    (RepeatedWord, "en", "Ooh la la, said the critic."),
    (RepeatedWord, "fr", "Oh là là, quelle histoire !"),
    (RepeatedWord, "es", "La afición cantaba «olé, olé» y «ole ole»."),
    # Capitalised pairs inside a sentence are names.
    (RepeatedWord, "en", "Robert Kennedy was shot by Sirhan Sirhan in 1968."),
    (RepeatedWord, "en", "They flew to Bora Bora, then to Walla Walla and met Mohammed Mohammed."),
    (RepeatedWord, "en", "A concert by (Duran Duran) and “Duran Duran” fans."),
    # Spanish and Basque double surnames after given names, in any document language
    (RepeatedWord, "en", "The referee, Alejandro Hernández Hernández, was praised."),
    (RepeatedWord, "en", "The minister, José García García, and María Pérez Pérez signed."),
    (RepeatedWord, "es", "El árbitro Alejandro Hernández Hernández pitó el final."),
    (RepeatedWord, "en", "José García García signed the accord."),
    # a known given name anywhere in the run before an unlisted surname, or a listed
    # Spanish surname doubled after an unlisted given name
    (RepeatedWord, "en", "Their coach Pablo Karanka Karanka did not attend."),
    (RepeatedWord, "en", "Yesterday José Luis Karanka Karanka said no."),
    (RepeatedWord, "en", "The referee, Xabier Hernández Hernández, was praised."),
    # A heading line, then its text: the break ends the scan for a capitalised word.
    (RepeatedWord, "en", "Brexit\nBrexit talks resumed on Monday."),
    (RepeatedWord, "en", "## Markets\nMarkets fell sharply."),
    (RepeatedWord, "en", "Intro text.\n\nBrexit\nBrexit talks resumed on Monday."),
    # a name inside a wrapped sentence, after other words on its line
    (RepeatedWord, "en", "In the end we flew\nto Bora Bora and stayed."),
    # double-space
    (DoubleSpace, "en", "    indented code  here\nNormal text."),
    (DoubleSpace, "en", "Trailing spaces  \nnext line"),
    (DoubleSpace, "en", "Name    Age  City\nAnna    34   Rome"),
    (DoubleSpace, "en", "key:   value\nname:  other"),
    (DoubleSpace, "en", "One.  Two.  Three.  Four."),
    (DoubleSpace, "en", "```\na  b\n```\nText."),
    (DoubleSpace, "en", "| a  | b |"),
    (DoubleSpace, "en", "word\u00a0 word and tab\t\tseparated"),
    # space-before-punctuation
    (SpaceBeforePunctuation, "fr", "Vraiment ? Oui ! Attention : ceci ; cela."),
    (SpaceBeforePunctuation, "fr", "Il a dit « non » ."[:-2] + "."),
    (SpaceBeforePunctuation, "en", "And so on ... and so forth …"),
    (SpaceBeforePunctuation, "en", "The witness said that . . . and then stopped . . . ."),
    (SpaceBeforePunctuation, "en", "It was\u00a0. . . odd, and . .\u00a0. too."),
    (SpaceBeforePunctuation, "en", "The value is .5 or - more - less."),
    (SpaceBeforePunctuation, "en", "Smile :) please ;-)"),
    (SpaceBeforePunctuation, "en", "No\u00a0space issue here\u00a0!"),
    (SpaceBeforePunctuation, "en", "    for x in y :\n"),
    # missing-space-after-punctuation
    (MissingSpaceAfterPunctuation, "en", "It costs 1,000 dollars, or 3.5 percent, at 10:30."),
    (MissingSpaceAfterPunctuation, "en", "See https://example.com/a,b and mail me@example.org."),
    (MissingSpaceAfterPunctuation, "en", "Visit example.com or open report.pdf today."),
    (MissingSpaceAfterPunctuation, "en", "The U.S. and EE.UU. differ, e.g. in a Ph.D. programme."),
    (MissingSpaceAfterPunctuation, "en", "Wait...what? Call obj.Method() or use snake_case.name."),
    (MissingSpaceAfterPunctuation, "en", "Points x,y and the ASP.NET site, in en:London."),
    (MissingSpaceAfterPunctuation, "sv", "EU:s budget och USA:s val."),
    (MissingSpaceAfterPunctuation, "en", "Languages: en,es,fr,de are supported."),
    (MissingSpaceAfterPunctuation, "zh", "你好,世界"),
    (MissingSpaceAfterPunctuation, "en", "std::vector and a::b"),
]


@pytest.mark.parametrize(("rule", "lang", "text"), MUST_NOT_FLAG)
def test_must_not_flag(rule: type[BaseRule], lang: str, text: str) -> None:
    assert run(rule, text, lang) == []


def test_fixes() -> None:
    assert apply_fix(RepeatedWord, "It was the the best.") == "It was the best."
    # two runs on each of two lines: table rows; on a lone line: two stray runs
    assert apply_fix(DoubleSpace, "a  b   c\nd  e   f") == "a  b   c\nd  e   f"
    assert apply_fix(DoubleSpace, "a  b   c") == "a b c"
    assert apply_fix(DoubleSpace, "The minister  said no.") == "The minister said no."
    assert apply_fix(SpaceBeforePunctuation, "Yes , no .") == "Yes, no."
    assert apply_fix(MissingSpaceAfterPunctuation, "came,saw") == "came, saw"
    assert apply_fix(LowercaseSentenceStart, "Done. then more.") == "Done. Then more."


def test_fix_safety() -> None:
    doc = Document(path="t.txt", text="a the the b.  c , d", lang="en")
    ctx = RuleContext(document=doc, lang="en")
    safety = {f.rule: f.fix.safe for r in RULES for f in r().check(ctx) if f.fix}
    assert safety["repeated-word"] is False
    assert safety["space-before-punctuation"] is True


def test_rule_docs_have_sections() -> None:
    for rule in RULES:
        doc = rule.documentation()
        for section in ("What it flags", "Why it matters", "Example", "Fix"):
            assert section in doc, (rule.name, section)


def test_crlf_alignment() -> None:
    text = "Name    Age\r\nAnna    34\r\n"
    assert run(DoubleSpace, text) == []


def test_double_space_on_a_huge_line_is_linear():
    # Found by bench/fuzz.py: each run of spaces rescanned its whole line (and the lines
    # around it); one 60,000-character line with thousands of runs took 40 s. Timing is
    # measured by bench/hostile.py; at this size the old code would take a minute here.
    from transcheck.rules.typography import DoubleSpace

    row = "uno  dos " * 20_000
    text = row + "\n" + row + "\nMy minister  said."  # its gap ends at column 13, not 9k+5
    doc = Document(path="x", text=text)
    found = list(DoubleSpace().check(RuleContext(document=doc, lang="en")))
    assert [doc.slice(f.span) for f in found] == ["  "]  # only the prose line; rows skipped
    assert found[0].span.start == text.index("minister  said") + len("minister")


# The repeated-word pattern puts its look-behind after the first letter (speed): the
# word boundary before the first word must work as before, at the start of the text too.
@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("go go", True),  # at offset 0: the look-behind has one character to look at
        ("a a", True),
        (" x x", True),
        ("«lo lo»", True),
        ("-go go", False),  # a hyphenated form's tail
        (".go go", False),
        ("@go go", False),
        ("/go go", False),
        ("’go go", False),
        ("ago go", False),  # "go" inside "ago"
        ("5go go", False),
    ],
)
def test_repeated_word_boundary_before_the_first_word(text: str, flagged: bool) -> None:
    assert bool(run(RepeatedWord, text)) is flagged


def test_missing_space_after_punctuation_finds_glued_marks_after_a_huge_token() -> None:
    # Found by the s4 audit: every mark rescanned up to 400 characters around it, so
    # 100 KB of "a.a.a." took 8.7 s (1 MB: 83 s). Token facts are now found once per
    # token. This checks the findings only (a huge data token, then prose and data
    # lines); the speed is measured by bench/rule_scaling.py (ratio 10x/1x), not here.
    text = "a." * 120_000 + "\nIt was approved.Next year it starts,as agreed.\n"
    text += "ab,cd,ef;12,3.5,x,yz\n" * 20_000
    found = run(MissingSpaceAfterPunctuation, text)
    assert [pos for _, pos, _ in found] == ["2:16", "2:36"]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # A glued pair is still found next to other tokens, at any place in the text.
        ("x " * 300 + "approved.Next", True),
        ("approved.Next " + "a.b " * 100, True),
        ("Yes!Really, that,I know;and more?Sure", True),
        # Data: a token longer than 200 characters is not prose, whatever it holds.
        ("x" * 250 + ",then", False),
        ("then," + "x" * 250, False),
        # Facts of one token do not leak into the next one.
        ("U.S.A. approved.Next", True),
        ("a,b,c,d came,saw", True),
        ("obj.Method() approved.Next", True),
    ],
)
def test_missing_space_after_punctuation_token_facts(text: str, flagged: bool) -> None:
    assert bool(run(MissingSpaceAfterPunctuation, text)) is flagged


def test_repeated_word_in_a_po_msgstr() -> None:
    from transcheck.formats import read_path

    text = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        'msgid "Le fichier a été enregistré."\nmsgstr "The The file was saved."\n'
        '\nmsgid "Ouvrir"\nmsgstr "Open"\n'
    )
    doc = read_path("t.po", text, "po").document
    found = list(RepeatedWord().check(RuleContext(document=doc, lang="en")))
    assert [doc.position(f.span.start) for f in found] == [(6, 13)]


def test_repeated_words_data_parses() -> None:
    from transcheck.data import locale_data
    from transcheck.rules.typography import _repeat_table

    table = _repeat_table()
    assert "had" in table["en"] and "nous" in table["fr"]
    with locale_data().joinpath("repeated_words.tsv").open(encoding="utf-8") as f:
        rows = [
            line.rstrip("\n").split("\t")
            for line in f
            if line.strip() and not line.startswith(("#", "lang\t"))
        ]
    for row in rows:
        assert len(row) == 3 and all(row), row  # lang, word, why
        assert row[1] == row[1].lower() and " " not in row[1], row
    assert sum(len(words) for words in table.values()) == len({(r[0], r[1]) for r in rows})


def test_repeated_words_data_rejects_a_row_without_a_word(monkeypatch, tmp_path) -> None:
    from transcheck.rules import typography

    (tmp_path / "repeated_words.tsv").write_text("lang\tword\twhy\nen had\n", encoding="utf-8")
    monkeypatch.setattr(typography, "locale_data", lambda: tmp_path)
    typography._repeat_table.cache_clear()
    try:
        with pytest.raises(ValueError, match="line 2"):
            typography._repeat_table()
    finally:
        typography._repeat_table.cache_clear()


def _read(path: str, data: str):
    from transcheck.formats import detect_format, read_path

    return read_path(path, data.encode(), detect_format(path, None)).document


def _double_spaces(path: str, data: str) -> list[str]:
    doc = _read(path, data)
    found = DoubleSpace().check(RuleContext(document=doc, lang="fr"))
    return [doc.text[f.span.start - 4 : f.span.end + 4] for f in found]


@pytest.mark.parametrize(
    ("path", "data", "expected"),
    [
        # Masked links, inline code, entities and PO escapes blank to runs of spaces; they
        # are not table columns, so the typed double space on the line is found.
        (
            "a.md",
            "Voir [la doc](https://e.org/d) et [le guide](https://e.org/g) puis  ici.\n",
            ["puis  ici."],
        ),
        ("a.md", "Lancez `make` puis `make test` et  attendez.\n", ["` et  atte"]),
        ("a.html", "<p>Le caf&eacute; est chaud. Le chat  dort ici.</p>\n", ["chat  dort"]),
        ("a.po", 'msgid "One\\nTwo here."\nmsgstr "Un\\nDeux  ici."\n', ["Deux  ici."]),
        # Typed spaces between markup and a written word are typed all the same.
        ("a.md", "Un mot **important**  ici.\n", ["nt**  ici."]),
        ("a.html", "<p>Le texte  <b>gras</b> ici.</p>\n", ["exte  <b>g"]),
    ],
)
def test_double_space_next_to_masked_markup_is_found(path, data, expected):
    assert _double_spaces(path, data) == expected


@pytest.mark.parametrize(
    ("path", "data"),
    [
        # Blanked markup alone is no double space: `[` of a link, the entity, `\n`.
        ("a.md", "Voir [la doc](https://e.org/d) et `make` ici.\n"),
        ("a.html", "<p>Le caf&eacute; est pr&#234;t. Un &laquo;&nbsp;mot&nbsp;&raquo;.</p>\n"),
        ("a.po", 'msgid "One\\nTwo"\nmsgstr "Un\\nDeux"\n'),
        # Padded Markdown table cells are masked with their pipes.
        ("a.md", "| Nom  | Valeur |\n|------|--------|\n| a    | b      |\n"),
        # A text table in a Markdown paragraph: two typed gaps on the row, or aligned rows.
        ("a.md", "Nom    Valeur    Unité\nmasse  12        kg\n"),
        ("a.md", "Le `nom`  valeur\nLe `age`  dix\n"),
        # Spaces before a masked line break are trailing spaces, not a gap between words.
        ("a.po", 'msgid "One\\nTwo"\nmsgstr "Un  \\nDeux"\n'),
        ("a.html", "<p>Ligne un  <br>Ligne deux</p>\n"),
        # Markup on both sides: nothing written next to the spaces.
        ("a.md", "Le **gras**  `code` ici.\n"),
    ],
)
def test_double_space_not_in_masked_markup(path, data):
    assert _double_spaces(path, data) == []


def test_typewriter_style_ignores_blanked_escapes_after_sentences():
    # Each `.\n` escape blanks to two spaces after a full stop; that is not a writer who
    # puts two spaces after sentences, so the typed double space after one is flagged.
    po = (
        'msgid "A.\\nB.\\nC."\nmsgstr "Un.\\nDeux.\\nTrois."\n\n'
        'msgid "D. E."\nmsgstr "Quatre.  Cinq."\n'
    )
    assert _double_spaces("a.po", po) == ["tre.  Cinq"]


# --- units of structured formats are not neighbours (session 5 audit) --------------------


def _found(rule: type[BaseRule], path: str, data: str) -> list[str]:
    doc = _read(path, data)
    return [doc.text[f.span.start : f.span.end] for f in rule().check(RuleContext(doc, "en"))]


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("a.json", '{\n"x": "Files are here",\n"y": "here we go"\n}\n'),
        ("a.json", '{"x": "Files are here", "y": "here we go"}\n'),
        ("a.html", "<ul><li>Files are here</li><li>here we go</li></ul>\n"),
        ("a.html", "<table><tr><td>Files are here</td><td>here we go</td></tr></table>\n"),
        ("a.html", "<p>Files are here<br>here we go</p>\n"),
        ("a.md", "| Item | Note |\n|---|---|\n| Total | total amount |\n"),
        (
            "a.xlf",
            '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" '
            'target-language="en" datatype="plaintext" original="x"><body>\n'
            '<trans-unit id="1"><source>a</source><target>Files are here</target></trans-unit>\n'
            '<trans-unit id="2"><source>b</source><target>here we go</target></trans-unit>\n'
            "</body></file></xliff>\n",
        ),
    ],
)
def test_repeated_word_does_not_join_two_units(path: str, data: str) -> None:
    assert _found(RepeatedWord, path, data) == []
    lowered = data.replace("Files are here", "Files are here.")
    assert _found(LowercaseSentenceStart, path, lowered) == []


@pytest.mark.parametrize(
    ("path", "data", "expected"),
    [
        ("a.json", '{"x": "Files are here here", "y": "We go"}\n', ["here"]),
        ("a.html", "<p>Files are <b>here</b> here.</p>\n", ["here"]),
        ("a.md", "Files are here\nhere we go.\n", ["here"]),
        ("a.md", "| Item | Note |\n|---|---|\n| Total | the the amount |\n", ["the"]),
        ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nFiles are here\nhere we go\n", ["here"]),
    ],
)
def test_repeated_word_inside_one_unit_is_still_found(path: str, data: str, expected) -> None:
    assert _found(RepeatedWord, path, data) == expected


def test_lowercase_start_inside_one_unit_is_still_found() -> None:
    assert _found(LowercaseSentenceStart, "a.json", '{"x": "Saved. now go", "y": "no"}\n') == [
        "now"
    ]


# --- double-space: a lone line with two runs is no table (session 5 audit) ---------------


@pytest.mark.parametrize(
    ("path", "data", "expected"),
    [
        (
            "a.txt",
            "The minister  said the budget would grow, but it was too small to  matter.\n",
            ["ster  said", "l to  matt"],
        ),
        ("a.txt", "Lee la  guía. Luego  sigue.\n", ["e la  guía", "uego  sigu"]),
        (
            "a.json",
            '{"a": "Open the  file.", "b": "Close the  file."}\n',
            ["the  file", "the  file"],
        ),
        ("a.txt", "First line.\nThe minister  said it was too  small.\nLast line.\n", None),
    ],
)
def test_double_space_two_runs_on_one_prose_line(path: str, data: str, expected) -> None:
    found = _double_spaces(path, data)
    assert len(found) == 2
    if expected is not None:
        assert [f.strip(" .") for f in found] == [e.strip(" .") for e in expected]


@pytest.mark.parametrize(
    "data",
    [
        "Name      Qty   Price\nApple      12    1.50\nBanana    150   12.00\n",
        "Intro.\nName    Value    Unit\nmass    12       kg\nEnd.\n",
        "A    B    C\n---  ---  ---\n",
    ],
)
def test_double_space_text_table_rows_are_not_flagged(data: str) -> None:
    assert _double_spaces("a.txt", data) == []


# --- space-before-punctuation after closers and markup (session 5 audit) -----------------


def _space_before(path: str, data: str, lang: str = "en") -> list[str]:
    doc = _read(path, data)
    found = SpaceBeforePunctuation().check(RuleContext(document=doc, lang=lang))
    return [doc.text[f.span.start - 2 : f.span.end] for f in found]


@pytest.mark.parametrize(
    ("path", "data", "expected"),
    [
        ("a.txt", "The report (published in 2024) , however, was late.\n", ["4) ,"]),
        ("a.txt", "She said “yes” . Then she left.\n", ["s” ."]),
        ("a.txt", 'She said "yes" , then left.\n', ['s" ,']),
        ("a.txt", "“Stop!” , he said.\n", ["!” ,"]),
        ("a.md", "Open the **file** , then close it.\n", ["** ,"]),
        ("a.md", "See [the guide](https://e.org/g) , then start.\n", ["g) ,"]),
        ("a.html", "<p>Open the <b>file</b> , then close it.</p>\n", ["b> ,"]),
        (
            "a.xlf",
            '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" '
            'target-language="en" datatype="plaintext" original="x"><body>\n'
            '<trans-unit id="1"><source>a</source><target>Open <mrk mtype="protected">'
            "Filebox</mrk> , then go.</target></trans-unit>\n"
            '<trans-unit id="2"><source>b</source><target>Press <x id="1"/> , then go.'
            "</target></trans-unit>\n</body></file></xliff>\n",
            ["k> ,", "/> ,"],
        ),
    ],
)
def test_space_before_punctuation_after_closers_and_markup(path, data, expected) -> None:
    found = _space_before(path, data)
    assert found == expected
    # the span is the typed space and the mark, never the markup (the fix stays)
    doc = _read(path, data)
    for f in SpaceBeforePunctuation().check(RuleContext(document=doc, lang="en")):
        assert doc.text[f.span.start : f.span.end - 1].strip(" ") == ""
        assert f.fix is not None and f.fix.safe


@pytest.mark.parametrize(
    ("path", "data", "lang"),
    [
        ("a.txt", "Il a dit « oui » ; puis « non » : enfin « peut-être » !\n", "fr"),
        ("a.txt", "Nice work :) , thanks ;) . See you :-) .\n", "en"),
        ("a.txt", "And so on (etc.) ... and more.\n", "en"),
        ("a.txt", "It is big - very big ( really ) and “ quoted ” too.\n", "en"),
        ("a.txt", "Use the “ , ” separator.\n", "en"),
        ("a.html", "<p>Open the file<b>, then</b> close it.</p>\n", "en"),
        ("a.html", "<p>Intro</p> <p>, more</p>\n", "en"),
        ("a.html", "<p>Open <b> , bold</b></p>\n", "en"),
        ("a.po", 'msgid "a"\nmsgstr "Line\\n , next"\n', "en"),
        ("a.json", '{"a": "Open the file", "b": ", then close it."}\n', "en"),
    ],
)
def test_space_before_punctuation_not_flagged(path: str, data: str, lang: str) -> None:
    assert _space_before(path, data, lang) == []


@pytest.mark.parametrize(
    "text",
    [
        "The French daily asked: « Pourquoi maintenant ? » The question went unanswered.",
        "The song's chorus, “Oh là là, mon amour !”, became a hit in 1998.",
        "Her motto (« Jamais ; toujours ! ») is painted on the wall.",
    ],
)
def test_space_before_punctuation_accepts_french_quotations(text: str) -> None:
    assert run(SpaceBeforePunctuation, text, "en") == []


@pytest.mark.parametrize(
    ("text", "col"),
    [
        ("He asked: “Why now ?” and left.", "1:19"),
        ("She shouted “What a day !” twice.", "1:24"),
        ("Why now ? Nobody knew.", "1:8"),
        # Russian uses «…» unspaced: a spaced quotation there is not French
        ("Он спросил: « Почему сейчас ? » и ушёл.", "1:28"),
    ],
)
def test_space_before_punctuation_in_english_quotations_is_flagged(text: str, col: str) -> None:
    lang = "ru" if "Он" in text else "en"
    assert [pos for _, pos, _ in run(SpaceBeforePunctuation, text, lang)] == [col]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=' \t\n\u00a0aZé9_,.;:!?"”’»]([«', max_size=40))
def test_one_punctuation_scan_finds_both_patterns(text: str) -> None:
    """The scan space-before-punctuation and missing-space-after-punctuation share finds
    what their own patterns find."""
    from transcheck.rules.typography import _MISSING_AFTER, _SPACE_BEFORE, _punctuation_scan

    assert _punctuation_scan(text) == (
        [m.start() for m in _SPACE_BEFORE.finditer(text)],
        [m.start() for m in _MISSING_AFTER.finditer(text)],
    )


_COMPACT_TEXT = st.text(alphabet="  \t\n\r\u00a0\u2003abAB.,;:!?”»é9-'@/_", max_size=60)


@settings(max_examples=800, deadline=None)
@given(_COMPACT_TEXT, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=4))
@example("the the", [])
@example("a.\n\n b b\n", [])
@example("x ,\n\n\n ,y  z\n ", [(1, 1)])
@example("word \n word and  two  spaces\n\n\n   end end", [(5, 3)])
def test_compact_scan_finds_the_region_matches(text: str, masks: list[tuple[int, int]]) -> None:
    """The typography patterns find in a document's `_Compact` what they find scanning
    its content regions one by one (and the punctuation pattern what it finds in the
    whole text), at the same offsets once shifted back."""
    from transcheck.rules.typography import (
        _DOUBLE_SPACE,
        _PUNCTUATION,
        _REPEATED,
        _compact,
        _punctuation_marks,
    )

    spans = sorted({(min(a, len(text)), min(a + n, len(text))) for a, n in masks})
    flat: list[Span] = []
    for a, b in spans:  # masked regions: flat, sorted, disjoint
        if b > a and (not flat or a >= flat[-1].end):
            flat.append(Span(a, b))
    doc = Document("t.po", text, masked=tuple(flat))
    ctx = RuleContext(document=doc, lang="en")
    analysis = doc.analysis_text
    compact = _compact(ctx)
    for pattern in (_REPEATED, _DOUBLE_SPACE, _PUNCTUATION):
        regional = [
            m.span() for s, e in doc.content_regions for m in pattern.finditer(analysis, s, e)
        ]
        shifted = [
            (m.start() + compact.shift(m.start()), m.end() + compact.shift(m.start()))
            for m in pattern.finditer(compact.text)
        ]
        assert shifted == regional, pattern.pattern
    whole = [m.span() for m in _PUNCTUATION.finditer(analysis)]
    spaced, glued = _punctuation_marks(ctx)
    assert [(m, m + 1) for m in sorted(spaced + glued)] == whole


# --- repeated-word: the regex tried only where a doubled word starts ------------------

_DOUBLED_TEXT = st.text(
    alphabet=(
        "  \t\n\r\u00a0abcAB.,’'-@/_9²ÉéñÑßẞſsSKkK\u212aİiıIΣσςΑαΣÅåÅ\u2160\u2170"
        "«»¿“”\u0301\ud800日本"
    ),
    max_size=40,
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["la", "La", "LA", "ſs", "Ss", "İi", "σς", "ΣΣ", "K"]), max_size=6),
    _DOUBLED_TEXT,
)
@example(["la"], "la, la la")
@example([], "the the the")
@example([], "«Stop stop»  here Here.\n here")
@example([], "É é é")
@example([], "\u212a k")
@example([], "Σ σ ς")
def test_repeated_matches_as_finditer(words: list[str], noise: str) -> None:
    """Trying `_REPEATED` only at the starts `_doubled_starts` finds gives exactly its
    finditer matches (the texts mix doubled words, cases, letters whose lower case
    changes length, marks, digits and scripts)."""
    from transcheck.rules.typography import _REPEATED, _repeated_matches

    text = (
        noise[: len(noise) // 2]
        + " ".join(words)
        + " "
        + " ".join(words)
        + noise[len(noise) // 2 :]
    )
    for sample in (text, noise, text.upper(), text.lower()):
        expected = [m.span() for m in _REPEATED.finditer(sample)]
        assert [m.span() for m in _repeated_matches(sample)] == expected


def test_doubled_starts_reads_every_character_as_the_regex_does() -> None:
    """What `_doubled_starts` relies on, for every code point: a character is a letter
    of `_REPEATED`'s words exactly when `_folded` keeps it; a kept letter is written as
    the simple lower case the regex's back-reference compares (or refused); and no
    other character lower-cases to a letter's lower case (the back-reference cannot
    take a non-letter for a letter)."""
    import _sre
    import sys

    from transcheck.rules.typography import _LETTER, _folded

    lower = _sre.unicode_tolower
    letter_lowers = set()
    others = []
    # Above U+20000 (CJK ideographs, tags, private use) every character is its own lower
    # case, `_folded` keeps or blanks it as it is, and the others need reading one by one.
    assert all(lower(code) == code for code in range(0x20000, sys.maxunicode + 1))
    for code in range(0x20000):
        char = chr(code)
        folded = _folded.__wrapped__(char)
        if _LETTER.match(char) is None:
            assert folded == b" " * len(char.encode("utf-8", "surrogatepass"))
            others.append(code)
            continue
        letter_lowers.add(lower(code))
        if folded is not None:
            assert folded == chr(lower(code)).encode("utf-8"), hex(code)
    assert not any(lower(code) in letter_lowers for code in others)


def test_doubled_starts_refuses_what_it_cannot_fold() -> None:
    from transcheck.rules.typography import _doubled_starts

    assert _doubled_starts("İi İi") is None  # İ lower-cases to two characters
    assert _doubled_starts(" ".join(map(chr, range(0x4E00, 0x4E00 + 300)))) == []  # no capitals
    capitals = [*range(0x400, 0x430), *range(0x391, 0x3A2)]  # 65 Cyrillic and Greek
    assert _doubled_starts(" ".join(map(chr, capitals))) is None
    assert _doubled_starts("the the") == [0]
    assert _doubled_starts("« Éte éTE »") == [2]
