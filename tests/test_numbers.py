"""Numbers compared by value across locale formats."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.numbers import extract_numbers, missing_numbers

SAME = [
    ("Llegaron 1.500 personas.", "es", "1,500 people came.", "en"),
    ("Cuesta 1.000,5 euros.", "es", "It costs 1,000.5 euros.", "en"),
    ("Subió un 3,5 %.", "es", "It rose 3.5%.", "en"),
    ("Il y a 1\u00a0000\u00a0000 habitants.", "fr", "There are 1,000,000 inhabitants.", "en"),
    ("Il y a 1\u202f000 habitants.", "fr", "There are 1000 inhabitants.", "en"),
    ("Llegó el 7 de diciembre.", "es", "He arrived on December 7.", "en"),
    ("Llegó el 7 de diciembre.", "es", "He arrived on 7 December.", "en"),
    ("Llegó el 7 de diciembre.", "es", "He arrived on December 7th.", "en"),
    ("Costó 2,5 millones de euros.", "es", "It cost 2.5 million euros.", "en"),
    ("Costó 2,5 millones de euros.", "es", "It cost 2,500,000 euros.", "en"),
    ("Costó 3.000 millones.", "es", "It cost 3 billion.", "en"),
    ("Quedó 1.º en la carrera.", "es", "He came 1st in the race.", "en"),
    ("Vinieron 3 amigos.", "es", "Three friends came.", "en"),
    ("Three friends came.", "en", "Vinieron tres amigos.", "es"),
    ("Nació en el siglo XX.", "es", "Born in the 20th century.", "en"),
    ("Born in the 20th century.", "en", "Nació en el siglo XX.", "es"),
    ("En los años 90.", "es", "In the 1990s.", "en"),
    ("A las 10:30 horas.", "es", "At 10.30.", "en"),
    ("Mató a entre 3 y 10 millones.", "es", "It killed between 3 million and 10 million.", "en"),
    ("It killed between 3 million and 10 million.", "en", "Mató a entre 3 y 10 millones.", "es"),
    ("Am 3. Oktober 1990.", "de", "On 3 October 1990.", "en"),
    ("Es 1,500 en México.", "es", "It is 1,500 in Mexico.", "en"),
]

DIFFERENT = [
    ("Llegaron 1.500 personas.", "es", "1,050 people came.", "en", "1.500"),
    ("Llegaron 1.500 personas.", "es", "15 people came.", "en", "1.500"),
    ("Subió un 3,5 %.", "es", "It rose 5.3%.", "en", "3,5"),
    ("Llegó el 7 de diciembre de 2016.", "es", "He arrived on December 7, 2015.", "en", "2016"),
    ("Costó 2,5 millones.", "es", "It cost 2.5 billion.", "en", "2,5 millones"),
    ("Vinieron 12 amigos.", "es", "Friends came.", "en", "12"),
]


@pytest.mark.parametrize(("src", "sl", "tgt", "tl"), SAME)
def test_same_numbers_do_not_mismatch(src: str, sl: str, tgt: str, tl: str) -> None:
    missing, _ = missing_numbers(src, sl, tgt, tl)
    assert missing == []


@pytest.mark.parametrize(("src", "sl", "tgt", "tl", "text"), DIFFERENT)
def test_different_numbers_mismatch(src: str, sl: str, tgt: str, tl: str, text: str) -> None:
    missing, _ = missing_numbers(src, sl, tgt, tl)
    assert [n.text for n in missing] == [text]


def test_spans_and_readings() -> None:
    text = "Pagó 1.500 € el 3 de mayo"
    nums = extract_numbers(text, "es")
    assert [(text[n.start : n.end], n.display) for n in nums] == [("1.500", "1500"), ("3", "3")]
    assert nums[0].values == {1500.0, 1.5}


def test_words_are_available_not_required() -> None:
    assert extract_numbers("dos amigos", "es") == []
    words = extract_numbers("dos amigos", "es", words=True)
    assert [(n.text, n.required) for n in words] == [("dos", False)]


def test_extra_draft_number_reported() -> None:
    missing, extra = missing_numbers("Llegaron 1.500.", "es", "1,050 came.", "en")
    assert [n.text for n in missing] == ["1.500"] and [n.text for n in extra] == ["1,050"]


def test_single_roman_numeral_after_century_word() -> None:
    missing, extra = missing_numbers(
        "It dates from the 5th century BC.", "en", "Data del siglo V a. C.", "es"
    )
    assert missing == [] and extra == []
    # Elsewhere a lone capital I or V is not a number.
    assert [n.text for n in extract_numbers("Yo y V. Pérez", "es", words=True)] == []


def test_extra_draft_number_without_source_digits() -> None:
    # The source writes the number in words; a wrong draft digit is still caught.
    _, extra = missing_numbers(
        "Llegó en el siglo XV.", "es", "It arrived in the 17th century.", "en"
    )
    assert [n.text for n in extra] == ["17th"]
    _, extra = missing_numbers(
        "Llegó en el siglo XV.", "es", "It arrived in the 15th century.", "en"
    )
    assert extra == []


def test_articles_do_not_vouch_for_an_extra_digit() -> None:
    _, extra = missing_numbers("Ganó una carrera.", "es", "She won 1 race.", "en")
    assert [n.text for n in extra] == ["1"]
    missing, _ = missing_numbers("Won 1 race.", "en", "Ganó una carrera.", "es")
    assert missing == []  # an article may still stand for a source "1"


def test_repeated_number_written_fewer_times() -> None:
    src = "Cuatro de cada 10 adultos y nueve de cada 10 niños."
    missing, _ = missing_numbers(src, "es", "Four in adults and nine in 10 children.", "en")
    assert [n.text for n in missing] == ["10"]
    ok, _ = missing_numbers(src, "es", "Four in 10 adults and nine in ten children.", "en")
    assert ok == []


def test_missing_numbers_needs_digits_on_one_side():
    from transcheck.numbers import missing_numbers

    # Spelled numbers are never required: no digits on either side, nothing to report.
    assert missing_numbers("Three files were saved.", "en", "Se guardaron archivos.", "es") == (
        [],
        [],
    )
    # A digit on one side only is still reported, whichever side it is on.
    missing, extra = missing_numbers("Only 3 files left.", "en", "Quedan pocos archivos.", "es")
    assert [n.text for n in missing] == ["3"] and extra == []
    missing, extra = missing_numbers("A few files left.", "en", "Quedan 4 archivos.", "es")
    assert missing == [] and [n.text for n in extra] == ["4"]
    # Other scripts' digits count as digits.
    missing, _ = missing_numbers("Only ٣ files left.", "en", "Quedan pocos archivos.", "es")
    assert len(missing) == 1


def test_missing_numbers_memo_returns_fresh_lists() -> None:
    # Memoised by its arguments: a caller changing the lists must not change the next answer.
    first = missing_numbers("Only 3 files left.", "en", "Quedan 4 archivos.", "es")
    assert [n.text for n in first[0]] == ["3"] and [n.text for n in first[1]] == ["4"]
    first[0].clear()
    first[1].append(first[1][0])
    again = missing_numbers("Only 3 files left.", "en", "Quedan 4 archivos.", "es")
    assert [n.text for n in again[0]] == ["3"] and [n.text for n in again[1]] == ["4"]
    assert missing_numbers("No digits here.", "en", "Sin cifras.", "es") == ([], [])


def test_intersects_shortcut_equals_the_tolerance_loop() -> None:
    import itertools

    from transcheck.numbers import _intersects

    def reference(a: frozenset[float], b: frozenset[float]) -> bool:
        return any(abs(x - y) <= 1e-9 * max(1.0, abs(x)) for x in a for y in b)

    pool = [0.0, 1.0, 1000.0, 0.5, 1.0000000001, 1e300, float("inf"), float("nan")]
    sets = [frozenset(c) for r in range(3) for c in itertools.combinations(pool, r)]
    for a, b in itertools.product(sets, repeat=2):
        assert _intersects(a, b) == reference(a, b), (a, b)


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        (
            "Der Vertrag wurde am 04.03.2026 unterzeichnet.",
            "de",
            "It was signed on 2026-03-04.",
            "en",
        ),
        ("Vence el 01.04.2026.", "es", "It expires on April 1, 2026.", "en"),
        ("2026-03-04", "en", "04.03.2026", "de"),
        ("am 4.3.2026", "de", "on 4 March 2026", "en"),
        ("am 04.03.2026", "de", "le 4 mars 2026", "fr"),
        ("el 04/03/2026", "es", "on 4 March 2026", "en"),
        ("on 04/03/2026", "en", "el 3 de abril de 2026", "es"),  # US order
        ("on 04/03/2026", "en", "el 4 de marzo de 2026", "es"),  # UK order
        ("on 12/31/2025", "en", "am 31.12.2025", "de"),
        ("3 Tage ab dem 04.03.2026", "de", "3 days from March 4, 2026", "en"),
    ],
)
def test_dates_compare_by_their_parts(src: str, sl: str, tgt: str, tl: str) -> None:
    assert missing_numbers(src, sl, tgt, tl) == ([], [])


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl", "missing"),
    [
        ("am 04.03.2026", "de", "on 2026-04-03", "en", ["04", "03"]),  # day and month swapped
        ("am 04.03.2026", "de", "on 3 April 2026", "en", ["04", "03"]),
        ("el 04/03/2026", "es", "on 3 April 2026", "en", ["04", "03"]),  # es is day/month
        ("am 04.03.2026", "de", "on 04.03.2027", "en", ["2026"]),
    ],
)
def test_wrong_date_parts_are_missing(src: str, sl: str, tgt: str, tl: str, missing: list) -> None:
    assert [n.text for n in missing_numbers(src, sl, tgt, tl)[0]] == missing


def test_not_dates_stay_numbers() -> None:
    # a version, a grouped number, a time: read as before
    texts = [n.text for n in extract_numbers("Version 1.2.3, 12.500.000 Euro", "de")]
    assert texts == ["1.2", "12.500.000"]
    assert missing_numbers("Um 10.30 Uhr", "de", "At 10:30", "en") == ([], [])
    # a month of 13 is no date: 13.13.2026 keeps its old reading
    assert [n.text for n in extract_numbers("13.13.2026", "de")] == ["13.13"]
    # a plain 3 is no month: the draft's month part needs a month
    assert [n.text for n in missing_numbers("3 Tage", "de", "on 2026-03-04", "en")[1]] == [
        "2026",
        "03",
        "04",
    ]


@pytest.mark.parametrize(
    ("src", "sl", "tgt"),
    [
        (
            "Construite au XIIIe siècle, restaurée au XIXe.",
            "fr",
            "Built in the 13th century, restored in the 19th.",
        ),
        ("Au XVIIIème siècle.", "fr", "In the 18th century."),
        ("Au Ve siècle et au Ier siècle.", "fr", "In the 5th century and the 1st century."),
        ("En el siglo XXº.", "es", "In the 20th century."),
        ("В XX-м веке.", "ru", "In the 20th century."),
    ],
)
def test_roman_numeral_with_ordinal_suffix(src: str, sl: str, tgt: str) -> None:
    assert missing_numbers(src, sl, tgt, "en") == ([], [])


def test_words_of_roman_letters_are_not_numbers() -> None:
    text = "DIE MIXE CIVIL I Ve XIIIth"
    assert [n.text for n in extract_numbers(text, "fr", words=True)] == []
    # still a number: a plain Roman numeral (and MIX, as before)
    assert [n.text for n in extract_numbers("Louis XIV, MIX", "fr", words=True)] == ["XIV", "MIX"]
    _, extra = missing_numbers("Au XIIIe siècle.", "fr", "In the 14th century.", "en")
    assert [n.text for n in extra] == ["14th"]


# The digits-only shortcut (`_digits_agree`) and the scan's prefilters must give the
# same answers as the full comparison.
def test_digit_shortcut_keeps_repeats_scales_and_extras() -> None:
    # Digits agree one for one, but the source repeats a number the draft writes once.
    missing, extra = missing_numbers("4 de 10 y 9 de 10.", "es", "4 of 10 and 9 of them.", "en")
    assert [n.text for n in missing] == ["10"] and extra == []
    # A draft digit the source lacks is extra even when every source number is there.
    missing, extra = missing_numbers("Quedan 3 archivos.", "es", "3 files left, 5 shown.", "en")
    assert missing == [] and [d.text for d in extra] == ["5"]
    # A source number only a spelled-out draft word matches still matches (words read).
    assert missing_numbers("Vinieron 3 y 4 amigos.", "es", "3 and four friends came.", "en") == (
        [],
        [],
    )
    # Equal digits: nothing to report, with or without a scale word on one side.
    assert missing_numbers("Costó 2,5 millones.", "es", "It cost 2.5 million.", "en") == ([], [])
    assert missing_numbers("Page 2 of 7", "en", "Página 2 de 7", "es") == ([], [])


def test_scan_prefilters_do_not_hide_times_or_roman_numerals() -> None:
    assert [n.text for n in extract_numbers("A las 10h30.", "es")] == ["10h30"]
    assert [n.text for n in extract_numbers("No time here: 1030", "en")] == ["1030"]
    found = extract_numbers("Siglo V, capítulo XIV.", "es", words=True)
    assert {n.text for n in found} == {"V", "XIV"}
    # Lower-case letters are no numeral: the prefilters are case-sensitive like the patterns.
    assert extract_numbers("vi xiv mix", "en", words=True) == []


def test_number_start_is_looked_up_behind_the_first_digit() -> None:
    # The patterns test the character before a number after matching its first digit.
    def found(text: str) -> list[tuple[str, int]]:
        return [(n.text, n.start) for n in extract_numbers(text, "es")]

    assert found("7 files") == [("7", 0)]  # at the very start
    assert found("1.000,5 x") == [("1.000,5", 0)]
    assert found("v.5 and ,5") == []  # a fraction's tail is no number of its own
    assert found("x12:30") == [("12:30", 1)]
    assert found("at 1:30:00") == [("1", 3), ("30", 5), ("00", 8)]  # a clock of three parts


def test_numbers_too_long_for_int_are_read_without_error() -> None:
    # int() refuses more than 4,300 digits; past ~300 digits a float is inf. Neither may
    # break the scan or the message, and the short numbers beside them still count.
    source = "La cifra fue " + "1" * 10_004 + " y luego 3 " + "9" * 400 + "."
    draft = "The figure was " + "2" * 10_004 + " and then 4 " + "8" * 400 + "."
    missing, extra = missing_numbers(source, "es", draft, "en")
    assert [m.display for m in missing] == ["3"] and [m.display for m in extra] == ["4"]
    (huge,) = [m for m in extract_numbers("9" * 400, "en")]
    assert huge.display == "9" * 400


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("El partido empezó a las 21.00.", "The match kicked off at 9 p.m."),
        ("El próximo será a las 18.30.", "The next one is at 6:30 p.m."),
        ("Abre a las 21:00 horas.", "It opens at 9pm."),
        ("Cierra a las 0.00.", "It closes at 12 a.m."),
        ("Llegó a las 12.15.", "He arrived at 12:15 PM."),
        ("Sale a las 7.45.", "It leaves at 7:45 a.m."),
    ],
)
def test_a_24_hour_time_matches_its_12_hour_rendering(source: str, draft: str) -> None:
    assert missing_numbers(source, "es", draft, "en") == ([], [])


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("El partido empezó a las 20.00.", "The match kicked off at 9 p.m."),
        ("El partido empezó a las 21.00.", "The match kicked off at 9 a.m."),
        ("Sale a las 19.45.", "It leaves at 6:45 p.m."),
        ("Se midieron 21 muestras.", "They measured 9 pmol samples."),
    ],
)
def test_a_wrong_12_hour_rendering_is_still_a_mismatch(source: str, draft: str) -> None:
    missing, extra = missing_numbers(source, "es", draft, "en")
    assert missing and extra


_PIECES = (
    *("3", "1.500", "2,5", "10:30", "21.00", "1990", "90", "04.03.2026", "2026-03-04"),
    *("1 000", "7th", "3º", "'90s", "9 p.m.", " ", ", ", ". ", "-", "/"),
    *("millones", "million", "mil", "Mrd.", "dos", "three", "una", "a", "marzo", "March"),
    *("siglo", "XX", "V", "XIIIe", "siècle", "files", "años", "de", "the"),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=12).map("".join),
    st.sampled_from(["en", "es", "fr", "de"]),
)
def test_word_scan_reuses_the_digit_scan(text: str, lang: str) -> None:
    """With words, `_extract_numbers` reads only the words again when no scale word
    follows a digit number: the same mentions, in the same order, as a full scan."""
    from transcheck.numbers import _extract_numbers, _scan_numbers

    _extract_numbers.cache_clear()
    assert _extract_numbers(text, lang, True) == tuple(_scan_numbers(text, lang, True))


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        # a translator reorders printf arguments: the index is no number of the text
        (
            'Column %d of table "%s" has type %s',
            "en",
            "La tabla «%2$s» tiene la columna %1$d de tipo %3$s",
            "es",
        ),
        ("%s of %s", "en", "%2$s de %1$s", "es"),
        ("Renamed %1 to %2", "en", "%2 ersetzt %1", "de"),
        ("Item {0} moved to {1}", "en", "{1} reçoit l'élément {0}", "fr"),
        ("Loaded {0:>8} entries", "en", "{0:>6} entradas cargadas", "es"),
        ("Size: %-10s", "en", "Tamaño: %-12s", "es"),
        ("Ratio %(ratio)5.2f", "en", "Razón %(ratio).3f", "es"),
        # an ordinal word for a digit ordinal (the tables went only up to the fifth)
        ("Shift to the 6th level", "en", "Cambia al sexto nivel", "es"),
        ("The 8th floor", "en", "La octava planta", "es"),
        ("The 9th edition", "en", "La neuvième édition", "fr"),
        # U+2236 RATIO, the typeset colon of times, and an ASCII colon are the same time
        (
            "Print at 15\u223630 or 14\u223615\u223620",
            "en",
            "Imprimir a las 15:30 o 14:15:20",
            "es",
        ),
        ("Print at 15:30", "en", "Imprimir a las 15\u223630", "es"),
    ],
)
def test_format_placeholders_ordinals_and_ratio_colons_are_no_mismatch(
    src: str, sl: str, tgt: str, tl: str
) -> None:
    assert missing_numbers(src, sl, tgt, tl) == ([], [])


@pytest.mark.parametrize(
    ("src", "tgt", "missing", "extra"),
    [
        # a number next to a placeholder is still a number
        ("Column %d of 12 columns", "Columna %1$d de 13 columnas", ["12"], ["13"]),
        ("Retry in %s, 5 attempts left", "Reintentar en %s, quedan 3 intentos", ["5"], ["3"]),
        # "5% 10 times" is text, not a placeholder with a width
        ("It rose 5% 10 times", "Subió un 5% 12 veces", ["10"], ["12"]),
        ("Up to 20%", "Hasta el 25%", ["20"], ["25"]),
        # a wrong ordinal word, a wrong time with either colon
        ("Shift to the 6th level", "Cambia al séptimo nivel", ["6th"], []),
        ("Print at 15\u223630", "Imprimir a las 16:30", ["15\u223630"], ["16:30"]),
    ],
)
def test_numbers_next_to_placeholders_still_mismatch(
    src: str, tgt: str, missing: list[str], extra: list[str]
) -> None:
    found_missing, found_extra = missing_numbers(src, "en", tgt, "es")
    assert [n.text for n in found_missing] == missing
    assert [n.text for n in found_extra] == extra


def test_percent_first_languages_keep_their_percentages() -> None:
    # Turkish and Basque write "%50" for 50 %: a number, not a Qt placeholder like the
    # "%1" of a catalogue string, which is skipped in other languages.
    assert missing_numbers("A 50% discount and 5% tax", "en", "%50 indirim ve %5 vergi", "tr") == (
        [],
        [],
    )
    missing, extra = missing_numbers("A 50% discount", "en", "%40 indirim", "tr")
    assert [m.text for m in missing] == ["50"] and [m.text for m in extra] == ["40"]
    assert missing_numbers("%25 gehiago", "eu", "25% more", "en") == ([], [])
    # Qt's "%1" elsewhere holds no number of the text
    assert missing_numbers("Copy %1 files", "en", "Copiar %2 archivos", "es") == ([], [])
