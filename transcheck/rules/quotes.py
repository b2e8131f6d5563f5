"""Rules: quotes — direction, balance, spacing and style of quotation marks.

The analysis itself (classification and pairing) lives in `transcheck.quotes`; these
rules only turn its problems and pairs into findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

from transcheck.findings import Edit, Finding, Fix, Severity, Span
from transcheck.quotes import (
    STRAIGHT,
    QuoteAnalysis,
    QuotePair,
    QuoteStyle,
    french_spaced,
    is_double,
    pair_quotes,
    quote_style,
    uses_guillemets,
)
from transcheck.registry import BaseRule, RuleContext

if TYPE_CHECKING:
    from transcheck.formats import Unit

_CACHE_KEY = "transcheck.quotes.analysis"


def analyse(ctx: RuleContext) -> QuoteAnalysis:
    """The quote analysis of the context's document, computed once for all quote rules.

    Memoised in `ctx.extra` (which lives as long as the context), keyed by language.
    """
    cached = ctx.extra.get(_CACHE_KEY)
    if cached is not None and cached[0] == ctx.lang and cached[1] is ctx.document:
        return cached[2]
    analysis = pair_quotes(ctx.text, ctx.document.paragraphs, ctx.lang)
    ctx.extra[_CACHE_KEY] = (ctx.lang, ctx.document, analysis)
    return analysis


def _show(style: str) -> str:
    return f"{style[0]}…{style[1]}" if len(style) == 2 else style


class QuoteDirection(BaseRule):
    """Quotation marks facing the wrong way.

    What it flags:
        An opening mark where the closing one belongs, or the reverse: the quotation is
        still open and an opening mark follows, glued to the next word
        (`moratorium, “he said.`), after the last word (`yet,“ she added`) or before
        punctuation (`the matter “, he said`); a closing mark used to open (`said ”no`);
        a closing mark on the wrong side of its space (`yet, "she added`). Also when no
        quotation is open: an opening mark before a comma or full stop (`the matter “,
        he said`) or glued to a short speech tag (`…moratorium, “he said.`) closes a
        quotation whose opening mark is missing; it does not start one, nor one continued
        in the next paragraph (before a paragraph that opens with a quote, the tag must
        hold a common speech verb).

    Why it matters:
        It is the classic artifact of machine translation and of careless editing, and it
        breaks the reader's sense of who is speaking.

    Example:
        `“There is no deal yet, “she added.` → `“There is no deal yet,” she added.`

    Fix:
        Safe: the mark is turned round (and the space moved or removed).
    """

    name = "quote-direction"
    summary = "An opening quotation mark where the closing one belongs, or the reverse."
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        text = ctx.text
        for p in analyse(ctx).problems:
            if p.kind == "direction":
                moved = bool(p.suggestion) and p.suggestion[0] == text[p.span.start]
                title = "move the mark before the space" if moved else "turn the mark round"
                fix = Fix(title, p.edits) if p.edits else None
                yield self.finding(
                    p.span, p.message, related=p.related, suggestion=p.suggestion, fix=fix
                )


class QuoteUnbalanced(BaseRule):
    """A quotation opened and never closed, or closed without being opened.

    What it flags:
        An opening mark left open at the end of its paragraph, and a closing mark with no
        opening one. News style is respected: a quotation may run over several paragraphs
        when each continued paragraph opens again (or, in Spanish style, starts with the
        closing mark) and only the last one closes. Apostrophes (country’s, ’90s, l’État)
        and inch/foot marks (6'2") are not quotes. In a catalogue, a string with as many
        of the mark as its source keeps the source's odd mark (`\\"` in a list of
        escape sequences), which is not flagged.

    Why it matters:
        A lost mark changes where a quotation ends: words of the writer are attributed to
        the speaker, or the reverse.

    Example:
        `“The talks will go on, he said.` (the closing ” is missing)

    Fix:
        Add the missing mark where the quotation ends, or remove the stray one. No
        automatic fix: only a person knows where the quotation ends.
    """

    name = "quote-unbalanced"
    summary = "A quotation opened and never closed, or closed without being opened."
    default_severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        for p in analyse(ctx).problems:
            if p.kind in ("unclosed", "unopened") and not _source_has_it_too(ctx, p.span.start):
                yield self.finding(p.span, p.message, related=p.related)


def _source_has_it_too(ctx: RuleContext, offset: int) -> bool:
    """In a catalogue, the string has as many of this mark as its source: the source's
    odd mark kept (`\\"` in a list of escape sequences, a lone `"` named in the text)."""
    if ctx.units is None:
        return False
    unit = ctx.unit_at(offset)
    source = _unit_source(ctx, unit)
    if unit is None or not source:
        return False
    glyph = ctx.text[offset]
    return ctx.text.count(glyph, unit.target.start, unit.target.end) == source.count(glyph)


class QuoteSpacing(BaseRule):
    """Space inside quotation marks where the language puts none, or missing where it needs one.

    What it flags:
        A space between an opening mark and the quoted text (`“ We`) or between the text
        and the closing mark (`the Alliance ”, he`, or `we will win ”and left`, where the
        mark belongs before the space), in languages that put none; in French,
        guillemets with no space inside (`«Bonjour»`). In French a no-break space (U+00A0
        or U+202F) or a plain space inside « » is accepted. In a language without
        guillemets of its own (English), « » spaced inside both marks is a quotation in
        French and is not flagged; a space inside them on one side only is, without a
        safe fix.

    Why it matters:
        Stray spaces are typical of MT and of text pasted from other systems; they let a
        mark drift to the start or end of a line.

    Example:
        `He said: “ We will win.”` → `He said: “We will win.”`;
        `Il a dit «Bonjour».` → `Il a dit « Bonjour ».`

    Fix:
        Safe: the space is removed, or a no-break space (U+00A0) is inserted.
    """

    name = "quote-spacing"
    summary = "Space inside quotation marks where the language has none, or missing where needed."
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        for p in analyse(ctx).problems:
            if p.kind in ("space-inside", "space-missing"):
                title = "remove the space" if p.kind == "space-inside" else "add a no-break space"
                fix = Fix(title, p.edits, safe=p.safe)
                yield self.finding(p.span, p.message, suggestion=p.suggestion, fix=fix)


# Shortest quoted text (letters) given to the language detector, and how sure it must be.
_QUOTED_MIN_LETTERS = 8
_QUOTED_MARGIN = 0.95


def quoted_language(ctx: RuleContext, pair: QuotePair, candidate: str | None = None) -> str | None:
    """The language of the text inside `pair` when it is clearly not the document's: the
    detector, asked to choose between the document language and `candidate` (else its
    own best guess for the quotation), is at least 95 % sure of the other one. None when
    unsure, or without a document language. Short quotations are what detectors get
    wrong, hence the pairwise choice (`Pourquoi maintenant ?` is French against
    English, not against every language)."""
    from transcheck.language import get_detector, letter_count, normalize_code

    doc = normalize_code(ctx.lang or "")
    if not doc or pair.close is None:
        return None
    inner = ctx.text[pair.open.offset + 1 : pair.close.offset]
    if letter_count(inner) < _QUOTED_MIN_LETTERS:
        return None
    name = ctx.detector.name if ctx.detector is not None else "py3langid"
    try:
        if candidate is None:
            ranked = get_detector(name).rank(inner)  # type: ignore[attr-defined]
            if not ranked:
                return None
            candidate = ranked[0].code
        if candidate == doc:
            return None
        ranked = get_detector(name, [doc, candidate]).rank(inner)  # type: ignore[attr-defined]
    except (ValueError, AttributeError):
        return None  # a detector without these languages or without ranking
    if ranked and ranked[0].code == candidate and ranked[0].confidence >= _QUOTED_MARGIN:
        return str(candidate)
    return None


def _foreign_quotation(ctx: RuleContext, pair: QuotePair, style: QuoteStyle) -> bool:
    """Guillemets the document's language does not use, around a quotation in a language
    that does: spaced the French way, or detected as such (`« Tous les garçons et les
    filles »` in an English article). A quotation in its own language's marks is not a
    second style of the document."""
    if pair.open.char not in "«»‹›" or uses_guillemets(style):
        return False
    if french_spaced(ctx.text, pair):
        return True
    lang = quoted_language(ctx, pair)
    return lang is not None and pair.style in quote_style(lang).accepted


def _unit_source(ctx: RuleContext, unit: Unit | None) -> str | None:
    """The source text of a catalogue unit (None for none)."""
    if unit is None:
        return None
    if unit.source_text is not None:
        return unit.source_text
    if unit.source is None or ctx.source is None:
        return None
    return ctx.source.analysis_text[unit.source.start : unit.source.end]


def _mirrors_source(ctx: RuleContext, pair: QuotePair) -> bool:
    """A catalogue string quotes what its source quotes, with the same marks and the same
    text (`"%s"`, `".elseif"`, `“rgba”`): the source's quotation kept as it was, which
    the translator may have to keep (a literal, code, a value to type), not a style
    the translation chose."""
    if pair.close is None or ctx.units is None:
        return False
    source = _unit_source(ctx, ctx.unit_at(pair.open.offset))
    if not source or pair.open.char not in source:
        return False
    quoted = ctx.text[pair.open.offset : pair.close.offset + 1]
    if quoted in source:
        return True
    # A catalogue wraps long strings where it likes ("…\n" lines in a PO file): compare
    # without the white space.
    return "".join(quoted.split()) in "".join(source.split())


def _groups(analysis: QuoteAnalysis, ctx: RuleContext) -> dict[tuple[int, bool], list[QuotePair]]:
    """Pairs by (nesting level, double or single): styles compete only within a group.
    Foreign quotations in their own language's marks, and a catalogue string's
    quotations copied from its source, are left out."""
    groups: dict[tuple[int, bool], list[QuotePair]] = {}
    for pair in analysis.pairs:
        if pair.style and not _foreign_quotation(ctx, pair, analysis.style):
            groups.setdefault((pair.level, is_double(pair.open.char)), []).append(pair)
    if ctx.units is not None:
        # Asked only of a group that could give a finding (most have one style): each
        # pair's source is looked up.
        for key, pairs in groups.items():
            if _may_be_flagged(pairs):
                groups[key] = [p for p in pairs if not _mirrors_source(ctx, p)]
    return groups


def _may_be_flagged(pairs: list[QuotePair]) -> bool:
    """Whether `QuoteStyleMixed` could flag something among a group's `pairs`: a
    quotation that closes in the other style, or two styles."""
    styles = set()
    for pair in pairs:
        if not _is_mixed(pair.style):
            styles.add(pair.style)
        elif pair.close is not None:
            return True
    return len(styles) > 1


def _is_mixed(style: str) -> bool:
    """A pair made of one straight and one typographic mark ("…” or “…")."""
    return len(style) == 2 and (style[0] in STRAIGHT) != (style[1] in STRAIGHT)


def _typographic(style: str, pairs: tuple[str, ...]) -> str:
    """The language's typographic pair that contains the typographic mark of a mixed pair."""
    straight_open = style[0] in STRAIGHT
    for p in pairs:
        if p[0] not in STRAIGHT and (p[1] == style[1] if straight_open else p[0] == style[0]):
            return p
    return pairs[0]


def _restyle(pair: QuotePair, style: str) -> tuple[Edit, ...]:
    edits = [Edit(Span(pair.open.offset, pair.open.offset + 1), style[0])]
    if pair.close is not None:
        edits.append(Edit(Span(pair.close.offset, pair.close.offset + 1), style[1]))
    return tuple(edits)


class QuoteStyleMixed(BaseRule):
    """Two quotation styles for the same job in one document.

    What it flags:
        Straight "…" among typographic “…” (or the reverse), or two typographic systems
        (“…” and «…») at the same nesting level. The minority style is flagged, once per
        paragraph, with the other marks of that paragraph as related places; the message
        names the document's majority style. Outer and inner quotations are compared
        separately, and so are double and single marks. One quotation opened with a
        straight mark and closed with a typographic one (`"We will win”`), or the
        reverse, is flagged on its own. Guillemets in a language without guillemets of
        its own, around a quotation in a language that uses them (spaced the French way,
        or detected so), are that language's marks, not a second style. In a catalogue,
        a quotation the string copies from its source, marks and text alike (`"%s"`,
        `".elseif"`), is the source's, not a style: it counts for no style. On a tie
        with a foreign style, the document language's own style counts as the majority.

    Why it matters:
        Mixed styles show a text assembled from several sources or passed through MT in
        parts; an editor wants one style throughout.

    Example:
        A document quoting “like this” four times and "like this" once: the straight
        pair is flagged.

    Fix:
        Unsafe fix: replace the marks with the majority style (check the spacing
        conventions of the target style, e.g. French « … »).
    """

    name = "quote-style-mixed"
    summary = "Straight and typographic quotes (or two typographic systems) in one document."
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        analysis = analyse(ctx)
        for pairs in _groups(analysis, ctx).values():
            yield from self._check_mixed_pairs(pairs, analysis.style.pairs)
            yield from self._check_group(
                [p for p in pairs if not _is_mixed(p.style)], analysis.style
            )

    def _check_mixed_pairs(
        self, pairs: list[QuotePair], language_pairs: tuple[str, ...]
    ) -> Iterator[Finding]:
        """One quotation opened in one style and closed in the other (`"We will win”`)."""
        # The open-ended pairs of a quotation continued over paragraphs take the style
        # of the pair that closes it (quotes._settle_chain): a mixed one is reported
        # once, on that closing pair.
        mixed = [p for p in pairs if _is_mixed(p.style) and p.close is not None]
        if not mixed:
            return
        counts = Counter(p.style for p in pairs if not _is_mixed(p.style))
        for p in mixed:
            want = counts.most_common(1)[0][0] if counts else _typographic(p.style, language_pairs)
            assert p.close is not None  # (filtered above)
            yield self.finding(
                Span(p.open.offset, p.open.offset + 1),
                f"quotation opened with {p.style[0]} and closed with {p.style[1]}; "
                f"use one style ({_show(want)})",
                related=[Span(p.close.offset, p.close.offset + 1)],
                suggestion=want,
                fix=Fix(f"use {_show(want)}", _restyle(p, want), safe=False),
            )

    def _check_group(self, pairs: list[QuotePair], style: QuoteStyle) -> Iterator[Finding]:
        counts = Counter(p.style for p in pairs)
        if len(counts) < 2:
            return
        majority, top = counts.most_common(1)[0]
        # Ties: the style seen first, unless it is foreign to the language and one of the
        # language's own styles ties with it (its preferred pair first).
        if majority not in style.accepted:
            own = [s for s, n in counts.items() if n == top and s in style.accepted]
            if own:
                majority = style.primary if style.primary in own else own[0]
        total = sum(counts.values())
        by_para: dict[tuple[int, str], list[QuotePair]] = {}
        for p in pairs:
            if p.style != majority:
                by_para.setdefault((p.paragraph, p.style), []).append(p)
        for (_, style), group in by_para.items():
            first = group[0]
            related = [Span(first.close.offset, first.close.offset + 1)] if first.close else []
            for p in group[1:]:
                related.append(Span(p.open.offset, p.open.offset + 1))
                if p.close is not None:
                    related.append(Span(p.close.offset, p.close.offset + 1))
            edits = tuple(e for p in group for e in _restyle(p, majority))
            yield self.finding(
                Span(first.open.offset, first.open.offset + 1),
                f"quotation marks {_show(style)} here; the document mostly uses "
                f"{_show(majority)} ({top} of {total} quotations at this level)",
                related=related,
                suggestion=majority,
                fix=Fix(f"use {_show(majority)}", edits, safe=False),
            )


class QuoteStyleLocale(BaseRule):
    """Quotation marks that are not a convention of the document's language.

    What it flags:
        Pairs that are neither CLDR's preferred or alternate marks for the language nor a
        common alternative (Spanish « » and “ ”, British ‘ ’, German » «…). Straight
        quotes are accepted everywhere as a style. Off by default: a house style may
        legitimately differ.

    Why it matters:
        Readers expect their language's marks: „…“ in German, « … » in French, ”…” in
        Swedish. English-style quotes in a German text betray an untouched translation.

    Example:
        German `Er sagte “nein”.` → `Er sagte „nein“.`

    Fix:
        Unsafe fix: use the language's preferred pair (CLDR) for that nesting level.
    """

    name = "quote-style-locale"
    summary = "Quotation marks that are not the convention of the document's language."
    default_severity = Severity.INFO
    enabled_by_default: ClassVar[bool] = False

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        analysis = analyse(ctx)
        style = analysis.style
        for pair in analysis.pairs:
            if not pair.style or pair.style in style.accepted or _is_mixed(pair.style):
                continue  # a mixed pair ("…”) is quote-style-mixed's
            want = style.primary if pair.level % 2 == 0 else style.alternate
            yield self.finding(
                Span(pair.open.offset, pair.open.offset + 1),
                f"{_show(pair.style)} is not a usual quotation style in "
                f"'{analysis.lang}'; its convention is {_show(want)}",
                related=[Span(pair.close.offset, pair.close.offset + 1)] if pair.close else [],
                suggestion=want,
                fix=Fix(f"use {_show(want)}", _restyle(pair, want), safe=False),
            )


RULES = (QuoteDirection, QuoteUnbalanced, QuoteSpacing, QuoteStyleMixed, QuoteStyleLocale)
