"""Lists the name checks look words up in.

Known given names (`locale_data/names_given.tsv`: two spellings on one row are one name,
on two rows two names), names written in the Latin alphabet in their own language and
never transliterated (`names_latin.tsv`, `exonyms.tsv`), titles written before a name,
and sentence-start words that are never names. The data files are read on first use.
"""

from __future__ import annotations

from functools import cache

from transcheck.names.keys import light_key

# Sentence-start words that are never names (checked only for weak, start-of-sentence
# words whose lower-case form does not occur elsewhere in the text).
_STOPWORD_TEXT = """
    a an the this that these those it its he she we they you i there here what when where
    who why how which will would may might can could should must shall but and or so if in
    on at for with as by from of to after before while although though however then also
    not no yes one all some many most more such only even just still yet both each every
    el la los las lo un una unos unas en de del al por para con sin pero y o que como cuando
    este esta estos estas ese esa su sus se según tras desde hasta entre sobre ya también
    le les des une et ou mais dans pour avec sur il elle ils nous vous ce cette ces
    der die das ein eine und oder aber mit für auf von zu im am er sie wir es
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Titles before a name say nothing about which person it is.
_TITLE_TEXT = """
mr mrs ms miss dr prof sir dame lord lady president minister prime deputy foreign secretary
chancellor premier king queen prince princess pope saint st senator governor mayor judge
general colonel major captain lieutenant admiral marshal sheikh shaykh emir imam ayatollah
cardinal bishop father rev speaker chairman chief commander ambassador envoy spokesman
presidente ministro ministra señor señora sr sra don doña general jefe rey reina papa
président ministre monsieur madame mme herr frau präsident kanzler kanzlerin
"""
_TITLES = frozenset(_TITLE_TEXT.split())


@cache
def _given_table() -> tuple[dict[str, int], dict[str, str]]:
    """Known given names (`locale_data/names_given.tsv`): light key -> row number,
    and light key -> gender (m, f or u)."""
    from transcheck.name_match import tsv_rows

    rows: dict[str, int] = {}
    genders: dict[str, str] = {}
    for number, columns in tsv_rows("names_given.tsv"):
        if len(columns) < 2:
            continue
        gender, spellings = columns[:2]
        for spelling in spellings.split("|"):
            key = light_key(spelling)
            rows[key] = number
            genders[key] = gender
    return rows, genders


def _given_rows() -> dict[str, int]:
    """Known given names: light key -> row number. Two spellings on one row are one
    name (Umar / Omar); on two rows, two names (Maria / Mario, Louis / Luis),
    whatever their keys say."""
    return _given_table()[0]


@cache
def _established_rows() -> dict[str, str]:
    """Names written in the Latin alphabet in their own language, never transliterated:
    light key -> row id. From `locale_data/names_latin.tsv` (surnames, places, companies)
    and `locale_data/exonyms.tsv` (countries, cities and their adjectives)."""
    from transcheck.name_match import tsv_rows

    rows: dict[str, str] = {}
    for name in ("names_latin.tsv", "exonyms.tsv"):
        for number, columns in tsv_rows(name):
            for column in columns:
                for spelling in column.split("|"):
                    # The first file wins: a surname that is also a place is one row.
                    rows.setdefault(light_key(spelling), f"{name}:{number}")
    return rows


def given_name_row(form: str) -> int | None:
    """The row of the given-name list that spells `form`, or None for an unknown name."""
    return _given_rows().get(light_key(form))
