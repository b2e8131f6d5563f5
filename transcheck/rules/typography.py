"""Rules: typography (sentence starts, repeated words, spacing around punctuation).

All rules work on `ctx.text` with module-level compiled regexes and are
linear in the text. They are tuned for precision: each exception below is a
pattern that clean, edited text produces and that is not an error. In a bilingual
file, a translation that keeps a pattern of its own source is not flagged for it
(`transcheck.rules.typography_source`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import accumulate, repeat
from operator import add, sub

from transcheck.data import locale_data
from transcheck.findings import Edit, Finding, Fix, Severity, Span
from transcheck.registry import BaseRule, RuleContext
from transcheck.rules.typography_source import (
    GAPS_AFTER_MARKS,
    GAPS_BETWEEN_WORDS,
    UnitText,
    after_mark,
    continued_word,
    source_says,
    unit_text,
)
from transcheck.segment import abbreviation_kind

_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœаеёиоуыэюяіїєαεηιουω")


def _base_lang(lang: str | None) -> str:
    return (lang or "en").lower().replace("_", "-").split("-")[0]


def _token_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited token that contains text[start:end]."""
    lo = start
    while lo > 0 and not text[lo - 1].isspace() and start - lo < 200:
        lo -= 1
    hi = end
    n = len(text)
    while hi < n and not text[hi].isspace() and hi - end < 200:
        hi += 1
    return lo, hi


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    end_n = text.find("\n", pos)
    end_r = text.find("\r", pos)
    ends = [e for e in (end_n, end_r) if e != -1]
    return start, (min(ends) if ends else len(text))


def _is_code_line(line: str, plain: bool = True) -> bool:
    """Indented code, shell prompts and table rows are not prose.

    Only plain text needs this guess: structured readers (Markdown, HTML, PO…) mask
    code and markup already, and their masked indentation must not look like code.
    """
    if not plain:
        return False
    return line.startswith(("    ", "\t", "$ ", "> $", "|")) or line.rstrip().endswith("|")


# --- lowercase-sentence-start ---------------------------------------------------

# A full stop right after a letter (so not an ellipsis, not a number), optional
# closing marks, horizontal space, then a word. The look-behinds of the scanning
# patterns here come after their first character: a pattern that starts with a
# character (class) lets `re` skip ahead to it in C, one that starts with a
# look-behind is tried at every position of the text (several times slower).
_LOWER_START = re.compile(
    r"\.(?<=[^\W\d_]\.)(?P<close>[\"”’»)\]]*)[ \t\u00a0]+(?P<word>[^\W\d_][\w'’\-]*)"
)
_NUMBER_TOKEN = re.compile(r"[\d.,]*\d[\d.,]*")
# Units abbreviated with a full stop; SI symbols (kg, km) take none, so "12 kg. the" is flagged.
_DOTTED_UNITS = frozenset(
    {
        *("in", "ft", "yd", "mi", "lb", "lbs", "oz", "pt", "qt", "gal", "hr", "hrs", "min"),
        *("mins", "sec", "secs", "sq", "cu", "mo", "mos", "yr", "yrs", "wk", "wks", "seg"),
        *("pág", "págs", "art", "vol", "cap", "hab", "mill", "aprox", "approx"),
    }
)

# The word after a measure ("5 mg. of"), which no sentence starts with in lower case.
_MEASURE_OF = frozenset({"of", "de", "di", "do", "da", "del", "della", "des", "du", "dos", "das"})


class LowercaseSentenceStart(BaseRule):
    """A sentence that starts with a lowercase letter after a full stop.

    What it flags:
        A lowercase word right after a full stop that ends a sentence:
        `…works for them. without counting…`. Machine translation and
        sentence-by-sentence editing often leave the case of the next
        sentence wrong.

        It does not flag: a full stop that closes an abbreviation (`approx.`,
        `p. ej.`, `z. B.`, `e.g.`), an initial or a dotted abbreviation
        (`U.S.`), also after an elided article (`l'avv. ha`), a unit after
        a number (`5 ft. long`, `5 mg. of`), an ellipsis
        (`Wait... what`), words that are written in lower case on purpose
        (`iPhone`, `eBay`), URLs, e-mail addresses and file names, a quote
        or bracket closed after the full stop (`“Stop.” and`), and question
        or exclamation marks (`¿Vienes? preguntó` is valid dialogue).

        In a catalogue (PO, XLIFF, a JSON file paired with its source), a
        translation is not flagged where its source also follows a full stop
        with a lowercase word (`be quiet. implies --no-stat`, `ext. insn`), nor
        where the source is a single sentence: the translator's full stop then
        ends a word shortened to fit (`Tam. bloque`, `Desplaz. en` for `Block
        size`, `Offset into`).

    Why it matters:
        A lowercase sentence start reads as a typo and often betrays a
        sentence that was merged or split during translation.

    Example:
        `The tool works for them. without counting the cost.` → `Without`.

    Fix:
        Capitalise the word, or join the two sentences if the full stop is
        wrong. The fix capitalises and is unsafe (the full stop may be the
        error).
    """

    name = "lowercase-sentence-start"
    summary = "A sentence starts with a lowercase letter after a full stop."
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        text = ctx.text
        lang = ctx.lang
        for m in _LOWER_START.finditer(text):
            word = m.group("word")
            if not word[0].islower() or m.group("close"):
                continue
            if ctx.document.crosses_block(m.start(), m.end()):
                continue  # the next unit (a JSON value, a table cell) starts its own text
            if self._skip(text, m, word, lang, ctx.document.blocks is None):
                continue
            if source_says(ctx, m.start(), _not_a_sentence_start):
                continue  # the source has it too, or has no sentence to end there
            start = m.start("word")
            capital = word[0].upper() + word[1:]
            yield self.finding(
                Span(start, start + len(word)),
                f"Sentence starts with a lowercase letter: “{word}”.",
                suggestion=capital,
                fix=Fix(
                    f"Capitalise “{word}”",
                    (Edit(Span(start, start + 1), capital[0]),),
                    safe=False,
                ),
            )

    @staticmethod
    def _skip(text: str, m: re.Match[str], word: str, lang: str, plain: bool) -> bool:
        if any(c.isupper() for c in word[1:]):
            return True  # iPhone, eBay, pH
        dot = m.start()
        next_lo, next_hi = _token_around(text, m.start("word"), m.end("word"))
        following = text[next_lo:next_hi]
        if any(c in following for c in "@/\\_=") or "." in following.rstrip('.,;:!?)”’"»'):
            return True  # e-mail, URL, file name, domain
        if abbreviation_kind(text, dot, lang) is not None:
            return True
        prev_lo, _ = _token_around(text, dot, dot)
        previous = text[prev_lo:dot]
        if any(c in previous for c in "./@\\_=:"):
            return True  # example.com., U.S., a.m., codes
        letters = previous.lstrip("\"'“‘«„(¿¡[").lower()
        before = text[max(0, prev_lo - 20) : prev_lo].split()
        if before and _NUMBER_TOKEN.fullmatch(before[-1]):
            # After a number: "5 in. wide" is a unit; "12 kg. in total" ends a sentence
            # (SI symbols take no full stop).
            if letters in _DOTTED_UNITS:
                return True
            if len(letters) <= 3 and word in _MEASURE_OF:
                return True  # "5 mg. of the drug", "2 kg. de harina": a measure, not an end
        elif not any(c in _VOWELS for c in letters):
            return True  # consonant-only abbreviations: cf., vs., pp., Ltd.
        # Lists and code lines.
        line_start, _ = _line_bounds(text, dot)
        return _is_code_line(text[line_start:dot], plain)


def _not_a_sentence_start(unit: UnitText) -> bool:
    """In a catalogue unit: the source also follows a full stop with a lowercase word
    (`be quiet. implies --no-stat`, `ext. insn`), or the source is one sentence, so the
    translation's full stop ends a shortened word (`Tam. bloque`, `Desplaz. en`), not a
    sentence."""
    return unit.source_is_one_sentence or unit.mirrors_lowercase_start()


class _Compact:
    """A document's `content_regions` (which hold every non-space character of its
    analysis text) as one string to scan: each region after the character before it,
    the regions joined by two line breaks, the last one followed by the two characters
    after it. A structured file's analysis text is mostly blanks, and scanning its
    regions one by one costs a call per region (a catalogue string each).

    A pattern whose matches start at or just after a non-space character, hold at most
    one line break and look no further than the character before a region and the one
    after it (a line break, or the end of the text, also for `$`) finds the same matches
    here as `pattern.finditer(text, start, end)` over the regions: those characters are
    the text's own, and two line breaks stand between regions. `shift` maps an offset
    back to the text."""

    __slots__ = ("_shifts", "_starts", "text")

    def __init__(self, text: str, regions: list[tuple[int, int]]) -> None:
        if not regions:
            self.text, self._starts, self._shifts = "", [0], [0]
            return
        firsts, ends = zip(*regions, strict=True)
        lows = list(map(sub, firsts, repeat(1)))  # with the character before each region
        lows[0] = max(lows[0], 0)
        pieces = list(map(text.__getitem__, map(slice, lows, ends)))
        self.text = "\n\n".join(pieces) + text[ends[-1] : ends[-1] + 2]
        # Where each piece starts here, and how far that is from where it starts in text.
        self._starts = list(accumulate(map(add, map(len, pieces), repeat(2)), initial=0))
        self._shifts = list(map(sub, lows, self._starts))

    def shift(self, pos: int) -> int:
        """What to add to offset `pos` (inside a region) to get its offset in the text."""
        return self._shifts[bisect_right(self._starts, pos) - 1]


def _compact(ctx: RuleContext) -> _Compact:
    """The document's `_Compact`, shared by the typography rules."""
    document = ctx.document
    return ctx.shared(
        "typography-compact",
        lambda: _Compact(document.analysis_text, document.content_regions),
    )


# --- repeated-word -------------------------------------------------------------

# The word is possessive (++): the separator never starts with a letter, so giving
# letters back can never match, and the backtracking was a third of the scan.
_REPEATED = re.compile(
    r"(?<![\w\-’'.@/])(?P<w>[^\W\d_]++)(?P<sep>[ \t\u00a0]+(?:\r?\n[ \t]*)?|\r?\n[ \t]*)"
    r"(?P=w)(?![\w\-’'@/])",
    re.IGNORECASE,
)

# Where `_REPEATED` can match, found without it: its per-character Unicode class tests
# were most of the rule's cost (see `_doubled_starts`).
_ASCII_BYTES = bytes(range(128))
# ASCII letters in lower case, every other ASCII byte a space; the bytes of other
# characters (128 and above in UTF-8) as they are.
_FOLD_ASCII = bytes(
    b + 32 if 65 <= b <= 90 else b if 97 <= b <= 122 or b >= 128 else 32 for b in range(256)
)
_LETTER = re.compile(r"[^\W\d_]")  # a character of `_REPEATED`'s words
# A folded word followed, past spaces, by the same word (looked ahead at, so that a
# word can also start the next pair): after a space, so that `re` finds each start by
# a fast search for the space instead of trying every position.
_DOUBLED = re.compile(rb" ([^ ]++)(?= +\1(?![^ ]))")
_FOLD_PASSES = 64  # characters to rewrite one by one before the regex is cheaper


@lru_cache(maxsize=4096)
def _folded(char: str) -> bytes | None:
    """A non-ASCII character as `_doubled_starts` writes it, in as many UTF-8 bytes as
    its own: a letter in its lower case, anything else as spaces. None when its lower
    case takes another number of bytes (İ, ẞ, the Kelvin sign and a few more)."""
    own = char.encode("utf-8", "surrogatepass")
    if _LETTER.match(char) is None:
        return b" " * len(own)
    low = char.lower().encode("utf-8", "surrogatepass")
    return low if len(low) == len(own) else None


def _doubled_starts(text: str) -> list[int] | None:
    """Offsets in `text` of the words (maximal runs of `[^\\W\\d_]`) that the next word
    repeats ignoring case, whatever stands between them: every match of `_REPEATED`
    starts at one of them, so `_REPEATED.match` there finds all its matches (and most
    texts have no such word at all). None when `text` holds a letter whose lower case
    changes its length in UTF-8, or too many distinct non-ASCII capitals and marks to
    rewrite.

    The text is written in UTF-8 with its letters in lower case and everything else
    as spaces, each character in as many bytes as before: words are then the runs of
    non-space bytes, and two words are equal in the bytes exactly when `_REPEATED`'s
    back-reference takes one for the other (it compares the characters' simple lower
    case, which is `str.lower` of each letter but İ). ASCII is rewritten by one table;
    each other character that needs it by one replace over the bytes."""
    data = text.encode("utf-8", "surrogatepass")
    folded = data.translate(_FOLD_ASCII)
    ascii_only = text.isascii()
    if not ascii_only:
        passes = []
        for char in set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")):
            new = _folded(char)
            if new is None:
                return None
            own = char.encode("utf-8", "surrogatepass")
            if new != own:  # a capital, a mark or a space (most letters stay)
                passes.append((own, new))
        if len(passes) > _FOLD_PASSES:
            return None
        for own, new in passes:  # (UTF-8 matches a character only where one starts)
            folded = folded.replace(own, new)
    found = _DOUBLED.finditer(b" " + folded)  # offsets in `folded`, past its first space
    if ascii_only:
        return [m.start() for m in found]
    starts: list[int] = []
    byte = char_at = 0
    for m in found:  # byte offsets to character offsets, decoding each stretch once
        char_at += len(data[byte : m.start()].decode("utf-8", "surrogatepass"))
        byte = m.start()
        starts.append(char_at)
    return starts


def _repeated_matches(text: str) -> Iterator[re.Match[str]]:
    """`_REPEATED.finditer(text)`, tried only where `_doubled_starts` says it can match."""
    starts = _doubled_starts(text)
    if starts is None:
        yield from _REPEATED.finditer(text)
        return
    end = 0
    for start in starts:
        # As finditer: the next match starts where the last one ended, or after it.
        if start >= end and (m := _REPEATED.match(text, start)) is not None:
            end = m.end()
            yield m


@cache
def _repeat_table() -> dict[str, frozenset[str]]:
    """lang -> doubled words that are grammatical or idiomatic there, read once from
    locale_data/repeated_words.tsv (columns: lang, word, why)."""
    table: dict[str, set[str]] = {}
    with locale_data().joinpath("repeated_words.tsv").open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.startswith(("#", "lang\t")) or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 2 or not cells[0] or not cells[1]:
                raise ValueError(
                    f"repeated_words.tsv line {number}: expected lang<TAB>word<TAB>why"
                )
            table.setdefault(cells[0], set()).add(cells[1].lower())
    return {code: frozenset(words) for code, words in table.items()}


def _repeat_ok(lang: str) -> frozenset[str]:
    """Doubled words that are grammatical or idiomatic in `lang` (locale_data/repeated_words.tsv).

    Reduplicated interjections and intensifiers ("bye bye", "very very") are deliberate
    style, not artifacts: they are listed too (precision first)."""
    return _repeat_table().get(lang, frozenset())


def _sentence_start(text: str, pos: int, starts: list[int]) -> bool:
    """Whether the word at `pos` starts a sentence of the document (`starts`: the
    sorted start offsets of `Document.sentences`), past opening marks and spaces. A
    line of its own is a sentence in one-sentence-per-line text; a PO msgstr is one."""
    k = bisect_right(starts, pos) - 1
    if k < 0:
        return True  # nothing but blanks (masked markup) before it
    begin = starts[k]
    return pos - begin <= 40 and all(c in _OPENERS_AND_SPACE for c in text[begin:pos])


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the pair text[start:end] is its own name: no capitalised word right before
    or after it. A doubled name stands alone (`shot by Sirhan Sirhan in`, `to Bora
    Bora,`); a doubled word inside a longer name is a slip (`the Franco-Monegasque Treaty
    Treaty was`, `la Organización Organización Mundial`)."""
    after = end
    while after < len(text) and text[after] in " \t\u00a0":
        after += 1
    if after < len(text) and text[after].isupper():
        return False
    before = start
    while before > 0 and text[before - 1] in " \t\u00a0":
        before -= 1
    if before == 0 or text[before - 1] in "\n\r":
        # Nothing before it on its line: a line (a PO msgstr, a sentence after a heading)
        # starts with it, which says nothing about a name; `The The file` is a slip.
        return False
    if before == start or not text[before - 1].isalpha():
        return True  # punctuation before the pair
    word = before
    while word > 0 and text[word - 1].isalpha() and before - word < 40:
        word -= 1
    return not text[word].isupper()


_NAME_RUN_WORD = re.compile(r"[^\W\d_][^\W_]*(?:[-’'][^\W\d_]+)*[ \t\u00a0]+$")


def _ends_personal_name(text: str, start: int, end: int) -> bool:
    """Whether the capitalised pair text[start:end] ends a person's name after given
    names: Spanish and Basque double surnames (`Alejandro Hernández Hernández`, `José
    García García`, `Aitor Karanka Karanka`). The capitalised words before it (up to
    three) must be no title or name head (`President Obama Obama`, `the Peace Treaty
    Treaty`), no capitalised word may follow, and one of them must be a known given
    name (`Yesterday Obama Obama said`, `the Apple Watch Watch is` are slips)."""
    from transcheck.name_match import _ascii_lower, _name_heads
    from transcheck.names.lexicon import _TITLES, given_name_row

    after = end
    while after < len(text) and text[after] in " \t\u00a0":
        after += 1
    if after < len(text) and text[after].isupper():
        return False  # inside a longer name: `la Organización Organización Mundial`
    heads = _name_heads()
    word = text[start:end].split()[0]
    if word.isupper() or word.lower() in _TITLES or _ascii_lower(word) in heads:
        return False
    run: list[int] = []  # start offsets of the capitalised words before the pair, nearest first
    pos = start
    while len(run) < 3:
        m = _NAME_RUN_WORD.search(text, max(0, pos - 60), pos)
        if m is None or not m.group()[0].isupper() or m.end() != pos:
            break
        if m.start() > 0 and text[m.start() - 1].isalnum():
            break
        before = text[m.start() : m.end()].rstrip()
        if before.lower().rstrip(".") in _TITLES or _ascii_lower(before) in heads:
            return False
        run.append(m.start())
        pos = m.start()
    # A known given name in the run, wherever it stands, or a known Spanish or Portuguese
    # surname doubled: product and place names double their last word too (`Apple Watch
    # Watch`, `Google Cloud Cloud`) and are slips.
    if not run:
        return False
    if any(given_name_row(w) is not None for w in text[run[-1] : start].split()):
        return True
    return _ascii_lower(text[start:end].split()[0]) in _iberian_surnames()


@cache
def _iberian_surnames() -> frozenset[str]:
    """The Spanish and Portuguese surnames of `locale_data/names_latin.tsv` (the
    languages whose people carry two surnames), folded like name heads."""
    from transcheck.name_match import _ascii_lower

    found: set[str] = set()
    inside = False
    for line in locale_data().joinpath("names_latin.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            if line.startswith("# surnames,") or line.startswith("# places"):
                inside = "Spanish" in line
            continue
        if inside and line.strip():
            found.update(_ascii_lower(form.strip()) for form in line.split("|"))
    return frozenset(found)


_OPENERS_AND_SPACE = frozenset(" \t\n\r\u00a0\"'“‘«„‚([¿¡*#>-–—")


class RepeatedWord(BaseRule):
    """The same word twice in a row: "the the".

    What it flags:
        A word repeated with only whitespace between (case-insensitive),
        including across a line break inside a paragraph.

        It does not flag numbers (`10 10`), hyphenated forms (`Boutros
        Boutros-Ghali`), an acronym next to the same word in lower case
        (`DE de`), deliberate reduplication (English `bye bye`, `so so`,
        `very very`; Spanish `muy muy`; Italian `piano piano`; Turkish
        `tek tek`) nor doubles that are grammatical in the document's
        language: English `had had`, `that that`, `is is`, `her her`; French
        `nous nous`, `vous vous`; German `die die`, `der der`, `das das`,
        `Sie sie`, `es es`; Dutch `dat dat`, `die die`; Spanish and
        Portuguese `como como`; Portuguese `se se` (`se se trata de`). The
        lists are per-language data. Spanish `que que`, `no no`, `la la` and
        English `in in`, `on on` are flagged (they are mostly slips).
        A capitalised pair inside a sentence with no capitalised word right
        before or after it is a name (`Sirhan Sirhan`, `Bora Bora`, `Duran
        Duran`) and is not flagged; nor is one ending a person's name
        (Spanish double surnames: `José García García`, `Alejandro Hernández
        Hernández`) after a known given name or doubling a known Spanish or
        Portuguese surname, unless a title or a name head precedes it
        (`President Obama Obama`, `the Peace Treaty Treaty`); a product or
        place name is flagged (`Yesterday Obama Obama`, `the Apple Watch
        Watch`, `Google Cloud Cloud`); at a sentence start
        (`During During the war`) or inside a longer name (`the Paris Paris
        Agreement`) it is flagged.
        Nor is a capitalised word at the start
        of a line after the same word ending the line before (a heading,
        then its text: `Brexit` / `Brexit talks resumed`).
        In a catalogue, a translation with no more doubled words than its
        source is not flagged: the doubles mirror the source's (`%s s` for
        `%s s in the future`, a table header `Longitud Longitud` for `Length
        Length`).

    Why it matters:
        A doubled word is a classic editing and MT-merge artifact and is easy
        to miss when proofreading.

    Example:
        `It was the the best option.` → `It was the best option.`

    Fix:
        Delete the second word. The fix is unsafe: a few doubles are intended.
    """

    name = "repeated-word"
    summary = "The same word appears twice in a row."
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        text = ctx.text
        allowed = _repeat_ok(_base_lang(ctx.lang))
        starts: list[int] | None = None  # sentence starts, computed for the first capital pair
        compact = _compact(ctx)
        for m in _repeated_matches(compact.text):  # a match holds at most one line break
            shift = compact.shift(m.start())
            start, end, sep_end = m.start() + shift, m.end() + shift, m.end("sep") + shift
            first = m.group("w")
            second = text[sep_end:end]
            if first.lower() in allowed:
                continue
            if ctx.document.crosses_block(start, end):
                continue  # two units (JSON values, table cells, <li>s): not neighbours
            if first.isupper() != second.isupper() and len(first) > 1:
                continue  # an acronym next to a word: "DE de" (desviación estándar)
            if _in_lyrics(text, start):
                continue  # sung words repeat: "♪ La la la ♪" in a subtitle
            if first[0].isupper() and second[0].isupper():
                if "\n" in m.group("sep"):
                    continue  # a heading or list line, then a sentence: "Brexit\nBrexit talks"
                if starts is None:
                    starts = [s.start for s in ctx.document.sentences]
                if not _sentence_start(text, start, starts) and (
                    _stands_alone(text, start, end) or _ends_personal_name(text, start, end)
                ):
                    continue  # a name: "Sirhan Sirhan", "Bora Bora", "Hernández Hernández"
            if source_says(ctx, start, _mirrors_repeat):
                continue  # the source doubles a word too: "Length   Length", "%s s"
            yield self.finding(
                Span(sep_end, end),
                f"Repeated word: “{first} {second}”.",
                suggestion=first,
                fix=Fix(
                    f"Delete the repeated “{second}”",
                    (Edit(Span(m.end("w") + shift, end), ""),),
                    safe=False,
                ),
            )


def _mirrors_repeat(unit: UnitText) -> bool:
    return unit.mirrors_pattern(_REPEATED)


def _in_lyrics(text: str, at: int) -> bool:
    """Whether `at` follows a music note on its line (subtitles mark sung lines ♪ … ♪,
    and a lyric line may leave the closing note out)."""
    line_start = text.rfind("\n", 0, at) + 1
    return "♪" in text[line_start:at] or "♫" in text[line_start:at]


# --- double-space ----------------------------------------------------------------

# (?<=\S) {2,}(?=\S), written to start with two literal spaces: `re` then finds them
# with a fast literal search instead of trying the pattern at every single space.
_DOUBLE_SPACE = re.compile(r"  (?<=\S  ) *(?=\S)")
_SENTENCE_GAP = re.compile(r"[.!?][\"”’»)]?( +)(?=[A-ZÀ-ÝА-Я\"“«¿¡])")
_FENCE = re.compile(r"^[ \t]*(```|~~~)", re.MULTILINE)


class DoubleSpace(BaseRule):
    """Two or more spaces between words inside a line.

    What it flags:
        A run of two or more ordinary spaces between two non-space characters
        on the same line, a common residue of deleted words and pasted text.

        It does not flag indentation or trailing spaces, lines aligned in
        columns (a line with two or more runs of spaces next to another such
        line, or a run that ends at the same column as one on the line above
        or below; a lone line with two stray runs is prose), indented code and
        fenced code blocks, table rows, and two spaces after a sentence end in
        a text that consistently puts two spaces after its sentences
        (typewriter style; at least two such gaps and at least half of all
        sentence gaps).

        In a catalogue, the translation keeps its source's layout: a run is
        not flagged when the source has runs of spaces between words (`--help`
        columns: `  -z, --zero-terminated     el delimitador…`), or after
        sentence ends and colons only and this run also follows one
        (`DETALLE:  %s`, `error.  La evaluación`); nor after the term that
        starts an indented entry when the same line of the source starts with
        that term (`  PGUSER             igual que…` for `  PGUSER` / `    same
        as…`), nor when the next word keeps its column in the same line of
        the source (`Opcs:  %08x` for `Flags: %08x`; any word when both lines
        are indented). A run the translator introduced (the source has none)
        is flagged as usual.

    Why it matters:
        Stray double spaces look careless in print and on the web, and they
        often mark the place where a word was lost.

    Example:
        `The minister  said` → `The minister said`.

    Fix:
        Replace the run with one space (safe).
    """

    name = "double-space"
    summary = "Two or more spaces between words."
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        text = ctx.text
        compact = _compact(ctx)
        first = compact.text.find("  ")  # runs are spaces inside one line
        if first < 0:
            return
        shift = compact.shift
        runs = [
            (m.start() + moved, m.end() + moved)
            for m in _DOUBLE_SPACE.finditer(compact.text, first)
            for moved in (shift(m.start()),)  # a run lies inside one region
        ]
        if not runs:
            return
        gaps = _Gaps(ctx.document.text, text, ctx.document.masked)
        typewriter = _two_space_style(text, gaps)
        fenced = _fenced_ranges(text)
        lines = _LineFacts(text, ctx.document.blocks is None, gaps)
        for run_start, run_end in runs:
            for start, end in gaps.typed(run_start, run_end):
                if typewriter and _after_sentence_end(text, start):
                    continue
                if any(lo <= start < hi for lo, hi in fenced):
                    continue
                if _aligned(text, start, end, lines):
                    continue
                if _source_layout(ctx, text, start, end):
                    continue  # the source is laid out with runs of spaces too: kept
                yield self.finding(
                    Span(start, end),
                    f"{end - start} spaces between words; use one.",
                    fix=Fix("Replace with one space", (Edit(Span(start, end), " "),)),
                )


def _source_layout(ctx: RuleContext, text: str, start: int, end: int) -> bool:
    """Whether the run text[start:end] of a catalogue translation keeps its source's
    layout: the source has runs of spaces between words too (`--help` columns, `file
    \\t: %s`), or after sentence ends and colons only and so does this run (`DETAIL:  %s`,
    `error.  Evaluation`); or the run follows the term that starts an indented line,
    the same term as the same line of the source starts with (`  PGUSER             igual
    que…` for `  PGUSER\\n    same as…`); or the word after the run starts at the column
    where the same line of the source has the same word (`Opcs:  %08x` for `Flags: %08x`,
    `nom rutina  : %s` for `routine name: %s`: padded to keep the value's column), or
    any word when both lines are indented (`   -F --linker-flags <opts>  Pasa` for
    `   -F --linker-flags <flags> Pass`: the description's column). Where none holds,
    the translator introduced the run: it is flagged."""
    unit = unit_text(ctx, start)
    if unit is None:
        return False
    gaps = unit.source_gaps
    if gaps == GAPS_BETWEEN_WORDS or (gaps == GAPS_AFTER_MARKS and after_mark(text, start)):
        return True
    index, column, head = unit.line_before(start)
    source_line = unit.source_line(index)
    indented = head.startswith((" ", "\t")) and source_line.startswith((" ", "\t"))
    if (
        indented
        and column == len(head)  # (the head holds the whole line so far)
        and _TERM_THEN_RUN.fullmatch(head)
        and _first_word(head) == _first_word(source_line)
    ):
        return True  # an entry's term, then its description in a column
    column += end - start  # where the word after the run starts
    if not 0 < column < len(source_line) or source_line[column] in " \t":
        return False  # no word starts there in the source
    word = _WORD_AFTER.match(text, end)
    if word is not None and source_line.startswith(word.group(), column):
        return True
    return indented and source_line[column - 1] in " \t"  # the description's column


def _first_word(line: str) -> str:
    words = line.split(None, 1)
    return words[0] if words else ""


# An indented line's first column, before a run of spaces: up to three words (`PGUSER`,
# `-D, --pgdata=DIR`, `expanded (o x)`), its first one the source's.
_TERM_THEN_RUN = re.compile(r"(?: {2,}|\t)\S+(?: \S+){0,2}")
_WORD_AFTER = re.compile(r"\S+")


class _Gaps:
    """Runs of spaces the writer typed, told apart from blanked markup.

    `analysis_text` blanks masked regions (links, inline code, tags, entities, PO
    escapes) to spaces, so `[doc](url) et  ici` shows runs where the text has none.
    A blanked run is neither a double space nor a table column; the typed spaces in
    it are, when there are two or more between a written character and markup
    (`**bold**  text`), but not before a masked line break (`text  \\n`, `<br>`),
    which makes them trailing spaces, nor after an escaped line break in a PO or JSON
    string (`Options:\\n  all`), which makes them an indentation."""

    def __init__(self, raw: str, text: str, masked: tuple[Span, ...]) -> None:
        self.raw, self.text = raw, text
        self.starts: list[int] = []
        self.ends: list[int] = []
        if masked:
            for span in sorted(masked, key=lambda sp: sp.start):
                if span.end <= span.start:
                    continue
                if self.ends and span.start <= self.ends[-1]:
                    self.ends[-1] = max(self.ends[-1], span.end)
                else:
                    self.starts.append(span.start)
                    self.ends.append(span.end)

    def typed(self, start: int, end: int) -> list[tuple[int, int]]:
        """The typed double spaces in the run text[start:end] (two spaces or more)."""
        k = bisect_right(self.ends, start)  # the first region ending after `start`
        if k == len(self.starts) or self.starts[k] >= end:
            return [(start, end)]  # no markup in the run
        found: list[tuple[int, int]] = []
        pos = start
        while pos < end:
            if k < len(self.starts) and self.starts[k] <= pos:
                pos = self.ends[k]
                k += 1
                continue
            stop = min(end, self.starts[k]) if k < len(self.starts) else end
            if stop - pos >= 2 and self._written_beside(pos, stop, start, end):
                found.append((pos, stop))
            pos = stop
        return found

    def _written_beside(self, lo: int, hi: int, start: int, end: int) -> bool:
        raw = self.raw
        if lo != start and hi != end:
            return False  # markup on both sides: nothing written next to the spaces
        if lo == 0 or hi >= len(raw) or raw[lo - 1].isspace() or raw[hi].isspace():
            return False
        if lo != start and raw[lo - 2 : lo] in ("\\n", "\\r"):
            return False  # an indentation after an escaped line break: `Options:\n  all`
        after = raw[hi : hi + 4].lower()
        return not after.startswith(("\\n", "\\r", "<br"))

    def ends_on_line(self, lo: int, hi: int) -> set[int]:
        """End offsets of the typed double spaces between lo and hi (one line)."""
        return {
            gap_end
            for m in _DOUBLE_SPACE.finditer(self.text, lo, hi)
            for _, gap_end in self.typed(m.start(), m.end())
        }

    def clean(self, start: int, end: int) -> bool:
        """Whether text[start:end] holds no masked character."""
        k = bisect_right(self.ends, start)
        return k == len(self.starts) or self.starts[k] >= end


def _two_space_style(text: str, gaps: _Gaps) -> bool:
    widths = [
        len(m.group(1)) for m in _SENTENCE_GAP.finditer(text) if gaps.clean(m.start(), m.end())
    ]
    double = sum(1 for w in widths if w == 2)
    return double >= 2 and double * 2 >= len(widths)


def _after_sentence_end(text: str, pos: int) -> bool:
    before = text[max(0, pos - 2) : pos].rstrip('"”’»)')
    return bool(before) and before[-1] in ".!?"


def _fenced_ranges(text: str) -> list[tuple[int, int]]:
    marks = [m.start() for m in _FENCE.finditer(text)]
    ranges = []
    for i in range(0, len(marks) - 1, 2):
        ranges.append((marks[i], marks[i + 1]))
    if len(marks) % 2:
        ranges.append((marks[-1], len(text)))
    return ranges


class _LineFacts:
    """Per-line facts for the runs of one text, computed once per line: a line with
    thousands of runs must not be rescanned for each of them (quadratic)."""

    def __init__(self, text: str, plain: bool, gaps: _Gaps) -> None:
        self.text, self.plain, self.gaps = text, plain, gaps
        self.bounds = (-1, -1)
        self.skip = False
        self._columns: dict[int, set[int]] = {}

    def line(self, pos: int) -> tuple[int, int, bool]:
        """(start, end, whether the whole line is code, tabbed or a table row)."""
        start, end = self.bounds
        if not start <= pos < end:  # runs come in text order and never hold a line break
            start, end = self.bounds = _line_bounds(self.text, pos)
            line = self.text[start:end]
            self.skip = (
                _is_code_line(line, self.plain)
                or "\t" in line
                # a row of a text table: two typed gaps (blanked markup is no column), on
                # a line next to another such row (one prose line with two slips is no table)
                or (
                    len(self.gaps.ends_on_line(start, end)) >= 2
                    and any(
                        len(self.gap_columns(lo, hi)) >= 2
                        for lo, hi in _next_lines(self.text, start, end)
                    )
                )
            )
        return start, end, self.skip

    def gap_columns(self, start: int, end: int) -> set[int]:
        # Cached: every run of a line asks for the same neighbouring lines.
        cached = self._columns.get(start)
        if cached is None:
            cached = {gap_end - start for gap_end in self.gaps.ends_on_line(start, end)}
            self._columns[start] = cached
        return cached


def _next_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Bounds of the lines before and after the line text[start:end] (where they exist)."""
    out = []
    if start > 0:
        # Index of the previous line's break (the CR of a CRLF pair).
        brk = start - 2 if text.startswith("\r\n", start - 2) and start >= 2 else start - 1
        out.append(_line_bounds(text, brk))
    if end < len(text):
        out.append(_line_bounds(text, end + (2 if text.startswith("\r\n", end) else 1)))
    return out


def _aligned(text: str, run_start: int, run_end: int, lines: _LineFacts) -> bool:
    start, end, skip = lines.line(run_start)
    if skip:
        return True
    column = run_end - start
    return any(column in lines.gap_columns(lo, hi) for lo, hi in _next_lines(text, start, end))


# --- space-before-punctuation ----------------------------------------------------------

# A mark after a space or tab, followed by whitespace, a closing mark or the end. The
# scan starts at the mark (rare) rather than at the space (every word); the spaces
# before it, which must follow a letter or digit (`[^\W_]`), are found in Python.
_SPACE_BEFORE_AT = r"(?<=[ \t][,.;:!?])(?=\s|[\"”’»\]]|$)"  # what follows the mark
_SPACE_BEFORE = re.compile(r"[,.;:!?]" + _SPACE_BEFORE_AT)
_ALNUM = re.compile(r"[^\W_]")
_SPACED_ELLIPSIS = re.compile(r"\.(?:[ \u00a0\u202f]\.){2}")
# Languages whose typography puts a space before these marks.
_SPACED_MARKS = {"fr": ";:!?", "br": ";:!?"}


class SpaceBeforePunctuation(BaseRule):
    """A space before a comma, full stop, semicolon, colon, question or exclamation mark.

    What it flags:
        `word ,`, `word .`, `word ;`, `word :`, `word ?`, `word !` where the
        mark is followed by a space, a closing quote or the end of the text;
        also after a closing bracket or quote glued to a word (`(in 2024) ,`,
        `“yes” .`) and after inline markup closed after a word or a
        placeholder (`**file** ,`, `<b>file</b> ,`, `<x id="1"/> ,`: the
        finding is the typed space).

        It does not flag French (and Breton) `;`, `:`, `!`, `?`, which take a
        space before them, in a French document or inside a French quotation
        (`« Pourquoi ? »`, `“mon amour !”` in an English text); an ellipsis
        (`and so on ...`, or spaced as in legal and book style: `said that
        . . . and`); a no-break space before a mark (deliberate typography);
        decimals written `.5`; emoticons; indented code and table rows; a
        full stop where a PO string is wrapped inside a word (`la sección ."`
        / `"debug_loc`, which reads `.debug_loc`). In a catalogue, a
        translation that spaces a mark no more often than its source does
        (`Tipo : %s` for `Type : %s`, `Teclee ? para` for `Type ? for`), or
        where the same line of the source spaces it as often, or where the
        line is padded to keep the mark at its column in the source (`   nom
        módulo : %s` for `   module name: %s`; indented lines, or two spaces
        or more before the mark), is not flagged.

    Why it matters:
        Tokenised MT output and copy-paste leave spaces before punctuation;
        the mark then floats and may wrap to the start of a line.

    Example:
        `The results , however , were clear .` → `The results, however, were clear.`

    Fix:
        Remove the space (safe).
    """

    name = "space-before-punctuation"
    summary = "A space before a punctuation mark that should follow the word directly."
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        text = ctx.text
        spaced = _SPACED_MARKS.get(_base_lang(ctx.lang), "")
        raw = ctx.document.text
        for at in _punctuation_marks(ctx)[0]:
            start = at - 1
            # Typed spaces only (in the file as read): blanked markup before them ends
            # the walk, so the span and the fix cover the spaces alone.
            while start > 0 and raw[start - 1] in " \t":
                start -= 1
            if start == at or start == 0 or not _word_ends_at(ctx, start, at):
                continue
            mark = text[at]
            if mark in spaced:
                continue
            if mark in ";:!?" and _in_french_quotation(ctx, at):
                continue  # `« Pourquoi ? »`, `“mon amour !”`: French spacing, in French
            if continued_word(raw, text, at + 1):
                continue  # `."` / `"debug_loc`: a PO string wrapped inside `.debug_loc`
            if mark == "." and _SPACED_ELLIPSIS.match(text, at):
                continue  # ". . ." (legal and book style) is an ellipsis, like "..."
            line_start, _ = _line_bounds(text, start)
            if _is_code_line(text[line_start:start], ctx.document.blocks is None):
                continue
            if _source_spaces(ctx, start, at, mark):
                continue  # the source spaces the mark too: `Name    : %s`, `Type ? for help`
            yield self.finding(
                Span(start, at + 1),
                f"Space before “{mark}”.",
                suggestion=mark,
                fix=Fix(
                    f"Remove the space before “{mark}”",
                    (Edit(Span(start, at), ""),),
                ),
            )


def _source_spaces(ctx: RuleContext, start: int, at: int, mark: str) -> bool:
    """Whether the mark text[at], spaced from text[start], of a catalogue translation
    keeps its source's layout: the source spaces that mark as often (`Name : %s`, `Type
    ? for help`), or the same line of the source does as often as this line (a list of
    `label : value` lines where the translation spaces one colon more); or the line is
    padded to keep the mark at its column in the same line of the source (`   nom
    módulo : %s` for `   module name: %s`): both lines indented, or two spaces or more
    before the mark (one space before a comma may well fall at the source's column)."""
    unit = unit_text(ctx, at)
    if unit is None:
        return False
    if unit.mirrors_spaced(mark):
        return True
    index, column, head = unit.line_before(at)
    if unit.line_mirrors_spaced(index, mark):
        return True
    source_line = unit.source_line(index)
    if source_line[column : column + 1] != mark:
        return False
    indented = head.startswith((" ", "\t")) and source_line.startswith((" ", "\t"))
    return indented or at - start >= 2


def _in_french_quotation(ctx: RuleContext, at: int) -> bool:
    """Whether `at` lies inside a quotation in French (whose `;:!?` take a space before):
    guillemets spaced the French way in a language without guillemets of its own, or a
    quotation the detector finds French against the document's language. Rare (a
    spaced mark in a non-French text), so the quote analysis is asked only then."""
    from transcheck.quotes import french_spaced, uses_guillemets
    from transcheck.rules.quotes import analyse, quoted_language

    analysis = analyse(ctx)
    pairs = analysis.pairs  # sorted by opening offset
    cached = ctx.extra.get(_OPEN_OFFSETS_KEY)
    if cached is None or cached[0] is not analysis:  # once per analysis, not per mark
        cached = (analysis, [p.open.offset for p in pairs])
        ctx.extra[_OPEN_OFFSETS_KEY] = cached
    k = bisect_right(cached[1], at)
    inner = None
    for pair in reversed(pairs[max(0, k - 64) : k]):  # the innermost pair holding `at`
        if pair.close is not None and pair.close.offset > at:
            inner = pair
            break
    if inner is None:
        return False
    verdicts = ctx.extra.setdefault(_FRENCH_QUOTES_KEY, {})
    key = (inner.open.offset, id(ctx.document))
    if key not in verdicts:
        verdicts[key] = (
            french_spaced(ctx.text, inner) and not uses_guillemets(analysis.style)
        ) or quoted_language(ctx, inner, "fr") == "fr"
    return bool(verdicts[key])


_FRENCH_QUOTES_KEY = "transcheck.typography.french_quotes"
_OPEN_OFFSETS_KEY = "transcheck.typography.quote_open_offsets"


def _word_ends_at(ctx: RuleContext, pos: int, mark: int) -> bool:
    """Whether the typed spaces at `pos` follow the end of a word: a letter or digit, a
    closing bracket or quote glued to one (`(in 2024) ,`, `“yes” .`, not `:) ,`), or
    inline markup closed after one, in the same unit (`**file** ,`, `<b>file</b> ,`,
    `</mrk> ,`, a placeholder `<x id="1"/> ,`; not an opening tag)."""
    text, raw = ctx.text, ctx.document.text
    k = pos - 1
    if text[k] != raw[k]:  # blanked markup right before the spaces
        if raw[k] == ">":
            tag = raw[raw.rfind("<", max(0, k - 200), k) : k + 1]
            if not (tag.startswith("</") or tag.endswith("/>")) or tag[1:3].lower() == "br":
                return False
        elif raw[k] not in "*_`)]~":  # emphasis, code, a link's end (not an escape: `\n ,`)
            return False
        low = max(0, k - 200)
        while k > low and text[k].isspace() and text[k] not in "\r\n":
            k -= 1
        if ctx.document.crosses_block(k, mark):
            return False
    if _ALNUM.match(text, k):
        return True
    # A closing bracket, quote or emphasis after a word, a number or a full stop (`“Stop.” ,`).
    return (
        text[k] in _CLOSE_AFTER_WORD
        and k > 0
        and (text[k - 1].isalnum() or text[k - 1] in _END_BEFORE_CLOSE)
    )


_CLOSE_AFTER_WORD = frozenset(")]}”’»›\"'*")
_END_BEFORE_CLOSE = frozenset(".!?”’»›)]\"'")


# --- missing-space-after-punctuation --------------------------------------------------

# (?<=[^\W\d_])[,;:!?.] with the look-behind after the mark (see _LOWER_START).
_MISSING_AFTER_AT = r"(?<=[^\W\d_][,;:!?.])(?=[^\W\d_])"
_MISSING_AFTER = re.compile(r"[,;:!?.]" + _MISSING_AFTER_AT)
# Both patterns in one: a mark with a space or tab before it (`_SPACE_BEFORE`) or with a
# letter before it (`_MISSING_AFTER`), never both. One scan of the text for both rules.
_PUNCTUATION = re.compile(f"[,.;:!?](?:{_SPACE_BEFORE_AT}|{_MISSING_AFTER_AT})")


def _punctuation_marks(ctx: RuleContext) -> tuple[list[int], list[int]]:
    """Offsets of the `_SPACE_BEFORE` matches and of the `_MISSING_AFTER` matches (each a
    single mark), from one scan shared by the two rules."""
    return ctx.shared("typography-punctuation", lambda: _punctuation_scan_compact(_compact(ctx)))


def _punctuation_scan_compact(compact: _Compact) -> tuple[list[int], list[int]]:
    """`_punctuation_scan` of the text, made over its `_Compact` (the pattern looks one
    character behind and ahead of its mark)."""
    shift = compact.shift
    spaced, glued = _punctuation_scan(compact.text)
    return [at + shift(at) for at in spaced], [at + shift(at) for at in glued]


def _punctuation_scan(text: str) -> tuple[list[int], list[int]]:
    spaced: list[int] = []
    glued: list[int] = []
    for m in _PUNCTUATION.finditer(text):
        at = m.start()
        (spaced if text[at - 1] in " \t" else glued).append(at)
    return spaced, glued


_CODE_CHARS = frozenset("/@\\_=<>{}[]|#~^&%*+$`")
_CALL = re.compile(r"\w\(")
# Languages that glue case endings to abbreviations with a colon (EU:s, USA:n).
_COLON_IN_WORDS = frozenset({"sv", "fi"})


def _script_ok(ch: str) -> bool:
    """Latin, Greek and Cyrillic letters; other scripts have their own spacing rules."""
    return ord(ch) < 0x0530


class MissingSpaceAfterPunctuation(BaseRule):
    """No space after a comma, semicolon, colon, full stop, question or exclamation mark.

    What it flags:
        A mark glued between two words: `word,word`, `end.Next`, `note:the`,
        `really?Yes`.

        It does not flag numbers (`1,000`, `3.5`, `10:30`), URLs, e-mail
        addresses, domain and file names (`example.com`, `report.pdf`: a full
        stop is flagged only before a capitalised word), dotted abbreviations
        (`U.S.`, `e.g.`, `EE.UU.`, `Ph.D.`), ellipses (`wait...what`),
        identifiers and code (`obj.Method()`, `camelCase`, anything with `/`,
        `_`, `=` and the like), single-letter pairs (`x,y`), short colon
        prefixes (`en:London`, `re:Invent`), colons inside words in Swedish
        and Finnish (`EU:s`), and anything in a run of more than 200
        characters without a space (a pasted data line, not prose). In a
        catalogue, a translation that glues a mark between words no more
        often than its source does is not flagged (`PROPIETARIO:GRUPO` for
        `OWNER:GROUP`, `app;aplicación;paquete` for a keyword list).

    Why it matters:
        A missing space after punctuation is a frequent artifact of joined
        segments and of OCR, and it breaks line wrapping and word counts.

    Example:
        `The plan was approved.Next year it starts,as agreed.`

    Fix:
        Insert a space after the mark. The fix is unsafe: product names and
        identifiers (`Yahoo!Finance`, `ASP.NET`) sometimes look the same.
    """

    name = "missing-space-after-punctuation"
    summary = "A punctuation mark is glued to the next word."
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        text = ctx.text
        lang = _base_lang(ctx.lang)
        tokens = _Tokens(text)
        for pos in _punctuation_marks(ctx)[1]:
            mark = text[pos]
            if not (_script_ok(text[pos - 1]) and _script_ok(text[pos + 1])):
                continue
            facts = tokens.at(pos)
            if facts is None or self._skip(text, facts, pos, mark, lang):
                continue
            if source_says(ctx, pos, lambda unit, mark=mark: unit.mirrors_glued(mark)):
                continue  # the source glues the mark too: `OWNER:GROUP`, `lib,lib,...`
            yield self.finding(
                Span(pos, pos + 1),
                f"No space after “{mark}”.",
                suggestion=f"{mark} ",
                fix=Fix(
                    f"Insert a space after “{mark}”",
                    (Edit(Span(pos + 1, pos + 1), " "),),
                    safe=False,
                ),
            )

    @staticmethod
    def _skip(text: str, facts: _TokenFacts, pos: int, mark: str, lang: str) -> bool:
        if (mark == "." and facts.dots > 1) or (mark == "," and facts.commas > 2):
            return True  # dotted abbreviations (U.S.), data lists ("en,es,fr,de")
        before = text[_word_edge_before(text, pos, facts.lo) : pos]
        after = text[pos + 1 : _word_edge_after(text, pos + 1, facts.hi)]
        if len(before) == 1 and len(after) == 1:
            return True  # x,y  a.m  i.e
        if mark == ".":
            # Only "end.Next": a lowercase word, then a capitalised word.
            if not before.islower() or len(before) < 2:
                return True
            return len(after) < 2 or not after[0].isupper() or not after[1:].islower()
        if mark == ":":
            return lang in _COLON_IN_WORDS or len(before) <= 3 or len(after) < 3
        return False


# A whitespace-delimited token longer than this is data (a pasted CSV or log line, an
# encoded blob), not a glued pair of words: none of its marks is checked.
_MAX_TOKEN = 200
_SPACE = re.compile(r"\s")
_WORD_CHARS = re.compile(r"[\w'’\-]")


class _TokenFacts:
    """What the checks need to know about one whitespace-delimited token, computed once
    for all of its marks (a token of "a.a.a." has one mark every other character)."""

    __slots__ = ("commas", "dots", "hi", "lo")

    def __init__(self, lo: int, hi: int, dots: int, commas: int) -> None:
        self.lo, self.hi, self.dots, self.commas = lo, hi, dots, commas


class _Tokens:
    """The token around each match, in text order: each token's bounds and facts are
    found once, so the rule stays linear however many marks a token holds."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.hi = -1  # end of the last token looked at (matches come in text order)
        self.facts: _TokenFacts | None = None

    def at(self, pos: int) -> _TokenFacts | None:
        """Facts of the token holding text[pos], or None when no mark in it counts."""
        if pos < self.hi:
            return self.facts
        text = self.text
        lo = pos
        floor = max(pos - _MAX_TOKEN, self.hi, 0)  # never rescan the previous token
        while lo > floor and not text[lo - 1].isspace():
            lo -= 1
        space = _SPACE.search(text, pos)
        hi = space.start() if space is not None else len(text)
        self.hi = hi
        if hi - lo > _MAX_TOKEN or (lo == floor and lo > 0 and not text[lo - 1].isspace()):
            self.facts = None  # data, not prose
            return None
        token = text[lo:hi]
        if any(c in _CODE_CHARS for c in token) or "www" in token.lower() or _CALL.search(token):
            self.facts = None
        else:
            stripped = token.strip("\"'“”‘’«»„()[]¿¡.,;:!?")
            self.facts = _TokenFacts(lo, hi, stripped.count("."), token.count(","))
        return self.facts


def _word_edge_before(text: str, pos: int, lo: int) -> int:
    """Start of the run of word characters (letters, digits, ' ’ -) that ends at pos."""
    match = _WORD_CHARS.match
    start = pos
    while start > lo and match(text, start - 1):
        start -= 1
    return start


def _word_edge_after(text: str, pos: int, hi: int) -> int:
    """End of the run of word characters that starts at pos."""
    match = _WORD_CHARS.match
    end = pos
    while end < hi and match(text, end):
        end += 1
    return end


RULES = (
    LowercaseSentenceStart,
    RepeatedWord,
    DoubleSpace,
    SpaceBeforePunctuation,
    MissingSpaceAfterPunctuation,
)
