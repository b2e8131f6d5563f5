"""Rules: source-aware checks (numbers, names, omissions, additions, untranslated
segments) and MT-aware second looks (divergence from MT, raw MT output).

All of them read `ctx.comparison` (built by `transcheck.compare`) and yield
nothing when it is None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from transcheck.data import locale_data
from transcheck.findings import Finding, Severity, Span
from transcheck.registry import BaseRule, RuleContext

if TYPE_CHECKING:
    from transcheck.compare import Comparison, PairInfo

_PUNCT_SPACE = re.compile(r"[\W_]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_TOKEN = re.compile(r"[\w'’.-]+")
# A capitalised word: a capital then lower-case letters (all-caps acronyms are
# skipped: ONU/UN, OTAN/NATO, EE.UU./US are translated, not transliterated).
_CAP = re.compile(
    r"(?:[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐΑ-Ω]['’])?[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐΑ-Ω][a-zß-öø-ÿā-žа-яёіїєґα-ω]"
    r"[a-zß-öø-ÿā-žа-яёіїєґα-ω'’-]*"
)
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


def _norm(text: str) -> str:
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
        starts_sentence = k == 0 or _sentence_start_before(text, tok.start())
        if (is_cap and not starts_sentence) or (run and word.lower() in _CONNECTORS):
            run.append(tok)
        else:
            flush()
        if tok.group(0).endswith(".") and run:
            flush()
    flush()
    return names


def _sentence_start_before(text: str, pos: int) -> bool:
    """True when only openers/punctuation that start a clause precede `pos`."""
    before = text[:pos].rstrip()
    if not before:
        return True
    return before[-1] in ".!?¿¡:;\"“«‘'(—–-"


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


@cache
def _exonym_table() -> dict[str, tuple[str, ...]]:
    """Normalised name -> its forms in the other language (both directions)."""

    lines: list[str] = []
    for file in ("exonyms.tsv", "exonyms_geo.tsv"):
        lines += locale_data().joinpath(file).read_text(encoding="utf-8").splitlines()
    table: dict[str, set[str]] = {}
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        left, right = (col.split("|") for col in line.split("\t"))
        for forms, other in ((left, right), (right, left)):
            for form in forms:
                table.setdefault(_norm(_ascii_lower(form)), set()).update(other)
    return {k: tuple(sorted(v)) for k, v in table.items()}


def _exonym_present(name: str, draft: str) -> bool:
    """The name, or one of its words, is a common place/people name whose other-language
    form is in the draft (Pekín -> Beijing, British -> británico)."""
    table = _exonym_table()
    draft_norm = f" {_norm(_ascii_lower(draft))} "
    words = _norm(_ascii_lower(name)).split()
    # Longest runs first: "Estados Unidos" before "Unidos".
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            forms = table.get(" ".join(words[i : i + size]))
            if forms and any(f" {_norm(_ascii_lower(f))} " in draft_norm for f in forms):
                return True
    return False


def _kept_by_mt(name: str, mt: str) -> bool:
    """True when the MT keeps a token of the name (possibly respelled): MT engines keep
    names they don't know and translate the ones they do (Londres -> London)."""
    keys = _keys(mt)
    return any(_token_present(t, keys) for t in _name_tokens(name))


@cache
def _name_heads() -> frozenset[str]:
    """Common nouns that head or qualify names and are translated (Gobierno, Sea,
    Countess, Primera), ASCII lower case."""
    words: set[str] = set()
    text = locale_data().joinpath("name_heads.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            words.update(_ascii_lower(w) for w in line.split("\t")[1].split("|"))
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


def _missing_names(
    source: str, draft: str, mt: str | None, src_en: bool
) -> list[tuple[int, int, str]]:
    """(start, end, name) of the source's names with no counterpart in the draft.

    A name is found when one of its carried-over words is in the draft (spelling-
    aware) or the draft has its exonym. Otherwise it is missing unless the MT
    translates it (only the MT's own rendering could vouch for it, so stay quiet) or
    the draft has a name of its own, unexplained by the source and the MT, that
    looks like a rendering of it (each draft name excuses one source name).
    """
    draft_keys: set[str] = set()
    mt_keys = _keys(mt) if mt else set()
    mt_names: list[list[str]] | None = None
    missing: list[tuple[int, int, str, list[str]]] = []
    spans = _name_spans(source)
    found_at: set[int] = set()  # start offsets of the names the draft has
    # Right to left: "Son of Rambow", "Ministry of Defence" are one name whose head is
    # translated (El hijo de Rambow): the head needs no match when its tail is found.
    for k in range(len(spans) - 1, -1, -1):
        start, end, name = spans[k]
        tokens = _core_tokens(name)
        if not tokens:
            continue  # Gobierno, Primer Ministro, Black Sea's "Sea": translated words
        if not draft_keys:
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
        if mt is not None and not _kept_by_mt(name, mt):
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


def _neighbour_draft(comp: Comparison, k: int) -> str:
    """The draft text of pairs k-1 and k+1: a misaligned merge must not cause a finding."""
    idx: list[int] = []
    for pair in comp.pairs[max(0, k - 1) : k + 2]:
        if pair is not comp.pairs[k]:
            idx.extend(pair.tgt)
    return comp.draft_text(sorted(set(idx)))


def _matched(comp: Comparison) -> Iterator[tuple[int, PairInfo]]:
    for k, pair in enumerate(comp.pairs):
        if pair.src and pair.tgt:
            yield k, pair


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class NumberMismatch(BaseRule):
    """Numbers in the source sentence that the aligned draft sentence lacks or changes.

    What it flags:
        A number written with digits in a source sentence that has no counterpart
        in the aligned draft sentence. Numbers are compared by value across locale
        formats: "1.500" (es) = "1,500" (en) = "1 500" (fr), "3,5 %" = "3.5%",
        "2,5 millones" = "2.5 million", "7 de diciembre" = "December 7", and a
        spelled-out word ("three", "dos") or a Roman numeral ("siglo XX") in the
        draft counts as the number.

    Why it matters:
        A wrong figure, date or amount is the most damaging translation error and
        the easiest to miss on a read-through.

    Example:
        Source "Llegaron 1.500 personas." / draft "1,050 people arrived." →
        source has 1.500 (1500); draft has 1,050.

    Fix:
        Copy the number from the source, converting separators to the target
        language's convention.
    """

    name = "number-mismatch"
    summary = "A number of the source is missing or different in the draft."
    default_severity = Severity.ERROR
    needs_source = True

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        from transcheck.numbers import extract_numbers, missing_numbers

        comp = ctx.comparison
        if comp is None:
            return
        for k, pair in _matched(comp):
            src_text, tgt_text = comp.source_text(pair.src), comp.draft_text(pair.tgt)
            missing, extra = missing_numbers(src_text, comp.src_lang, tgt_text, comp.tgt_lang)
            if not missing and not extra:
                continue
            # A misaligned neighbour must not cause a finding: look one pair around.
            if missing:
                nearby = extract_numbers(_neighbour_draft(comp, k), comp.tgt_lang, words=True)
                missing = [n for n in missing if not any(n.matches(d) for d in nearby)]
            if extra:
                around = extract_numbers(_neighbour_source(comp, k), comp.src_lang, words=True)
                extra = [d for d in extra if not any(d.matches(s) for s in around if s.required)]
            src_span = comp.source_span(pair.src)
            tgt_span = comp.draft_span(pair.tgt)
            if src_span is None or tgt_span is None:
                continue
            src_base = _sentence_offsets(comp, pair.src, source=True)
            tgt_base = _sentence_offsets(comp, pair.tgt, source=False)
            if len(missing) == 1 and len(extra) == 1:
                number, wrong = missing[0], extra[0]
                where = Span(*_offset(src_base, number.start, number.end))
                span = Span(*_offset(tgt_base, wrong.start, wrong.end))
                message = f"source has {number.text} ({number.display}); draft has {wrong.text}"
                yield self.finding(span, message, source_span=where, suggestion=None)
                continue
            for number in missing:
                where = Span(*_offset(src_base, number.start, number.end))
                message = f"source has {number.text} ({number.display}), missing in the draft"
                yield self.finding(tgt_span, message, source_span=where)
            for wrong in extra:
                span = Span(*_offset(tgt_base, wrong.start, wrong.end))
                message = f"draft has {wrong.text} ({wrong.display}), not in the source"
                yield self.finding(span, message, source_span=src_span)


def _neighbour_source(comp: Comparison, k: int) -> str:
    """The source text of pairs k-1 and k+1 (a draft number may come from a neighbour)."""
    idx: list[int] = []
    for pair in comp.pairs[max(0, k - 1) : k + 2]:
        if pair is not comp.pairs[k]:
            idx.extend(pair.src)
    return comp.source_text(sorted(set(idx)))


def _sentence_offsets(
    comp: Comparison, idx: tuple[int, ...], *, source: bool
) -> list[tuple[int, int]]:
    """(text offset in the joined pair text, document offset) for each sentence."""
    spans = comp.source_sentences if source else comp.draft_sentences
    out, pos = [], 0
    for i in idx:
        out.append((pos, spans[i].start))
        pos += spans[i].end - spans[i].start + 1  # joined with one space
    return out


def _offset(bases: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Map offsets in a joined pair text back to document offsets."""
    for joined, doc in reversed(bases):
        if start >= joined:
            return doc + start - joined, doc + end - joined
    return bases[0][1] + start, bases[0][1] + end


class NameMismatch(BaseRule):
    """A proper name of the source that the aligned draft sentence does not contain.

    What it flags:
        A capitalised name in the middle of a source sentence (a person, place or
        organisation) with no counterpart in the aligned draft sentence. The match
        is transliteration- and spelling-aware (Рябков = Riabkov = Ryabkov; López =
        Lopez; Putina = Putin; Herlz = Herzl), knows common exonyms (Londres =
        London, el mar Negro = the Black Sea) and ignores the translated words of a
        name (Gobierno, Universidad de, Primer Ministro, Countess). A draft name
        that neither the source nor the MT explains excuses a missing source name
        only when it looks like a rendering of it (Troya → Trojan); an unrelated
        name in its place is reported. With MT, a name the MT translates is asked
        of the draft in the MT's rendering, and one the MT renders as a common
        word is not required. Months, days and titles are not names.

    Why it matters:
        A dropped or garbled name changes who did what; a name that the MT keeps
        but the draft lacks is often a lost clause.

    Example:
        Source "Lo anunció el ministro Rodrigo Ferrández." / draft "The minister
        announced it." → Rodrigo Ferrández is missing in the draft.

    Fix:
        Restore the name, spelled as your style guide transliterates it.
    """

    name = "name-mismatch"
    summary = "A proper name of the source is missing in the draft."
    default_severity = Severity.WARNING
    needs_source = True

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        comp = ctx.comparison
        if comp is None:
            return
        for k, pair in _matched(comp):
            src_text = comp.source_text(pair.src)
            draft_text = comp.draft_text(pair.tgt)
            mt = comp.mt_text(pair.src)
            src_base = _sentence_offsets(comp, pair.src, source=True)
            tgt_span = comp.draft_span(pair.tgt)
            if tgt_span is None:
                continue
            nearby: str | None = None
            for start, end, name in _missing_names(
                src_text, draft_text, mt, comp.src_lang[:2] == "en"
            ):
                if nearby is None:
                    nearby = _neighbour_draft(comp, k)
                if name_present(name, nearby):
                    continue
                yield self.finding(
                    tgt_span,
                    f"source name {name} is missing in the draft",
                    source_span=Span(*_offset(src_base, start, end)),
                )


def missing_source_names(source: str, draft: str, mt: str | None) -> list[str]:
    """Source names with no counterpart in the draft, by the rule's single-pair logic
    (no neighbour context); used as a feature of the pair's suspicion score."""
    return [name for _, _, name in _missing_names(source, draft, mt, False)]


class Omission(BaseRule):
    """A source sentence with no counterpart in the draft, or a much shorter draft sentence.

    What it flags:
        A source sentence that the alignment leaves without a draft sentence (a
        1-0 bead), and a draft sentence much shorter than expected for its source
        (the MT's length when MT is on, the source length times the usual ratio of
        the language pair otherwise); the second case is a warning.

    Why it matters:
        Dropped sentences and clauses are the commonest serious translation error
        and are invisible when the draft is read alone.

    Example:
        Source "Llovió. El río creció. La carretera se cerró." / draft "It rained.
        The road was closed." → "El río creció." has no counterpart.

    Fix:
        Translate the missing sentence or clause.

    Options:
        min_ratio: a draft sentence shorter than this share of its expected
            length is flagged (default 0.5).
        min_words: source sentences with fewer words are ignored (default 4).
    """

    name = "omission"
    summary = "A source sentence (or much of one) is missing in the draft."
    default_severity = Severity.ERROR
    needs_source = True
    default_options: ClassVar[Mapping[str, Any]] = {"min_ratio": 0.5, "min_words": 4}

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        comp = ctx.comparison
        if comp is None or not comp.draft_sentences:
            return
        min_words = int(self.options["min_words"])
        last_tgt: int | None = None
        for k, pair in enumerate(comp.pairs):
            if pair.tgt:
                last_tgt = pair.tgt[-1]
            src_text = comp.source_text(pair.src)
            if len(_WORD.findall(src_text)) < min_words:
                continue
            if pair.src and not pair.tgt:
                anchor = last_tgt if last_tgt is not None else _next_tgt(comp, k)
                if anchor is None:
                    continue
                yield self.finding(
                    comp.draft_sentences[anchor],
                    f"source sentence has no counterpart in the draft: “{_shorten(src_text)}”",
                    source_span=comp.source_span(pair.src),
                )
            elif (
                pair.tgt
                and pair.length_ratio is not None
                and pair.length_ratio < float(self.options["min_ratio"])
                and len(src_text) >= 40
            ):
                span = comp.draft_span(pair.tgt)
                assert span is not None
                yield self.finding(
                    span,
                    f"draft sentence is {pair.length_ratio:.0%} of the expected length; "
                    "part of the source may be missing",
                    source_span=comp.source_span(pair.src),
                    severity=Severity.WARNING,
                )


def _next_tgt(comp: Comparison, k: int) -> int | None:
    for pair in comp.pairs[k + 1 :]:
        if pair.tgt:
            return pair.tgt[0]
    return None


class Addition(BaseRule):
    """A draft sentence with no counterpart in the source.

    What it flags:
        A draft sentence that the alignment leaves without a source sentence (a
        0-1 bead), when it has at least `min_words` words.

    Why it matters:
        Added sentences are either the translator's notes left in, text pasted
        from elsewhere, or a sign that the draft was made from another version
        of the source.

    Example:
        Source "Llovió." / draft "It rained. Note to editor: check this." → "Note
        to editor: check this." has no source.

    Fix:
        Remove the sentence, or check that the source is the right version.

    Options:
        min_words: shorter draft sentences are ignored (default 4).
    """

    name = "addition"
    summary = "A draft sentence has no counterpart in the source."
    default_severity = Severity.WARNING
    needs_source = True
    default_options: ClassVar[Mapping[str, Any]] = {"min_words": 4}

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        comp = ctx.comparison
        if comp is None or not comp.source_sentences:
            return
        for pair in comp.pairs:
            if pair.tgt and not pair.src:
                text = comp.draft_text(pair.tgt)
                if len(_WORD.findall(text)) < int(self.options["min_words"]):
                    continue
                span = comp.draft_span(pair.tgt)
                assert span is not None
                yield self.finding(
                    span, f"draft sentence has no counterpart in the source: “{_shorten(text)}”"
                )


def _mostly_names(text: str) -> bool:
    """A sentence of names/numbers only: fewer than two lower-case words of 3+ letters."""
    lower = [w for w in _WORD.findall(text) if len(w) >= 3 and w[0].islower()]
    return len(lower) < 2


def _has_common_word(text: str) -> bool:
    return any(len(w) >= 4 and w[0].islower() for w in _WORD.findall(text))


class UntranslatedSegment(BaseRule):
    """A draft sentence identical to its source sentence.

    What it flags:
        A draft sentence equal to its aligned source sentence after normalising
        case, spaces and punctuation — a segment left untranslated. Sentences of
        names and numbers only are ignored, and so are sentences the MT also
        leaves unchanged (a quotation already in the target language).

    Why it matters:
        A segment left in the source language is a visible defect that spell
        checkers in the source's script don't catch.

    Example:
        Source "El acuerdo se firmó ayer." / draft "El acuerdo se firmó ayer."

    Fix:
        Translate the segment.
    """

    name = "untranslated-segment"
    summary = "A draft sentence is the source sentence, untranslated."
    default_severity = Severity.ERROR
    needs_source = True

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        comp = ctx.comparison
        if comp is None:
            return
        for _, pair in _matched(comp):
            src_text, tgt_text = comp.source_text(pair.src), comp.draft_text(pair.tgt)
            norm = _norm(src_text)
            if not norm or norm != _norm(tgt_text):
                continue
            mt_norms = [_norm(" ".join(run.sentences[i] for i in pair.src)) for run in comp.mt]
            if norm in mt_norms:
                continue  # the MT keeps it too: already in the target language
            # Names and numbers stay as they are; but a short string the MT does translate
            # ("Units of measurement" in a UI file) is translatable text left as is.
            if _mostly_names(tgt_text) and not (mt_norms and _has_common_word(tgt_text)):
                continue
            span = comp.draft_span(pair.tgt)
            assert span is not None
            yield self.finding(
                span,
                "draft sentence is identical to the source: untranslated?",
                source_span=comp.source_span(pair.src),
            )


class MtDivergence(BaseRule):
    """A draft sentence unusually far from the MT of its source, for this document.

    What it flags:
        An aligned pair whose chrF against the machine translation is an outlier
        among the document's pairs (a robust z-score above `threshold`; a warning
        above `severity_threshold`). MT is a second opinion, not a reference: a
        good free translation can score low. This points at sentences worth a
        second look; it is not a verdict.

    Why it matters:
        Mistranslations, omitted clauses and sentences translated from a
        different source version tend to diverge from the MT far more than the
        document's usual paraphrase does.

    Example:
        A 30-sentence article whose pairs score chrF 45-65 against Apertium, and
        one pair at 12 → flagged.

    Fix:
        Reread the sentence against the source; no change if it is right.

    Options:
        threshold: robust z-score above which a pair is reported (default 2.5).
        severity_threshold: z-score above which it is a warning (default 4.0).
    """

    name = "mt-divergence"
    summary = "A draft sentence diverges from the MT far more than the rest of the document."
    default_severity = Severity.INFO
    needs_source = True
    needs_mt = True
    default_options: ClassVar[Mapping[str, Any]] = {"threshold": 2.5, "severity_threshold": 4.0}

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        comp = ctx.comparison
        if comp is None or not comp.mt:
            return
        threshold = float(self.options["threshold"])
        severe = float(self.options["severity_threshold"])
        backend = comp.mt[0].ident
        for _, pair in _matched(comp):
            if pair.chrf is None or pair.divergence < threshold:
                continue
            span = comp.draft_span(pair.tgt)
            assert span is not None
            yield self.finding(
                span,
                f"chrF {pair.chrf:.1f} against {backend} is unusually low for this document "
                f"(z = {pair.divergence:.1f}); worth a second look",
                source_span=comp.source_span(pair.src),
                severity=Severity.WARNING if pair.divergence >= severe else None,
            )


class RawMt(BaseRule):
    """A draft sentence identical to the machine translation of its source.

    What it flags:
        A draft sentence equal to an MT backend's output for its source sentence
        (after normalising case, spaces and punctuation), with at least three
        words. Informational, for workflows that require post-editing.

    Why it matters:
        Some clients and publications require every machine-translated sentence
        to be reviewed; verbatim MT shows where that may not have happened.

    Example:
        MT "The agreement was signed yesterday." / draft "The agreement was
        signed yesterday."

    Fix:
        Review the sentence; keep it if it is right.
    """

    name = "raw-mt"
    summary = "A draft sentence is verbatim machine translation."
    default_severity = Severity.INFO
    needs_source = True
    needs_mt = True

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        comp = ctx.comparison
        if comp is None or not comp.mt:
            return
        for _, pair in _matched(comp):
            draft = _norm(comp.draft_text(pair.tgt))
            if len(draft.split()) < 3:
                continue
            for run in comp.mt:
                if _norm(" ".join(run.sentences[i] for i in pair.src)) == draft:
                    span = comp.draft_span(pair.tgt)
                    assert span is not None
                    yield self.finding(
                        span, f"draft sentence is the verbatim output of {run.ident}"
                    )
                    break


RULES = (NumberMismatch, NameMismatch, Omission, Addition, UntranslatedSegment, MtDivergence, RawMt)
