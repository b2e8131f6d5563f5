"""The quote model: which marks a language uses, and how the marks of a text pair up.

Three steps, all linear in the text:

1. **Scan** (`_SCAN`, one regex pass): find every quote glyph, skipping code spans,
   URLs, HTML/XML tags and `attr="value"` fragments (quotes possibly backslash-escaped,
   as PO and JSON strings show them), where straight quotes are syntax, not quotes.
2. **Classify** each mark from its glyph, the language's pairs (`QuoteStyle`) and its
   context (what precedes and follows it): apostrophes (country’s, ’90s, rock ’n’ roll,
   l’État), primes (6'2"), openers, closers.
3. **Pair** with a stack per paragraph. Problems found on the way are recorded as
   `QuoteProblem`s (direction, unclosed, unopened, spacing) for the rules in
   `transcheck.rules.quotes` to report.

Language context matters: “ opens in English and closes in German („…“); ” opens and
closes in Swedish; ’ closes a single quote and is also the apostrophe. Pairs come from
CLDR (`locale_data/quotes.tsv`) plus the alternatives in common use (`_COMMON`), plus
straight quotes, accepted everywhere as a style.

News convention: a quotation may run over several paragraphs; each continued paragraph
opens again (or, in Spanish style, starts with the closing mark) and only the last one
closes. That is not an error.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from operator import attrgetter
from typing import Literal

from transcheck.data import locale_data
from transcheck.findings import Edit, Span

Role = Literal["open", "close", "ambiguous", "apostrophe", "prime"]
ProblemKind = Literal[
    "direction",  # a mark facing the wrong way, or on the wrong side of its space
    "unclosed",  # opened and never closed
    "unopened",  # closed without being opened
    "space-inside",  # space between the mark and the quoted text where the language has none
    "space-missing",  # no space where the language requires one (French « … »)
]

QUOTE_CHARS = "\"'“”‘’«»„‚‹›「」『』"
_DOUBLE = frozenset('"“”„«»「」')  # the "weight" of a mark: double vs single systems
STRAIGHT = frozenset("\"'")
_APOSTROPHE_GLYPHS = frozenset("’'‘")
_INNER_SPACE = " \t\u00a0\u202f\u2009"
NBSP = "\u00a0"

# Alternatives in common use, beyond CLDR's preferred and alternate pairs (transcheck's
# own list of well-known conventions). Straight "…" and '…' are accepted everywhere.
_COMMON: dict[str, tuple[str, ...]] = {
    "en": ("“”", "‘’"),
    "es": ("«»", "“”", "‘’"),
    "ca": ("«»", "“”", "‘’"),
    "gl": ("«»", "“”", "‘’"),
    "pt": ("“”", "‘’", "«»"),
    "it": ("«»", "“”", "‘’"),
    "fr": ("«»", "“”", "‹›", "‘’"),
    "de": ("„“", "‚‘", "»«", "›‹", "«»", "‹›"),
    "nl": ("“”", "‘’", "„”"),
    "sv": ("””", "’’", "»»", "»«"),
    "fi": ("””", "’’", "»»"),
    "da": ("»«", "“”", "„“", "›‹", "””"),
    "nb": ("«»", "‘’", "„“"),
    "no": ("«»", "‘’", "„“"),
    "pl": ("„”", "«»", "»«", "‚’"),
    "cs": ("„“", "‚‘", "»«"),
    "sk": ("„“", "‚‘", "»«"),
    "sl": ("„“", "‚‘", "»«"),
    "hr": ("„“", "‚‘", "»«"),
    "ru": ("«»", "„“", "“”"),
    "uk": ("«»", "„“", "“”"),
    "be": ("«»", "„“", "“”"),
}
# Pairs every text may use for pairing purposes (a style question, not a pairing one).
_INTERNATIONAL = ("“”", "‘’", '""', "''")
# Pairs for glyphs a language does not use at all (German quotes in an English text…),
# added only when their opening glyph is foreign to the language.
_FOREIGN = ("„“", "„”", "‚‘", "‚’", "«»", "»«", "‹›", "›‹", "「」", "『』")
# Languages that put a (no-break) space inside guillemets.
_SPACED_GUILLEMETS = frozenset({"fr"})

# An attribute value, its quotes possibly escaped as a PO, JSON or C string writes them
# (`href=\"%s\"`): the quotes are markup, not quotation marks.
_ATTR_VALUE = r"(?:\\?\"[^\"\n]*\"|\\?'[^'\n]*')"
# A whole HTML/XML start tag with attributes (`<a href="x" class='y'>`, `<img … />`):
# strict syntax (a name, then names with optional values), so prose between < and >
# with quotation marks in it (`<Note "a">`) is not taken for one.
_TAG = (
    r"<[A-Za-z][\w:.-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:" + _ATTR_VALUE + r"|[^\s\"'<>=`\\]+))?)+"
    r"\s*/?>"
)
# One pass: regions to skip (fenced/inline code, URLs, tags, attr="value"), or a quote mark.
_SKIP = "|".join(
    (
        r"```.*?```",
        r"`[^`\n]+`",
        r"(?:https?|ftp)://[^\s<>]+",
        r"www\.[^\s<>]+",
        _TAG,
        r"(?<![\w-])[\w-]+=" + _ATTR_VALUE,
    )
)
_SCAN = re.compile(f"(?P<skip>{_SKIP})|(?P<q>[{QUOTE_CHARS}])", re.S)
_MARK = re.compile("[" + QUOTE_CHARS + "]")
# A literal every skip alternative of _SCAN needs: four `in` tests over the text are ~4x
# faster than one search for their alternation (which has no literal prefix to jump to).
# (`_may_skip` makes the tests.)
_MAY_SKIP = ("`", "://", "www.", "=")
# Elisions that start with an apostrophe: ’n’ (rock ’n’ roll), ’90s, ’em, ’tis…
_ELISION = re.compile(
    r"[’'‘](?:n[’']|\d\d(?:s|er|ers)?\b|(?:em|tis|twas|til|cause|bout|cos|s)\b)", re.I
)
# A paragraph with more quote marks than this is not prose; pairing it would hold
# millions of marks in memory (one 8 MB line of `"` took 2 GB and 220 s).
MAX_PARAGRAPH_MARKS = 50_000
_RUN_LIMIT = 16  # marks looked past on each side of a mark (see _Pairer._ctx)
_FEET_INCHES = re.compile(r"\d['’′] ?\d{1,2}$")  # 6'2" — the " is an inch mark
_PREV_OPEN = frozenset("([{¿¡—–-/<")  # before an opener: "(“", "—“"
_NEXT_OPEN = frozenset("([{¿¡…$€£#@")  # after an opener: "“¿Qué?”", "“…and"
_LOWER_AFTER_PUNCT = re.compile(r"[,;:.!?…—–]\s+$")
# A speech tag turned into an opening mark: `, “she added.` — after a comma or a sentence
# end, a short clause up to the end of the sentence (or of the paragraph).
_TAG_BEFORE = re.compile(r"[,.!?…]\s+$")
_CLAUSE = re.compile(r"([^.!?…\n]*)(?:[.!?…]|$)")
_TAG_WORDS = 6  # "a spokesman for the ministry said"
_WORDS = re.compile(r"\w+")
# Common speech verbs (transcheck's own list, past and present forms) of the languages
# whose news style continues quotations over paragraphs; only needed to tell a speech tag
# from the first words of a continued quotation.
_SPEECH_VERB_TEXT = """
    said says say added adds told tells asked asks explained explains noted notes stressed
    insisted replied continued wrote writes warned argued declared stated claimed recalled
    dijo dice añadió añade agregó agrega afirmó afirma señaló señala explicó explica
    aseguró asegura indicó indica subrayó subraya declaró declara comentó comenta
    manifestó manifiesta apuntó apunta insistió insiste concluyó concluye precisó precisa
    advirtió advierte sostuvo sostiene destacó destaca expresó expresa
    dit ajouté ajoute déclaré explique expliqué souligne souligné affirmé affirme précisé
    précise estime indique assure assuré poursuit poursuivi
    sagte sagt erklärte erklärt fügte betonte betont meinte
    detto disse aggiunto aggiunge spiega spiegato afferma affermato sottolinea
    diz afirmou acrescentou explicou declarou
"""
_SPEECH_VERBS = frozenset(_SPEECH_VERB_TEXT.split())

# Context of a mark, from the kind of character before and after it.
_SPACE, _WORD, _OPENP, _PUNCT = range(4)


@dataclass(frozen=True, slots=True)
class QuoteStyle:
    """The quote conventions of one language."""

    lang: str
    primary: str  # CLDR quotationStart + quotationEnd, e.g. "“”"
    alternate: str  # CLDR alternateQuotationStart + End, e.g. "‘’"
    accepted: frozenset[str]  # pairs that are this language's convention (incl. straight)
    pairs: tuple[str, ...]  # every pair used for pairing (accepted + international + foreign)
    spaced: bool  # guillemets take a space inside (French)

    @property
    def openers(self) -> frozenset[str]:
        return frozenset(p[0] for p in self.pairs)

    @property
    def closers(self) -> frozenset[str]:
        return frozenset(p[1] for p in self.pairs)


@dataclass(frozen=True, slots=True, init=False)
class QuoteMark:
    """One quote glyph in the text and what it does there."""

    offset: int
    char: str
    role: Role  # "ambiguous": a quote glyph left unpaired whose direction is unclear
    level: int = -1  # nesting depth of its pair (0 = outermost); -1 when unpaired
    style: str = ""  # the pair it belongs to, e.g. "“”" or '""'; "" when unpaired

    def __init__(
        self, offset: int, char: str, role: Role, level: int = -1, style: str = ""
    ) -> None:
        # Written out, as Span's: the generated __init__ of a frozen dataclass sets each
        # field through object.__setattr__, and every mark of every text makes one.
        _MARK_OFFSET(self, offset)
        _MARK_CHAR(self, char)
        _MARK_ROLE(self, role)
        _MARK_LEVEL(self, level)
        _MARK_STYLE(self, style)


@dataclass(frozen=True, slots=True, init=False)
class QuotePair:
    open: QuoteMark
    close: QuoteMark | None  # None: left open (unclosed, or continued in the next paragraph)
    level: int
    style: str
    paragraph: int
    continued: bool = False  # runs on into the next paragraph (news convention)

    def __init__(
        self,
        open: QuoteMark,
        close: QuoteMark | None,
        level: int,
        style: str,
        paragraph: int,
        continued: bool = False,
    ) -> None:
        _PAIR_OPEN(self, open)
        _PAIR_CLOSE(self, close)
        _PAIR_LEVEL(self, level)
        _PAIR_STYLE(self, style)
        _PAIR_PARAGRAPH(self, paragraph)
        _PAIR_CONTINUED(self, continued)


def _slot_setters(cls: type, *names: str) -> tuple:
    """The setters of `cls`'s slot descriptors for `names` (they set a field of a frozen
    instance, as Span's do). By name, so that reordering the fields cannot swap them; a
    name that is not a field, or a field left out, fails here, at import."""
    if set(names) != {f.name for f in fields(cls)}:
        raise TypeError(f"{cls.__name__}: setters for {names}, fields {fields(cls)}")
    return tuple(cls.__dict__[name].__set__ for name in names)


_MARK_OFFSET, _MARK_CHAR, _MARK_ROLE, _MARK_LEVEL, _MARK_STYLE = _slot_setters(
    QuoteMark, "offset", "char", "role", "level", "style"
)
_PAIR_OPEN, _PAIR_CLOSE, _PAIR_LEVEL, _PAIR_STYLE, _PAIR_PARAGRAPH, _PAIR_CONTINUED = _slot_setters(
    QuotePair, "open", "close", "level", "style", "paragraph", "continued"
)


@dataclass(frozen=True, slots=True)
class QuoteProblem:
    kind: ProblemKind
    span: Span
    message: str
    suggestion: str | None = None
    edits: tuple[Edit, ...] = ()
    related: tuple[Span, ...] = ()
    safe: bool = True  # False: the spacing may be another language's convention


@dataclass
class QuoteAnalysis:
    lang: str
    style: QuoteStyle
    marks: list[QuoteMark] = field(default_factory=list)
    pairs: list[QuotePair] = field(default_factory=list)
    problems: list[QuoteProblem] = field(default_factory=list)


# --- language data ---------------------------------------------------------------


@cache
def _cldr_table() -> dict[str, tuple[str, str]]:
    """locale -> (primary pair, alternate pair), from the pinned CLDR extract."""
    table: dict[str, tuple[str, str]] = {}
    data = locale_data().joinpath("quotes.tsv")
    with data.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith(("#", "locale\t")) or not line.strip():
                continue
            loc, qs, qe, aqs, aqe = line.rstrip("\n").split("\t")
            table[loc] = (qs + qe, aqs + aqe)
    return table


@cache
def _closers(pairs: tuple[str, ...]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for p in pairs:
        out.setdefault(p[0], set()).add(p[1])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _glyph_sets(style: QuoteStyle) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """`style.openers`, `style.closers`, and the closing glyphs of its accepted pairs:
    worked out once per style rather than once per text."""
    return style.openers, style.closers, frozenset(p[1] for p in style.accepted)


@cache
def quote_style(lang: str | None) -> QuoteStyle:
    """The quote conventions of `lang` (ISO 639-1, optionally with a region: "pt-PT")."""
    table = _cldr_table()
    code = (lang or "en").replace("_", "-")
    base = code.split("-")[0].lower()
    primary, alternate = table.get(code) or table.get(base) or table["en"]
    accepted = [primary, alternate, *_COMMON.get(base, ()), '""', "''"]
    pairs = list(dict.fromkeys([*accepted, *_INTERNATIONAL]))
    if any(p[0] == "„" for p in pairs):
        pairs.append("„”")  # a frequent slip („…” for „…“): pair it, style-locale notes it
    used = {c for p in pairs for c in p}
    pairs += [p for p in _FOREIGN if p[0] not in used and p not in pairs]
    return QuoteStyle(
        lang=base,
        primary=primary,
        alternate=alternate,
        accepted=frozenset(accepted),
        pairs=tuple(pairs),
        spaced=base in _SPACED_GUILLEMETS,
    )


# --- public API --------------------------------------------------------------------


def quote_marks(
    text: str, lang: str | None, paragraphs: Sequence[Span] | None = None
) -> list[QuoteMark]:
    """Every quote glyph of `text` (outside code and URLs) with its role, level and style."""
    return pair_quotes(text, paragraphs, lang).marks


def pair_quotes(text: str, paragraphs: Sequence[Span] | None, lang: str | None) -> QuoteAnalysis:
    """Classify and pair the quote marks of `text`, one stack per paragraph.

    `paragraphs` are the document's paragraph spans (`Document.paragraphs`); None treats
    the whole text as one paragraph.
    """
    style = quote_style(lang)
    paras = list(paragraphs) if paragraphs is not None else [Span(0, len(text))]
    by_para = _scan(text, paras)
    for index, offsets in by_para.items():
        if len(offsets) > 1:  # a quoted mark needs a closing one after it
            by_para[index] = [i for i in offsets if not _quoted_mark(text, i)]
    pairer = _Pairer(text, style)
    carried: _Open | None = None
    last = len(paras) - 1
    previous = -2
    for index in sorted(by_para):  # the paragraphs with marks (a catalogue's are few)
        offsets = by_para[index]
        if index != previous + 1 or len(offsets) > MAX_PARAGRAPH_MARKS:
            # A paragraph without marks (or with too many to be prose: data, art, not
            # paired at all) ends the quote carried into it, as `paragraph` would.
            carried = None
        previous = index
        if len(offsets) > MAX_PARAGRAPH_MARKS:
            continue
        next_para = paras[index + 1] if index < last else None
        carried = pairer.paragraph(index, paras[index], offsets, carried, next_para)
    analysis = QuoteAnalysis(lang=style.lang, style=style)
    analysis.marks = sorted(pairer.marks.values(), key=_OFFSET)
    analysis.pairs = sorted(pairer.pairs, key=_OPEN_OFFSET)
    problems = pairer.problems + spacing_problems(text, analysis.pairs, style, pairer.fixed)
    analysis.problems = sorted(problems, key=lambda p: (p.span.start, p.kind))
    return analysis


# Pairs that may quote a single mark: `«"»`, `'"'`, `“'”`, and GNU messages' `…'
# (`_quoted_mark`).
_QUOTING_PAIRS = frozenset((*_INTERNATIONAL, *_FOREIGN, "`'"))


def _quoted_mark(text: str, i: int) -> bool:
    """The mark at `i` is the whole text of a quotation in other marks: a quote character
    named as such (`missing closing «"»`, `the '"' character`), not a quote itself."""
    j = i - 1
    if j > 0 and text[j] == "\\":  # `«\"»` in a PO or JSON string
        j -= 1
    k = i + 1
    if k + 1 < len(text) and text[k] == "\\" and text[k + 1] in QUOTE_CHARS:
        k += 1
    if j < 0 or k >= len(text):
        return False
    outer = text[j] + text[k]
    return outer in _QUOTING_PAIRS and text[i] not in outer


def uses_guillemets(style: QuoteStyle) -> bool:
    """Whether « » is one of the language's own quotation styles."""
    return "«»" in style.accepted or "»«" in style.accepted


def french_spaced(text: str, pair: QuotePair) -> bool:
    """A guillemet quotation spaced the French way: a space (plain or no-break) inside
    both marks, around quoted text (`« Pourquoi maintenant ? »`)."""
    close = pair.close
    if close is None or pair.open.char not in "«‹" or close.char not in "»›":
        return False
    o, c = pair.open.offset, close.offset
    return (
        c - o > 3
        and text[o + 1] in _INNER_SPACE
        and text[c - 1] in _INNER_SPACE
        and _has_alnum(text, o + 1, c)
    )


def is_double(char: str) -> bool:
    """True for double-weight marks (“ ” „ « » " 「 」), False for single ones."""
    return char in _DOUBLE


# --- scanning ------------------------------------------------------------------------


def _scan(text: str, paras: list[Span]) -> dict[int, list[int]]:
    """Offsets of quote marks per paragraph index, skipping code, URLs and attributes."""
    offsets = _mark_offsets(text)
    if offsets is not None and (not offsets or not _may_skip(text)):
        return _by_paragraph(offsets, paras)
    return _scan_regex(text, paras)


def _scan_regex(text: str, paras: list[Span]) -> dict[int, list[int]]:
    """`_scan` by regex: for texts with regions to skip, or too many marks (a paragraph
    keeps one more than MAX_PARAGRAPH_MARKS, enough to know it has too many)."""
    out: dict[int, list[int]] = {}
    cursor = 0  # marks come in text order: walk the paragraphs alongside

    def add(offset: int) -> None:
        nonlocal cursor
        while cursor < len(paras) and paras[cursor].end <= offset:
            cursor += 1
        if cursor < len(paras) and paras[cursor].start <= offset:
            marks = out.setdefault(cursor, [])
            if len(marks) <= MAX_PARAGRAPH_MARKS:  # one over the limit is enough to know
                marks.append(offset)

    if not _may_skip(text):
        # Nothing to skip (each skip region needs one of these): the quote marks alone,
        # without trying every skip pattern at every position (most of the cost).
        for m in _MARK.finditer(text):
            add(m.start())
        return out
    for m in _SCAN.finditer(text):
        if m.group("q") is not None:
            add(m.start())
            continue
        skipped = m.group("skip")
        if skipped.startswith(("http", "ftp", "www.")):
            # A URL may have swallowed the closing quote that follows it: give it back
            # unless the URL holds the matching opener ("?q="a"").
            end = len(skipped)
            while end and skipped[end - 1] in QUOTE_CHARS:
                ch = skipped[end - 1]
                if ch in STRAIGHT and skipped[: end - 1].count(ch) % 2 == 1:
                    break
                end -= 1
            for k in range(end, len(skipped)):
                add(m.start() + k)
    return out


def _mark_offsets(text: str) -> list[int] | None:
    """The offsets of every quote glyph of `text`, in order, or None past
    MAX_PARAGRAPH_MARKS of them. Found glyph by glyph by `str.find`, which skips the
    text between marks in C (and a glyph wider than the text's characters at once):
    most texts have few marks, and a regex tests every character."""
    offsets: list[int] = []
    for glyph in QUOTE_CHARS:
        at = text.find(glyph)
        while at >= 0:
            if len(offsets) == MAX_PARAGRAPH_MARKS:
                return None  # (`_scan`'s regex then keeps memory bounded per paragraph)
            offsets.append(at)
            at = text.find(glyph, at + 1)
    offsets.sort()
    return offsets


def _may_skip(text: str) -> bool:
    """Whether `text` holds one of `_MAY_SKIP`, which every region `_SCAN` skips needs.
    A character of each literal is looked for first (one `memchr` each): a longer
    literal is searched for character by character."""
    return (
        "`" in text
        or "=" in text
        or (":" in text and "://" in text)
        or ("w" in text and "www." in text)
    )


def _by_paragraph(offsets: list[int], paras: list[Span]) -> dict[int, list[int]]:
    """`offsets` (sorted) grouped by the index of the paragraph holding each (those
    outside every paragraph are left out), as `_scan` returns them. At most
    MAX_PARAGRAPH_MARKS offsets: no paragraph is cut short."""
    out: dict[int, list[int]] = {}
    for offset in offsets:
        k = bisect_right(paras, offset, key=_START) - 1  # the last one starting at or before
        if k >= 0 and offset < paras[k].end:
            out.setdefault(k, []).append(offset)
    return out


_START = attrgetter("start")
_OFFSET = attrgetter("offset")
_OPEN_OFFSET = attrgetter("open.offset")


def _kind(ch: str, *, before: bool) -> int:
    if not ch or ch.isspace():
        return _SPACE
    if ch.isalnum():
        return _WORD
    if ch in (_PREV_OPEN if before else _NEXT_OPEN):
        return _OPENP
    return _PUNCT


_DEPTH_LIMIT = 32  # open quotes searched for the one a closing mark closes

# --- pairing -------------------------------------------------------------------------


@dataclass(eq=False)  # identity: `stack.remove` must not compare every field of each entry
class _Open:
    offset: int
    char: str
    level: int
    paragraph: int
    continued_from: bool = False
    detached: bool = False  # space on both sides: a separator (`Home » News`) as often as a quote
    # The open-ended pairs of the earlier paragraphs of a continued quotation: their style is
    # settled by the mark that finally closes it (`„…` ¶ `„…”` is „…”, not the default „…“).
    chain: list[int] = field(default_factory=list)  # indices into _Pairer.pairs


class _Pairer:
    """The per-paragraph stack machine. Holds results; one instance per analysis."""

    def __init__(self, text: str, style: QuoteStyle) -> None:
        self.text = text
        self.style = style
        self.marks: dict[int, QuoteMark] = {}
        self.pairs: list[QuotePair] = []
        self.problems: list[QuoteProblem] = []
        self._closers = _closers(style.pairs)
        # openers and closers of every pair; the glyphs that close a quote in this
        # language's own conventions (“ in German)
        self._openers, self._all_closers, self._own_closers = _glyph_sets(style)
        # marks handled by a direction finding: no spacing finding on top of it
        self.fixed: set[int] = set()
        # the current paragraph's mark offsets, and (built on first use) the same grouped
        # by glyph: counting the marks left in a paragraph per candidate mark with
        # `str.count` was quadratic in the paragraph's length
        self._offsets: list[int] = []
        self._by_glyph: dict[str, list[int]] | None = None
        self._next_para: Span | None = None

    # -- helpers --
    def _ctx(self, i: int, para: Span) -> tuple[int, int]:
        """Kinds of the characters before and after mark i, looking past adjacent marks."""
        text = self.text
        # Bounded: a run of hundreds of marks is noise, and walking it per mark is O(n²).
        low = i - _RUN_LIMIT if i - _RUN_LIMIT > para.start else para.start
        high = i + _RUN_LIMIT if i + _RUN_LIMIT < para.end else para.end
        # An escaping backslash (`\"` in a PO or JSON string) is part of the mark.
        j = i - 1
        while j >= low and (
            text[j] in QUOTE_CHARS or (text[j] == "\\" and text[j + 1] in QUOTE_CHARS)
        ):
            j -= 1
        k = i + 1
        while k < high and (
            text[k] in QUOTE_CHARS
            or (text[k] == "\\" and k + 1 < high and text[k + 1] in QUOTE_CHARS)
        ):
            k += 1
        prev = text[j] if j >= para.start else ""
        nxt = text[k] if k < para.end else ""
        return _kind(prev, before=True), _kind(nxt, before=False)

    def _marks_from(self, glyph: str, start: int) -> int:
        """How many `glyph` marks of the current paragraph are at `start` or after it."""
        if self._by_glyph is None:
            by: dict[str, list[int]] = {}
            for o in self._offsets:
                by.setdefault(self.text[o], []).append(o)
            self._by_glyph = by
        offsets = self._by_glyph.get(glyph)
        return len(offsets) - bisect_left(offsets, start) if offsets else 0

    def _mark_glyph(self, i: int, top: _Open | None) -> str:
        """The opening glyph a direction finding is about: the open quotation's, or the
        mark's own when the opening mark is missing too."""
        return self.text[i] if top is None else top.char

    def _set(self, offset: int, role: Role, level: int = -1, style: str = "") -> None:
        self.marks[offset] = QuoteMark(offset, self.text[offset], role, level, style)

    def _close(
        self,
        stack: list[_Open],
        opener: _Open,
        close_at: int,
        close_char: str,
        para_index: int,
        *,
        mixed: bool = False,
    ) -> None:
        pair_style = opener.char + close_char
        if pair_style not in self.style.pairs and not mixed:
            # mixed: a straight mark paired with a typographic one ("…” or “…"); the style
            # keeps both glyphs so that quote-style-mixed can say so
            pair_style = opener.char + self._expected_closer(opener.char)
        if opener.chain:
            self._settle_chain(opener.chain, pair_style)
        self._set(opener.offset, "open", opener.level, pair_style)
        self._set(close_at, "close", opener.level, pair_style)
        self.pairs.append(
            QuotePair(
                self.marks[opener.offset],
                self.marks[close_at],
                opener.level,
                pair_style,
                para_index,
            )
        )
        # From the top: the opener closed is nearly always the innermost one.
        for k in range(len(stack) - 1, -1, -1):
            if stack[k] is opener:
                del stack[k]
                break

    def _settle_chain(self, chain: list[int], pair_style: str) -> None:
        """Give the open-ended pairs of a continued quotation the style of its last pair."""
        for k in chain:
            old = self.pairs[k]
            if old.style == pair_style:
                continue
            self._set(old.open.offset, "open", old.level, pair_style)
            self.pairs[k] = QuotePair(
                self.marks[old.open.offset],
                None,
                old.level,
                pair_style,
                old.paragraph,
                continued=True,
            )

    def _expected_closer(self, opener: str) -> str:
        closers = self._closers.get(opener)
        if not closers:
            return opener
        for p in self.style.pairs:  # the language's own order: primary first
            if p[0] == opener:
                return p[1]
        return next(iter(closers))

    def _expected_opener(self, closer: str) -> str:
        for p in self.style.pairs:
            if p[1] == closer:
                return p[0]
        return closer

    # -- one paragraph --
    def paragraph(
        self,
        index: int,
        para: Span,
        offsets: list[int],
        carried: _Open | None,
        next_para: Span | None,
    ) -> _Open | None:
        """Pair the marks of one paragraph; return the quote continued into the next one."""
        text = self.text
        stack: list[_Open] = []
        self._offsets, self._by_glyph = offsets, None
        self._next_para = next_para
        # Single-quote pairs closed by letter+’ (possibly a possessive): if a later ’ after
        # punctuation finds nothing to close, it was the real closer.
        last_soft_close: tuple[_Open, int] | None = None
        first = True
        for i in offsets:
            g = text[i]
            is_first, first = first, False
            # A continued quotation: the paragraph reopens with the same mark, or (Spanish
            # style) with the closing mark.
            if (
                carried is not None
                and is_first
                and i == _first_mark(text, para)
                and g in (carried.char, self._expected_closer(carried.char))
            ):
                op = _Open(
                    i,
                    carried.char,
                    carried.level,
                    index,
                    continued_from=True,
                    chain=carried.chain,
                )
                self._set(i, "open", op.level, op.char + self._expected_closer(op.char))
                stack.append(op)
                carried = None
                continue
            if carried is not None:
                self._report_unclosed(carried)
                carried = None
            prev = text[i - 1] if i > para.start else ""
            nxt = text[i + 1] if i + 1 < para.end else ""
            # 1. apostrophes and primes
            if g in _APOSTROPHE_GLYPHS:
                if prev.isalnum() and nxt.isalnum():
                    self._set(i, "prime" if prev.isdigit() and nxt.isdigit() else "apostrophe")
                    continue
                if (not prev.isalnum()) and _ELISION.match(text, i, para.end):
                    self._set(i, "apostrophe")
                    continue
            top = stack[-1] if stack else None
            can_close = top is not None and g in self._closers.get(top.char, ())
            if (
                prev.isdigit()
                and g in "'\"’”"
                and (
                    (not can_close and (g in STRAIGHT or _typographic_prime(text, i, para)))
                    or _FEET_INCHES.search(text, max(para.start, i - 8), i)
                )
            ):
                self._set(i, "prime")
                continue
            before, after = self._ctx(i, para)
            can_open = g in self._openers
            detached = before == after == _SPACE and not (self.style.spaced and g in "«»‹›")
            if can_close and top is not None:
                if (
                    before == _SPACE
                    and after == _WORD
                    and nxt.islower()
                    and (_LOWER_AFTER_PUNCT.search(text, max(para.start, i - 8), i))
                ):
                    self._misplaced_closer(i, top)
                if g in "’'" and prev.isalnum():
                    last_soft_close = (top, i)
                self._close(stack, top, i, g, index)
                continue
            if can_open:
                if (
                    top is not None
                    and g == top.char
                    and g not in STRAIGHT
                    and g not in self._closers.get(g, ())
                    and after in (_SPACE, _PUNCT)
                    and before != _OPENP
                    and not detached
                    and not self._nested_spaced(i, g, stack, after)
                ):
                    self._direction_as_closer(i, top, before)
                    self._close(stack, top, i, self._expected_closer(top.char), index)
                    continue
                if (
                    g == '"'
                    and top is not None
                    and top.char in _DOUBLE
                    and top.char not in STRAIGHT
                    and before in (_WORD, _PUNCT)
                    and after in (_SPACE, _PUNCT)
                ):
                    # `“We will win" and left`: a straight mark where only a closing one
                    # fits ends the typographic quotation (a style slip, not two quotes).
                    self._close(stack, top, i, g, index, mixed=True)
                    continue
                if g in _APOSTROPHE_GLYPHS and before in (_WORD, _PUNCT) and g not in "‘":
                    self._set(i, "apostrophe")
                    continue
                if top is not None and self._turned_closer(i, g, stack, para):
                    closer = self._expected_closer(top.char)
                    self._direction_glued(i, top, closer, para)
                    self._close(stack, top, i, closer, index)
                    continue
                if g in _DOUBLE and g not in STRAIGHT and g not in self._own_closers:
                    if self._dangling_before_punct(i, para):
                        self._direction_as_closer(i, None, before)
                        self._set(i, "close")
                        continue
                    if not stack and self._dangling_speech_tag(i, g, para):
                        self._direction_glued(i, None, self._expected_closer(g), para)
                        self._set(i, "close")
                        continue
                stack.append(_Open(i, g, len(stack), index, detached=detached))
                continue
            # g only closes, and cannot close the innermost open quote.
            deeper = None
            if g not in _APOSTROPHE_GLYPHS:
                # Bounded like _ctx: past _DEPTH_LIMIT open quotes the paragraph is noise,
                # and searching the whole stack for every mark is O(n²).
                deeper = next(
                    (
                        o
                        for o in reversed(stack[-_DEPTH_LIMIT:])
                        if g in self._closers.get(o.char, ())
                    ),
                    None,
                )
            if deeper is None and g in _DOUBLE and g not in STRAIGHT:
                # `"We will win” and left`: a typographic closer ends a straight quotation.
                straight = next((o for o in reversed(stack[-_DEPTH_LIMIT:]) if o.char == '"'), None)
                if straight is not None:
                    while stack and stack[-1] is not straight:
                        self._report_unclosed(stack.pop())
                    self._close(stack, straight, i, g, index, mixed=True)
                    continue
            if (
                deeper is None
                and before in (_SPACE, _OPENP)
                and after in (_WORD, _OPENP)
                and (g in self._all_closers and g not in "’'")
            ):
                opener = self._expected_opener(g)
                self.problems.append(
                    QuoteProblem(
                        "direction",
                        Span(i, i + 1),
                        f"closing mark {g} used as an opening one; use {opener}",
                        suggestion=opener,
                        edits=(Edit(Span(i, i + 1), opener),),
                    )
                )
                self.fixed.add(i)
                op = _Open(i, opener, len(stack), index)
                stack.append(op)
                continue
            if deeper is not None:
                while stack and stack[-1] is not deeper:
                    self._report_unclosed(stack.pop())
                self._close(stack, deeper, i, g, index)
                continue
            if g in "’'":
                if last_soft_close is not None and before == _PUNCT:
                    # `‘The players’ union is strong,’`: the earlier ’ was an apostrophe.
                    opener, old = last_soft_close
                    self._reassign_close(opener, old, i)
                    last_soft_close = None
                else:
                    self._set(i, "apostrophe")
                continue
            self._set(i, "ambiguous")
            if detached:
                continue
            self.problems.append(
                QuoteProblem(
                    "unopened",
                    Span(i, i + 1),
                    f"closing quotation mark {g} without an opening one",
                )
            )
        return self._end_paragraph(stack, index, para, next_para)

    def _reassign_close(self, opener: _Open, old: int, new: int) -> None:
        pair = next(p for p in self.pairs if p.open.offset == opener.offset)
        self.pairs.remove(pair)
        self._set(old, "apostrophe")
        self._set(new, "close", pair.level, pair.style)
        self.pairs.append(
            QuotePair(pair.open, self.marks[new], pair.level, pair.style, pair.paragraph)
        )

    def _end_paragraph(
        self, stack: list[_Open], index: int, para: Span, next_para: Span | None
    ) -> _Open | None:
        text = self.text
        carried: _Open | None = None
        if stack and next_para is not None:
            bottom = stack[0]
            j = _first_mark(text, next_para)
            if j is not None and (
                text[j] == bottom.char or text[j] == self._expected_closer(bottom.char)
            ):
                carried = stack.pop(0)
                self._set(
                    carried.offset,
                    "open",
                    carried.level,
                    carried.char + self._expected_closer(carried.char),
                )
                pair = QuotePair(
                    self.marks[carried.offset],
                    None,
                    carried.level,
                    self.marks[carried.offset].style,
                    index,
                    continued=True,
                )
                self.pairs.append(pair)
                carried.chain.append(len(self.pairs) - 1)
        for op in stack:
            self._report_unclosed(op)
        return carried

    def _nested_spaced(self, i: int, g: str, stack: list[_Open], after: int) -> bool:
        """`« La réforme est « nécessaire » selon eux. »`: French spacing puts a space after
        an opening guillemet, and CLDR's French uses « » at both levels, so a spaced « inside
        an open « is a nested quotation when the paragraph still has closers for both (the
        next one reopening with « stands for the outer closer of a continued quotation)."""
        if not (self.style.spaced and after == _SPACE and g in "«‹"):
            return False
        closer = self._expected_closer(g)
        needed = sum(1 for o in stack if o.char == g) + 1
        nxt = self._next_para
        if nxt is not None:
            j = _first_mark(self.text, nxt)
            if j is not None and self.text[j] in (g, closer):
                needed -= 1
        return self._marks_from(closer, i) >= needed

    def _turned_closer(self, i: int, g: str, stack: list[_Open], para: Span) -> bool:
        """`moratorium, “he said.`: the same opener again, after punctuation and before a
        lowercase word, while the paragraph has too few closers left for both."""
        text = self.text
        if g != stack[-1].char or g in STRAIGHT:
            return False
        lower = _next_letter_is_lower(text, i + 1, para.end)
        # `“we will win “and left`: without punctuation, only a mark glued to a lowercase
        # word after a space (a nested quotation opens the same way, but then the
        # paragraph has closers for both).
        glued = lower and text[i - 1].isspace() and i + 1 < para.end and text[i + 1].isalpha()
        if not glued and not _LOWER_AFTER_PUNCT.search(text, max(para.start, i - 8), i):
            return False
        closer = self._expected_closer(g)
        left = self._marks_from(closer, i)
        if not lower:
            # `…is not, “Obama wrote`: a capital is a new quotation as often as a speech
            # tag; only when nothing is closed after it and a comma precedes.
            return left == 0 and text[i - 1].isspace() and text[i - 2 : i - 1] == ","
        still_open = sum(1 for o in stack if o.char == g)
        return left < still_open + 1

    def _dangling_before_punct(self, i: int, para: Span) -> bool:
        """`the matter “, he said`: an opening glyph after a word and before a comma or a
        full stop opens nothing (not `the “,” sign` nor `“.NET”`)."""
        text = self.text
        j = i + 1
        while j < para.end and text[j] in _INNER_SPACE:
            j += 1
        if j >= para.end or text[j] not in ",.;:!?":
            return False
        if j + 1 < para.end and not text[j + 1].isspace():
            return False
        # `the delimiter is “, ” (a comma…)`: quoted punctuation, closed right after it
        near = text[j + 1 : min(para.end, j + 4)].split("\n", 1)[0]
        if any(c in self._closers.get(text[i], ()) for c in near):
            return False
        k = i - 1
        while k >= para.start and text[k] in _INNER_SPACE:
            k -= 1
        # after a word, a number (`98.9% “,`) or a bracket, not after an opening context
        return k >= para.start and text[k] not in _PREV_OPEN and text[k] not in QUOTE_CHARS

    def _dangling_speech_tag(self, i: int, g: str, para: Span) -> bool:
        """`…no deal yet, “she added.` with nothing open: after a comma (or a full stop),
        glued to a short lowercase clause with a speech verb that ends the sentence, with
        no closing mark left for it: the closing mark of a quotation whose opening one is
        missing, not the start of one. Without a speech verb the clause is the quotation
        (`replied, “no comment.`, `He said, “we will win.` ¶ `“And…`, `d. C. el…`): an
        unclosed quotation is quote-unbalanced's to report, with no fix to apply."""
        text = self.text
        if not (i + 1 < para.end and text[i + 1].islower()):
            return False
        if not _TAG_BEFORE.search(text, max(para.start, i - 8), i):
            return False
        m = _CLAUSE.match(text, i + 1, para.end)
        if m is None or len(m.group(1).split()) > _TAG_WORDS:
            return False
        if not any(w.lower() in _SPEECH_VERBS for w in _WORDS.findall(m.group(1))):
            return False
        k = m.end()
        if k < para.end and text[k] in QUOTE_CHARS:
            return False  # `, “but not this year.“`: the clause is the quotation, closed
        while k < para.end and text[k].isspace():
            k += 1
        if k < para.end and not (text[k].isupper() or text[k] in QUOTE_CHARS):
            return False  # the clause does not end a sentence
        # More closing marks than opening ones left: something after it closes it.
        return self._marks_from(self._expected_closer(g), i + 1) <= self._marks_from(g, i + 1)

    def _report_unclosed(self, op: _Open) -> None:
        char = self.text[op.offset]
        if char == "'":
            self._set(op.offset, "apostrophe")  # 'Ya Knew: straight single quotes elide too
            return
        if op.detached:
            self._set(op.offset, "ambiguous")  # `Home » News`: not reported when left alone
            return
        self._set(op.offset, "open", op.level, "")
        self.pairs.append(QuotePair(self.marks[op.offset], None, op.level, "", op.paragraph))
        closer = self._expected_closer(op.char)
        self.problems.append(
            QuoteProblem(
                "unclosed",
                Span(op.offset, op.offset + 1),
                f"quotation opened with {char} is never closed (expected {closer})",
            )
        )

    # -- direction findings --
    def _direction_as_closer(self, i: int, top: _Open | None, before: int) -> None:
        """An opening glyph in closing position: `yet,“ she` or `matter “, he`.
        `top`: the open quotation it closes; None when the opening mark is missing too."""
        g = self._mark_glyph(i, top)
        closer = self._expected_closer(g)
        start = i
        if before == _SPACE:
            while start > 0 and self.text[start - 1] in _INNER_SPACE:
                start -= 1
        if self.style.spaced and g in "«‹":
            start, replacement = i, closer
        else:
            replacement = closer
        self.problems.append(
            QuoteProblem(
                "direction",
                Span(i, i + 1),
                f"opening mark {self.text[i]} where the closing {closer} belongs",
                suggestion=closer,
                edits=(Edit(Span(start, i + 1), replacement),),
                related=_related(top),
            )
        )
        self.fixed.add(i)

    def _direction_glued(self, i: int, top: _Open | None, closer: str, para: Span) -> None:
        """`moratorium, “he said.` → `moratorium,” he said.`: turn the mark, move the space.
        `top`: the open quotation it closes; None when the opening mark is missing too."""
        text = self.text
        start = i
        while start > para.start and text[start - 1] in _INNER_SPACE:
            start -= 1
        end = i + 1
        while end < para.end and text[end] in _INNER_SPACE:
            end += 1
        space = text[start:i] or " "
        if self.style.spaced and self._mark_glyph(i, top) in "«‹":
            replacement = NBSP + closer + " "
        else:
            replacement = closer + space
        why = "the quotation is still open" if top is not None else "a speech tag follows"
        self.problems.append(
            QuoteProblem(
                "direction",
                Span(i, i + 1),
                f"opening mark {text[i]} where the closing {closer} belongs ({why})",
                suggestion=closer,
                edits=(Edit(Span(start, end), replacement),),
                related=_related(top),
            )
        )
        self.fixed.add(i)

    def _misplaced_closer(self, i: int, top: _Open) -> None:
        """`yet, ”she added` → `yet,” she added`: the closing mark on the wrong side."""
        text = self.text
        start = i
        while start > 0 and text[start - 1] in _INNER_SPACE:
            start -= 1
        space = text[start:i]
        self.problems.append(
            QuoteProblem(
                "direction",
                Span(i, i + 1),
                f"closing mark {text[i]} is glued to the next word; it belongs before the space",
                suggestion=text[i] + space,
                edits=(Edit(Span(start, i + 1), text[i] + space),),
                related=(Span(top.offset, top.offset + 1),),
            )
        )
        self.fixed.add(i)


def _related(top: _Open | None) -> tuple[Span, ...]:
    return () if top is None else (Span(top.offset, top.offset + 1),)


def _typographic_prime(text: str, i: int, para: Span) -> bool:
    """`27” screen`, `5’ tall`: a curly mark used as an inch/foot sign; not `in 2019”)`."""
    nxt = text[i + 1] if i + 1 < para.end else " "
    if not (nxt.isspace() or nxt in "x×-"):
        return False
    j = i
    while j > para.start and text[j - 1].isdigit():
        j -= 1
    return i - j <= 3


def _first_mark(text: str, para: Span) -> int | None:
    """Offset of a quote mark opening the paragraph (after spaces, dashes, a blockquote `>`
    or a list bullet), if any."""
    j = para.start
    while j < para.end and (text[j].isspace() or text[j] in "—–->*•"):
        j += 1
    return j if j < para.end and text[j] in QUOTE_CHARS else None


def _next_letter_is_lower(text: str, i: int, end: int) -> bool:
    while i < end and text[i] in _INNER_SPACE:
        i += 1
    return i < end and text[i].islower()


# --- spacing ---------------------------------------------------------------------------


def spacing_problems(
    text: str, pairs: Sequence[QuotePair], style: QuoteStyle, fixed: set[int]
) -> list[QuoteProblem]:
    """Space inside paired marks where the language has none, or missing where it has one.

    `fixed`: offsets of marks already reported as facing the wrong way (not reported twice).
    """
    spaced = style.spaced
    out: list[QuoteProblem] = []
    n = len(text)
    for pair in pairs:
        if pair.close is None:
            continue
        o, c = pair.open.offset, pair.close.offset
        if c - o < 2:
            continue
        # A continued paragraph may reopen with » (French and Spanish convention).
        guillemet = spaced and pair.open.char in "«‹»›"
        # Guillemets in a language that has none of its own quote another language:
        # spaced the French way they are a French quotation (its spacing is right), and
        # a space inside them may be that convention half kept: no safe fix.
        foreign = not spaced and pair.open.char in "«‹" and not uses_guillemets(style)
        if foreign and french_spaced(text, pair):
            continue
        # after the opening mark
        if o not in fixed:
            end = o + 1
            while end < c and text[end] in _INNER_SPACE:
                end += 1
            if guillemet:
                if end == o + 1 and text[o + 1] not in QUOTE_CHARS:
                    out.append(_missing(text, o + 1, pair.open.char, "after"))
            elif end > o + 1 and end < c and (text[end].isalnum() or text[end] in _NEXT_OPEN):
                out.append(_inside(text, Span(o + 1, end), o, "after", safe=not foreign))
        # before the closing mark
        if c not in fixed:
            start = c
            while start > o + 1 and text[start - 1] in _INNER_SPACE:
                start -= 1
            if guillemet:
                if start == c and text[c - 1] not in QUOTE_CHARS:
                    out.append(_missing(text, c, pair.close.char, "before"))
            elif (
                start < c
                and start > o + 1
                and not text[start - 1].isspace()
                and _has_alnum(text, o + 1, start)  # not `“, ”`: a quoted comma and space
            ):
                if c + 1 >= n or not text[c + 1].isalnum():
                    out.append(_inside(text, Span(start, c), c, "before", safe=not foreign))
                elif text[c + 1].isalpha() and (
                    pair.close.char not in STRAIGHT
                    or (pair.close.char == '"' and '"' not in text[c + 1 : _line_end(text, c)])
                ):
                    # `“we will win ”and left`: the mark on the wrong side of its space.
                    # (A straight " only when none follows: `"yes and "no" today` lost a
                    # mark, and the pairing is a guess. Never a straight ': before a word
                    # it opens a quote, elides ('em, 'til) or writes an ayn ('Ali).)
                    out.append(_swapped(text, Span(start, c), c))
    return out


def _has_alnum(text: str, start: int, end: int) -> bool:
    return any(ch.isalnum() for ch in text[start : min(end, start + 8)]) or end - start > 8


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _swapped(text: str, space: Span, mark: int) -> QuoteProblem:
    """A closing mark after a space and glued to the next word: swap mark and space."""
    char = text[mark]
    spaces = text[space.start : space.end]
    return QuoteProblem(
        "space-inside",
        Span(space.start, mark + 1),
        f"space before the closing mark {char} and none after it",
        suggestion=char + spaces,
        edits=(Edit(Span(space.start, mark + 1), char + spaces),),
    )


def _inside(text: str, space: Span, mark: int, where: str, *, safe: bool = True) -> QuoteProblem:
    """Space between a mark and the quoted text. The span covers the space and the mark,
    so the suggestion (the mark alone) is its replacement."""
    char = text[mark]
    span = Span(mark, space.end) if where == "after" else Span(space.start, mark + 1)
    return QuoteProblem(
        "space-inside",
        span,
        f"space {where} the {'opening' if where == 'after' else 'closing'} mark {char}",
        suggestion=char,
        edits=(Edit(space, ""),),
        safe=safe,
    )


def _missing(text: str, at: int, char: str, where: str) -> QuoteProblem:
    mark = at - 1 if where == "after" else at
    return QuoteProblem(
        "space-missing",
        Span(mark, mark + 1),
        f"no space {where} {char}: French puts a no-break space inside guillemets",
        suggestion=char + NBSP if where == "after" else NBSP + char,
        edits=(Edit(Span(at, at), NBSP),),
    )
