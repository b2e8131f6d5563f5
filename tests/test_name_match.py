"""Which capitalised words of a source sentence name-mismatch asks the draft for."""

import pytest

from transcheck.name_match import source_names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # software strings: a capitalised word after an instruction verb, or before the
        # kind of control it labels, is a UI label the translation renders in its own words
        ("Click Save to keep your changes.", []),
        ("Open Settings and choose Privacy.", []),
        ("Go to the Settings page and press Enter.", []),
        ("Tap the Share button to send it.", []),
        ("<strong>Note:</strong> you can skip this step.", []),
        # names stay names
        ("He met Obama in Paris on Monday.", ["Obama", "Paris"]),
        ("The White House said so.", ["White House"]),
        ("She saw the Prado collection with Ana López.", ["Prado", "Ana López"]),
        ("<b>Warning</b> from Ana López today.", ["Ana López"]),
    ],
)
def test_source_names(text: str, names: list[str]) -> None:
    assert source_names(text) == names


# -- layout breaks and catalogue words (name-mismatch on catalogues) ---------------------


def _po_findings(entries: list[tuple[str, str]], lang: str = "es") -> list[str]:
    """name-mismatch messages over a PO catalogue of (msgid, msgstr) lines as written in
    the file (escapes and wrapping included), read as the CLI reads it."""
    from transcheck.api import unit_source_document
    from transcheck.compare import build_comparison
    from transcheck.formats import po
    from transcheck.registry import RuleContext
    from transcheck.rules.source import NameMismatch

    body = "".join(f"msgid {src}\nmsgstr {tgt}\n\n" for src, tgt in entries)
    text = f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n\n' + body
    read = po.read("x.po", text)
    source = unit_source_document("x.po", read, None)
    pairs = [(u.source, u.target) for u in read.units if u.target.end > u.target.start]
    spans = ([s for s, _ in pairs], [t for _, t in pairs])
    comp = build_comparison(source, read.document, "en", lang, [], unit_spans=spans)
    ctx = RuleContext(
        document=read.document,
        lang=lang,
        source=source,
        source_lang="en",
        comparison=comp,
        units=read.units,
    )
    return [f.message for f in NameMismatch({}).check(ctx)]


# Catalogue-shaped entries (written for these tests) that must not be flagged.
QUIET_ENTRIES = [
    # a word at the start of a line of the string (an escaped line break)
    (
        '""\n"Unpublished draft\\n"\n"Check the account settings"',
        '"Borrador sin publicar\\nRevise la cuenta"',
    ),
    (
        '"Too short (minimum 8 letters)\\nChoose a longer one"',
        '"Muy corta (mínimo 8 letras)\\nElija otra"',
    ),
    # a column of --help text: an escaped tab, or a run of spaces
    ('"  -q\\tSuppress the warnings"', '"  -q\\tOmite los avisos"'),
    (
        '"  --keep-going       Keep building after errors"',
        '"  --keep-going       Sigue tras los errores"',
    ),
]


@pytest.mark.parametrize(("msgid", "msgstr"), QUIET_ENTRIES)
def test_layout_breaks_start_a_line_in_catalogues(msgid: str, msgstr: str) -> None:
    assert _po_findings([(msgid, msgstr)]) == []


def test_labels_whose_words_the_catalogue_writes_in_lower_case() -> None:
    labels = [
        ('"Home Address line"', '"Línea de la dirección particular"'),
        ('"Screen Brightness level"', '"Nivel de brillo de la pantalla"'),
        ('"Show Hidden folders"', '"Mostrar carpetas ocultas"'),
    ]
    # the same words, lower case, elsewhere in the catalogue
    others = [
        ('"The address is not valid"', '"La dirección no es válida"'),
        ('"Set the brightness level"', '"Ajusta el nivel de brillo"'),
        ('"No hidden folders here"', '"No hay carpetas ocultas"'),
    ]
    assert _po_findings(labels + others) == []
    # without them, the capitals are all the rule has to go on
    assert len(_po_findings(labels)) == 3


def test_names_dropped_from_catalogue_strings_are_still_flagged() -> None:
    entries = [
        # a product name, a person's name, a given name that is also a word
        ('"Sync your notes with Dropbox"', '"Sincroniza tus notas"'),
        ('"Photos by Ingrid Halvorsen"', '"Fotos de"'),
        ('"Shared by Rose"', '"Compartido por"'),
        # a name at a line start is required when it is not the line's first word
        ('""\n"Saved.\\n"\n"Ask Marguerite Okonkwo for access"', '"Guardado.\\nPida acceso"'),
        # PO wrapping (no escaped break) does not start a line
        ('""\n"The backup was copied to the server run by "\n"Halvorsen"', '"La copia se hizo"'),
        ('"shared rose garden"', '"jardín de rosas"'),  # "rose" is written in lower case
    ]
    assert _po_findings(entries) == [
        "source name Dropbox is missing in the draft",
        "source name Ingrid Halvorsen is missing in the draft",
        "source name Rose is missing in the draft",
        "source name Marguerite Okonkwo is missing in the draft",
        "source name Halvorsen is missing in the draft",
    ]


def test_mark_cell_breaks() -> None:
    from transcheck.name_match import mark_cell_breaks

    # plain text: a tab or two spaces before a word mark it; a lone line break does not
    text = "met with\nMacron  Then\tmore"
    assert mark_cell_breaks(text, text, 0) == "met with\nMacron \tThen\tmore"
    assert mark_cell_breaks("met with\nMacron", "met with\nMacron", 0) is None
    # the file's text decides: an escaped break, blanked in the analysis text, marks one
    raw = 'x "Not saved\\n"\n"Retry later"'
    analysis = "x  Not saved   \n Retry later "
    assert mark_cell_breaks(analysis[3:], raw, 3) == "Not saved   \n\tRetry later "
    wrapped = 'x "Not saved "\n"Retry later"'
    assert mark_cell_breaks("Not saved  \n Retry later ", wrapped, 3) is None


def test_title_case_labels_ask_the_catalogue_for_evidence_of_a_name() -> None:
    # A Title Case label's capitals say nothing, and a draft that has no name of its own
    # has translated the words: colours, paper sizes, menu items.
    labels = [
        ('"Very Light Teal"', '"Verde azulado muy claro"'),
        ('"Quarto Sheet"', '"Hoja cuarto"'),
        ('"Maps by Okonkwo"', '"Mapas de"'),
    ]
    assert _po_findings(labels) == []
    # The catalogue capitalises the word mid-sentence elsewhere: a name. (Not in the
    # next unit, whose draft would excuse it as a misaligned neighbour.)
    others = [
        ('"Print"', '"Imprimir"'),
        ('"Export the route to Okonkwo and print it"', '"Exporta la ruta a Okonkwo"'),
    ]
    assert _po_findings(labels + others) == ["source name Okonkwo is missing in the draft"]
    # A draft that writes a name of its own keeps names: the missing one is reported.
    assert _po_findings([('"Maps by Okonkwo"', '"Mapas de Google"')]) == [
        "source name Okonkwo is missing in the draft"
    ]


def test_title_case_labels_in_a_german_catalogue() -> None:
    # German capitalises every noun: a German draft's capitals are no name of its own,
    # so the label's words are translated words there too.
    labels = [
        ('"Group Members"', '"Mitglieder der Gruppe"'),
        ('"Upper Bounds"', '"Obere Grenzen"'),
    ]
    assert _po_findings(labels, lang="de") == []
    others = [
        ('"Print"', '"Drucken"'),
        ('"Send the route to Okonkwo by mail"', '"Die Route per Post senden"'),
    ]
    assert _po_findings([('"Maps by Okonkwo"', '"Karten von"'), *others], lang="de") == [
        "source name Okonkwo is missing in the draft",
        "source name Okonkwo is missing in the draft",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Light Purple", True),
        ("Show Hidden Files in the Sidebar", True),
        ("_Lock Device", True),  # a mnemonic is no lower-case word
        ("Dark Gray 2", True),
        ("Show hidden files", False),
        ("prc3 Envelope", False),  # one word: no evidence either way
        ("Save", False),
    ],
)
def test_title_case(text: str, expected: bool) -> None:
    from transcheck.name_match import title_case

    assert title_case(text) is expected


@pytest.mark.parametrize(
    ("source", "draft", "missing"),
    [
        # country and language names whose Spanish form is another word (exonyms.tsv)
        ("Consulate of Latvia", "Consulado de Letonia", []),
        ("Keyboard for Northern Sami (Norway)", "Teclado de lapón del norte (Noruega)", []),
        ("Flights to Djibouti and Fiji", "Vuelos a Yibuti y Fiyi", []),
        # ... which still have to be there
        ("Consulate of Latvia", "Consulado de Lituania", ["Latvia"]),
    ],
)
def test_exonyms_of_countries(source: str, draft: str, missing: list[str]) -> None:
    from transcheck.name_match import missing_names

    assert [n for _, _, n in missing_names(source, draft, None, True, "en")] == missing
