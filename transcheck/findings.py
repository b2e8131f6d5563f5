"""The data every rule produces and every reporter consumes.

Offsets are half-open ranges of code points into the text as read (after a
UTF-8 BOM, which is remembered separately). Line/column are derived only when
a report is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transcheck.document import Document
    from transcheck.fix import FixOutcome


class Severity(IntEnum):
    """Ordered so that `severity >= fail_on` reads naturally."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            valid = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (valid: {valid})") from None


@dataclass(frozen=True, slots=True, order=True, init=False)
class Span:
    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        # Written out, not generated: a check of a PO catalogue creates thousands of
        # spans, and the dataclass's __init__ (two frozen setattrs, then a
        # __post_init__ call) took three times as long. The slot descriptors set the
        # fields as the generated __init__ does.
        if start < 0 or end < start:
            raise ValueError(f"invalid span {start}..{end}")
        _SET_START(self, start)
        _SET_END(self, end)

    def __len__(self) -> int:
        return self.end - self.start

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        # The default pickling of a frozen slots dataclass is ~4x slower; `--jobs`
        # workers send every finding's spans back to the parent.
        return (Span, (self.start, self.end))

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


_SET_START = Span.__dict__["start"].__set__
_SET_END = Span.__dict__["end"].__set__


@dataclass(frozen=True, slots=True)
class Edit:
    span: Span
    replacement: str

    def __reduce__(self) -> tuple[type[Edit], tuple[Span, str]]:
        # As Span's: the default pickling of a frozen slots dataclass goes through
        # copyreg and a state dict, several times slower (see Finding).
        return (Edit, (self.span, self.replacement))


@dataclass(frozen=True, slots=True)
class Fix:
    """A correction as data. `safe` fixes are applied by `--fix`; others need `--unsafe-fixes`."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True

    def __reduce__(self) -> tuple[type[Fix], tuple[str, tuple[Edit, ...], bool]]:
        return (Fix, (self.title, self.edits, self.safe))


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    span: Span
    related: tuple[Span, ...] = ()
    suggestion: str | None = None
    fix: Fix | None = None
    source_span: Span | None = None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # `--jobs` workers send every finding back to the parent: as plain fields (the
        # severity's level, the spans' offsets), rather than its Severity and Span
        # objects, each reduced in turn by a Python call (~0.2 M instructions fewer for
        # a catalogue's dozen findings; unpickling costs about the same).
        span, source_span = self.span, self.source_span
        return (
            _unpickled_finding,
            (
                self.rule,
                int(self.severity),
                self.message,
                span.start,
                span.end,
                self.related,
                self.suggestion,
                self.fix,
                -1 if source_span is None else source_span.start,
                -1 if source_span is None else source_span.end,
            ),
        )


_SEVERITIES = tuple(Severity)  # by level: Severity(level) is a Python-level enum call


def _unpickled_finding(
    rule: str,
    level: int,
    message: str,
    start: int,
    end: int,
    related: tuple[Span, ...],
    suggestion: str | None,
    fix: Fix | None,
    source_start: int,
    source_end: int,
) -> Finding:
    """The Finding `Finding.__reduce__` describes."""
    source_span = None if source_start < 0 else Span(source_start, source_end)
    return Finding(
        rule, _SEVERITIES[level], message, Span(start, end), related, suggestion, fix, source_span
    )


@dataclass(slots=True)
class FileResult:
    """What one input produced: findings, or an input error that stopped it."""

    path: str
    document: Document | None = None
    source: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    mt: dict[str, Any] | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)  # non-fatal messages (e.g. MT unavailable)
    raw: bytes | None = None  # the bytes as read, to refuse writing over a changed file
    fix: FixOutcome | None = None  # set by `check --fix/--diff`
    # formats.Unit of a bilingual file. Empty in a `--jobs` worker's result when the run
    # names its report (`RunOptions.report_format`, as the CLI does): no report reads them,
    # the project checks read `unit_texts`. (So are the paragraphs, sentences and line
    # index of its documents for JSON and text: not sent, rebuilt when read.)
    units: list[Any] = field(default_factory=list)
    # `mt` as the JSON report writes it, when a `--jobs` worker wrote it (the parent would
    # spend more time encoding every file's MT table than the worker does): see api.
    mt_json: str | None = None
    # What the project rules read of this file's units, when a `--jobs` worker computed
    # it: five columns (rules.consistency.UnitColumns, file_unit_columns).
    unit_texts: tuple[list[int], list[int], list[str], list[str], list[str]] | None = None
    # Each finding as the report writes it (JSON, plain text), when a `--jobs` worker
    # wrote it: aligned with `findings`; None for one added later (the project checks).
    findings_text: list[str | None] | None = None
    findings_format: str | None = None  # the report format `findings_text` is written in
    # What the cross-file name pass reads of this file (transcheck.names.NameSummary),
    # computed where the file was checked.
    names: Any = None
    # `units` and `mt` as pickled by a `--jobs` worker, until read (see __getstate__).
    _blobs: dict[str, bytes] | None = field(default=None, init=False, repr=False, compare=False)

    # Pickling (`--jobs` workers send results back): `units` and `mt` travel as pickled
    # blobs, unpickled only if the receiver reads them. The parent rarely does: the
    # project rules read `unit_texts`, the JSON report places `mt_json` and the other
    # reports (but HTML and text) read no MT table; rebuilding a catalogue's Unit and
    # Span objects and its MT table's dicts was most of unpickling a result.
    def __getstate__(self) -> dict[str, Any]:
        state = {}
        get = object.__getattribute__
        for name in _RESULT_SLOTS:
            # Not a `suppress` block: it runs for every field of every result sent.
            try:  # noqa: SIM105
                state[name] = get(self, name)
            except AttributeError:
                pass  # a field not unpickled yet is not set: its blob travels on
        blobs = dict(state.pop("_blobs", None) or {})
        for name in _LAZY_FIELDS:
            value = state.get(name)
            if value:
                import pickle

                del state[name]
                blobs[name] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if blobs:
            state["_blobs"] = blobs
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._blobs = None
        for name, value in state.items():
            object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> Any:
        # Only reached for a slot not set: a lazy field of an unpickled result.
        blobs = object.__getattribute__(self, "_blobs")
        if not blobs or name not in blobs:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        import pickle

        value = pickle.loads(blobs.pop(name))
        object.__setattr__(self, name, value)
        if not blobs:
            self._blobs = None
        return value


# Fields sent as blobs, rebuilt when read (empty ones travel as they are).
_LAZY_FIELDS = ("units", "mt")


_RESULT_SLOTS = FileResult.__slots__


@dataclass(slots=True)
class Report:
    files: list[FileResult]

    @property
    def findings_count(self) -> int:
        return sum(len(f.findings) for f in self.files)

    def by_severity(self) -> dict[str, int]:
        # Counted by severity, then labelled (`label` is a property: once per severity,
        # not once per finding of a run with thousands).
        counts = dict.fromkeys(sorted(Severity, reverse=True), 0)
        for result in self.files:
            for finding in result.findings:
                counts[finding.severity] += 1
        return {severity.label: n for severity, n in counts.items()}

    @property
    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]

    def max_severity(self) -> Severity | None:
        severities = [f.severity for r in self.files for f in r.findings]
        return max(severities) if severities else None
