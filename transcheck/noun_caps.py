"""Which capitalised words of a German (or Luxembourgish) sentence are names?

Those languages capitalise every noun, so a capital mid-sentence is no evidence of a
name: "Die Stadt hat einen neuen Haushalt" has two nouns and no name. A lone capitalised
word counts as a name only when nothing says it is a common noun: no article or
determiner before it (directly or across inflected adjectives: "einen neuen Haushalt"),
no numeral before it, not a known common noun (`locale_data/de_nouns.txt`, with plural
and case endings and compound tails: Schulen, Haushaltsplan), no common-noun suffix
(-ung, -heit, -keit, -schaft…). Runs of two or more capitalised words (Angela Merkel,
Deutsche Bank) stay names.
"""

from __future__ import annotations

import re
from functools import cache

from transcheck.data import locale_data
from transcheck.name_match import _CONNECTORS

# Articles, determiners, quantifiers and preposition+article contractions: a
# capitalised word after one (possibly across adjectives) is a noun phrase's head.
_DETERMINER_TEXT = """
    der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
    keines mein meine meinen meinem meiner meines dein deine deinen deinem deiner deines sein
    seine seinen seinem seiner seines ihr ihre ihren ihrem ihrer ihres unser unsere unseren
    unserem unserer unseres euer eure euren eurem eurer eures dieser diese dieses diesen diesem
    jener jene jenes jenen jenem jeder jede jedes jeden jedem welcher welche welches welchen
    welchem alle allen aller alles viele vielen vieler wenige wenigen einige einigen einiger
    mehrere mehreren manche manchen mancher beide beiden beider solche solchen solcher mehr
    weniger etwas viel wenig zum zur im am vom beim ins ans aufs fürs übers unters durchs
    zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert tausend
    dat déi d e en eng engem enger vum um
"""
_DETERMINERS = frozenset(_DETERMINER_TEXT.split())
# Capitalised function words: the formal pronouns (Sie, Ihnen, Ihr) and words after a
# line break without punctuation (Die, Im, Hier, Wir).
_FUNCTION_TEXT = """
    sie ihnen ich du dich dir euch wir er es man hier dort da dann auch und oder aber wenn
    als wie so nur noch schon nicht in auf mit für von zu bei nach aus über unter vor
"""
_FUNCTION = _DETERMINERS | frozenset(_FUNCTION_TEXT.split())
# Lower-case words a determiner may be separated from its noun by: inflected adjectives
# and participles (neuen, großes, geplante), and a few adverbs of degree.
_ADJECTIVE = re.compile(r"[a-zäöüß]{2,}(?:e|en|er|es|em)")
_DEGREE = frozenset(["sehr", "ganz", "besonders", "so", "zu", "noch", "immer", "bereits"])
_PREV_TOKEN = re.compile(r"([\w'’]+)[^\w.!?;:]*$")
# Derivational endings of common nouns.
# Not -chen, -enz, -anz, -ling: München, Lorenz, Konstanz, Schilling. A stem of three
# letters or more before the suffix: not Jung, Tunis.
_NOUN_SUFFIX = re.compile(
    r"^.{3,}(?:ung|heit|keit|schaft|tion|ität|nis|tum|ismus|ment|ie|erei|erin|istin|ist|eur)"
    r"(?:en|e|n|s|se|ses|nen|innen)?$"
)
# Endings of inflection (plural, genitive, dative) to strip before a lexicon look-up.
_ENDINGS = ("", "n", "en", "e", "er", "s", "es", "nen", "ern", "in", "innen")
_UMLAUT = str.maketrans("äöü", "aou")
# Compound tails that also form place and family names (Hamburg, Frankfurt, Düsseldorf,
# Hoffmann): a word ending in one is not a common noun by its tail alone.
_NAME_TAILS = (
    "burg",
    "berg",
    "dorf",
    "furt",
    "stadt",
    "mann",
    "hof",
    "feld",
    "bach",
    "stein",
    "heim",
    "hausen",
    "haus",
    "brück",
    "au",
    "see",
    "wald",
    "tal",
    "land",
    "bau",
    "mund",
    "hafen",
    "hagen",
    "münster",
    "kirchen",
    "ingen",
    "leben",
)


@cache
def _lexicon() -> frozenset[str]:
    text = locale_data().joinpath("de_nouns.txt").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


def _known(word: str, min_stem: int = 1) -> bool:
    lex = _lexicon()
    for ending in _ENDINGS:
        if ending and not word.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)] if ending else word
        if len(stem) >= min_stem and (stem in lex or stem.translate(_UMLAUT) in lex):
            return True
    return False


def common_noun(word: str) -> bool:
    """A known German common noun, inflected or as the tail of a compound."""
    lower = word.lower()
    if _known(lower):
        return True
    if _NOUN_SUFFIX.search(lower):
        return not lower.endswith("ien")  # Spanien, Großbritannien (Familien: known)
    if lower.endswith(_NAME_TAILS):
        return False
    # Haushaltsplan, Stadtrat: a noun of 4+ letters after a head of 3+ (linking -s- kept).
    # A tail noun of 3+ letters: not Steinm-eier (Ei).
    return any(_known(lower[i:], 3) for i in range(3, len(lower) - 3))


# Lower-case links inside a run of capitals (von, der…), as name_match joins them, but
# not the Arabic bin/ibn (no German run of nouns holds them).
_CONNECTING = _CONNECTORS - {"bin", "ibn"}


def _prev_token(text: str, end: int) -> re.Match[str] | None:
    """The last token before `end` (`_PREV_TOKEN`), searched in a window before `end`, not
    from 0 (that was quadratic in long sentences); the whole text only when the window
    holds no token or one cut by its edge."""
    low = max(0, end - _WINDOW)
    m = _PREV_TOKEN.search(text, low, end)
    if low and (m is None or m.start() == low):
        m = _PREV_TOKEN.search(text, 0, end)
    return m


_WINDOW = 200


def _after_determiner(text: str, start: int) -> bool:
    """A determiner or numeral before `start`, possibly across inflected adjectives."""
    end = start
    for _ in range(4):
        m = _prev_token(text, end)
        if m is None:
            return False
        prev = m.group(1)
        low = prev.lower()
        if low in _DETERMINERS or prev.isdigit():
            return True
        if prev[0].isupper() or not (_ADJECTIVE.fullmatch(low) or low in _DEGREE):
            return False
        end = m.start()
    return False


def _plain_word(word: str) -> bool:
    """A function word or a common noun (Corona-Krise, CDU-Politiker: the last part of
    a hyphenated word is its head; not Baden-Württemberg)."""
    word = word.strip("'’")
    return word.lower() in _FUNCTION or common_noun(word.rsplit("-", 1)[-1])


# Countries and unions that German writes with an article (der Iran, die USA): after a
# determiner they still are names. Folded to lower case; a genitive -s (des Irans) is
# stripped before the look-up. Only those whose English name the matcher links, by
# spelling (Türkei / Turkey, Irak / Iraq) or by exonyms.tsv's German column (Schweiz /
# Switzerland): der Tschad or die BRD would be reported missing from a correct "Chad"
# or "Germany", so they stay out.
_ARTICLE_COUNTRIES_TEXT = """
schweiz türkei ukraine slowakei mongolei tschechei niederlande philippinen malediven
bahamas seychellen komoren iran irak libanon sudan südsudan jemen oman
kongo niger senegal vatikan kosovo usa eu
"""
_ARTICLE_COUNTRIES = frozenset(_ARTICLE_COUNTRIES_TEXT.split())


def _article_country(word: str) -> bool:
    low = word.strip("'’").lower()
    return low in _ARTICLE_COUNTRIES or (low.endswith("s") and low[:-1] in _ARTICLE_COUNTRIES)


def not_a_name(text: str, start: int, name: str) -> bool:
    """True when the capitalised `name` at `start` of a German sentence is a common
    noun, not a name: a single word after a determiner, or a run of capitalised words
    that are all common nouns or function words (Schwäche der Menschen, Sie Ihre Kräfte).
    Angela Merkel, Deutsche Bank keep a word of no such kind; so do the countries
    written with an article (die Schweiz, der Iran, die USA)."""
    if any(_article_country(w) for w in name.split()):
        return False
    if " " not in name and _after_determiner(text, start):
        return True
    return all(_plain_word(w) for w in name.split() if w.lower() not in _CONNECTING)
