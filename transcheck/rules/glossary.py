"""Rules: spellings that a user glossary lists as variants of a preferred term."""

from __future__ import annotations

from collections.abc import Iterable

from transcheck.findings import Edit, Finding, Fix, Span
from transcheck.registry import BaseRule, RuleContext


def _match_case(preferred: str, found: str, variant: str) -> str:
    """A lower-case glossary term found capitalised (sentence start) stays capitalised."""
    if variant[:1].islower() and found[:1].isupper() and preferred[:1].islower():
        return preferred[0].upper() + preferred[1:]
    return preferred


class GlossaryVariant(BaseRule):
    """A spelling that the glossary lists as a variant of a preferred term.

    ## What it flags

    Every whole-word occurrence of a variant listed in the glossary given with
    `--glossary`, even if it appears only once. Variants that start with a
    capital (names) match case-sensitively; lower-case terms also match with a
    capitalised first letter. A variant inside a longer hyphenated word
    (`Assad` in `al-Assad`) does not match. Without a glossary the rule does
    nothing.

    ## Why it matters

    A glossary records the house decision on how to spell a name or term
    (Riabkov, not Ryabkov); a draft that uses another spelling breaks that
    decision, however consistent it is internally.

    ## Example

    With a glossary row `Riabkov<TAB>Ryabkov`, the text
    `Deputy minister Ryabkov said` is flagged with the suggestion `Riabkov`.

    ## Fix

    Replace the variant with the preferred form. The fix is safe (`--fix`
    applies it) because the glossary states the preferred spelling.
    """

    name = "glossary-variant"
    summary = "A spelling the glossary lists as a variant of a preferred term."

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        glossary = ctx.glossary
        if glossary is None:
            return
        pattern = glossary.variant_pattern
        if pattern is None:
            return
        lookup = glossary.variant_to_preferred
        folded = {v[0].upper() + v[1:]: v for v in lookup if v[:1].islower()}
        for m in pattern.finditer(ctx.text):
            found = m.group()
            variant = _variant_of(found, lookup, folded)
            if variant is None:
                continue
            preferred = _match_case(lookup[variant], found, variant)
            span = Span(m.start(), m.end())
            yield self.finding(
                span,
                f"“{found}” is listed in the glossary as a variant of “{lookup[variant]}”",
                suggestion=preferred,
                fix=Fix(f"Replace with “{preferred}”", (Edit(span, preferred),), safe=True),
            )


def _variant_of(found: str, lookup: dict[str, str], folded: dict[str, str]) -> str | None:
    """The glossary entry a match stands for (matches may differ in inner whitespace)."""
    normal = " ".join(found.split())
    if normal in lookup:
        return normal
    return folded.get(normal)


RULES = (GlossaryVariant,)
