"""Source-aware rules: must flag / must not flag case tables (texts written for these tests)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.compare import MTRun, build_comparison, comparison_from_sentences
from transcheck.document import Document
from transcheck.findings import Severity
from transcheck.registry import RuleContext
from transcheck.rules.source import (
    RULES,
    Addition,
    MtDivergence,
    NameMismatch,
    NumberMismatch,
    Omission,
    RawMt,
    UntranslatedSegment,
)


class Fixed:
    """A fake translator returning given translations."""

    name = "fixed"

    def __init__(self, outputs: Sequence[str]) -> None:
        self.outputs = list(outputs)

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        return "fixed:1"

    def pairs(self) -> set[tuple[str, str]]:
        return set()

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        assert len(texts) == len(self.outputs), texts
        return list(self.outputs)


def run(rule, src: str, draft: str, mt: Sequence[str] | None = None, sl="es", tl="en", **opts):
    source, doc = Document("s", src, sl), Document("d", draft, tl)
    comp = build_comparison(source, doc, sl, tl, [Fixed(mt)] if mt is not None else [])
    ctx = RuleContext(document=doc, lang=tl, source=source, source_lang=sl, comparison=comp)
    return [(f, doc) for f in rule(opts).check(ctx)]


def located(results) -> list[tuple[str, str]]:
    """(rule, "line:col") of each finding."""
    return [(f.rule, "{}:{}".format(*doc.position(f.span.start))) for f, doc in results]


def test_rules_export_and_metadata() -> None:
    assert {r.name for r in RULES} == {
        "number-mismatch",
        "name-mismatch",
        "omission",
        "addition",
        "untranslated-segment",
        "mt-divergence",
        "raw-mt",
    }
    for rule in RULES:
        assert rule.needs_source
        doc = rule.documentation()
        for section in ("What it flags", "Why it matters", "Example", "Fix"):
            assert section in doc, (rule.name, section)


@pytest.mark.parametrize("rule", RULES)
def test_no_comparison_no_findings(rule) -> None:
    doc = Document("d", "Hello world. Nothing to compare.", "en")
    assert list(rule().check(RuleContext(document=doc, lang="en"))) == []


# -- number-mismatch -------------------------------------------------------------

NUMBER_OK = [
    ("Llegaron 1.500 personas al acto.", "1,500 people came to the event."),
    ("La reunión es el 7 de diciembre.", "The meeting is on December 7."),
    ("La reunión es el 7 de diciembre.", "The meeting is on 7 December."),
    ("La inflación fue del 3,5 %.", "Inflation was 3.5%."),
    ("Ganó 2,5 millones de euros.", "He won 2.5 million euros."),
    ("Vinieron 3 amigos a la cena.", "Three friends came to dinner."),
    ("Es el siglo XXI, dijo.", "It is the 21st century, he said."),
]
NUMBER_BAD = [
    (
        "Llegaron 1.500 personas al acto.",
        "1,050 people came to the event.",
        "source has 1.500 (1500); draft has 1,050",
        "1:1",
    ),
    (
        "La reunión es el 7 de diciembre.",
        "The meeting is in December.",
        "source has 7 (7), missing in the draft",
        "1:1",
    ),
    ("Ganó 2,5 millones de euros.", "He won 2.5 billion euros.", None, "1:1"),
]


@pytest.mark.parametrize(("src", "draft"), NUMBER_OK)
def test_number_mismatch_must_not_flag(src: str, draft: str) -> None:
    assert run(NumberMismatch, src, draft) == []


@pytest.mark.parametrize(("src", "draft", "message", "where"), NUMBER_BAD)
def test_number_mismatch_must_flag(src: str, draft: str, message: str | None, where: str) -> None:
    results = run(NumberMismatch, src, draft)
    assert located(results) == [("number-mismatch", where)]
    finding = results[0][0]
    assert finding.severity is Severity.ERROR
    if message:
        assert finding.message == message
    assert finding.source_span is not None
    assert src[finding.source_span.start : finding.source_span.end].startswith(
        message.split()[2] if message else "2,5"
    )


@pytest.mark.parametrize(
    ("src", "draft"),
    [
        # plain documents have no plural flag: a new count placeholder stands in for it
        # (ru/uk/pl write the count in the singular's form: 1, 21, 31… share it)
        ("1 file was deleted", "%d файл удалён"),
        ("Only 1 item left", "Остался %(count)s предмет"),
        ("1 file in %s", "%d файл в %s"),
        ("1 new message", "{count} nouveau message"),
        ("1 comment", "{{count}} komentarz"),
        ("One file was deleted", "%d файл удалён"),
    ],
)
def test_number_mismatch_one_may_become_a_count_placeholder(src: str, draft: str) -> None:
    assert run(NumberMismatch, src, draft, sl="en", tl="ru") == []


@pytest.mark.parametrize(
    ("src", "draft"),
    [
        ("1 file was deleted", "Файл удалён 2 раза"),  # no placeholder: 1 is required
        ("Only 1 item left", "Осталось 5 предметов"),
        ("2 files were deleted", "%d файла удалены"),  # only a 1 stands for the count
        ("Step 1 of %d", "Шаг из %d"),  # as many placeholders as the source
        ("1 file, 50% off", "Файл, скидка 50 %"),  # a percent sign is no placeholder
    ],
)
def test_number_mismatch_one_without_a_new_placeholder_is_required(src: str, draft: str) -> None:
    found = run(NumberMismatch, src, draft, sl="en", tl="ru")
    assert [f.rule for f, _ in found] == ["number-mismatch"]


def run_catalogue(
    path: str, text: str, tl: str, source_values: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """number-mismatch over a catalogue read as the CLI reads it: (draft string, message)."""
    from transcheck.api import unit_source_document
    from transcheck.formats import jsoni18n, po

    if source_values is None:
        read = po.read(path, text)
    else:
        read = jsoni18n.read(path, text, source_values=source_values)
    source = unit_source_document(path, read, "en.json" if source_values else None)
    doc = read.document
    pairs = [(u.source, u.target) for u in read.units if u.target.end > u.target.start]
    spans = ([s for s, _ in pairs], [t for _, t in pairs])
    comp = build_comparison(source, doc, "en", tl, [], unit_spans=spans)
    ctx = RuleContext(
        document=doc, lang=tl, source=source, source_lang="en", comparison=comp, units=read.units
    )
    found = NumberMismatch({}).check(ctx)
    return [(text[f.span.start : f.span.end], f.message) for f in found]


PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n\n'


@pytest.mark.parametrize(
    ("lang", "entry"),
    [
        # msgstr[0] is the form for 1, 21, 31… (ru, uk, pl): the count, not the singular's 1
        (
            "ru",
            'msgid "1 file was deleted"\nmsgid_plural "%d files were deleted"\n'
            'msgstr[0] "%d файл удалён"\nmsgstr[1] "%d файла удалены"\n'
            'msgstr[2] "%d файлов удалено"\n',
        ),
        (
            "uk",
            'msgid "Only 1 item left"\nmsgid_plural "Only %(n)s items left"\n'
            'msgstr[0] "Залишився %(n)s предмет"\nmsgstr[1] "Залишилося %(n)s предмети"\n'
            'msgstr[2] "Залишилося %(n)s предметів"\n',
        ),
        # a form 0 without any placeholder or number (the count is not shown)
        (
            "pl",
            'msgid "1 new message"\nmsgid_plural "New messages"\n'
            'msgstr[0] "Nowa wiadomość"\nmsgstr[1] "Nowe wiadomości"\n'
            'msgstr[2] "Nowych wiadomości"\n',
        ),
        # Arabic (nplurals=6): msgstr[0] is the zero form, in words or with a 0
        (
            "ar",
            'msgid "1 file"\nmsgid_plural "%d files"\nmsgstr[0] "لا توجد ملفات"\n'
            'msgstr[1] "ملف واحد"\nmsgstr[2] "ملفان"\nmsgstr[3] "%d ملفات"\n'
            'msgstr[4] "%d ملفًا"\nmsgstr[5] "%d ملف"\n',
        ),
        (
            "ar",
            'msgid "1 file"\nmsgid_plural "%d files"\nmsgstr[0] "0 ملفات"\n'
            'msgstr[1] "ملف واحد"\nmsgstr[2] "ملفان"\nmsgstr[3] "%d ملفات"\n'
            'msgstr[4] "%d ملفًا"\nmsgstr[5] "%d ملف"\n',
        ),
    ],
)
def test_number_mismatch_first_plural_form_needs_no_singular_one(lang: str, entry: str) -> None:
    assert run_catalogue("x.po", PO_HEAD.format(lang=lang) + entry, lang) == []


@pytest.mark.parametrize(
    ("entry", "flagged"),
    [
        # not a plural entry: the 1 is a value (a page, a step), a placeholder is a wrong one
        ('msgid "Page 1 of %d"\nmsgstr "Page %d sur %d"\n', "Page %d sur %d"),
        ('msgid "Step 1 of %s"\nmsgstr "Étape {n} sur %s"\n', "Étape {n} sur %s"),
        # a plural entry's other forms keep their numbers (source: msgid_plural)
        (
            'msgid "1 file of 10"\nmsgid_plural "%d files of 10"\n'
            'msgstr[0] "%d fichier sur 10"\nmsgstr[1] "%d fichiers sur 12"\n',
            "12",
        ),
        # the first form excuses only the singular's 1, not another number
        (
            'msgid "1 file in 2 folders"\nmsgid_plural "%d files in 2 folders"\n'
            'msgstr[0] "%d fichier dans 3 dossiers"\nmsgstr[1] "%d fichiers dans 2 dossiers"\n',
            "3",
        ),
    ],
)
def test_number_mismatch_one_is_required_outside_a_first_plural_form(
    entry: str, flagged: str
) -> None:
    found = run_catalogue("x.po", PO_HEAD.format(lang="fr") + entry, "fr")
    assert [span for span, _ in found] == [flagged]


def test_number_mismatch_json_one_key_is_a_first_plural_form() -> None:
    # i18next `_one` keys (and nested `.one`) are the JSON form of the flag; other keys not
    def check(key: str, src: str, draft: str) -> list[tuple[str, str]]:
        text = json.dumps({"files": {key: draft}}, ensure_ascii=False)
        return run_catalogue("ru.json", text, "ru", {f"files.{key}": src})

    assert check("deleted_one", "1 file was deleted", "{{count}} файл удалён") == []
    assert check("one", "1 file", "%{count} файл") == []
    found = check("page", "Page 1 of {{n}}", "Стр. {{p}} из {{n}}")
    assert [m for _, m in found] == ["source has 1 (1), missing in the draft"]
    assert [m for _, m in check("someone", "1 file", "{{count}} файл")] == [
        "source has 1 (1), missing in the draft"
    ]


def test_source_rules_skip_units_with_an_empty_source() -> None:
    # a PO msgid that is a symbolic key, a JSON key missing from its source file
    from transcheck.formats import read_path

    text = 'msgid "errors.http_404"\nmsgstr "Erreur 404 : page introuvable."\n'
    read = read_path("k.po", text, "po")
    source, doc = read.source_document, read.document
    assert source is not None
    spans = ([u.source for u in read.units], [u.target for u in read.units])
    comp = build_comparison(source, doc, "en", "fr", [], unit_spans=spans)
    ctx = RuleContext(document=doc, lang="fr", source=source, source_lang="en", comparison=comp)
    for rule in RULES:
        assert list(rule({}).check(ctx)) == [], rule.name


def test_number_mismatch_flags_extra_draft_number() -> None:
    # The source has the century in Roman numerals only: the draft's digits are checked.
    results = run(
        NumberMismatch, "Se construyó en el siglo XV.", "It was built in the 17th century."
    )
    assert located(results) == [("number-mismatch", "1:21")]
    assert results[0][0].message == "draft has 17th (17), not in the source"
    assert (
        run(NumberMismatch, "Se construyó en el siglo XV.", "It was built in the 15th century.")
        == []
    )


def test_number_mismatch_extra_number_from_neighbour_is_not_flagged() -> None:
    src = "Hubo una reunión en 2019. Llegaron muchas personas."
    draft = "There was a meeting. In 2019 many people came."
    assert run(NumberMismatch, src, draft) == []


def test_number_mismatch_repeated_number_dropped_once() -> None:
    src = "Hubo una reunión. Cuatro de cada 10 vecinos y nueve de cada 10 comercios firmaron."
    draft = "There was a meeting. Four in neighbours and nine in 10 shops signed."
    results = run(NumberMismatch, src, draft)
    assert [f.message for f, _ in results] == ["source has 10 (10), missing in the draft"]


def test_number_mismatch_points_at_wrong_number_in_second_sentence() -> None:
    src = "Hubo una reunión. Llegaron 1.500 personas."
    draft = "There was a meeting.\n1,050 people came."
    results = run(NumberMismatch, src, draft)
    assert located(results) == [("number-mismatch", "2:1")]
    f = results[0][0]
    assert draft[f.span.start : f.span.end] == "1,050"
    assert src[f.source_span.start : f.source_span.end] == "1.500"


# -- name-mismatch ---------------------------------------------------------------

NAME_OK = [
    # present, transliterated or with/without accents
    (
        "Lo dijo ayer el ministro Serguéi Riabkov en Ginebra.",
        "Sergei Ryabkov said so in Geneva yesterday.",
        "Minister Sergei Riabkov said it yesterday in Geneva.",
    ),
    (
        "Según Рябков, no hay acuerdo.",
        "According to Ryabkov, there is no deal.",
        "According to Рябков, there is not agreement.",
    ),
    (
        "Habló con Marta López ayer.",
        "She spoke with Marta Lopez yesterday.",
        "It spoke with Marta López yesterday.",
    ),
    # the MT translates the name: not required verbatim
    (
        "Viajó a Estados Unidos y a Londres.",
        "He travelled to the United States and London.",
        "It travelled to United States and to London.",
    ),
    # month, day, title
    (
        "Llegó el Lunes de Pascua, en Abril.",
        "He arrived on Easter Monday, in April.",
        "It arrived the Monday of Easter, in April.",
    ),
    # the draft renders the name differently (an exonym): conservative
    (
        "Visitó Pekín con Andrés Vidal.",
        "He visited Beijing with Andrés Vidal.",
        "It visited Pekín with Andrés Vidal.",
    ),
    # exonyms of the shipped list, kept by the MT
    (
        "Lo contó Cristóbal Colón al volver de Sevilla.",
        "Christopher Columbus told it on his return from Seville.",
        "It counted it Cristóbal Colón to the return of Sevilla.",
    ),
    # respelled or inflected: transliteration key, stem, one edit
    (
        "Navegaron por el río Potomac hasta Sajalín y Kilia.",
        "They sailed the Potomac River to Sakhalin and Chilia.",
        "They sailed by the river Potomac until Sajalín and Kilia.",
    ),
    (
        "Los textos de los Filipo y de Herlz.",
        "The texts of the Philips and of Herzl.",
        "The texts of the Filipo and of Herlz.",
    ),
    # an English people name, written in lower case in Spanish
    (
        "The Achaeans and the Egyptian fleet met at sea.",
        "Los aqueos y la flota egipcia se encontraron en el mar.",
        "El Achaeans y la flota Egyptian se encontró en mar.",
    ),
]
NAME_BAD = [
    (
        "Lo anunció el ministro Rodrigo Ferrández en la radio.",
        "The minister announced it on the radio.",
        "The minister Rodrigo Ferrández announced it in the radio.",
        "Rodrigo Ferrández",
    ),
    (
        "El informe lo firmó Aurelia Castañeda.",
        "The report was signed by the director.",
        "The report signed it Aurelia Castañeda.",
        "Aurelia Castañeda",
    ),
]


@pytest.mark.parametrize(("src", "draft", "mt"), NAME_OK)
def test_name_mismatch_must_not_flag(src: str, draft: str, mt: str) -> None:
    sl, tl = ("en", "es") if src.startswith("The Achaeans") else ("es", "en")
    assert run(NameMismatch, src, draft, [mt], sl=sl, tl=tl) == []


@pytest.mark.parametrize(("src", "draft", "mt", "name"), NAME_BAD)
def test_name_mismatch_must_flag(src: str, draft: str, mt: str, name: str) -> None:
    for with_mt in ([mt], None):  # two-word names are checked without MT too
        results = run(NameMismatch, src, draft, with_mt)
        assert located(results) == [("name-mismatch", "1:1")]
        f = results[0][0]
        assert f.message == f"source name {name} is missing in the draft"
        assert src[f.source_span.start : f.source_span.end] == name


def test_name_keys() -> None:
    from transcheck.name_match import name_key, name_present

    assert name_present("Philip", "Filipo marchó")
    assert name_key("Ryabkov") == name_key("Riabkov")
    assert name_present("Duffy's", "los cargos de Duffy")
    assert not name_present("Klein", "they cleaned it")
    assert not name_present("Ferrández", "The minister announced it.")


# The draft has a name that neither the source nor the MT explains: it excuses a
# missing source name only when it looks like a rendering of it (shared root).
RENDERINGS = [
    # (source, draft, mt or None, expected missing name or None)
    (
        "Lo anunció ayer Ferrández en la radio.",
        "Spokesman Grimaldi announced it on the radio yesterday.",
        "Announced it yesterday Ferrández in the radio.",
        "Ferrández",
    ),
    (
        "Lo anunció ayer Ferrández en la radio.",
        "Spokesman Grimaldi announced it on the radio yesterday.",
        None,
        "Ferrández",
    ),
    # an exonym outside the shipped list, sharing the root: quiet
    ("Los barcos llegaron a Nimega en marzo.", "The ships reached Nijmegen in March.", None, None),
    (
        "Los barcos llegaron a Nimega en marzo.",
        "The ships reached Nijmegen in March.",
        "The boats arrived to Nimega in March.",
        None,
    ),
    # one draft name excuses one source name only
    (
        "Viajaron de Nimega a Borgoña con Ferrández.",
        "They travelled from Nijmegen to Burgundy.",
        None,
        "Ferrández",
    ),
]


@pytest.mark.parametrize(("src", "draft", "mt", "name"), RENDERINGS)
def test_name_mismatch_renderings(src: str, draft: str, mt: str | None, name) -> None:
    results = run(NameMismatch, src, draft, [mt] if mt else None)
    if name is None:
        assert results == []
    else:
        assert [f.message for f, _ in results] == [f"source name {name} is missing in the draft"]


def test_single_word_name_without_mt() -> None:
    # A mid-sentence capitalised Spanish word is a name: checked without MT too.
    src, draft = "Lo anunció ayer Ferrández en la radio.", "He announced it on the radio yesterday."
    assert located(run(NameMismatch, src, draft)) == [("name-mismatch", "1:1")]
    mt = "Announced it yesterday Ferrández in the radio."
    assert located(run(NameMismatch, src, draft, [mt])) == [("name-mismatch", "1:1")]


# -- omission / addition -----------------------------------------------------------

SRC4 = (
    "El alcalde inauguró ayer el nuevo puente sobre el río.\n"
    "La obra costó doce millones de euros y duró tres años.\n"
    "Los vecinos celebraron la apertura con una gran fiesta popular.\n"
    "El tráfico pesado quedará prohibido todos los domingos."
)
DRAFT4 = [
    "The mayor opened the new bridge over the river yesterday.",
    "The work cost twelve million euros and took three years.",
    "Residents celebrated the opening with a big street party.",
    "Heavy traffic will be banned every Sunday.",
]
MT4 = [
    "The mayor inaugurated yesterday the new bridge on the river.",
    "The work cost twelve million euros and lasted three years.",
    "The neighbours celebrated the opening with a big popular party.",
    "The heavy traffic will remain prohibited all the Sundays.",
]


def test_omission_must_flag_dropped_sentence() -> None:
    draft = "\n".join(DRAFT4[:2] + DRAFT4[3:])
    results = run(Omission, SRC4, draft, MT4)
    assert located(results) == [("omission", "2:1")]
    f = results[0][0]
    assert f.severity is Severity.ERROR and "Los vecinos celebraron" in f.message
    assert SRC4[f.source_span.start : f.source_span.end].startswith("Los vecinos")


@pytest.mark.parametrize("mt", [MT4, None])
def test_omission_and_addition_must_not_flag_complete_draft(mt) -> None:
    draft = "\n".join(DRAFT4)
    assert run(Omission, SRC4, draft, mt) == []
    assert run(Addition, SRC4, draft, mt) == []


def test_omission_partial_is_a_warning() -> None:
    draft = "\n".join([DRAFT4[0], "The work cost money.", *DRAFT4[2:]])
    results = run(Omission, SRC4, draft, MT4)
    assert located(results) == [("omission", "2:1")]
    assert results[0][0].severity is Severity.WARNING


def test_addition_must_flag_extra_sentence() -> None:
    extra = "Editor's note: please double-check every figure with the council press office."
    draft = "\n".join([*DRAFT4[:2], extra, *DRAFT4[2:]])
    results = run(Addition, SRC4, draft, MT4)
    assert located(results) == [("addition", "3:1")]
    assert run(Omission, SRC4, draft, MT4) == []


# Without MT the aligner has lengths, numbers and capitalised names to go on:
# a short document with none of them cannot place a drop (known limit).
SRC_ANCHORED = (
    "El alcalde Tomás Herrero inauguró ayer el puente de Villaseca.\n"
    "La obra costó 12 millones de euros y duró 3 años.\n"
    "Según Construcciones Ebro, el puente soporta 40 toneladas.\n"
    "Varias asociaciones criticaron el retraso de 2019.\n"
    "El próximo pleno se celebrará el 14 de marzo en Villaseca."
)
DRAFT_ANCHORED = [
    "Mayor Tomás Herrero opened the Villaseca bridge yesterday.",
    "The work cost 12 million euros and took 3 years.",
    "According to Construcciones Ebro, the bridge can carry 40 tonnes.",
    "Several associations criticised the 2019 delay.",
    "The next council meeting will be held in Villaseca on 14 March.",
]


def test_omission_and_addition_without_mt_use_anchors() -> None:
    draft = "\n".join(DRAFT_ANCHORED[:2] + DRAFT_ANCHORED[3:])
    assert located(run(Omission, SRC_ANCHORED, draft)) == [("omission", "2:1")]
    extra = "Editor's note: please double-check every figure with the council press office."
    draft = "\n".join([*DRAFT_ANCHORED[:3], extra, *DRAFT_ANCHORED[3:]])
    assert located(run(Addition, SRC_ANCHORED, draft)) == [("addition", "4:1")]
    assert run(Omission, SRC_ANCHORED, "\n".join(DRAFT_ANCHORED)) == []


# -- untranslated-segment ------------------------------------------------------------


def test_untranslated_must_flag() -> None:
    draft = "\n".join(
        [DRAFT4[0], "La obra costó doce millones de euros y duró tres años.", *DRAFT4[2:]]
    )
    results = run(UntranslatedSegment, SRC4, draft, MT4)
    assert located(results) == [("untranslated-segment", "2:1")]
    results = run(UntranslatedSegment, SRC4, draft.replace("La obra", "la obra"), None)
    assert located(results) == [("untranslated-segment", "2:1")]


def test_untranslated_short_string_that_the_mt_translates() -> None:
    # A UI string of one common word and a name-like capital: the MT changes it, so it
    # is translatable text that was left as is.
    results = run(
        UntranslatedSegment,
        "Units of measurement",
        "Units of measurement",
        ["Unidades de medida"],
        sl="en",
        tl="es",
    )
    assert located(results) == [("untranslated-segment", "1:1")]


@pytest.mark.parametrize(
    ("src", "draft", "mt"),
    [
        ("Barack Obama, 2009.", "Barack Obama, 2009.", "Barack Obama, 2009."),  # names/numbers only
        ("«We shall overcome», cantaron.", "“We shall overcome,” they sang.", None),
        ("Yes we can, dijo.", "Yes we can, dijo.", "Yes we can, dijo."),  # MT keeps it too
        ("Real Madrid", "Real Madrid", "Royal Madrid"),  # a name, though the MT translates it
        ("Units of measurement", "Units of measurement", None),  # short: no MT to tell
    ],
)
def test_untranslated_must_not_flag(src: str, draft: str, mt) -> None:
    results = run(UntranslatedSegment, src, draft, [mt] if mt else None)
    assert results == []


def _bead_of_two(src: list[str], draft: list[str], mt: list[str] | None):
    """The untranslated-segment findings when the sentences make one 2-2 bead."""
    from transcheck.align import AlignedPair
    from transcheck.findings import Span

    def spans(sents: list[str]) -> tuple[str, list[Span]]:
        text, out = "", []
        for sent in sents:
            out.append(Span(len(text), len(text) + len(sent)))
            text += sent + " "
        return text, out

    (src_text, src_spans), (draft_text, draft_spans) = spans(src), spans(draft)
    source, doc = Document("s", src_text, "es"), Document("d", draft_text, "en")
    runs = [MTRun("fixed:1", mt)] if mt else []
    bead = [AlignedPair((0, 1), (0, 1), 0.5)]
    comp = comparison_from_sentences(
        source, doc, "es", "en", src_spans, draft_spans, runs, beads=bead
    )
    ctx = RuleContext(document=doc, lang="en", source=source, source_lang="es", comparison=comp)
    found = UntranslatedSegment().check(ctx)
    return [(doc.slice(f.span), comp.source.slice(f.source_span)) for f in found]


def test_untranslated_sentence_inside_a_bead_of_two() -> None:
    src = ["El Gobierno anuncia cifras nuevas cada semana.", "Sin suelo no hay viviendas."]
    mt = ["The Government announces new figures every week.", "Without land there are no homes."]
    draft = ["The government announces new figures every week.", "Sin suelo no hay viviendas."]
    expected = [("Sin suelo no hay viviendas.", "Sin suelo no hay viviendas.")]
    assert _bead_of_two(src, draft, mt) == expected
    assert _bead_of_two(src, draft, None) == expected
    # In the other order of the draft too (each draft sentence against each source one).
    assert _bead_of_two(src, draft[::-1], mt) == expected


@pytest.mark.parametrize(
    ("second", "mt_second"),
    [
        ("Barack Obama, 2009.", "Barack Obama, 2009."),  # names and numbers only
        ("Yes we can, dijo.", "Yes we can, dijo."),  # the MT keeps it too
    ],
)
def test_untranslated_inside_a_bead_must_not_flag(second: str, mt_second: str) -> None:
    src = ["El Gobierno anuncia cifras nuevas cada semana.", second]
    mt = ["The Government announces new figures every week.", mt_second]
    draft = ["The government announces new figures every week.", second]
    assert _bead_of_two(src, draft, mt) == []
    # Translated throughout: nothing.
    translated = [mt[0], "No land, no homes."]
    assert _bead_of_two([src[0], "Sin suelo no hay viviendas."], translated, mt) == []


# -- mt-divergence / raw-mt ------------------------------------------------------------


def _comparison_with_chrf(chrfs: list[float], words: str = " has four more words"):
    from transcheck.findings import Span

    text = " ".join(f"S{k}{words}." for k in range(len(chrfs)))
    source, draft = Document("s", text, "es"), Document("d", text, "en")
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"S\d+[^.]*\.", text)]
    comp = comparison_from_sentences(
        source,
        draft,
        "es",
        "en",
        spans,
        spans,
        [MTRun("fixed:1", [f"M{k}{words}." for k in range(len(chrfs))])],
    )
    for pair, value in zip(comp.pairs, chrfs, strict=True):
        pair.chrf = value
    from transcheck.compare import _score_outliers

    _score_outliers(comp)
    return comp, draft


def test_mt_divergence_flags_outlier_only() -> None:
    comp, draft = _comparison_with_chrf([55, 60, 52, 58, 61, 57, 54, 59, 12, 56])
    ctx = RuleContext(document=draft, lang="en", comparison=comp)
    results = list(MtDivergence().check(ctx))
    assert len(results) == 1 and draft.slice(results[0].span) == "S8 has four more words."
    assert results[0].severity is Severity.WARNING  # far beyond severity_threshold
    quiet = list(MtDivergence({"threshold": 20}).check(ctx))
    assert quiet == []


def test_mt_divergence_skips_short_units() -> None:
    # UI labels ("Open" / "Abrir"): chrF against MT is no evidence, outlier or not.
    comp, draft = _comparison_with_chrf([55, 60, 52, 58, 61, 57, 54, 59, 12, 56], " label")
    assert list(MtDivergence().check(RuleContext(document=draft, lang="en", comparison=comp))) == []
    # too few pairs for statistics: the prior judges long sentences only
    comp, draft = _comparison_with_chrf([15.7, 7.4, 2.6], " label")
    assert list(MtDivergence().check(RuleContext(document=draft, lang="en", comparison=comp))) == []
    comp, draft = _comparison_with_chrf([55.0, 7.4, 52.0])
    results = list(MtDivergence().check(RuleContext(document=draft, lang="en", comparison=comp)))
    assert [draft.slice(f.span) for f in results] == ["S1 has four more words."]


def test_mt_divergence_quiet_on_uniform_document() -> None:
    comp, draft = _comparison_with_chrf([55, 60, 52, 58, 61, 57, 54, 59, 50, 56])
    assert list(MtDivergence().check(RuleContext(document=draft, lang="en", comparison=comp))) == []


def test_raw_mt() -> None:
    draft = "\n".join([DRAFT4[0], MT4[1], *DRAFT4[2:]])
    results = run(RawMt, SRC4, draft, MT4)
    assert located(results) == [("raw-mt", "2:1")]
    assert results[0][0].severity is Severity.INFO
    assert run(RawMt, SRC4, "\n".join(DRAFT4), MT4) == []
    assert run(RawMt, SRC4, draft, None) == []


# -- name-mismatch: words a translation translates, spellings, replaced names -------

NAME_QUIET_NO_MT = [
    # (source, draft, source language)
    (
        "Lo aprobó ayer el Gobierno en Madrid.",
        "The Government approved it in Madrid yesterday.",
        "es",
    ),
    ("Ganó en Montecarlo el pasado abril.", "He won in Monte Carlo last April.", "es"),
    ("He won in Monte Carlo last April.", "Ganó en Montecarlo el pasado abril.", "en"),
    (
        "Los barcos cruzaron el mar Negro de noche.",
        "The ships crossed the Black Sea at night.",
        "es",
    ),
    ("She starred in Son of Rambow in 2007.", "Protagonizó El hijo de Rambow en 2007.", "en"),
    # a quoted title translated as a whole
    ("We read “Gentle Harbour” in class.", "Leímos “Puerto tranquilo” en clase.", "en"),
    ("Vimos «Casa de Tormentas» ayer.", "We watched “Storm House” yesterday.", "es"),
    ("Los textos de Herlz llegaron tarde.", "The texts by Herzl arrived late.", "es"),
    ("Vivía en Plano, Tejas, con su hija.", "She lived in Plano, Texas, with her daughter.", "es"),
    ("Murió durante la Guerra de los Cien Años.", "He died during the Hundred Years' War.", "es"),
    ("The MPs met the Mps of Wales.", "Los diputados se reunieron con los de Gales.", "en"),
]


@pytest.mark.parametrize(("src", "draft", "sl"), NAME_QUIET_NO_MT)
def test_name_mismatch_quiet_without_mt(src: str, draft: str, sl: str) -> None:
    tl = "en" if sl == "es" else "es"
    assert run(NameMismatch, src, draft, sl=sl, tl=tl) == []


NAME_FLAG_NO_MT = [
    # (source, draft, source language, missing name)
    ("Lo vieron en Ostrava con Duarte.", "They saw him in Ostrava with the coach.", "es", "Duarte"),
    # replaced by an unrelated name
    ("Lo vieron en Ostrava con Duarte.", "They saw him in Ostrava with Kowalski.", "es", "Duarte"),
    ("We met Halvorsen in Bergen.", "Conocimos a Pettersen en Bergen.", "en", "Halvorsen"),
    # a quoted name dropped or replaced inside its quote
    (
        "Cantó «Blues de Valdemora» otra vez.",
        "She sang “Blues” again.",
        "es",
        "Valdemora",
    ),
    (
        "She sang “Blues for Bramwell” again.",
        "Cantó «Blues para Okafor» otra vez.",
        "en",
        "Bramwell",
    ),
    # a head word does not hide the name it belongs to
    (
        "Estudió en la Universidad de Tallinn.",
        "She studied at the university.",
        "es",
        "Universidad de Tallinn",
    ),
]


@pytest.mark.parametrize(("src", "draft", "sl", "name"), NAME_FLAG_NO_MT)
def test_name_mismatch_flags_without_mt(src: str, draft: str, sl: str, name: str) -> None:
    tl = "en" if sl == "es" else "es"
    results = run(NameMismatch, src, draft, sl=sl, tl=tl)
    assert [f.message for f, _ in results] == [f"source name {name} is missing in the draft"]


def test_missing_source_names_feature() -> None:
    from transcheck.name_match import missing_source_names

    src = "Lo vieron en Ostrava con Duarte."
    mt = "They saw it in Ostrava with Duarte."
    assert missing_source_names(src, "They saw him in Ostrava with Kowalski.", mt) == ["Duarte"]
    assert missing_source_names(src, "They saw him in Ostrava with Duarte.", mt) == []


NAME_WITH_MT = [
    # (source, draft, mt, source language, missing name or None)
    # the MT translates the name into a name of its own that the draft lacks
    (
        "Lo supo por Curio aquella noche.",
        "He learnt it that night.",
        "It knew it by Curium that night.",
        "es",
        "Curio",
    ),
    # ... and the draft has that rendering: quiet
    (
        "Lo supo por Curio aquella noche.",
        "He learnt it from Curium that night.",
        "It knew it by Curium that night.",
        "es",
        None,
    ),
    # the MT renders it as a common word (a title-cased noun): quiet
    (
        "Her sign is the Monkey, they said.",
        "Su signo es el mono, dijeron.",
        "Su signo es el mono, dijeron.",
        "en",
        None,
    ),
]


@pytest.mark.parametrize(("src", "draft", "mt", "sl", "name"), NAME_WITH_MT)
def test_name_mismatch_mt_renderings(src, draft, mt, sl, name) -> None:
    tl = "en" if sl == "es" else "es"
    results = run(NameMismatch, src, draft, [mt], sl=sl, tl=tl)
    expected = [] if name is None else [f"source name {name} is missing in the draft"]
    assert [f.message for f, _ in results] == expected


NAME_ROOTS = [
    # (source, draft, source language, missing name or None); no MT
    ("Then the Paeonians crossed the river.", "Luego los peonios cruzaron el río.", "en", None),
    # a first name is not a people's name: Julian
    ("This changed when Julian died.", "Esto cambió cuando murió.", "en", "Julian"),
    # a translated name sharing a 5-letter root
    (
        "Provocaron la Revolución Reivindicadora en 1879.",
        "They provoked the Revolution of Vindication in 1879.",
        "es",
        None,
    ),
]


@pytest.mark.parametrize(("src", "draft", "sl", "name"), NAME_ROOTS)
def test_name_mismatch_roots(src, draft, sl, name) -> None:
    tl = "en" if sl == "es" else "es"
    results = run(NameMismatch, src, draft, sl=sl, tl=tl)
    expected = [] if name is None else [f"source name {name} is missing in the draft"]
    assert [f.message for f, _ in results] == expected


def test_name_mismatch_layout_breaks_in_a_plain_pair() -> None:
    # A tab or a run of spaces (a table, aligned columns) starts a cell: its first word
    # is no name.
    src = "Options:\n  --force    Overwrite the files\n  -v\tVerbose output"
    draft = "Opciones:\n  --force    Sobrescribe los archivos\n  -v\tSalida detallada"
    assert run(NameMismatch, src, draft, sl="en", tl="es") == []
    # A line break of hard-wrapped prose does not: the name is still required.
    from transcheck.name_match import missing_names

    src = "The agreement was signed in the capital after talks with\nMarguerite Okonkwo."
    draft = "El acuerdo se firmó en la capital tras las conversaciones."
    assert [n for _, _, n in missing_names(src, draft, None, True, "en")] == ["Marguerite Okonkwo"]
    # ... and a name after the cell's first word is required too.
    src = "  --upload    Send the files to Dropbox"
    draft = "  --upload    Envía los archivos"
    assert [f.message for f, _ in run(NameMismatch, src, draft, sl="en", tl="es")] == [
        "source name Dropbox is missing in the draft"
    ]
    # Words written in lower case elsewhere are no evidence outside a catalogue: in
    # prose a capitalised word there is a name or a title's (terror / Reign of Terror).
    src = "The terror of those years ended with the Reign of Terror."
    draft = "El miedo de esos años acabó entonces."
    assert [f.message for f, _ in run(NameMismatch, src, draft, sl="en", tl="es")] == [
        "source name Terror is missing in the draft"
    ]


def test_close_spelling_that_the_mt_has_as_another_word() -> None:
    # The MT keeps "Andes" and has "antes" too: the draft's "antes" is not the name.
    src = "Before the Andes rose, the coast was flat."
    mt = "Antes de que los Andes subieran, la costa era plana."
    assert located(
        run(NameMismatch, src, "Antes de que subieran, la costa era plana.", [mt], sl="en", tl="es")
    ) == [("name-mismatch", "1:1")]
    ok = "Antes de que los Andes subieran, la costa era llana."
    assert run(NameMismatch, src, ok, [mt], sl="en", tl="es") == []


def test_missing_names_needs_a_capital_after_the_first_character():
    from transcheck.name_match import missing_names

    # A capital at the start only: the sentence's first word, never a name.
    assert (
        missing_names("Save the file before you close the app.", "Guarda el archivo.", None, True)
        == []
    )
    # A name later in the sentence is still required.
    found = missing_names(
        "Share the file with Marta today.", "Comparte el archivo hoy.", None, True
    )
    assert [name for _, _, name in found] == ["Marta"]
    # Cyrillic and Greek capitals count too.
    found = missing_names(
        "Доклад прочитал Иванов вчера.", "The report was read yesterday.", None, False
    )
    assert len(found) == 1


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="ab 7\n“»ñ\u0663\uff15²\ud800_", max_size=6), max_size=8))
def test_texts_with_a_digit_as_the_regex_finds_them(texts: list[str]) -> None:
    """`_with_digit` finds ASCII digits by substring search and others by the regex over
    the non-ASCII rest: the texts `\\d` finds a digit in, Arabic-Indic and full-width
    digits included, superscripts not."""
    from transcheck.numbers import _DIGIT
    from transcheck.rules.source import _with_digit

    assert _with_digit(texts) == {i for i, t in enumerate(texts) if _DIGIT.search(t)}


_SAME_PIECES = ("Ravi", "ravi", "RAVI", "%d", "¿", "Seguro", "seguro", "“%s”.", "l'avion", "—")
_SAME_PIECES += ("files", "Files", "_x", "İ", "i̇", "2", " ", "  ", ".", "«", "»", "-", "a-b", "a b")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_SAME_PIECES), max_size=5).map(" ".join),
            st.lists(st.sampled_from(_SAME_PIECES), max_size=5).map(" ".join),
        ),
        max_size=6,
    )
)
def test_same_text_filters_change_no_answer(pairs: list[tuple[str, str]]) -> None:
    """`MatchedPairs.same_text` tells most pairs apart by their first characters and
    words: the pairs `_same_sentence` finds equal, no more, no fewer."""
    from transcheck.rules.source import MatchedPairs, _same_sentence

    view = MatchedPairs.__new__(MatchedPairs)
    view.sources = [s for s, _ in pairs]
    view.drafts = [t for _, t in pairs]
    view._same = None
    assert view.same_text() == [i for i, (s, t) in enumerate(pairs) if _same_sentence(s, t)]


def test_number_mismatch_translator_credits_are_no_translation() -> None:
    # the msgstr of the credits keyword lists names and years the msgid never had
    entry = 'msgid "translator-credits"\nmsgstr "Ana Pérez <ana@example.org>, 2019, 2021"\n'
    assert run_catalogue("x.po", PO_HEAD.format(lang="es") + entry, "es") == []
    ctx_entry = 'msgctxt "NAME OF TRANSLATORS"\nmsgid "Your names"\nmsgstr "Ana Pérez, 2020"\n'
    assert run_catalogue("x.po", PO_HEAD.format(lang="es") + ctx_entry, "es") == []
    # an ordinary string that mentions credits is checked
    other = 'msgid "Show translator credits for 2019"\nmsgstr "Créditos de 2021"\n'
    found = run_catalogue("x.po", PO_HEAD.format(lang="es") + other, "es")
    assert [m for _, m in found] == ["source has 2019 (2019); draft has 2021"]


def test_number_mismatch_first_plural_form_may_write_its_count() -> None:
    # "%d signature" -> "1 firma": the form for one spells the count it stands for
    entry = (
        'msgid "%d signature was not checked"\nmsgid_plural "%d signatures were not checked"\n'
        'msgstr[0] "1 firma no fue comprobada"\nmsgstr[1] "%d firmas no fueron comprobadas"\n'
    )
    assert run_catalogue("x.po", PO_HEAD.format(lang="es") + entry, "es") == []
    # ... but not another number, nor a 1 beside the placeholder it would stand for
    for form0, flagged in [
        ("2 firmas no fueron comprobadas", "2"),
        ("%d firma no fue comprobada 1 vez", "1"),
    ]:
        bad = entry.replace("1 firma no fue comprobada", form0)
        found = run_catalogue("x.po", PO_HEAD.format(lang="es") + bad, "es")
        assert [span for span, _ in found] == [flagged]
