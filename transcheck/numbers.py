"""Numbers in running text, compared by value across locale formats.

"1.500" (es), "1,500" (en) and "1 500" (fr) are the same number; "3,5 %" and
"3.5%" too. A mention carries every plausible reading of its digits (a lone
separator followed by exactly three digits may be a thousands or a decimal
separator), so two mentions match when their readings intersect.

Digits are *required* (a number written with digits in the source must reach
the draft); spelled-out words ("three", "dos", "mil") and Roman numerals are
only *available*: they may satisfy a required number but are never demanded,
because translators legitimately turn "dos" into "both" or "a couple".
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import NamedTuple

# Thousands separators: comma, dot, (narrow) no-break space, thin space, space, apostrophe.
_GROUP_SEP = ",.\u00a0\u202f\u2009 '’"
# Each pattern starts with a digit and then looks back past it for one more (same as a
# leading (?<![\d.,])): a pattern that starts with a character class is searched for
# with a fast scan, one that starts with a look-behind is tried at every position.
_NUMBER = re.compile(
    r"\d(?<![\d.,]\d)"
    r"(?:\d{0,2}(?:[,.\u00a0\u202f\u2009 '’]\d{3})+(?:[.,]\d+)?"  # grouped: 1.000.000,5
    r"|\d*(?:[.,]\d+)?)"  # plain: 2019, 3,5
    r"(?![\d])"
)
_DIGIT = re.compile(r"\d")  # what _NUMBER and _TIME need at least one of
# U+2236 RATIO is the colon of typeset times ("15∶30", the GNOME style guide's advice);
# a draft may write the ASCII colon for it, or the other way round.
_TIME = re.compile(r"(\d(?<![\d.,:∶]\d)\d?)(?::|∶|h)(\d{2})(?![\d:∶])")
# The digits of a format placeholder are no number of the text: an argument index
# (`%2$s`, Qt `%1`, `{0}`), a field width or a precision (`%-10s`, `%.2f`, `{0:>8}`).
# Translators reorder arguments (`%s … %s` -> `%2$s … %1$s`), and a placeholder check,
# not this one, compares placeholders. No space or `'` flag: "5% 10 times" is text.
_PRINTF_AND_BRACES = (
    r"%(?:[1-9]\d*\$)?[-+#0]*(?:\d+|\*(?:[1-9]\d*\$)?)?(?:\.(?:\d+|\*(?:[1-9]\d*\$)?))?"
    r"(?:hh|h|ll|l|j|z|t|L|q|I64|I32)?[diouxXeEfFgGaAcspn@]"
    r"|%\([A-Za-z_][\w.]*\)[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|\{\d+(?:[:!][^{}\n]*)?\}|\{[A-Za-z_][\w.]*[:!][^{}\n]*\}"
)
_FORMAT_SPEC = re.compile(
    _PRINTF_AND_BRACES + r"|%[1-9]\d?(?![\d.,])"  # Qt, Windows: %1 … %99
)
# Turkish and Basque write the percent sign first ("%50 indirim"): there `%50` is 50 %,
# not a Qt placeholder.
_FORMAT_SPEC_PERCENT_FIRST = re.compile(_PRINTF_AND_BRACES)
_PERCENT_FIRST_LANGS = frozenset({"tr", "eu"})
# "9 p.m.", "6:30 pm", "11 AM": a 12-hour clock reading, which a 24-hour "21.00" renders.
_MERIDIEM = re.compile(r"[ \u00a0\u202f]?([ap])\.?[ \u00a0]?m\b\.?", re.IGNORECASE)
# Numeric dates with a four-digit year: 2026-03-04, 04.03.2026, 4.3.2026, 04/03/2026,
# 04-03-2026. Their parts are compared one by one with the other side's (a date part
# is not a decimal "04.03"), and a month part also matches a month name (März, March).
_DATE = re.compile(
    r"(?<![\d.,/-])(?:(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}))(?![\d]|[.,/-]\d)"
)
_DATE_HINT = re.compile(r"\d[./-]\d")
# A month as a value no number has: month m is _MONTH - m.
_MONTH = -100.0
# Month names (available, like spelled numbers): they stand for a numeric date's month.
_MONTH_NAMES: dict[str, str] = {
    "en": "january february march april may june july august september october november december",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
_ORDINAL_SUFFIX = re.compile(
    r"(?:st|nd|rd|th|º|ª|\.º|\.ª|er|re|e|ème|eme|o|a|°)(?![^\W\d_])", re.IGNORECASE
)
_DECADE_SUFFIX = re.compile(r"['’]?s\b")
# The word after a number, when it may be a scale word: every `_SCALES` and
# `_COMPOUND_SCALES` word starts with b, m or t, and only B, M and T lower-case to them
# (the other words are no scale word; tests keep the tables to these initials).
_SCALE_AFTER = re.compile(r"[ \u00a0\u202f]*(?=[bmtBMT])([^\W\d_]+\.?)(?:\s+([^\W\d_]+))?")
_WORD = re.compile(r"[^\W\d_][^\W\d_]*")  # (a class first: see _DIGIT_RUN)
# An ordinal suffix a Roman numeral may carry: XIIIe, XIXème, Ier (fr), XXº, XXª (es,
# pt, it), XX-й, XX-го (ru). Lower-case, so DIE or MIXE stay words.
_ROMAN_ORDINAL = r"(?:er|re|e|ème|eme|è|\.?º|\.?ª|-й|-го|-я|-е|-м)?"
_ROMAN = re.compile(
    rf"\b(?=[MDCLXVI]{{2,}}{_ROMAN_ORDINAL}(?![^\W\d_]))"
    rf"(M{{0,3}}(?:CM|CD|D?C{{0,3}})(?:XC|XL|L?X{{0,3}})(?:IX|IV|V?I{{0,3}})){_ROMAN_ORDINAL}"
    r"(?![^\W\d_])"
)

# A one-letter Roman numeral only counts after a century word ("siglo V", "s. I"):
# elsewhere "I", "V", "C" are a pronoun, a initial, a unit.
_ROMAN_SINGLE = re.compile(
    r"\b(?:siglos?|s\.|century|centuries|siècle|siècles|secolo|secoli|século|séculos|"
    r"jahrhundert)\s+((?-i:[IVX]))\b",  # the numeral itself is case-sensitive (not İ, v, x)
    re.IGNORECASE,
)
# ... or before one, with its ordinal suffix: "Ve siècle", "Ier siècle".
_ROMAN_SINGLE_BEFORE = re.compile(
    rf"\b([IVX]){_ROMAN_ORDINAL}\s+(?i:siècles?|secolo|secoli|século|séculos|век[а-я]*)\b"
)
# Words that read as "1" but are mostly articles: they may stand for a source "1"
# ("1 hour" -> "una hora") but are no evidence for a draft digit the source lacks.
_ARTICLES = frozenset({"a", "an", "un", "una", "une", "ein", "eine", "um", "uma"})

# Languages that write a decimal point; the rest of Europe writes a decimal comma.
_DECIMAL_POINT_LANGS = frozenset({"en", "zh", "ja", "ko", "he", "th", "hi", "ga", "mt"})

# Scale words after a number: "2,5 millones", "2.5 million", "3 Mrd.".
_SCALES: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mil": 1e3,
    "millón": 1e6,
    "millon": 1e6,
    "millones": 1e6,
    "billón": 1e12,
    "billones": 1e12,
    "mille": 1e3,
    "milliard": 1e9,
    "milliards": 1e9,
    "tausend": 1e3,
    "million.": 1e6,
    "millionen": 1e6,
    "mio.": 1e6,
    "mio": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "mrd.": 1e9,
    "mrd": 1e9,
    "mila": 1e3,
    "milione": 1e6,
    "milioni": 1e6,
    "miliardo": 1e9,
    "miliardi": 1e9,
    "milhão": 1e6,
    "milhões": 1e6,
    "milhao": 1e6,
    "milhoes": 1e6,
    "bilhão": 1e9,
    "bilhões": 1e9,
    "mill.": 1e6,
    "mln": 1e6,
    "mld": 1e9,
}
# "mil millones" (es), "mil milhões" (pt): a thousand millions.
_COMPOUND_SCALES = {("mil", "millones"): 1e9, ("mil", "milhões"): 1e9, ("mil", "milhoes"): 1e9}

_SPELLED: dict[str, dict[str, float]] = {
    "en": {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "thousand": 1000,
        "million": 1e6,
        "billion": 1e9,
        "dozen": 12,
        "half": 0.5,
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "tenth": 10,
        "twice": 2,
        "double": 2,
        "once": 1,
        "both": 2,
        "single": 1,
        "twenties": 20,
        "thirties": 30,
        "forties": 40,
        "fifties": 50,
        "sixties": 60,
        "seventies": 70,
        "eighties": 80,
        "nineties": 90,
        "a": 1,
        "an": 1,
        "zero": 0,
    },
    "es": {
        "un": 1,
        "uno": 1,
        "una": 1,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
        "once": 11,
        "doce": 12,
        "trece": 13,
        "catorce": 14,
        "quince": 15,
        "dieciséis": 16,
        "diecisiete": 17,
        "dieciocho": 18,
        "diecinueve": 19,
        "veinte": 20,
        "treinta": 30,
        "cuarenta": 40,
        "cincuenta": 50,
        "sesenta": 60,
        "setenta": 70,
        "ochenta": 80,
        "noventa": 90,
        "cien": 100,
        "ciento": 100,
        "mil": 1000,
        "millón": 1e6,
        "millones": 1e6,
        "docena": 12,
        "medio": 0.5,
        "media": 0.5,
        "primer": 1,
        "primero": 1,
        "primera": 1,
        "segundo": 2,
        "segunda": 2,
        "tercer": 3,
        "tercero": 3,
        "tercera": 3,
        "cuarto": 4,
        "cuarta": 4,
        "quinto": 5,
        "quinta": 5,
        "sexto": 6,
        "sexta": 6,
        "séptimo": 7,
        "séptima": 7,
        "octavo": 8,
        "octava": 8,
        "noveno": 9,
        "novena": 9,
        "décimo": 10,
        "décima": 10,
        "ambos": 2,
        "ambas": 2,
        "doble": 2,
        "cero": 0,
    },
    "fr": {
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "treize": 13,
        "quatorze": 14,
        "quinze": 15,
        "seize": 16,
        "vingt": 20,
        "trente": 30,
        "quarante": 40,
        "cinquante": 50,
        "soixante": 60,
        "cent": 100,
        "mille": 1000,
        "million": 1e6,
        "millions": 1e6,
        "premier": 1,
        "première": 1,
        "deuxième": 2,
        "troisième": 3,
        "quatrième": 4,
        "cinquième": 5,
        "sixième": 6,
        "septième": 7,
        "huitième": 8,
        "neuvième": 9,
        "dixième": 10,
        "demi": 0.5,
        "demie": 0.5,
        "douzaine": 12,
        "deux-tiers": 0.66,
        "zéro": 0,
        "les deux": 2,
    },
    "de": {
        "ein": 1,
        "eine": 1,
        "eins": 1,
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
        "elf": 11,
        "zwölf": 12,
        "zwanzig": 20,
        "dreißig": 30,
        "vierzig": 40,
        "fünfzig": 50,
        "hundert": 100,
        "tausend": 1000,
        "million": 1e6,
        "millionen": 1e6,
        "erste": 1,
        "ersten": 1,
        "zweite": 2,
        "zweiten": 2,
        "dritte": 3,
        "dritten": 3,
        "vierte": 4,
        "vierten": 4,
        "fünfte": 5,
        "fünften": 5,
        "sechste": 6,
        "sechsten": 6,
        "siebte": 7,
        "siebten": 7,
        "achte": 8,
        "achten": 8,
        "neunte": 9,
        "neunten": 9,
        "zehnte": 10,
        "zehnten": 10,
        "halb": 0.5,
        "halbe": 0.5,
        "beide": 2,
        "beiden": 2,
        "dutzend": 12,
        "null": 0,
    },
    "it": {
        "un": 1,
        "uno": 1,
        "una": 1,
        "due": 2,
        "tre": 3,
        "quattro": 4,
        "cinque": 5,
        "sei": 6,
        "sette": 7,
        "otto": 8,
        "nove": 9,
        "dieci": 10,
        "undici": 11,
        "dodici": 12,
        "venti": 20,
        "trenta": 30,
        "quaranta": 40,
        "cinquanta": 50,
        "cento": 100,
        "mille": 1000,
        "mila": 1000,
        "milione": 1e6,
        "milioni": 1e6,
        "primo": 1,
        "prima": 1,
        "secondo": 2,
        "seconda": 2,
        "terzo": 3,
        "terza": 3,
        "quarto": 4,
        "quarta": 4,
        "quinto": 5,
        "quinta": 5,
        "sesto": 6,
        "sesta": 6,
        "settimo": 7,
        "settima": 7,
        "ottavo": 8,
        "ottava": 8,
        "nono": 9,
        "nona": 9,
        "decimo": 10,
        "decima": 10,
        "mezzo": 0.5,
        "entrambi": 2,
        "dozzina": 12,
        "zero": 0,
    },
    "pt": {
        "um": 1,
        "uma": 1,
        "dois": 2,
        "duas": 2,
        "três": 3,
        "quatro": 4,
        "cinco": 5,
        "seis": 6,
        "sete": 7,
        "oito": 8,
        "nove": 9,
        "dez": 10,
        "onze": 11,
        "doze": 12,
        "vinte": 20,
        "trinta": 30,
        "quarenta": 40,
        "cinquenta": 50,
        "cem": 100,
        "cento": 100,
        "mil": 1000,
        "milhão": 1e6,
        "milhões": 1e6,
        "primeiro": 1,
        "primeira": 1,
        "segundo": 2,
        "segunda": 2,
        "terceiro": 3,
        "terceira": 3,
        "quarto": 4,
        "quarta": 4,
        "quinto": 5,
        "quinta": 5,
        "sexto": 6,
        "sexta": 6,
        "sétimo": 7,
        "sétima": 7,
        "oitavo": 8,
        "oitava": 8,
        "nono": 9,
        "nona": 9,
        "décimo": 10,
        "décima": 10,
        "meio": 0.5,
        "meia": 0.5,
        "ambos": 2,
        "ambas": 2,
        "dúzia": 12,
        "zero": 0,
    },
}


class NumberMention(NamedTuple):
    """A number in a text: where it is, how it was written, what it may mean.

    (Immutable and compared by value, as a frozen dataclass; a named tuple because a
    scan makes one per number and a tuple costs a fraction of a dataclass to build.)"""

    start: int
    end: int
    text: str
    values: frozenset[float]
    required: bool = True  # digits are required; words and Roman numerals only available
    scale: float = 1.0  # "3 million": 1e6
    raw: frozenset[float] = frozenset()  # readings before the scale

    def matches(self, other: NumberMention) -> bool:
        return _intersects(self.values, other.values)

    @property
    def display(self) -> str:
        """The main reading, as a plain number: "1500", "3.5" ("10", not the decade 1910)."""
        pool = self.raw if self.raw and self.scale == 1.0 else self.values
        value = min(pool, key=lambda v: (not v.is_integer(), -v))
        # Past ~300 digits a value is inf: show the number as written.
        return format_value(value) if math.isfinite(value) else self.text


def format_value(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _intersects(a: frozenset[float], b: frozenset[float]) -> bool:
    # A shared finite reading (the usual match) is within any tolerance; infinities
    # (a 400-digit token) never match, as in the loop.
    if not a.isdisjoint(b) and any(x - x == 0.0 for x in a & b):
        return True
    return any(abs(x - y) <= 1e-9 * max(1.0, abs(x)) for x in a for y in b)


def _readings(token: str, lang: str) -> set[float]:
    """Every plausible value of a digit token written in `lang`'s conventions."""
    seps = [(i, c) for i, c in enumerate(token) if not c.isdigit()]
    digits_only = "".join(c for c in token if c.isdigit())
    if not seps:
        return {float(digits_only)}
    kinds = {c for _, c in seps}
    spaces = {c for c in kinds if c in "\u00a0\u202f\u2009 '’"}
    marks = kinds - spaces
    if spaces:
        # "1 000 000" / "1 000,5": spaces group thousands; a final , or . is decimal.
        last_i, last_c = seps[-1]
        if last_c in ",." and len(token) - last_i - 1 != 3:
            return {_num(token[:last_i], token[last_i + 1 :])}
        return {float(digits_only)}
    if len(marks) == 2:
        # "1.000,5" or "1,000.5": the last mark is the decimal separator.
        last_i, _ = seps[-1]
        return {_num(token[:last_i], token[last_i + 1 :])}
    mark = next(iter(marks))
    if len(seps) > 1:
        return {float(digits_only)}  # "1.000.000", "1,000,000"
    i = seps[0][0]
    head, tail = token[:i], token[i + 1 :]
    decimal = _num(head, tail)
    if len(tail) != 3 or head == "0":
        return {decimal}
    thousands = float(digits_only)
    # A lone separator before exactly three digits: the writer's convention decides,
    # but both readings stay possible (Mexican Spanish writes 1,500; English 1.500 mm).
    point_lang = lang in _DECIMAL_POINT_LANGS
    preferred = thousands if (mark == ",") == point_lang else decimal
    return {preferred, thousands, decimal}


def _num(head: str, tail: str) -> float:
    head_digits = "".join(c for c in head if c.isdigit()) or "0"
    # float() of the digit string, never int(): int() refuses more than 4,300 digits
    # (a hostile or generated input), float() gives inf there.
    return float(f"{head_digits}.{tail}")


def _scale_after(text: str, end: int) -> tuple[float, int]:
    """A scale word right after a number ("millones", "million", "Mrd."): (factor, new end)."""
    m = _SCALE_AFTER.match(text, end)
    if not m:
        return 1.0, end
    first = m.group(1).lower()
    second = (m.group(2) or "").lower()
    if (first, second) in _COMPOUND_SCALES:
        return _COMPOUND_SCALES[(first, second)], m.end(2)
    word = first if first in _SCALES else first.rstrip(".")
    if word in _SCALES:
        return _SCALES[word], m.start(1) + len(word)
    return 1.0, end


def extract_numbers(
    text: str, lang: str | None = None, *, words: bool = False
) -> list[NumberMention]:
    """Numbers written with digits (and, with `words=True`, spelled-out and Roman ones)."""
    # The comparison and number-mismatch both extract from the same sentences.
    return list(_extract_numbers(text, (lang or "en").lower()[:2], words))


@lru_cache(maxsize=8192)
def _extract_numbers(text: str, lang: str, words: bool) -> tuple[NumberMention, ...]:
    if words:
        # The digit numbers come first (number-mismatch asks for them before the words):
        # a scan with words finds the same ones unless a scale word follows one, so
        # only the words are read again. (Both lists are in text order, a stable sort
        # keeps each digit mention ahead of a word one at the same offset, as a scan.)
        digits = _extract_numbers(text, lang, False)
        if all(n.scale == 1.0 for n in digits):
            found = [*digits, *_word_numbers(text, lang)]
            found.sort(key=_start)
            return tuple(found)
    return tuple(_scan_numbers(text, lang, words))


def _start(mention: NumberMention) -> int:
    return mention.start


def _scan_numbers(text: str, lang: str, words: bool) -> list[NumberMention]:
    mentions: list[NumberMention] = []
    taken = _format_specs(text, lang[:2] if lang else None)
    for m in _TIME.finditer(text) if ":" in text or "h" in text or "∶" in text else ():
        hours, minutes = int(m.group(1)), int(m.group(2))
        if hours <= 24 and minutes < 60:
            value = hours + minutes / 100  # 10:30 == 10.30 == 10h30
            values = {value} | _twenty_four_hour(text, m.end(), hours, minutes)
            mentions.append(NumberMention(m.start(), m.end(), m.group(0), frozenset(values)))
            taken.append((m.start(), m.end()))
    if _DATE_HINT.search(text) is not None:  # a fast scan; _DATE is slow on every text
        for mention in _dates(text, lang):
            mentions.append(mention)
            taken.append((mention.start, mention.end))
    for m in _NUMBER.finditer(text):
        start = m.start()
        if taken and any(s <= start < e for s, e in taken):
            continue
        token = m.group(0).rstrip(" '’\u00a0\u202f\u2009")
        end = start + len(token)
        digits = token.isdigit()
        values = {float(token)} if digits else _readings(token, lang)  # (no separator)
        suffix_end = end
        raw = frozenset(values)
        scale = 1.0
        round_ten = digits and len(token) in (2, 4) and token.endswith("0")
        decade = _DECADE_SUFFIX.match(text, end) if round_ten else None
        if decade:
            # "the 1990s" / "los 90" / "the '90s": a decade, either way round.
            n = int(token)
            values |= {float(n % 100), float(1900 + n % 100)} if n >= 1000 or n < 100 else set()
            suffix_end = decade.end()
        elif round_ten and len(token) == 2:
            values |= {1900.0 + int(token)}  # "los años 90"
        else:
            factor, scale_end = _scale_after(text, end)
            if factor != 1.0:
                values = {v * factor for v in values} | ({*values} if words else set())
                suffix_end = scale_end
                scale = factor
            elif digits and (o := _ORDINAL_SUFFIX.match(text, end)):
                suffix_end = o.end()
            elif digits and len(token) <= 2:
                values |= _twenty_four_hour(text, end, int(token), 0)
        mentions.append(
            NumberMention(
                start, suffix_end, text[start:suffix_end], frozenset(values), True, scale, raw
            )
        )
    if words:
        mentions.extend(_word_numbers(text, lang))
    mentions.sort(key=_start)
    return mentions


def _format_specs(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """The spans of the format placeholders of `text` (in `lang`) that hold a digit."""
    if "%" not in text and "{" not in text:
        return []
    pattern = _FORMAT_SPEC_PERCENT_FIRST if lang in _PERCENT_FIRST_LANGS else _FORMAT_SPEC
    return [m.span() for m in pattern.finditer(text) if _DIGIT.search(m.group(0))]


def _twenty_four_hour(text: str, end: int, hours: int, minutes: int) -> set[float]:
    """The 24-hour reading of a 12-hour time followed by a.m./p.m. at `end` ("9 p.m." is
    also 21, "6:30 pm" 18.30, "12 a.m." 0), in the time values' form (hours + minutes /
    100); empty when no marker follows or the hour is no clock hour."""
    if not 1 <= hours <= 12 or "m" not in text[end : end + 6].lower():
        return set()
    marker = _MERIDIEM.match(text, end)
    if marker is None:
        return set()
    afternoon = marker.group(1).lower() == "p"
    hour = (hours % 12) + (12 if afternoon else 0)
    return {hour + minutes / 100}


def _dates(text: str, lang: str) -> list[NumberMention]:
    """The parts of the numeric dates of `text` (year, month, day as three mentions).
    Day and month order: year first is ISO; dots are always day.month; slashes and
    dashes are day/month except in English, where US month/day is as likely (both
    readings are kept when both parts could be a month). A month's value is
    `_MONTH - m`, which only another date's month or a month name has."""
    out = []
    for m in _DATE.finditer(text):
        if m.group("iy"):
            parts = [("iy", "y"), ("im", "m"), ("id", "d")]
        elif m.group("sep") == "." or lang != "en":
            parts = [("a", "d"), ("b", "m"), ("y", "y")]
        else:
            parts = [("a", "dm"), ("b", "dm"), ("y", "y")]
        found = [(m.start(g), m.group(g), kind, int(m.group(g))) for g, kind in parts]
        months = [n for *_, kind, n in found if kind in ("m", "dm") and 1 <= n <= 12]
        if not months or any(kind != "y" and not 1 <= n <= 31 for *_, kind, n in found):
            continue  # not a date: a version number, a score
        for start, digits, kind, n in found:
            # A month matches only a month (of a date or a name): 04.03 is not 03.04.
            values = {_MONTH - n} if kind == "m" else {float(n)}
            if kind == "dm" and n in months:
                values.add(_MONTH - n)  # US or UK order: either reading
            raw = frozenset({float(n)})
            out.append(
                NumberMention(start, start + len(digits), digits, frozenset(values), raw=raw)
            )
    return out


def _word_numbers(text: str, lang: str) -> list[NumberMention]:
    table = _spelled(lang)
    found = []
    months = _months(lang)
    for m in _WORD.finditer(text):
        low = m.group(0).lower()
        value = table.get(low)
        if value is None:
            month = months.get(low)
            if month is not None:  # a date's month part may need it
                month_value = frozenset({_MONTH - month})
                found.append(NumberMention(m.start(), m.end(), m.group(0), month_value, False))
        else:
            factor, end = _scale_after(text, m.end())
            values = {float(value), float(value) * factor} if factor != 1.0 else {float(value)}
            found.append(
                NumberMention(m.start(), end, text[m.start() : end], frozenset(values), False)
            )
    # Substring and short-regex tests first: the Roman patterns are slow on every text.
    for m in _ROMAN.finditer(text) if _ROMAN_PAIR.search(text) is not None else ():
        value = _roman_value(m.group(1))
        if value:
            found.append(
                NumberMention(m.start(), m.end(), m.group(0), frozenset({float(value)}), False)
            )
    for m in _ROMAN_SINGLE_BEFORE.finditer(text) if _century_word_after(text) else ():
        value = float(_roman_value(m.group(1)))
        found.append(NumberMention(m.start(), m.end(1), m.group(1), frozenset({value}), False))
    for m in _ROMAN_SINGLE.finditer(text) if _single_numeral(text) else ():
        if m.group(1).isupper():
            value = float(_roman_value(m.group(1)))
            found.append(NumberMention(m.start(1), m.end(1), m.group(1), frozenset({value}), False))
    return found


def _century_word_after(text: str) -> bool:
    """A century word that may follow a numeral (siècle, secolo, século, век): substring
    tests, far faster than running `_ROMAN_SINGLE_BEFORE` on every text."""
    return any(hint in text for hint in _CENTURY_HINTS)


def _single_numeral(text: str) -> bool:
    """An upper-case I, V or X, which `_ROMAN_SINGLE` needs (its numeral is case-sensitive)."""
    return "I" in text or "V" in text or "X" in text


# Two numeral letters in a row, which `_ROMAN` needs (it is case-sensitive).
_ROMAN_PAIR = re.compile(r"[MDCLXVI][MDCLXVI]")  # (a class first: see _DIGIT_RUN)
_CENTURY_HINTS = ("iècle", "IÈCLE", "ecol", "ECOL", "écul", "ÉCUL", "ек", "ЕК")


@cache
def _months(lang: str) -> dict[str, int]:
    names = _MONTH_NAMES["en"].split() + _MONTH_NAMES.get(lang, "").split()
    return {name: i % 12 + 1 for i, name in enumerate(names)}


@cache
def _spelled(lang: str) -> dict[str, float]:
    # English words are common in every language's text (and in MT leftovers).
    table = dict(_SPELLED.get("en", {})) if lang != "en" else {}
    table.update(_SPELLED.get(lang, {}))
    return table


def _roman_value(token: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, c in enumerate(token):
        v = values[c]
        total += -v if i + 1 < len(token) and values[token[i + 1]] > v else v
    return total


def _fewer_repeats(
    src: list[NumberMention], available: list[NumberMention], missing: list[NumberMention]
) -> list[NumberMention]:
    """A number written in digits several times ("4 in 10 ... 9 in 10") that the draft
    has fewer times, counting digits and spelled words but not articles: the later
    source occurrences are missing."""
    out = []
    seen: list[NumberMention] = []
    for n in src:
        if n in missing or n.scale != 1.0:
            continue
        same = [m for m in seen if m.matches(n)]
        seen.append(n)
        if not same:
            continue
        counterparts = [
            d for d in available if n.matches(d) and (d.required or d.text.lower() not in _ARTICLES)
        ]
        if len(counterparts) <= len(same):
            out.append(n)
    return out


def missing_numbers(
    source: str, source_lang: str | None, draft: str, draft_lang: str | None
) -> tuple[list[NumberMention], list[NumberMention]]:
    """(source numbers with no counterpart in the draft, draft digit numbers with none in
    the source). A source number is matched by any draft mention — digits or words —
    sharing a reading; repeated numbers need only one counterpart."""
    # Required numbers (the only ones reported) are written with digits: most UI
    # strings and many sentences have none on either side.
    if _DIGIT.search(source) is None and _DIGIT.search(draft) is None:
        return [], []
    run = _lone_number(source)
    if run is not None and run == _lone_number(draft):
        return [], []  # "Only 3 files left." / "Quedan 3 archivos.": no scan needed
    missing, extra = _missing_numbers(source, source_lang, draft, draft_lang)
    return list(missing), list(extra)


# `\d+`, written to start with a character class: `re` then skips to each digit in a
# fast scan, where a pattern that starts with a repeat is tried at every position.
_DIGIT_RUN = re.compile(r"\d\d*")


def _lone_number(text: str) -> str | None:
    """The digits of a text that writes one number, as a plain run of digits with no
    scale word after it ("Only 3 files left."), or None.

    Two texts with the same such run agree (`_missing_numbers` finds nothing missing or
    extra): one run of digits has no time, date, grouping or decimal in it (each needs
    digits on both sides of a mark), so a scan finds one digit mention there, and every
    reading it gives keeps the digits' own value unless a scale word multiplies it. The
    run must not follow "." or "," (".5" is no number to the scan) nor be a format
    placeholder's (which the scan skips), and must be short enough for a finite value
    (a 400-digit token matches nothing)."""
    runs = _DIGIT_RUN.findall(text)
    if len(runs) != 1 or len(runs[0]) > 15:
        return None
    run = runs[0]
    start = text.find(run)  # digits occur only inside the one run, first at its start
    if start and text[start - 1] in ".,%{":  # ".5", or a placeholder's (`%1$s`, `{0}`)
        return None
    if _format_specs(text):  # `%-10s`, `{0:>8}`: the scan skips those digits
        return None
    if _scale_after(text, start + len(run))[0] != 1.0:
        return None
    return run


def _digits_agree(src: list[NumberMention], draft: list[NumberMention]) -> bool:
    """Every source digit number has a draft digit counterpart and vice versa, and no
    source number repeats: then nothing is missing or extra, and the spelled-out words
    of either side (the slow part of a scan) need not be read. Exact: a scan with
    words=True finds the same digit numbers, each with the same or more readings, so
    every match found here is found there too."""
    if not all(any(n.matches(d) for d in draft) for n in src):
        return False
    if not all(any(d.matches(n) for n in src) for d in draft):
        return False
    # A repeated source number needs as many counterparts (`_fewer_repeats`).
    return not any(a.matches(b) for i, a in enumerate(src) for b in src[i + 1 :])


@lru_cache(maxsize=8192)
def _missing_numbers(
    source: str, source_lang: str | None, draft: str, draft_lang: str | None
) -> tuple[tuple[NumberMention, ...], tuple[NumberMention, ...]]:
    # Memoised: number-mismatch and the comparison's suspicion score ask about the same
    # pairs, and catalogues repeat strings across files. (Mentions are frozen.)
    src = [n for n in extract_numbers(source, source_lang) if n.required]
    if _digits_agree(src, extract_numbers(draft, draft_lang)):
        return (), ()
    available = extract_numbers(draft, draft_lang, words=True)
    if not src and not any(d.required for d in available):
        return (), ()
    scales = {v for d in available for v in d.values if v >= 1000}
    missing = [
        n
        for n in src
        if not any(n.matches(d) for d in available)
        # "between 3 million and 10 million" = "entre 3 y 10 millones": a shared scale word
        and not (
            n.scale != 1.0
            and _intersects(frozenset({n.scale}), frozenset(scales))
            and any(_intersects(n.raw, d.values) for d in available)
        )
    ]
    missing += _fewer_repeats(src, available, missing)
    missing.sort(key=_start)
    src_all = [
        n
        for n in extract_numbers(source, source_lang, words=True)
        if n.required or n.text.lower() not in _ARTICLES
    ]
    extra = [d for d in available if d.required and not any(d.matches(s) for s in src_all)]
    return tuple(missing), tuple(extra)
