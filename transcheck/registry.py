"""The rule protocol, the context rules read, and rule selection.

Rules are pure: they read a `RuleContext` and return findings. Selection,
severity overrides, suppressions, fixing and rendering happen elsewhere.
"""

from __future__ import annotations

import inspect
import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, gt
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
    ordered = [u for u in units if u.target.end > u.target.start]
    starts = [u.target.start for u in ordered]
    if any(map(gt, starts, starts[1:])):  # (readers list their units in file order)
        ordered.sort(key=_TARGET_START)
        starts.sort()
    return starts, ordered


_TARGET_START = attrgetter("target.start")  # a key computed in C


@dataclass(frozen=True)
class Option:
    """The declared type of a rule option: what a `[rules.NAME]` table may set it to.

    kind: "number" (an integer or a float), "integer", or "strings" (a list of strings,
    stored as a tuple). `minimum`/`maximum` bound a number, inclusive.
    """

    kind: str
    minimum: float | None = None
    maximum: float | None = None

    @property
    def expected(self) -> str:
        noun = {"number": "a number", "integer": "a whole number", "strings": "a list of strings"}
        text = noun[self.kind]
        if self.minimum is not None and self.maximum is not None:
            return f"{text} from {self.minimum:g} to {self.maximum:g}"
        if self.minimum is not None:
            return f"{text} of at least {self.minimum:g}"
        return text

    def parse(self, value: Any) -> Any:
        """The value as the rule reads it; ValueError when it is not of this type."""
        if self.kind == "strings":
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ValueError(self.expected)
            return tuple(value)
        numeric = (int,) if self.kind == "integer" else (int, float)
        if isinstance(value, bool) or not isinstance(value, numeric):
            raise ValueError(self.expected)
        if isinstance(value, float) and not math.isfinite(value):  # NaN passes every bound
            raise ValueError(self.expected)
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            raise ValueError(self.expected)
        return value


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
    # The type of each option in default_options (checked when the config is loaded).
    option_types: ClassVar[Mapping[str, Option]] = {}

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        try:
            parsed = self.parse_options(options or {})
        except RuleError as exc:
            raise RuleError(f"rule {self.name}: {exc}") from None
        self.options = {**self.default_options, **parsed}

    @classmethod
    def parse_options(cls, options: Mapping[str, Any]) -> dict[str, Any]:
        """Options as a `[rules.NAME]` table gives them (`min-words` or `min_words`),
        checked against `option_types`; RuleError names the key and the type expected."""
        parsed: dict[str, Any] = {}
        for key, value in options.items():
            name = key.replace("-", "_")
            if name not in cls.default_options:
                valid = ", ".join(sorted(k.replace("_", "-") for k in cls.default_options))
                raise RuleError(f"unknown option {key!r} (valid: {valid or 'none'})")
            option = cls.option_types.get(name)
            if option is not None:
                try:
                    value = option.parse(value)
                except ValueError as exc:
                    raise RuleError(f"option {key!r} must be {exc}, not {value!r}") from None
            parsed[name] = value
        return parsed

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
