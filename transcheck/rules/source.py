"""Rules: source-aware checks (numbers, names, omissions, additions, untranslated
segments) and MT-aware second looks (divergence from MT, raw MT output).

All of them read `ctx.comparison` (built by `transcheck.compare`) and yield
nothing when it is None.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterable, Iterator, Mapping
from itertools import accumulate, compress
from operator import attrgetter, eq
from typing import TYPE_CHECKING, Any, ClassVar

from transcheck.findings import Finding, Severity, Span
from transcheck.name_match import (
    ANY_CAPITAL,
    NamedWords,
    mark_cell_breaks,
    missing_names,
    name_present,
    normalise,
    ordinary_word_name,
    title_case,
    title_label_word,
)
from transcheck.registry import BaseRule, Option, RuleContext

if TYPE_CHECKING:
    from transcheck.compare import Comparison, PairInfo
    from transcheck.formats import Unit
    from transcheck.numbers import NumberMention

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _neighbour_draft(comp: Comparison, k: int) -> str:
    """The draft text of pairs k-1 and k+1: a misaligned merge must not cause a finding."""
    return comp.draft_text(_neighbour_indices(comp, k, "tgt"))


def _neighbour_source(comp: Comparison, k: int) -> str:
    """The source text of pairs k-1 and k+1 (a draft number may come from a neighbour)."""
    return comp.source_text(_neighbour_indices(comp, k, "src"))


def _neighbour_indices(comp: Comparison, k: int, side: str) -> list[int]:
    """Sentence indices on one side ("src" or "tgt") of the pairs next to pair k."""
    here = comp.pairs[k]
    near = comp.pairs[max(0, k - 1) : k + 2]
    return sorted({i for pair in near if pair is not here for i in getattr(pair, side)})


def _matched(comp: Comparison) -> Iterator[tuple[int, PairInfo]]:
    """Pairs with both sides. A unit whose source is empty (a PO msgid that is a symbolic
    key, a JSON key missing from the source file) has nothing to compare with."""
    spans = comp.source_sentences
    for k, pair in enumerate(comp.pairs):
        if pair.src and pair.tgt:
            if len(pair.src) == 1 and spans[pair.src[0]].end <= spans[pair.src[0]].start:
                continue
            yield k, pair


class MatchedPairs:
    """The comparison's pairs with both sides, their texts, and what the source rules
    ask of every pair, worked out once per file (`matched_pairs`) instead of once per
    rule: a catalogue is a hundred short pairs, and the per-pair calls (texts joined,
    normalised, searched for digits) cost more than the few pairs that need a closer
    look. Lists are in pair order, so the rules report in the same order as before."""

    def __init__(self, comp: Comparison) -> None:
        self.comp = comp
        self.ks: list[int] = []
        self.pairs: list[PairInfo] = []
        self.sources: list[str] = []
        self.drafts: list[str] = []
        self.merged: list[int] = []  # positions of the pairs of several sentences a side
        src, tgt = comp.sentence_texts(True), comp.sentence_texts(False)
        if _one_to_one(comp.pairs, len(src), len(tgt)):
            self._take_one_to_one(comp, src, tgt)
        else:
            self._take_pairs(comp, src, tgt)
        self._digits: list[int] | None = None
        self._same: list[int] | None = None

    def _take_one_to_one(self, comp: Comparison, src: list[str], tgt: list[str]) -> None:
        """Pair i is source sentence i with draft sentence i (a catalogue's units): the
        lists are the sentence lists, less the pairs whose source is empty, in C."""
        if "" not in src:
            self.ks = list(range(len(src)))
            self.pairs = list(comp.pairs)
            self.sources, self.drafts = list(src), list(tgt)
            return
        # An empty text is an empty span (`_matched` skips it): a symbolic msgid's unit.
        self.ks = list(compress(range(len(src)), src))
        self.pairs = list(compress(comp.pairs, src))
        self.sources, self.drafts = list(compress(src, src)), list(compress(tgt, src))

    def _take_pairs(self, comp: Comparison, src: list[str], tgt: list[str]) -> None:
        """Any alignment: `_matched`, inlined; a pair of one sentence a side needs no join."""
        spans = comp.source_sentences
        for k, pair in enumerate(comp.pairs):
            s, t = pair.src, pair.tgt
            if not (s and t):
                continue
            if len(s) == 1:
                span = spans[s[0]]
                if span.end <= span.start:
                    continue
                source = src[s[0]]
            else:
                source = comp.source_text(s)
            if len(s) != 1 or len(t) != 1:
                self.merged.append(len(self.pairs))
            self.ks.append(k)
            self.pairs.append(pair)
            self.sources.append(source)
            self.drafts.append(tgt[t[0]] if len(t) == 1 else comp.draft_text(t))

    def __len__(self) -> int:
        return len(self.pairs)

    def with_digits(self) -> list[int]:
        """Positions of the pairs with a digit on either side: the only ones that can
        have a missing or extra number (`numbers.missing_numbers` says so at once)."""
        if self._digits is None:
            found = _with_digit(self.sources)
            found.update(_with_digit(self.drafts))
            self._digits = sorted(found)
        return self._digits

    def with_inner_capital(self) -> list[int]:
        """Positions of the pairs whose source has a capital after its first character:
        `missing_names` finds no name in the others (most UI strings)."""
        return _with_inner_capital(self.sources)

    def same_text(self) -> list[int]:
        """Positions of the pairs whose source and draft are equal after `normalise`
        (case, spaces and punctuation). Equal texts have equal `_ascii_keys`: the pairs
        whose keys differ (nearly every translated pair) are told apart in a few calls
        per side for the whole file; the others are normalised, or, when neither side
        has an ASCII letter or digit (a key says nothing then), first sorted apart by
        their first characters and words (`_told_apart`)."""
        if self._same is None:
            src_keys, tgt_keys = _ascii_keys(self.sources), _ascii_keys(self.drafts)
            if src_keys is None or tgt_keys is None:  # a text holds the separator
                src_keys = tgt_keys = [b""] * len(self.sources)
            same = []
            # The pairs with equal keys, picked in C: nearly every pair's keys differ.
            for i in compress(range(len(src_keys)), map(eq, src_keys, tgt_keys)):
                key = src_keys[i]
                src, tgt = self.sources[i], self.drafts[i]
                if key:
                    # A key is letters and digits, which normalise keeps: a text copied
                    # as it is (the usual untranslated string) needs no normalising.
                    if src == tgt or _same_sentence(src, tgt):
                        same.append(i)
                    continue
                if not _told_apart(src, tgt) and _same_sentence(src, tgt):
                    same.append(i)
            self._same = same
        return self._same


_SRC, _TGT = attrgetter("src"), attrgetter("tgt")


def _one_to_one(pairs: list[PairInfo], n_src: int, n_tgt: int) -> bool:
    """Whether pair i is exactly source sentence i with draft sentence i, for every
    sentence of both sides (told in C: each side's index tuples against (0,), (1,)…)."""
    if not (len(pairs) == n_src == n_tgt):
        return False
    ones = list(zip(range(n_src)))
    return list(map(_SRC, pairs)) == ones and list(map(_TGT, pairs)) == ones


# Every byte but the ASCII letters and digits, and NUL (the separator); and the table
# that lower-cases the ASCII capitals.
_NOT_KEY = bytes(b for b in range(1, 256) if not (bytes([b]).isalnum() and b < 128))
_LOWER_ASCII = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))


def _ascii_keys(texts: list[str]) -> list[bytes] | None:
    """Each text's lower-case ASCII letters and digits, in order (`text.lower()` without
    its other characters), found for all texts at once; None when a text holds NUL.

    `normalise` keeps every letter and digit of `text.lower()` in order and changes
    only the rest to spaces, so texts equal after it have equal keys. (Lower-casing the
    texts joined gives each text's own lower case: the only context Python's `lower`
    reads is a final sigma's, which is no ASCII letter; UTF-8 writes every non-ASCII
    character with bytes above 127 only.) The lower case of a non-ASCII character holds
    no ASCII letter or digit but for İ (i̇) and the Kelvin sign (k): without them, the
    ASCII capitals are lower-cased in the bytes, which costs far less than `lower`."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):
        return None
    if "\u0130" in joined or "\u212a" in joined:
        joined = joined.lower()
    data = joined.encode("utf-8", "surrogatepass")
    keys = data.translate(_LOWER_ASCII, _NOT_KEY)
    return keys.split(b"\x00") if texts else []


def _told_apart(src: str, tgt: str) -> bool:
    """Whether two texts are surely different after `normalise`, by their first
    characters and words (read off without normalising). Both normalised strings begin
    with the lower-case first character of their text when that character is
    alphanumeric (nothing is stripped before it)."""
    if not (src and tgt):
        return False
    a, b = src[0].lower()[0], tgt[0].lower()[0]
    if a != b and a.isalnum() and b.isalnum():
        return True
    # Most pairs left begin alike ("Ravi …", "%d …", "¿…"/"Are …"): their first words,
    # read off without normalising, tell them apart.
    a_words, b_words = _head_words(src), _head_words(tgt)
    n = min(len(a_words), len(b_words))
    return a_words[:n] != b_words[:n]


# Marks (no word characters) that may open or close a word: "¿Seguro", "“%s”.", "(beta)".
_EDGE_MARKS = "¿¡«»“”‘’\"'()[]{}%$#@&*.,;:!?-–—/\\<>|_"


def _head_words(text: str) -> list[str]:
    """The first words of `normalise(text)`, as far as its first two whitespace tokens
    tell them without a regex: a token that is a word once the marks at its ends are
    off is that word, a token of marks only is none, and any other token ends the
    reading (its words are not read off so simply)."""
    words: list[str] = []
    for token in text.lower().split(maxsplit=2)[:2]:
        core = token.strip(_EDGE_MARKS)
        if not core:
            continue
        if not core.isalnum():
            break
        words.append(core)
    return words


_ASCII = bytes(range(128))  # deleted from UTF-8 bytes, they leave the non-ASCII characters


def _with_digit(texts: list[str]) -> set[int]:
    """Indexes of the texts with a digit (`\\d`: any Unicode decimal digit).

    A regex search costs per character, and most texts have no digit: the ten ASCII
    digits are found by substring searches over the texts joined, the others (rare) by
    the regex over what is left of them without their ASCII characters."""
    from transcheck.numbers import _DIGIT

    joined = "".join(texts)
    rest = joined.encode("utf-8", "surrogatepass").translate(None, _ASCII)
    if rest and _DIGIT.search(rest.decode("utf-8", "surrogatepass")) is not None:
        return {i for i, text in enumerate(texts) if _DIGIT.search(text) is not None}
    ends = list(accumulate(map(len, texts)))  # text i is joined[ends[i - 1] : ends[i]]
    found: set[int] = set()
    for digit in "0123456789":
        at = joined.find(digit)
        while at >= 0:
            i = bisect_right(ends, at)  # the text holding it
            found.add(i)
            at = joined.find(digit, ends[i])  # on from the next text
    return found


# A capital (`name_match.ANY_CAPITAL`) not right after NUL, which starts each text below.
_INNER_CAPITAL = re.compile(f"{ANY_CAPITAL.pattern}(?<!\\x00{ANY_CAPITAL.pattern})")


def _with_inner_capital(texts: list[str]) -> list[int]:
    """Indexes of the texts where `ANY_CAPITAL` finds a capital from their second
    character on, by one search per text that has one, over the texts joined, each
    after a NUL (a text holding NUL is searched on its own)."""
    joined = "\x00" + "\x00".join(texts) if texts else ""
    if joined.count("\x00") != len(texts):
        return [i for i, text in enumerate(texts) if ANY_CAPITAL.search(text, 1) is not None]
    ends = list(accumulate(len(text) + 1 for text in texts))  # text i ends at ends[i]
    found = []
    m = _INNER_CAPITAL.search(joined)
    while m is not None:
        i = bisect_right(ends, m.start())  # the text holding it
        found.append(i)
        m = _INNER_CAPITAL.search(joined, ends[i])  # on from the next text
    return found


def matched_pairs(ctx: RuleContext) -> MatchedPairs | None:
    """The file's `MatchedPairs`, shared by the source rules (None without a source)."""
    comp = ctx.comparison
    if comp is None:
        return None
    return ctx.shared("matched-pairs", lambda: MatchedPairs(comp))


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
        draft counts as the number. The first form of a plural entry (PO
        `msgstr[0]`, a JSON `_one` key) need not keep the singular's `1`: it is
        the form for 1, 21, 31… in many languages (`1 file` → `%d файл`), and
        for 0 in Arabic.

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
        from transcheck.numbers import _DIGIT, extract_numbers, missing_numbers

        view = matched_pairs(ctx)
        if view is None:
            return
        comp = view.comp
        for i in view.with_digits():
            k, pair = view.ks[i], view.pairs[i]
            src_text, tgt_text = view.sources[i], view.drafts[i]
            missing, extra = missing_numbers(src_text, comp.src_lang, tgt_text, comp.tgt_lang)
            if missing or extra:
                missing, extra = _plural_counts(
                    ctx, comp, pair, (src_text, tgt_text), missing, extra
                )
            if not missing and not extra:
                continue
            # A misaligned neighbour must not cause a finding: look one pair around.
            if missing:
                nearby = extract_numbers(_neighbour_draft(comp, k), comp.tgt_lang, words=True)
                missing = [n for n in missing if not any(n.matches(d) for d in nearby)]
            if extra:
                # Only digit numbers (`required`) count here: no digit, nothing to scan.
                near_src = _neighbour_source(comp, k)
                if _DIGIT.search(near_src) is not None:
                    around = extract_numbers(near_src, comp.src_lang, words=True)
                    digits = [s for s in around if s.required]
                    extra = [d for d in extra if not any(d.matches(s) for s in digits)]
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


# Placeholders that may stand for a count: printf (`%d`, `%1$s`, `%@`), Python (`%(n)d`),
# Qt (`%n`, `%1`), braces (`{count}`, `{0}`, `{{count}}`), Ruby (`%{count}`).
_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?(?:hh|h|ll|l|j|z|t|L|q)?[diuoxXsfeEgG@]"
    r"|%\([A-Za-z_][\w.]*\)[-+#0]*\d*(?:\.\d+)?[disfg]"
    r"|%[nN]\b|%[1-9]\b|%\{[A-Za-z_]\w*\}"
    r"|\{\{\s*[A-Za-z_][\w.]*\s*\}\}|\{(?:[A-Za-z_][\w.]*|\d+)(?:,[^{}]*)?\}"
)


def _plural_counts(
    ctx: RuleContext,
    comp: Comparison,
    pair: PairInfo,
    texts: tuple[str, str],
    missing: list[NumberMention],
    extra: list[NumberMention],
) -> tuple[list[NumberMention], list[NumberMention]]:
    """`missing`/`extra` without the counts a plural form legitimately changes.

    A catalogue says which strings are plural forms (`_first_form`): their first form
    translates the singular msgid ("1 file was deleted"), but is the form many languages
    use for 1, 21, 31… (ru, uk, pl: `%d файл`) and Arabic for 0 (nplurals=6): the
    singular's `1` is not required there, and a `0` of Arabic's zero form is no extra.
    Every other catalogue string keeps its `1` (`Page 1 of %d` → `Page %d sur %d` is a
    wrong page). A plain document has no such flag; the placeholder count stands in."""
    if ctx.units is None:
        if missing and _count_placeholder_for_one(*texts):
            missing = [n for n in missing if n.values != _ONE]
        return missing, extra
    unit = ctx.unit_at(comp.draft_sentences[pair.tgt[0]].start)
    if unit is None:
        return missing, extra
    if _credits_unit(unit):
        return [], []
    if not _first_form(unit):
        return missing, extra
    missing = [n for n in missing if n.values != _ONE]
    extra = [d for d in extra if d.values != _ZERO]
    if extra and _count_placeholder_for_one(texts[1], texts[0]):
        # "%d signature was not checked" -> "1 firma no comprobada": the form for one
        # may write the count it stands for where the source had its placeholder.
        extra = [d for d in extra if d.values != _ONE]
    return missing, extra


_ONE = frozenset({1.0})
_ZERO = frozenset({0.0})
# The last key of a JSON plural string for the singular: i18next `files_one`, nested
# `files.one` (Rails-style catalogues converted to JSON).
_ONE_KEY = re.compile(r"[._](?:one|zero)$")


# The gettext convention for the translators' credits: a msgid that is a keyword, whose
# msgstr lists names, e-mails and years (no translation of the msgid at all).
_CREDITS_IDS = frozenset(
    {"translator-credits", "translator_credits", "translatorcredits", "your names", "your emails"}
)


def _credits_unit(unit: Unit) -> bool:
    """The unit is the translators' credits (GNOME `translator-credits`, KDE `Your names`)."""
    msgid = unit.id.rpartition("\x04")[2]  # without a msgctxt
    return len(msgid) < 24 and msgid.strip().lower() in _CREDITS_IDS


def _first_form(unit: Unit) -> bool:
    """The unit is the first plural form of a PO entry (`msgstr[0]`), or a JSON string
    keyed as the `one`/`zero` form of a plural."""
    return "plural:0" in unit.flags or _ONE_KEY.search(unit.id) is not None


def _count_placeholder_for_one(source: str, draft: str) -> bool:
    """The draft has more placeholders than the source: a `1` of the source may have
    become the count (a plain document has no plural flag to say so)."""
    if "%" not in draft and "{" not in draft:
        return False
    return len(_PLACEHOLDER.findall(draft)) > len(_PLACEHOLDER.findall(source))


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


def _source_words(comp: Comparison) -> Container[str]:
    """The words of the whole source text (every msgid of a catalogue), looked up."""
    from transcheck.names.words import WordLookup  # (the names package is slow to import)

    return WordLookup(comp.source.analysis_text)


def _source_name_words(comp: Comparison) -> Container[str]:
    """The words the source capitalises as names outside Title Case labels."""
    return NamedWords(comp.source.analysis_text, [(s.start, s.end) for s in comp.source_sentences])


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
        word is not required. Months, days and titles are not names, nor is the
        first word after a string's line break, tab or column of spaces. In a
        catalogue, a word its strings write elsewhere in lower case is not a name
        (Work Phone, Show All), nor a word of a Title Case label that no other
        string capitalises mid-sentence when the draft has no name of its own.

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
        view = matched_pairs(ctx)
        if view is None:
            return
        comp = view.comp
        src_en = comp.src_lang[:2] == "en"
        mt_text = comp.mt_text if comp.mt else lambda idx: None
        for i in view.with_inner_capital():
            k, pair, src_text, draft_text = (
                view.ks[i],
                view.pairs[i],
                view.sources[i],
                view.drafts[i],
            )
            mt = mt_text(pair.src)
            missing = missing_names(src_text, draft_text, mt, src_en, comp.src_lang)
            if not missing:
                continue  # the usual case: offsets only for the pairs reported
            src_base = _sentence_offsets(comp, pair.src, source=True)
            if len(src_base) == 1:
                # A word after a line break or column of the string starts a line or
                # cell ("…\nSee settings", "  --all     Show all"): not a name.
                marked = mark_cell_breaks(src_text, comp.source.text, src_base[0][1])
                # (Only a name that starts at a break changes: ask again for those.)
                if marked is not None and any(marked[m[0] - 1] == "\t" for m in missing):
                    missing = missing_names(marked, draft_text, mt, src_en, comp.src_lang)
            if missing and ctx.units is not None:
                # A catalogue's strings capitalise labels, titles and line starts: a
                # word the catalogue writes elsewhere in lower case is no name there.
                # (Not in prose, where such runs are titles: Reign of Terror.)
                words = ctx.shared("source-words", lambda: _source_words(comp))
                missing = [m for m in missing if not ordinary_word_name(m[2], words)]
                if missing and title_case(src_text):
                    # A Title Case label's capitals are no evidence: ask the file.
                    named = ctx.shared("source-name-words", lambda: _source_name_words(comp))
                    missing = [
                        m
                        for m in missing
                        if not title_label_word(m[2], draft_text, named, comp.tgt_lang)
                    ]
            if not missing:
                continue
            tgt_span = comp.draft_span(pair.tgt)
            if tgt_span is None:
                continue
            nearby: str | None = None
            for start, end, name in missing:
                if nearby is None:
                    nearby = _neighbour_draft(comp, k)
                if name_present(name, nearby):
                    continue
                yield self.finding(
                    tgt_span,
                    f"source name {name} is missing in the draft",
                    source_span=Span(*_offset(src_base, start, end)),
                )


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
    option_types: ClassVar[Mapping[str, Option]] = {
        "min_ratio": Option("number", minimum=0, maximum=1),
        "min_words": Option("integer", minimum=0),
    }

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        comp = ctx.comparison
        if comp is None or not comp.draft_sentences:
            return
        min_words = int(self.options["min_words"])
        min_ratio = float(self.options["min_ratio"])
        if _none_short(comp.pairs, min_ratio):
            return  # every pair has both sides and its length (most catalogues, in C)
        last_tgt: int | None = None
        for k, pair in enumerate(comp.pairs):
            if pair.tgt:
                last_tgt = pair.tgt[-1]
            # The cheap tests first: most pairs are neither unpaired nor short.
            unpaired = bool(pair.src and not pair.tgt)
            short = (
                bool(pair.tgt) and pair.length_ratio is not None and pair.length_ratio < min_ratio
            )
            if not unpaired and not short:
                continue
            src_text = comp.source_text(pair.src)
            if len(_WORD.findall(src_text)) < min_words:
                continue
            if unpaired:
                anchor = last_tgt if last_tgt is not None else _next_tgt(comp, k)
                if anchor is None:
                    continue
                yield self.finding(
                    comp.draft_sentences[anchor],
                    f"source sentence has no counterpart in the draft: “{_shorten(src_text)}”",
                    source_span=comp.source_span(pair.src),
                )
            elif short and len(src_text) >= 40:
                span = comp.draft_span(pair.tgt)
                assert span is not None
                yield self.finding(
                    span,
                    f"draft sentence is {pair.length_ratio:.0%} of the expected length; "
                    "part of the source may be missing",
                    source_span=comp.source_span(pair.src),
                    severity=Severity.WARNING,
                )


_RATIO = attrgetter("length_ratio")


def _none_short(pairs: list[PairInfo], min_ratio: float) -> bool:
    """Whether every pair has both sides and a length ratio of at least `min_ratio`:
    then `Omission` finds neither an unpaired source nor a short draft. (`min` returns
    NaN when the first ratio is NaN, which fails the test; a later NaN is skipped, and
    a NaN ratio is never short.)"""
    if not (all(map(_SRC, pairs)) and all(map(_TGT, pairs))):
        return False
    ratios = list(map(_RATIO, pairs))
    return None not in ratios and min(ratios, default=min_ratio) >= min_ratio


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
    option_types: ClassVar[Mapping[str, Option]] = {"min_words": Option("integer", minimum=0)}

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        comp = ctx.comparison
        if comp is None or not comp.source_sentences:
            return
        if all(map(_SRC, comp.pairs)):
            return  # every pair has a source sentence (in C)
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


def _english_ui(src_lang: str, tgt_lang: str, text: str) -> bool:
    """A short English string ("Cancel", "Settings saved") with an interface word the
    target language does not share: untranslated, not a name."""
    if src_lang[:2] != "en" or tgt_lang[:2] == "en":
        return False
    from transcheck.ui_words import untranslated_english

    return untranslated_english(text, tgt_lang)


class UntranslatedSegment(BaseRule):
    """A draft sentence identical to its source sentence.

    What it flags:
        A draft sentence equal to its aligned source sentence after normalising
        case, spaces and punctuation — a segment left untranslated. In a bead of
        several sentences (a merge), each draft sentence is compared with each
        source sentence of the bead. Sentences of names and numbers only are
        ignored (also when the draft only changed their case: Spanish writes
        "hangul" for "Hangul"), and so are sentences the MT also leaves unchanged
        (a quotation already in the target language) and strings that are more
        code than words: a command synopsis (`git reset [--hard] [<commit>]`),
        options, identifiers, a field dump (`rms: %u, cdt: %u`). A short English
        UI string (a catalogue's "Cancel") left as is counts when it holds an
        interface word the target language does not share (`ui_words_en.txt`:
        "Error" or "Total" stay quiet in Spanish).

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
        view = matched_pairs(ctx)
        if view is None:
            return
        comp = view.comp
        whole = view.same_text()
        # A bead of several sentences (a merge, or a 2-2 the alignment preferred) can
        # hold a copied sentence next to a translated one: each of its draft sentences
        # is compared with each of its source sentences.
        merged = set(view.merged).difference(whole)
        for i in sorted(merged.union(whole)) if merged else whole:
            pair = view.pairs[i]
            if i not in merged:
                found = self._identical(comp, pair.src, pair.tgt, view.sources[i], view.drafts[i])
                if found is not None:
                    yield found
                continue
            for t in pair.tgt:
                tgt_text = comp.draft_text([t])
                for s in pair.src:
                    src_text = comp.source_text([s])
                    if _same_sentence(src_text, tgt_text):
                        found = self._identical(comp, (s,), (t,), src_text, tgt_text)
                        if found is not None:
                            yield found
                        break

    def _identical(
        self,
        comp: Comparison,
        src: tuple[int, ...],
        tgt: tuple[int, ...],
        src_text: str,
        tgt_text: str,
    ) -> Finding | None:
        """The finding for draft sentences `tgt` equal to source sentences `src`, unless
        the MT keeps them too or they are names and numbers."""
        norm = normalise(src_text)
        mt_norms = [normalise(" ".join(run.sentences[i] for i in src)) for run in comp.mt]
        if norm in mt_norms:
            return None  # the MT keeps it too: already in the target language
        # Names and numbers stay as they are; but a short string the MT does translate
        # ("Units of measurement" in a UI file) is translatable text left as is.
        # A names-only source whose case the draft changed (`Pahawh Hmong` -> `pahawh
        # hmong`, as Spanish writes the names of scripts) was edited, not left as is.
        names = _mostly_names(tgt_text) or (tgt_text != src_text and _mostly_names(src_text))
        if (
            names
            and not (mt_norms and _has_common_word(tgt_text))
            and not _english_ui(comp.src_lang, comp.tgt_lang, tgt_text)
        ):
            return None
        from transcheck.ui_words import mostly_code

        if mostly_code(tgt_text):
            # A command synopsis, options, identifiers: the same in every language.
            # (Asked last: the tests above settle most identical pairs more cheaply.)
            return None
        span = comp.draft_span(tgt)
        assert span is not None
        return self.finding(
            span,
            "draft sentence is identical to the source: untranslated?",
            source_span=comp.source_span(src),
        )


def _same_sentence(src: str, tgt: str) -> bool:
    """Whether two sentences are equal after `normalise` (as `MatchedPairs.same_text`)."""
    norm = normalise(src)
    return bool(norm) and norm == normalise(tgt)


# Units of this many words or fewer on both sides are not judged by chrF against MT.
_SHORT_UNIT_WORDS = 3


def _short_unit(source: str, draft: str) -> bool:
    """A label of a few words on both sides ("Save" / "Guardar", "Open file")."""
    return (
        len(_WORD.findall(source)) <= _SHORT_UNIT_WORDS
        and len(_WORD.findall(draft)) <= _SHORT_UNIT_WORDS
    )


class MtDivergence(BaseRule):
    """A draft sentence unusually far from the MT of its source, for this document.

    What it flags:
        An aligned pair whose chrF against the machine translation is an outlier
        among the document's pairs (a robust z-score above `threshold`; a warning
        above `severity_threshold`). MT is a second opinion, not a reference: a
        good free translation can score low. This points at sentences worth a
        second look; it is not a verdict. Pairs of three words or fewer on both
        sides are skipped: chrF says nothing about "Abrir" against "Open".

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
    option_types: ClassVar[Mapping[str, Option]] = {
        "threshold": Option("number"),
        "severity_threshold": Option("number"),
    }

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
            if _short_unit(comp.source_text(pair.src), comp.draft_text(pair.tgt)):
                continue  # chrF of "Open" / "Abrir" says nothing: UI labels translate freely
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
            draft = normalise(comp.draft_text(pair.tgt))
            if len(draft.split()) < 3:
                continue
            for run in comp.mt:
                if normalise(" ".join(run.sentences[i] for i in pair.src)) == draft:
                    span = comp.draft_span(pair.tgt)
                    assert span is not None
                    yield self.finding(
                        span, f"draft sentence is the verbatim output of {run.ident}"
                    )
                    break


RULES = (NumberMismatch, NameMismatch, Omission, Addition, UntranslatedSegment, MtDivergence, RawMt)
