"""Structure rules: duplicate-paragraph and boilerplate (texts written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.document import Document
from transcheck.registry import BaseRule, RuleContext
from transcheck.rules.structure import (
    RULES,
    Boilerplate,
    DuplicateParagraph,
    boilerplate_phrase,
    normalise,
)


def run(rule: type[BaseRule], text: str, lang: str = "en", **options: object) -> list:
    doc = Document(path="t.txt", text=text, lang=lang)
    out = []
    for f in rule(options).check(RuleContext(document=doc, lang=lang)):
        line, col = doc.position(f.span.start)
        related = [doc.position(r.start) for r in f.related]
        out.append((f.rule, f"{line}:{col}", doc.slice(f.span), related))
    return out


ARTICLE = (
    "The council met on Monday to discuss the budget.\n\n"
    "Several members asked for more time.\n\n"
    "The council met on Monday to discuss the budget.\n"
)


def test_duplicate_paragraph_flags_repeat_with_first_as_related() -> None:
    assert run(DuplicateParagraph, ARTICLE) == [
        (
            "duplicate-paragraph",
            "5:1",
            "The council met on Monday to discuss the budget.",
            [(1, 1)],
        )
    ]


def test_duplicate_paragraph_normalises_quotes_case_spacing() -> None:
    text = (
        "He said “we will win the vote” today.\n\n"
        'HE SAID  "we will win the vote" today\n\n'
        "He said «we will win the vote» today.\n"
    )
    found = run(DuplicateParagraph, text)
    assert [f[1] for f in found] == ["3:1", "5:1"]
    assert all(f[3] == [(1, 1)] for f in found)


def test_duplicate_title_in_line_per_paragraph_text() -> None:
    text = "Markets fall after the vote\nPrices dropped sharply.\nMarkets fall after the vote\n"
    assert [f[1] for f in run(DuplicateParagraph, text)] == ["3:1"]


@pytest.mark.parametrize(
    "text",
    [
        "* * *\n\nFirst part.\n\n* * *\n\nSecond part.",
        "Yes, of course.\n\nShe nodded.\n\nYes, of course.",
        "Photo\n\nA caption here.\n\nPhoto",
        "The council met on Monday.\n\nThe council met on Tuesday.",
        "Share on Facebook | Twitter | Email\n\nText.\n\nShare on Facebook | Twitter | Email",
    ],
)
def test_duplicate_paragraph_must_not_flag(text: str) -> None:
    assert run(DuplicateParagraph, text) == []


DUP_PO = (
    'msgctxt "toolbar"\nmsgid "Save the current document"\n'
    'msgstr "Enregistrer le document actuel sur le disque"\n\n'
    'msgctxt "menu"\nmsgid "Save the current document"\n'
    'msgstr "Enregistrer le document actuel sur le disque"\n'
)


def _check_file(path: str, text: str, source: str | None = None) -> list:
    from transcheck.formats import detect_format, read_path

    read = read_path(path, text, detect_format(path, None))
    ctx = RuleContext(document=read.document, lang="fr", units=read.units or None)
    if source is not None:
        ctx.source = Document(path="en.txt", text=source, lang="en")
    elif read.source_document is not None:
        ctx.source = read.source_document
    return list(DuplicateParagraph({}).check(ctx))


def test_duplicate_paragraph_not_run_across_units_of_a_bilingual_catalogue() -> None:
    # msgctxt variants (or two sources) share a translation: each unit is its own text
    assert _check_file("fr.po", DUP_PO) == []
    xliff = (
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="en" target-language="fr" datatype="plaintext" original="x">'
        "<body>"
        '<trans-unit id="a"><source>Save it</source><target>{t}</target></trans-unit>'
        '<trans-unit id="b"><source>Save this</source><target>{t}</target></trans-unit>'
        "</body></file></xliff>"
    ).format(t="Enregistrer le document actuel sur le disque")
    assert _check_file("fr.xlf", xliff) == []


def test_duplicate_paragraph_not_run_across_units_of_a_json_catalogue() -> None:
    # two keys (two screens) with one string: no source view, the units say it is a catalogue
    text = "Enregistrer le document actuel sur le disque"
    json_text = f'{{"toolbar": {{"save": "{text}"}}, "menu": {{"save": "{text}"}}}}'
    assert _check_file("fr.json", json_text) == []


def test_duplicate_paragraph_catalogue_signal_is_the_units_not_the_format() -> None:
    # the same text as a plain document (no units) is one text: the repeat is reported
    text = "Le conseil a voté le budget.\n\nLe conseil a voté le budget."
    doc = Document(path="fr.txt", text=text)
    found = list(DuplicateParagraph().check(RuleContext(document=doc, lang="fr")))
    assert [f.rule for f in found] == ["duplicate-paragraph"]
    # an empty catalogue (a PO with only its header) is still a catalogue, not a document
    unit_ctx = RuleContext(document=doc, lang="fr", units=[])
    assert list(DuplicateParagraph().check(unit_ctx)) == []


def test_duplicate_paragraph_still_run_on_documents_with_a_source() -> None:
    # a translated document checked against its source file is still one text
    text = "Le conseil a voté le budget hier.\n\nAutre chose.\n\nLe conseil a voté le budget hier."
    found = _check_file("fr.md", text, source="The council voted.\n\nElse.\n\nThe council voted.")
    assert len(found) == 1 and found[0].rule == "duplicate-paragraph"


def test_duplicate_paragraph_min_words_option_and_fix() -> None:
    text = "Good news.\n\nOther text here.\n\nGood news."
    assert run(DuplicateParagraph, text) == []
    assert [f[1] for f in run(DuplicateParagraph, text, min_words=2)] == ["5:1"]
    doc = Document(path="t.txt", text=ARTICLE, lang="en")
    (finding,) = DuplicateParagraph().check(RuleContext(document=doc, lang="en"))
    edit = finding.fix.edits[0]
    fixed = ARTICLE[: edit.span.start] + edit.replacement + ARTICLE[edit.span.end :]
    assert fixed == (
        "The council met on Monday to discuss the budget.\n\nSeveral members asked for more time.\n"
    )
    assert finding.fix.safe is False


BOILER_FLAG = [
    (
        "en",
        "The article ends here.\n\nLeave a Reply\nCancel reply\n\nPlease enter your comment!\n"
        "Please enter your name here\nYou have entered an incorrect email address!",
        [
            ("3:1", "Leave a Reply\nCancel reply"),
            (
                "6:1",
                "Please enter your comment!\nPlease enter your name here\n"
                "You have entered an incorrect email address!",
            ),
        ],
    ),
    (
        "en",
        "Text of the story.\n\nRead more »\n\nRelated posts",
        [("3:1", "Read more »"), ("5:1", "Related posts")],
    ),
    (
        "en",
        "Story.\n\nRead more: How the bridge was built",
        [("3:1", "Read more: How the bridge was built")],
    ),
    (
        "en",
        "Story.\n\nThis website uses cookies to improve your experience. Accept",
        [("3:1", "This website uses cookies to improve your experience. Accept")],
    ),
    ("en", "Story.\n\n  • Share on Facebook", [("3:3", "• Share on Facebook")]),
    ("en", "Story.\n\nTags: economy, budget", [("3:1", "Tags: economy, budget")]),
    # Spanish document with Spanish and (untranslated) English template lines.
    (
        "es",
        "La noticia termina aquí.\n\nDeja una respuesta\n\nLatest articles",
        [("3:1", "Deja una respuesta"), ("5:1", "Latest articles")],
    ),
    (
        "es",
        "Texto.\n\nTu dirección de correo electrónico no será publicada. Los campos obligatorios "
        "están marcados con *",
        [
            (
                "3:1",
                "Tu dirección de correo electrónico no será publicada. Los "
                "campos obligatorios están marcados con *",
            )
        ],
    ),
    (
        "fr",
        "Texte.\n\nLire aussi : La réforme des retraites",
        [("3:1", "Lire aussi : La réforme des retraites")],
    ),
    (
        "de",
        "Text.\n\nSchreibe einen Kommentar\n\nAntworten abbrechen",
        [("3:1", "Schreibe einen Kommentar"), ("5:1", "Antworten abbrechen")],
    ),
    ("it", "Testo.\n\nLascia un commento", [("3:1", "Lascia un commento")]),
    # WordPress widgets as scraped: heading and link on one line, share and like blocks.
    (
        "en",
        "Story.\n\nLeave a Reply Cancel reply\n\nLike this:\nLike Loading...\n\nRelated",
        [
            ("3:1", "Leave a Reply Cancel reply"),
            ("5:1", "Like this:\nLike Loading..."),
            ("8:1", "Related"),
        ],
    ),
    (
        "en",
        "Story.\n\nClick to share on Twitter (Opens in new window)\n\n"
        "Posted in Economy | 3 Comments",
        [
            ("3:1", "Click to share on Twitter (Opens in new window)"),
            ("5:1", "Posted in Economy | 3 Comments"),
        ],
    ),
    (
        "es",
        "Texto.\n\nDeja una respuesta Cancelar la respuesta\n\nMe gusta esto:\n\nRelacionado",
        [
            ("3:1", "Deja una respuesta Cancelar la respuesta"),
            ("5:1", "Me gusta esto:"),
            ("7:1", "Relacionado"),
        ],
    ),
    (
        "de",
        "Text.\n\nGefällt mir:\n\nKommentar verfassen\n\n"
        "Lesen Sie auch: Die Reform\n\nMehr zum Thema",
        [
            ("3:1", "Gefällt mir:"),
            ("5:1", "Kommentar verfassen"),
            ("7:1", "Lesen Sie auch: Die Reform"),
            ("9:1", "Mehr zum Thema"),
        ],
    ),
    ("fr", "Texte.\n\nJ’aime ça :", [("3:1", "J’aime ça :")]),
    (
        "fr",
        "Texte.\n\nVeuillez entrer votre commentaire !",
        [("3:1", "Veuillez entrer votre commentaire !")],
    ),
    ("it", "Testo.\n\nMi piace:\n\nCondividi:", [("3:1", "Mi piace:"), ("5:1", "Condividi:")]),
    (
        "pt",
        "Texto.\n\nCurtir isso:\n\nCompartilhe isso:\n\nAssine a nossa newsletter",
        [
            ("3:1", "Curtir isso:"),
            ("5:1", "Compartilhe isso:"),
            ("7:1", "Assine a nossa newsletter"),
        ],
    ),
    ("pt", "Texto.\n\nDeixe uma resposta", [("3:1", "Deixe uma resposta")]),
    # WordPress post footers: fields split by " | ", a comment count or phrase last
    (
        "en",
        "Story.\n\nPosted on 3 March 2021 | Leave a comment",
        [("3:1", "Posted on 3 March 2021 | Leave a comment")],
    ),
    (
        "es",
        "Texto.\n\nPublicado en Economía | 3 comentarios",
        [("3:1", "Publicado en Economía | 3 comentarios")],
    ),
    (
        "de",
        "Text.\n\nVeröffentlicht in Politik | 2 Kommentare",
        [("3:1", "Veröffentlicht in Politik | 2 Kommentare")],
    ),
    # a weak phrase (also a heading) as the text's last paragraph: no text follows it
    ("en", "Story.\n\nRelated", [("3:1", "Related")]),
    ("it", "Testo.\n\nCorrelati", [("3:1", "Correlati")]),
    # … or next to other boilerplate, in the same paragraph or the one before or after
    (
        "en",
        "Story.\n\nShare this:\nRelated\n\nThe next story.",
        [("3:1", "Share this:\nRelated")],
    ),
    (
        "pt",
        "Texto.\n\nRelacionado\n\nCurtir isso:\n\nOutro texto.",
        [("3:1", "Relacionado"), ("5:1", "Curtir isso:")],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), BOILER_FLAG)
def test_boilerplate_must_flag(lang: str, text: str, expected: list) -> None:
    assert [(f[1], f[2]) for f in run(Boilerplate, text, lang)] == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The council said: read more about it in the report."),
        ("en", "Read more about it in the report that was published today."),
        ("en", "Readers want to share this story with friends, she said."),
        ("en", "We use cookies in the recipe, said the baker."),
        ("en", "Next article of the law says otherwise."),
        ("es", "El Gobierno decidió compartir los datos con la prensa."),
        ("es", "Leer más libros es bueno, dijo."),
        ("fr", "Il faut partager les richesses."),
        ("de", "Wir teilen die Kosten."),
        # A short phrase and a delimiter, then a sentence: prose, not a link title.
        ("en", "Most popular: the Toyota Corolla, followed by the Ford Focus and the VW Golf."),
        ("en", "Read more: the full report is available on request from its press office."),
        ("en", "Comments are closed — the minister said, refusing to answer more questions."),
        ("en", "Like this: the plan failed."),
        ("en", "Latest news – the association said sales were strong."),
        # A lead phrase starts a short line only.
        ("en", "Posted in 1998 to his family in Ohio, the letter was lost for twenty years."),
        ("en", "Related posts on social media drew thousands of comments, the company said."),
        ("de", "Mehr zum Thema Energie sagte der Minister am Dienstag nichts."),
        # Credit lines: "Published in" is not a CMS template line.
        ("en", "Published in Great Britain in 2019 by Penguin Books"),
        ("en", "First published in Great Britain in 2019 by Penguin Books"),
        ("en", "Intro.\n\nPublished in Nature Climate Change, March 2021\n\nThanks."),
        ("es", "Publicado en el Boletín Oficial del Estado, núm. 312"),
        ("fr", "Publié dans la revue Nature en mars 2021"),
        ("it", "Pubblicato in Italia nel 2019 da Einaudi"),
        ("pt", "Publicado em Portugal em 2019 pela Porto Editora"),
        ("de", "Veröffentlicht in der Zeitschrift Nature, März 2021"),
        # "Posted in/on" without the WordPress footer shape
        ("en", "Intro.\n\nPosted on the wall of the town hall for everyone to read\n\nEnd."),
        ("en", "Posted in Economy | the budget debate"),
        # "Like this:" is boilerplate only as the whole line
        ("en", "Intro.\n\nLike this: a short list of examples\n\nEnd."),
        ("es", "Me gusta esto: una lista corta"),
        # "Related" as a heading: text follows it, no boilerplate next to it
        ("en", "The study appeared in May.\n\nRelated\n\nTwo earlier studies found the same."),
        ("es", "Texto.\n\nRelacionado\n\nOtro estudio encontró lo mismo."),
    ],
)
def test_boilerplate_must_not_flag(lang: str, text: str) -> None:
    assert run(Boilerplate, text, lang) == []


def test_boilerplate_unknown_language_uses_english() -> None:
    assert boilerplate_phrase("Leave a reply", "xx") == "leave a reply"
    assert boilerplate_phrase("Deixe uma resposta", "pt-BR") == "deixe uma resposta"


def test_normalise() -> None:
    assert normalise("  “Hello,”   WORLD! ") == "hello world"


def test_rule_docs_have_sections() -> None:
    for rule in RULES:
        doc = rule.documentation()
        for section in ("What it flags", "Why it matters", "Example", "Fix"):
            assert section in doc, (rule.name, section)


def test_boilerplate_data_kinds() -> None:
    from transcheck.data import locale_data
    from transcheck.rules.structure import _KINDS, _phrases

    folder = locale_data().joinpath("boilerplate")
    for data in folder.iterdir():
        lang = data.name.removesuffix(".txt")
        for line in data.read_text(encoding="utf-8").splitlines():
            if line.startswith("@"):
                assert line[1:].partition(" ")[0] in _KINDS, (lang, line)
            elif line.strip() and not line.startswith("#"):
                # the old " …" lead marker is gone: an ellipsis is real text now
                assert not line.rstrip().endswith(" …") or "wird geladen" in line.lower()
        phrases = _phrases(lang)
        leads = phrases.lead | phrases.wordpress
        assert phrases.lead_words == max((p.count(" ") + 1 for p in leads), default=0)
    de = _phrases("de")
    assert "gefällt mir wird geladen" in de.long and "gefällt mir wird geladen" not in de.lead
    assert "published in" not in _phrases("en").lead | _phrases("en").wordpress


def test_boilerplate_data_rejects_an_unknown_kind(monkeypatch, tmp_path) -> None:
    from transcheck.rules import structure

    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "xx.txt").write_text("Leave a reply\n@prefix Posted in\n")
    monkeypatch.setattr(structure, "locale_data", lambda: tmp_path)
    structure._phrases.cache_clear()
    try:
        with pytest.raises(ValueError, match="line 2"):
            structure._phrases("xx")
    finally:
        structure._phrases.cache_clear()


def test_lead_phrases_longer_than_six_words(monkeypatch, tmp_path) -> None:
    from transcheck.rules import structure

    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "xx.txt").write_text(
        "@lead one two three four five six seven eight\n"
    )
    monkeypatch.setattr(structure, "locale_data", lambda: tmp_path)
    for cached in (structure._phrases, structure._languages):
        cached.cache_clear()
    try:
        assert structure._phrases("xx").lead_words == 8
        line = "One two three four five six seven eight nine"
        assert structure.boilerplate_phrase(line, "xx") == "one two three four five six seven eight"
    finally:
        for cached in (structure._phrases, structure._languages):
            cached.cache_clear()


# --- table cells repeat (session 5 audit) --------------------------------------------------

_CELL = "Available since version 80"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("t.md", f"| Feature | Chrome | Firefox |\n|---|---|---|\n| Off | {_CELL} | {_CELL} |\n"),
        ("t.md", f"Feature | Chrome | Firefox\n---|---|---\nOffline | {_CELL} | {_CELL}\n"),
        ("t.md", f"| A | B |\n|---|---|\n| {_CELL} | x |\n| {_CELL} | y |\n"),
        ("t.html", f"<table><tr><td>Offline</td><td>{_CELL}</td><td>{_CELL}</td></tr></table>"),
        ("t.html", f"<table><tr><th>{_CELL}</th></tr><tr><TD class=a><b>{_CELL}</b></TD></tr>"),
    ],
)
def test_duplicate_paragraph_skips_table_cells(path: str, text: str) -> None:
    assert _check_file(path, text) == []


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("t.md", f"{_CELL} today.\n\n| A | B |\n|---|---|\n| x | y |\n\n{_CELL} today.\n"),
        ("t.html", f"<p>{_CELL}.</p><table><tr><td>x</td></tr></table><p>{_CELL}.</p>"),
        ("t.md", f"Use a | b to pipe.\n\n{_CELL} today.\n\n{_CELL} today.\n"),
    ],
)
def test_duplicate_paragraph_next_to_a_table_is_still_found(path: str, text: str) -> None:
    assert len(_check_file(path, text)) == 1


def _phrase_words(lang: str) -> list[str]:
    from transcheck.rules.structure import _phrases

    data = _phrases(lang)
    return sorted({w for group in data.groups() for p in group for w in p.split()})


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_second_word_filter_changes_no_answer(data) -> None:
    """`boilerplate_phrase` rejects a line whose first two words start no phrase without
    normalising it: the same answers as with the first-word test alone."""
    from transcheck.rules import structure

    lang = data.draw(st.sampled_from(["en", "es", "fr", "de"]))
    words = _phrase_words(lang) + _phrase_words("en") + ["tu", "the", "x"]
    pieces = st.sampled_from([*words, ":", " | ", " - ", "»", "(3", ".", "!"])
    line = " ".join(data.draw(st.lists(pieces, min_size=1, max_size=8)))
    line = line[0].upper() + line[1:] if data.draw(st.booleans()) else line
    langs, first_words, _, _ = structure._languages(lang)
    unfiltered = (langs, first_words, first_words, frozenset())  # every first word passes
    original = structure._languages
    try:
        structure._languages = lambda _lang: unfiltered  # type: ignore[assignment]
        expected = structure.boilerplate_phrase(line, lang)
    finally:
        structure._languages = original
    assert structure.boilerplate_phrase(line, lang) == expected
