"""The rule protocol, the context rules read, and rule selection.

Rules are pure: they read a `RuleContext` and return findings. Selection,
severity overrides, suppressions, fixing and rendering happen elsewhere.
"""

from __future__ import annotations

import inspect
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from transcheck.findings import Finding, Fix, Severity, Span

if TYPE_CHECKING:
    from transcheck.compare import Comparison
    from transcheck.document import Document
    from transcheck.formats import Unit
    from transcheck.glossary import Glossary
    from transcheck.language import Detector


T = TypeVar("T")


class RuleError(ValueError):
    """A usage error about rules: unknown name, bad option."""


@dataclass
class RuleContext:
    """Everything a rule may read. Optional parts are None when unavailable."""

    document: Document
    lang: str
    detector: Detector | None = None
    expected_lang: str | None = None  # `check --lang`
    source: Document | None = None
    source_lang: str | None = None
    glossary: Glossary | None = None
    # Filled by the source/MT pipeline (transcheck.compare): alignment, MT output, scores.
    comparison: Comparison | None = None
    # The file's translation units when it is a catalogue (PO entries and their plural
    # forms, XLIFF segments, JSON strings, with or without a paired source): the reader's
    # list itself, not a copy, typed read-only. None for a plain document.
    units: Sequence[Unit] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The text rules analyse: the document with masked regions blanked."""
        return self.document.analysis_text

    def shared(self, key: str, build: Callable[[], T]) -> T:
        """An analysis computed once per document and shared by the rules that need it
        (e.g. the quote pairing that five quote rules read)."""
        if key not in self.extra:
            self.extra[key] = build()
        return self.extra[key]

    def unit_at(self, offset: int) -> Unit | None:
        """The unit whose translation contains `offset` in the document text (None outside
        every unit, and for a plain document)."""
        units = self.units
        if not units:
            return None
        starts, ordered = self.shared("unit-index", lambda: _unit_index(units))
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < ordered[i].target.end:
            return ordered[i]
        return None


def _unit_index(units: Sequence[Unit]) -> tuple[list[int], list[Unit]]:
    """Units with a translation, by start offset (their targets never overlap)."""
    ordered = sorted((u for u in units if u.target.end > u.target.start), key=_target_start)
    return [u.target.start for u in ordered], ordered


def _target_start(unit: Unit) -> int:
    return unit.target.start


class BaseRule:
    """Base for rules: metadata as class attributes, options validated on construction.

    The class docstring is the user documentation shown by `transcheck rule NAME`;
    it has the sections *What it flags*, *Why it matters*, *Example* and *Fix*.
    """

    name: ClassVar[str]
    summary: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    needs_source: ClassVar[bool] = False
    needs_mt: ClassVar[bool] = False
    enabled_by_default: ClassVar[bool] = True
    default_options: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        merged = dict(self.default_options)
        for key, value in (options or {}).items():
            key = key.replace("-", "_")
            if key not in self.default_options:
                valid = ", ".join(sorted(self.default_options)) or "none"
                raise RuleError(f"rule {self.name}: unknown option {key!r} (valid: {valid})")
            merged[key] = value
        self.options = merged

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        span: Span,
        message: str,
        *,
        related: Sequence[Span] = (),
        suggestion: str | None = None,
        fix: Fix | None = None,
        source_span: Span | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=self.name,
            severity=severity if severity is not None else self.default_severity,
            message=message,
            span=span,
            related=tuple(related),
            suggestion=suggestion,
            fix=fix,
            source_span=source_span,
        )

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)


def resolve_rules(
    available: Sequence[type[BaseRule]],
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
) -> list[type[BaseRule]]:
    """Rules to run. `select` replaces the default set (`ALL` selects every rule,
    including those off by default); `ignore` removes from it. Unknown names are errors."""
    by_name = {r.name: r for r in available}
    for name in [*(select or []), *(ignore or [])]:
        if name != "ALL" and name not in by_name:
            raise RuleError(f"unknown rule {name!r} (see `transcheck rules`)")
    if select:
        chosen = list(available) if "ALL" in select else [by_name[n] for n in select]
    else:
        chosen = [r for r in available if r.enabled_by_default]
    ignored = set(ignore or [])
    if "ALL" in ignored:
        return []
    return [r for r in chosen if r.name not in ignored]
