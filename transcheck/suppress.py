"""Inline suppressions, written as HTML comments so they work in plain text,
Markdown and HTML alike:

    <!-- transcheck-disable name-variant, quote-spacing -->   … until enabled again
    <!-- transcheck-enable name-variant -->
    <!-- transcheck-disable -->                               every rule
    <!-- transcheck-disable-next repeated-word -->            the next paragraph only

Every HTML comment is masked: rules never see comment text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from transcheck.findings import Finding, Span

ALL = "*"
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_DIRECTIVE = re.compile(
    r"^\s*transcheck-(disable-next|disable|enable)\b\s*(.*?)\s*$", re.DOTALL | re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Suppression:
    rules: frozenset[str]  # contains ALL for every rule
    span: Span

    def covers(self, finding: Finding) -> bool:
        return (ALL in self.rules or finding.rule in self.rules) and (
            self.span.start <= finding.span.start < self.span.end
        )


@dataclass(frozen=True, slots=True)
class Directives:
    comments: tuple[Span, ...]
    suppressions: tuple[Suppression, ...]
    unknown_rules: tuple[tuple[Span, str], ...]

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        return [f for f in findings if not any(s.covers(f) for s in self.suppressions)]


def parse_directives(
    text: str, paragraphs: list[Span], known_rules: Iterable[str] = ()
) -> Directives:
    """Find comments and turn transcheck directives into suppressed regions.

    `paragraphs` must come from the text with comments masked, so that a
    directive on a line of its own sits between paragraphs.
    """
    known = set(known_rules)
    comments: list[Span] = []
    suppressions: list[Suppression] = []
    unknown: list[tuple[Span, str]] = []
    open_regions: dict[str, int] = {}  # rule -> offset where its disable began
    for match in _COMMENT.finditer(text):
        span = Span(match.start(), match.end())
        comments.append(span)
        directive = _DIRECTIVE.match(match.group(1))
        if not directive:
            continue
        kind = directive.group(1).lower()
        rules = [r for r in re.split(r"[\s,]+", directive.group(2)) if r] or [ALL]
        for rule in rules:
            if rule != ALL and known and rule not in known:
                unknown.append((span, rule))
        if kind == "disable-next":
            following = next((p for p in paragraphs if p.start >= span.end), None)
            if following is not None:
                suppressions.append(Suppression(frozenset(rules), following))
        elif kind == "disable":
            for rule in rules:
                open_regions.setdefault(rule, span.end)
        else:  # enable
            targets = list(open_regions) if rules == [ALL] else rules
            for rule in targets:
                start = open_regions.pop(rule, None)
                if start is not None:
                    suppressions.append(Suppression(frozenset([rule]), Span(start, span.start)))
    for rule, start in open_regions.items():
        suppressions.append(Suppression(frozenset([rule]), Span(start, len(text))))
    return Directives(tuple(comments), tuple(suppressions), tuple(unknown))


def comment_spans(text: str) -> tuple[Span, ...]:
    return tuple(Span(m.start(), m.end()) for m in _COMMENT.finditer(text))
