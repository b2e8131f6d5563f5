"""Is a proper name of a source sentence present in its translation?

The name-matching half of `name-mismatch` (and a feature of the comparison's
suspicion score): the source's names (capitalised runs not at a sentence start),
a transliteration-aware key per word (Рябков ~ Riabkov ~ Ryabkov, López ~ Lopez),
exonyms and translated name heads from `locale_data`, and the MT's rendering of a
name as extra evidence of what it becomes in the draft.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterator, Sequence
from functools import cache, lru_cache

from transcheck.data import locale_data

# The languages that capitalise every noun: capitals are no evidence of a name there
# (noun_caps, names).
NOUN_CAPS_LANGS = frozenset({"de", "lb"})

_PUNCT_SPACE = re.compile(r"[\W_]+")
_TOKEN = re.compile(r"[\w'’.-]+")
# A capitalised word: a capital then lower-case letters (all-caps acronyms are
# skipped: ONU/UN, OTAN/NATO, EE.UU./US are translated, not transliterated).
_CAPITALS = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐΑ-Ω"
_CAP = re.compile(
    rf"(?:[{_CAPITALS}]['’])?[{_CAPITALS}][a-zß-öø-ÿā-žа-яёіїєґα-ω]"
    r"[a-zß-öø-ÿā-žа-яёіїєґα-ω'’-]*"
)
# Every name has a word `_CAP` matches that is not the text's first token: a text
# without one of these characters after its first character has no name.
ANY_CAPITAL = re.compile(f"[{_CAPITALS}]")
_CONNECTORS = frozenset(
    [
        "de",
        "del",
        "la",
        "las",
        "los",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "van",
        "von",
        "der",
        "den",
        "le",
        "du",
        "al",
        "el",
        "bin",
        "ibn",
    ]
)

# Capitalised words that are not names (months, days, titles, honorifics).
_NOT_NAMES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "setiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "gennaio",
        "febbraio",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "settembre",
        "ottobre",
        "dicembre",
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
        "janeiro",
        "fevereiro",
        "março",
        "maio",
        "junho",
        "julho",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
        "segunda",
        "terça",
        "quarta",
        "quinta",
        "sexta",
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sr",
        "sra",
        "srta",
        "don",
        "doña",
        "señor",
        "señora",
        "president",
        "presidente",
        "minister",
        "ministro",
        "ministra",
        "king",
        "queen",
        "rey",
        "reina",
        "prince",
        "príncipe",
        "princess",
        "princesa",
        "pope",
        "papa",
        "saint",
        "san",
        "santa",
        "san",
        "sir",
        "lord",
        "lady",
        "general",
        "senator",
        "senador",
        "senadora",
        "governor",
        "gobernador",
        "mayor",
        "alcalde",
        "professor",
        "profesor",
        "doctor",
        "doctora",
        "herr",
        "frau",
        "monsieur",
        "madame",
        "signor",
        "signora",
    ]
)


def normalise(text: str) -> str:
    return _PUNCT_SPACE.sub(" ", text.lower()).strip()


@cache
def _ascii_lower(text: str) -> str:
    from anyascii import anyascii

    return anyascii(text).lower()


def source_names(text: str) -> list[str]:
    """Proper names in a sentence: runs of capitalised words not at its start."""
    return [name for _, _, name in _name_spans(text)]


def _name_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    # name-mismatch, the suspicion score and the draft-name checks all scan the same
    # sentences; catalogues repeat strings too.
    return _cached_name_spans(text)


@lru_cache(maxsize=8192)
def _cached_name_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(_scan_name_spans(text))


# Verbs of software instructions: the capitalised word after them is a button, menu or
# setting (Click Save, press Enter, choose Privacy), which the translation renders in its
# own words. English only: catalogues are mostly written from English.
_UI_VERBS = frozenset(
    ["click", "tap", "press", "select", "choose", "open", "enable", "disable", "toggle", "uncheck"]
)
# ... and the nouns that follow such a label ("the Settings page").
_UI_NOUNS = frozenset(
    [
        "page",
        "menu",
        "tab",
        "button",
        "screen",
        "dialog",
        "panel",
        "pane",
        "icon",
        "field",
        "option",
    ]
)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _scan_name_spans(text: str) -> list[tuple[int, int, str]]:
    tokens = list(_TOKEN.finditer(text))
    names: list[tuple[int, int, str]] = []
    run: list[re.Match[str]] = []

    def flush() -> None:
        while run and run[-1].group(0).lower() in _CONNECTORS:
            run.pop()
        words = [t.group(0) for t in run if t.group(0).lower() not in _CONNECTORS]
        if words:
            end = run[-1].end() - (1 if run[-1].group(0).endswith(".") else 0)
            names.append((run[0].start(), end, text[run[0].start() : end]))
        run.clear()

    for k, tok in enumerate(tokens):
        if run and text[run[-1].end() : tok.start()].strip():
            flush()  # a comma or bracket between two capitalised words: two names
        word = tok.group(0).rstrip(".")
        is_cap = bool(_CAP.fullmatch(word)) and word.lower() not in _NOT_NAMES
        if is_cap and not run and k and tokens[k - 1].group(0).lower() in _UI_VERBS:
            is_cap = False  # a UI label, not a name: "Click Save", "choose Privacy"
        starts_sentence = is_cap and (k == 0 or _sentence_start_before(text, tok.start()))
        if (is_cap and not starts_sentence) or (run and word.lower() in _CONNECTORS):
            run.append(tok)
        elif len(run) == 1 and word.lower() in _UI_NOUNS:
            run.clear()  # a UI label: "the Settings page", "the Share button"
        else:
            flush()
        if tok.group(0).endswith(".") and run:
            flush()
    flush()
    return names


def _sentence_start_before(text: str, pos: int) -> bool:
    """True when only openers/punctuation that start a clause precede `pos` (markup
    tags aside: `<strong>Note:</strong>` in a software string starts with Note), or a
    tab before it (`mark_cell_breaks` writes one where a string's layout breaks). Walks
    back from `pos` over spaces and tags only: called per capitalised word, it must not
    copy or rescan the text before it."""
    i = pos
    while True:
        while i > 0 and text[i - 1].isspace():
            if text[i - 1] == "\t":
                return True  # a new cell: a column of help text, a tab-separated table
            i -= 1
        if i == 0:
            return True
        if text[i - 1] == ">":
            start = text.rfind("<", 0, i - 1)
            if start >= 0 and _TAG.fullmatch(text, start, i):
                i = start
                continue
        return text[i - 1] in ".!?¿¡:;\"“«‘'(—–-"


# Where a string's layout starts a new line or cell, in the file's own text: an escaped
# line break or tab (`\n`, `\t` in PO, JSON, .strings), a tab, or two spaces in a row
# (the columns of `--help` text). A bare line break is not one: PO wraps long strings
# over lines, and prose is hard-wrapped mid-sentence ("met with\nPresident Macron").
_CELL_BREAK = re.compile(r"\\[ntr]|\t| {2}")
_RUN = re.compile(r"\s{2,}(?=\S)")


def mark_cell_breaks(text: str, raw: str, base: int) -> str | None:
    """`text` (a sentence of the analysis text, at offset `base` of the document whose
    unmasked text is `raw`) with a tab written at each layout break before a word,
    which `_sentence_start_before` reads as a new sentence (same length, same
    offsets); None when it has no such break. Escapes and quotes are blanked in the
    analysis text, so only the file's text tells an escaped break from PO wrapping."""
    marked: list[str] | None = None
    for run in _RUN.finditer(text):
        if _CELL_BREAK.search(raw, base + run.start(), base + run.end()):
            if marked is None:
                marked = list(text)
            marked[run.end() - 1] = "\t"
    return None if marked is None else "".join(marked)


def ordinary_word_name(name: str, words: Container[str]) -> bool:
    """Is every capitalised word of `name` an ordinary word: written in lower case in
    `words` (the file's source text), and neither a known given name nor a country or
    people name (Will, Rose, Turkey)? Capitals start lines, labels and Title Case
    titles of software strings ("Work Phone", "Show All"): a word written elsewhere in
    lower case is no name there."""
    caps = [w for w in _NAME_WORD.findall(name) if w[0].isupper()]
    return bool(caps) and all(w.lower() in words and not _known_name(w) for w in caps)


def _known_name(word: str) -> bool:
    """A known given name, or a country or people name (exonyms.tsv)."""
    from transcheck.names.lexicon import given_name_row

    return given_name_row(word) is not None or normalise(_ascii_lower(word)) in _exonym_table()


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’‐-][^\W\d_]+)*")
# Title Case: every word capitalised but the short linking ones.
_TITLE_WORD = re.compile(r"(?<![^\W_])(?<!['’])[^\W\d_]{2,}(?:['’][^\W\d_]+)*(?![^\W_])")
_TITLE_SMALL_TEXT = "a an and as at by for from in into of on or per the to via with"
_TITLE_SMALL = frozenset(_TITLE_SMALL_TEXT.split())


def title_case(text: str) -> bool:
    """Is `text` a Title Case label ("Light Purple", "Show Hidden Files"): two words at
    least, each capitalised but the short linking ones (codes such as prc3 aside)? Its
    capitals say nothing of names."""
    words = [w for w in _TITLE_WORD.findall(text) if w.lower() not in _TITLE_SMALL]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def has_name(text: str) -> bool:
    """Does `text` have a capitalised word (or run) after its sentence start?"""
    return ANY_CAPITAL.search(text, 1) is not None and bool(_name_spans(text))


class NamedWords:
    """Is this word capitalised as a name (`_name_spans`) in a sentence of the text that
    is not Title Case, where a capital is evidence (Connect your Dropbox account)?
    Few words are asked: each is searched for, and only the sentences holding it are
    scanned."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.sentences = sentences  # (start, end) of each sentence in `text`, in order
        self.starts = [start for start, _ in sentences]
        self.answers: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        if word not in self.answers:
            self.answers[word] = self._named(word)
        return self.answers[word]

    def _named(self, word: str) -> bool:
        text, n = self.text, len(word)
        i = text.find(word)
        while i != -1:  # (str.find: a regex over a catalogue costs ms per word)
            j = i + n
            if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
                k = bisect_right(self.starts, i) - 1
                if k >= 0 and j <= self.sentences[k][1] and self._named_at(k, i):
                    return True
            i = text.find(word, j)
        return False

    def _named_at(self, k: int, pos: int) -> bool:
        start, end = self.sentences[k]
        sentence = self.text[start:end]
        if title_case(sentence):
            return False
        return any(s <= pos - start < e for s, e, _ in _name_spans(sentence))


def title_label_word(name: str, draft: str, named: Container[str], draft_lang: str = "") -> bool:
    """Is `name`, from a Title Case source label, no evidence of a name: none of its
    capitalised words is written as a name elsewhere (`named`: the file's source's
    `NamedWords`) or a known name, and the draft, which keeps a name capitalised,
    has none (Light Purple -> Morado claro; Sign In with Dropbox -> Entrar con Dropbox)?
    A draft in a language that capitalises every noun (`draft_lang` German) says
    nothing of names by its capitals."""
    if draft_lang[:2] not in NOUN_CAPS_LANGS and has_name(draft):
        return False
    caps = [w for w in _NAME_WORD.findall(name) if w[0].isupper()]
    return not any(w in named or _known_name(w) for w in caps)


_LETTERS = re.compile(r"[^\W\d_]+")
# English names of peoples and their adjectives, which other languages translate and
# write in lower case (Egyptian, Finnish, Japanese, Achaeans, Slavic).
_DEMONYM = re.compile(r"(?:ish|ese|ians?|eans?|ic|ans|ists?)$")


def _name_tokens(name: str) -> list[str]:
    # Split at apostrophes and hyphens: Duffy's -> Duffy, Radio-televisión -> both parts.
    return [
        _ascii_lower(w)
        for w in _LETTERS.findall(name)
        if w.lower() not in _CONNECTORS and len(w) >= 3
    ]


_KEY_RULES = (
    ("ph", "f"),
    ("th", "t"),
    ("kh", "j"),  # Sakhalin / Sajalín
    ("ch", "c"),  # Kilia / Chilia
    ("qu", "c"),  # Achaemenid / aqueménida
    ("y", "i"),
    ("k", "c"),
    ("w", "v"),
    ("b", "v"),  # Habana / Havana, Córdoba / Cordova
    ("z", "s"),
)
_DOUBLE = re.compile(r"(.)\1+")


@cache
def name_key(word: str) -> str:
    """A transliteration key: ASCII, lower case, ph/f th/t y/i k/c w/v b/v z/s merged,
    doubled letters single (Filipo = Philip, Qaddafi ~ Gaddafi, Ryabkov = Riabkov)."""
    key = _ascii_lower(word)
    for a, b in _KEY_RULES:
        key = key.replace(a, b)
    key = _DOUBLE.sub(r"\1", key)
    if len(key) > 4 and key[0] == "e" and key[1] == "s" and key[2] not in "aeiou":
        key = key[1:]  # Spanish e- before s + consonant: eslavo / Slavic, Escocia / Scotia
    return key


def _stem(key: str) -> str:
    """Final vowels and plural -s differ between languages (Nile/Nilo, Maya/mayas)."""
    stem = key.rstrip("s").rstrip("aeiou")
    return stem if len(stem) >= 3 else key


def _close(a: str, b: str) -> bool:
    """Same name, another spelling or inflection: equal keys, a shared prefix of 60 % of
    the shorter key (at least 4 letters: Maya/mayas, Putin/Putina), or an edit
    distance of 1 (5+ letters) or 2 (8+ letters)."""
    if a == b:
        return True
    full_a, full_b = a, b
    a, b = _stem(a), _stem(b)
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 4:
        return _near(full_a, full_b)
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    if prefix >= 4 and prefix >= 0.6 * shorter:
        return True
    # Edit distance on the stems and on the whole keys (stemming can cut a 5-letter
    # key to 3: Tejas/Texas); a swap of two letters is one edit (Herzl/Herlz).
    return _near(a, b) or _near(full_a, full_b)


def _near(a: str, b: str) -> bool:
    shorter = min(len(a), len(b))
    if shorter < 5 or abs(len(a) - len(b)) > 2:
        return False
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b, score_cutoff=2) <= (2 if shorter >= 8 else 1)


def _keys(text: str) -> set[str]:
    return {name_key(w) for w in _LETTERS.findall(text) if len(w) >= 3}


def _token_present(token: str, keys: set[str]) -> bool:
    return _key_present(name_key(token), keys)


def _key_present(key: str, keys: set[str]) -> bool:
    return key in keys or any(_close(key, k) for k in keys)


def name_present(name: str, text: str) -> bool:
    """True when any significant word of `name` appears in `text`, spelling-aware
    (transliteration key, inflection, one or two typos): río Potomac = Potomac River,
    Kori Schulman -> Schulman."""
    tokens = _name_tokens(name)
    if not tokens:
        return True
    keys = _keys(text)
    return any(_token_present(t, keys) for t in tokens)


def tsv_rows(name: str) -> Iterator[tuple[int, list[str]]]:
    """(line index from 0, columns) of each row of the `locale_data` file `name`, comment
    and blank lines left out: the one reader of the name lists."""
    text = locale_data().joinpath(name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines()):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


@cache
def _exonym_table() -> dict[str, tuple[str, ...]]:
    """Normalised name -> its forms in the other language (both directions)."""
    table: dict[str, set[str]] = {}
    for _, columns in tsv_rows("exonyms.tsv"):
        # en, es and (where German differs) de forms: each form maps to the other columns'.
        forms_by_column = [col.split("|") for col in columns]
        for i, forms in enumerate(forms_by_column):
            other = [f for j, col in enumerate(forms_by_column) if j != i for f in col]
            for form in forms:
                table.setdefault(normalise(_ascii_lower(form)), set()).update(other)
    return {k: tuple(sorted(v)) for k, v in table.items()}


def _exonym_present(name: str, draft: str) -> bool:
    """The name, or one of its words, is a common place/people name whose other-language
    form is in the draft (Pekín -> Beijing, British -> británico)."""
    table = _exonym_table()
    draft_norm = f" {normalise(_ascii_lower(draft))} "
    words = normalise(_ascii_lower(name)).split()
    # Longest runs first: "Estados Unidos" before "Unidos".
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            forms = table.get(" ".join(words[i : i + size]))
            if forms and any(f" {normalise(_ascii_lower(f))} " in draft_norm for f in forms):
                return True
    return False


@cache
def _name_heads() -> frozenset[str]:
    """Common nouns that head or qualify names and are translated (Gobierno, Sea,
    Countess, Primera), ASCII lower case."""
    words: set[str] = set()
    for _, cols in tsv_rows("name_heads.tsv"):
        words.update(_ascii_lower(w) for w in cols[1].split("|"))
    return frozenset(words)


_VOWEL = re.compile(r"[aeiouy]")
_PREV_WORD = re.compile(r"(\w+)\s+$")


_QUOTED = re.compile(r"[\"“«„]([^\"“”«»„]{1,80})[\"”»“]")


def _in_translated_quote(source: str, draft: str, start: int, end: int) -> bool:
    """Is the name inside a quoted stretch whose counterpart in the draft (the quote
    at the same place in order) has words of its own but none of the source's: a
    title translated as a whole ("Zettel's Traum" -> "El sueño de la ficha")?"""
    src_quotes = list(_QUOTED.finditer(source))
    inside = [q for q in src_quotes if q.start(1) <= start and end <= q.end(1)]
    if not inside:
        return False
    draft_quotes = list(_QUOTED.finditer(draft))
    if len(draft_quotes) != len(src_quotes):
        return False
    counterpart = draft_quotes[src_quotes.index(inside[0])].group(1)
    words = [w for w in _LETTERS.findall(counterpart) if len(w) >= 4]
    if not words:
        return False  # an emptied quote: the name was dropped
    src_keys = _keys(inside[0].group(1))
    return not any(_token_present(w, src_keys) for w in words)


def _core_tokens(name: str) -> list[str]:
    """The words of a name that a translation carries over: not the translated heads
    (Mar Negro -> negro; Universidad de Harvard -> harvard), not Spanish -mente adverbs
    (a capitalised title's first word)."""
    heads = _name_heads()
    return [
        t
        for t in _name_tokens(name)
        if t not in heads and not t.endswith("mente") and _VOWEL.search(t)  # Mps, Sr
    ]


def _unexplained_names(source: str, draft: str) -> list[list[str]]:
    """The draft's mid-sentence names (as token keys) with no look-alike in `source`
    (the source sentence and its MT): each may be the rendering of a source name
    (Islandia -> Iceland, Troya -> Trojan War)."""
    src_keys = _keys(source)
    out = []
    for _, _, name in _name_spans(draft):
        tokens = [
            name_key(t)
            for t in _name_tokens(name)
            if not _token_present(t, src_keys) and not _exonym_present(t, source)
        ]
        if tokens:
            out.append(tokens)
    return out


def _may_render(tokens: list[str], rendering: list[str]) -> bool:
    """Could a draft name (token keys) be another language's form of a source name?
    Exonyms keep the root: the same first three letters, or the same first letter and
    most letters in common, or a 5-letter root (Troya/Trojan, Schlei/Schei,
    Reivindicadora/Vindication); an unrelated name (Ferrández
    -> Grimaldi, Essen -> Shen) is not one. Exonyms that share less are in the
    exonym tables (Islandia/Iceland, Eno/Inn)."""
    from rapidfuzz.fuzz import ratio

    for token in tokens:
        a = name_key(token)
        for b in rendering:
            if a[:3] == b[:3] or (a[0] == b[0] and ratio(a, b) >= 70):
                return True
            if min(len(a), len(b)) >= 6 and any(a[k : k + 5] in b for k in range(len(a) - 4)):
                return True  # a shared 5-letter root: Reivindicadora / Vindication
    return False


# What links a name's translated head to the rest of it: "of", "of the", "de", "de la".
_OF_LINK = re.compile(r"\s+(?:of|de|del|di|du|von|van)(?:\s+(?:the|la|las|los|le|les))?\s+")


def _joined(name: str) -> str:
    """A multi-word name written as one word (Monte Carlo / Montecarlo)."""
    return "".join(_LETTERS.findall(name))


def _joined_keys(text: str) -> set[str]:
    return {name_key(_joined(name)) for _, _, name in _name_spans(text) if " " in name}


def _in_draft(key: str, draft_keys: set[str], mt_keys: set[str]) -> bool:
    """A name's key in the draft, exactly or as a close spelling. A close word that
    the MT has too, next to the name kept verbatim, is another word (Andes vs the
    MT's and the draft's "antes"; Lyvet vs "liberado")."""
    if key in draft_keys:
        return True
    kept = key in mt_keys
    return any(_close(key, k) and not (kept and k in mt_keys) for k in draft_keys)


def missing_names(
    source: str, draft: str, mt: str | None, src_en: bool, src_lang: str = ""
) -> list[tuple[int, int, str]]:
    """(start, end, name) of the source's names with no counterpart in the draft.

    A name is found when one of its carried-over words is in the draft (spelling-
    aware) or the draft has its exonym. Otherwise it is missing unless the MT
    translates it (only the MT's own rendering could vouch for it, so stay quiet) or
    the draft has a name of its own, unexplained by the source and the MT, that
    looks like a rendering of it (each draft name excuses one source name).
    """
    if ANY_CAPITAL.search(source, 1) is None:
        return []  # no name at all (most UI strings: a capital at the start only)
    draft_keys: set[str] | None = None  # computed when first needed
    mt_keys = _keys(mt) if mt else set()
    mt_names: list[list[str]] | None = None
    missing: list[tuple[int, int, str, list[str]]] = []
    spans = _name_spans(source)
    if spans and src_lang[:2] in NOUN_CAPS_LANGS:
        # Every noun is capitalised there: keep the words with evidence of a name.
        from transcheck.noun_caps import not_a_name

        spans = tuple(s for s in spans if not not_a_name(source, s[0], s[2]))
    found_at: set[int] = set()  # start offsets of the names the draft has
    # Right to left: "Son of Rambow", "Ministry of Defence" are one name whose head is
    # translated (El hijo de Rambow): the head needs no match when its tail is found.
    for k in range(len(spans) - 1, -1, -1):
        start, end, name = spans[k]
        tokens = _core_tokens(name)
        if not tokens:
            continue  # Gobierno, Primer Ministro, Black Sea's "Sea": translated words
        if draft_keys is None:
            draft_keys = _keys(draft) | _joined_keys(draft)
        if (
            any(_in_draft(name_key(t), draft_keys, mt_keys) for t in tokens)
            or (" " in name and name_key(_joined(name)) in draft_keys)  # Montecarlo
            or _exonym_present(name, draft)
            or (
                (prev := _PREV_WORD.search(source, 0, start))
                and _exonym_present(
                    source[prev.start() : end],
                    draft,  # el mar Negro / the Black Sea
                )
            )
        ):
            found_at.add(start)
            continue
        if _in_translated_quote(source, draft, start, end):
            continue
        if k + 1 < len(spans) and spans[k + 1][0] in found_at:
            link = _OF_LINK.fullmatch(source, end, spans[k + 1][0])
            if link:
                continue
        # MT engines keep names they don't know (possibly respelled) and translate the
        # ones they do (Londres -> London).
        if mt is not None and not any(_token_present(t, mt_keys) for t in _name_tokens(name)):
            # The MT translates it: a term, an exonym, or a name that is also a word
            # (Smith -> Herrero). Ask the draft for the MT's rendering: the MT name
            # that looks like it (Curio -> Curium), else any name of the MT that the
            # source does not explain. An MT with no such name rendered it as a
            # common word (Monkey -> mono): stay quiet.
            if mt_names is None:
                mt_names = _unexplained_names(source, mt)
            rendering = next((r for r in mt_names if _may_render(tokens, r)), None)
            candidates = [rendering] if rendering is not None else mt_names
            if not candidates or any(
                _key_present(key, draft_keys) for r in candidates for key in r
            ):
                found_at.add(start)
                continue
        if src_en and (m := _DEMONYM.search(name)) and m.start() - name.rfind(" ") > 4:
            # Egyptian -> egipcio, Achaeans -> aqueos: translated adjectives (not
            # Julian, Brian: a root of 4+ letters before the ending)
            continue
        missing.append((start, end, name, tokens))
    if not missing:
        return []
    missing.reverse()
    renderings = _unexplained_names(source + " " + (mt or ""), draft)
    out = []
    for start, end, name, tokens in missing:
        rendering = next((r for r in renderings if _may_render(tokens, r)), None)
        if rendering is not None:
            renderings.remove(rendering)
            continue
        out.append((start, end, name))
    return out


def missing_source_names(source: str, draft: str, mt: str | None, src_lang: str = "") -> list[str]:
    """Source names with no counterpart in the draft, by the rule's single-pair logic
    (no neighbour context); used as a feature of the pair's suspicion score."""
    return [name for _, _, name in missing_names(source, draft, mt, False, src_lang)]
