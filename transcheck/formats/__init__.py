"""Readers for structured input formats (Markdown, HTML, PO, XLIFF, JSON i18n, SRT).

A reader never changes the text. It returns the original file text as a
`Document` whose `masked` spans cover everything that is not translatable
target text (markup, keys, timecodes, code…). Rules read `analysis_text`, where
masked characters are blanked, so every finding's offset is a position in the
original file and a fix can edit the file in place.

Bilingual formats (PO, XLIFF, JSON pairs) also return `units`: one per
translation, with the span of the target and, when it is in the same file, of
the source.

Format modules are imported only when used (no import-time work here).
"""

from __future__ import annotations

import importlib
import os
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from operator import attrgetter

from transcheck.document import Document
from transcheck.findings import Finding, Span

READERS: dict[str, str] = {
    "text": "transcheck.formats.text",
    "markdown": "transcheck.formats.markdown",
    "html": "transcheck.formats.html",
    "po": "transcheck.formats.po",
    "xliff": "transcheck.formats.xliff",
    "json": "transcheck.formats.jsoni18n",
    "srt": "transcheck.formats.srt",
}

FORMAT_BY_SUFFIX: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".json": "json",
    ".arb": "json",
    ".srt": "srt",
}

FUZZY_MODES = ("check", "skip")


@dataclass(frozen=True)
class Unit:
    """One translation in a bilingual file."""

    id: str  # PO: msgid (msgctxt + "\x04" + msgid, as gettext); XLIFF: unit id; JSON: key path
    target: Span  # the translation inside the file text; empty when untranslated
    source: Span | None  # the source inside the same file text (PO msgid, XLIFF <source>)
    source_text: str | None = None  # the decoded source when it lives in another file (JSON pair)
    flags: frozenset[str] = frozenset()  # e.g. {"fuzzy"}, {"plural:1"}, {"state:translated"}


_new_object = object.__new__


def new_unit(id: str, target: Span, source: Span | None, flags: frozenset[str]) -> Unit:
    """`Unit(id=id, target=target, source=source, flags=flags)`, equal to it, made without
    the frozen dataclass's `object.__setattr__` per field (a third of the time; a
    catalogue makes one unit per msgstr)."""
    unit = _new_object(Unit)
    unit.__dict__.update(id=id, target=target, source=source, source_text=None, flags=flags)
    return unit


@dataclass
class ReadResult:
    document: Document  # target view: everything but target text masked; blocks = target units
    units: list[Unit] = field(default_factory=list)  # empty for monolingual formats
    # Same file text with everything but the source text masked (PO, XLIFF); None otherwise.
    source_document: Document | None = None
    # Languages the file declares, as written (PO `Language:`, XLIFF `target-language`…);
    # None when it declares none. Not validated here.
    lang: str | None = None
    source_lang: str | None = None


def detect_format(path: str, explicit: str | None) -> str:
    """The format name: `explicit` if given (a name or a suffix such as "md"), else
    by extension, else "text". ValueError for an unknown explicit format."""
    if explicit:
        name = explicit.strip().lower().lstrip(".")
        if name in READERS:
            return name
        if "." + name in FORMAT_BY_SUFFIX:
            return FORMAT_BY_SUFFIX["." + name]
        valid = ", ".join(READERS)
        raise ValueError(f"unknown input format {explicit!r} (valid: {valid})")
    suffix = os.path.splitext(path)[1].lower()
    return FORMAT_BY_SUFFIX.get(suffix, "text")


def read_path(
    path: str,
    data: bytes | str,
    fmt: str,
    *,
    source_path: str | None = None,
    fuzzy: str = "check",
) -> ReadResult:
    """Decode (bytes) and read one file in format `fmt`.

    `source_path` pairs a JSON target file with its source file by key (other
    formats ignore it: their `--source` is a separate document). `fuzzy` is
    "check" (fuzzy PO entries are checked and flagged) or "skip" (masked out).
    Raises `transcheck.inputs.InputError` for input that cannot be read.
    """
    from transcheck.inputs import decode
    from transcheck.suppress import comment_spans

    if fmt not in READERS:
        raise ValueError(f"unknown input format {fmt!r} (valid: {', '.join(READERS)})")
    if fuzzy not in FUZZY_MODES:
        raise ValueError(f"unknown fuzzy mode {fuzzy!r} (valid: {', '.join(FUZZY_MODES)})")
    if isinstance(data, bytes):
        text, bom = decode(path, data)
    else:
        text, bom = data, False
    options: dict[str, object] = {}
    if fmt == "po":
        options["fuzzy"] = fuzzy
    if fmt == "json" and source_path is not None:
        options["source_values"] = _json_source_values(source_path)
    module = importlib.import_module(READERS[fmt])
    result: ReadResult = module.read(path, text, **options)
    # Suppression comments (<!-- transcheck-disable … -->) are never checked text.
    comments = comment_spans(text)
    for doc in (result.document, result.source_document):
        if doc is None:
            continue
        doc.bom = bom
        if comments:
            doc.set_masked(merge_spans([*doc.masked, *comments]))
    return result


def _json_source_values(source_path: str) -> dict[str, str]:
    from transcheck.formats.jsoni18n import string_values
    from transcheck.inputs import decode, read_bytes

    text, _ = decode(source_path, read_bytes(source_path))
    return string_values(source_path, text)


# --- helpers shared by the readers ---------------------------------------------------------


# Sorting by a key tuple compares in C; Span's dataclass ordering runs Python per comparison.
_START_END = attrgetter("start", "end")


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted, non-overlapping, non-empty spans covering the same positions."""
    merged: list[list[int]] = []
    for span in sorted([s for s in spans if s.end > s.start], key=_START_END):
        if merged and span.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span.end)
        else:
            merged.append([span.start, span.end])
    return tuple(Span(a, b) for a, b in merged)


class Layout:
    """Collects what a reader shows and hides; builds the masked spans.

    Everything not shown is masked; hidden spans are masked even inside shown
    ones (markup inside a translatable string: escapes, inline tags).
    """

    def __init__(self, length: int) -> None:
        self.length = length
        self.shown: list[Span] = []
        self.hidden: list[Span] = []
        self.blocks: list[Span] = []

    def show(self, start: int, end: int) -> None:
        if end > start:
            self.shown.append(Span(start, end))

    def hide(self, start: int, end: int) -> None:
        if end > start:
            self.hidden.append(Span(start, end))

    def block(self, start: int, end: int) -> None:
        if end > start:
            self.blocks.append(Span(start, end))

    def masked(self) -> tuple[Span, ...]:
        gaps: list[Span] = []
        pos = 0
        for span in merge_spans(self.shown):
            if span.start > pos:
                gaps.append(Span(pos, span.start))
            pos = span.end
        if pos < self.length:
            gaps.append(Span(pos, self.length))
        return merge_spans([*gaps, *self.hidden])

    def document(self, path: str, text: str) -> Document:
        return Document(
            path=path, text=text, masked=self.masked(), blocks=tuple(_disjoint(self.blocks))
        )


def _disjoint(blocks: list[Span]) -> list[Span]:
    """Sorted blocks; a block that overlaps the previous one is merged into it."""
    result: list[Span] = []
    for block in sorted(blocks, key=_START_END):
        if result and block.start < result[-1].end:
            result[-1] = Span(result[-1].start, max(result[-1].end, block.end))
        else:
            result.append(block)
    return result


def line_number(text: str, offset: int) -> int:
    """1-based line of an offset (LF, CRLF and lone CR all end a line)."""
    head = text[:offset]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


# Backslash escapes inside quoted strings (PO, JSON). An escape of a printable
# character (\" \\ \/ \' \?) stays visible as written: masking its backslash
# would put a blank before the quote, which the quote rules read as a stray
# space (and whose fix would delete the escape). Control escapes (\n \t …),
# \uXXXX, octal and \xHH are masked whole (they read as spaces).
def show_escaped(layout: Layout, text: str, start: int, end: int) -> None:
    """Show the inner text of a quoted string, masking escape sequences as above."""
    layout.show(start, end)
    for a, b in escape_holes(text, start, end):
        layout.hide(a, b)


def escape_holes(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The (start, end) of each escape sequence `show_escaped` masks, in order."""
    i = text.find("\\", start, end)
    while i != -1:
        nxt = text[i + 1] if i + 1 < end else ""
        if nxt and nxt in "\"\\/'?":
            i += 2
        elif nxt == "u":
            yield i, min(i + 6, end)
            i += 6
        elif nxt == "x":
            j = i + 2
            while j < end and j < i + 4 and text[j] in "0123456789abcdefABCDEF":
                j += 1
            yield i, j
            i = j
        elif nxt.isdigit():
            j = i + 1
            while j < end and j < i + 4 and text[j] in "01234567":
                j += 1
            yield i, j
            i = j
        else:
            yield i, i + 2
            i += 2
        i = text.find("\\", i, end) if i < end else -1


# --- findings caused by masking ------------------------------------------------------------

# Rules that read runs of whitespace: a masked region (a tag, an escape, a URL) is blank in
# the analysis text, so these would report the blank as a stray space.
SPACING_RULES = frozenset(
    {"double-space", "space-before-punctuation", "missing-space-after-punctuation", "quote-spacing"}
)


def touches_mask(document: Document, span: Span) -> bool:
    """Whether `span` overlaps a masked region of `document` (an empty span: lies inside one)."""
    return _MaskIndex(document).touches(span)


class _MaskIndex:
    """A document's masked regions by start offset, from its flat (start, end) integers:
    a catalogue's document keeps hundreds of them packed, and a few findings ask."""

    __slots__ = ("ends", "starts")

    def __init__(self, document: Document) -> None:
        flat = document.masked_flat()
        self.starts, self.ends = flat[0::2], flat[1::2]

    def touches(self, span: Span) -> bool:
        starts = self.starts
        if not starts:
            return False
        # The last region starting at or before `span.start` (regions end within the
        # text, so this is bisecting the Spans by (start, end) up to (span.start, len)).
        i = bisect_right(starts, span.start) - 1
        start, end = span.start, span.end
        for k in range(max(i, 0), min(i + 2, len(starts))):
            m_start, m_end = starts[k], self.ends[k]
            if (m_start < end and start < m_end) or (start == end and m_start < start < m_end):
                return True
        return False


def drop_markup_artifacts(document: Document, findings: Iterable[Finding]) -> list[Finding]:
    """Drop spacing findings over masked markup, and never offer a fix that edits markup.

    For structured formats masked regions are markup (`<b>`, `**`, `\\n`, a URL); plain
    text only masks suppression comments, so this is a no-op there in practice.
    """
    result = []
    masks: _MaskIndex | None = None  # built for the first finding that asks
    for finding in findings:
        if finding.rule in SPACING_RULES or finding.fix is not None:
            if masks is None:
                masks = _MaskIndex(document)
            if finding.rule in SPACING_RULES and masks.touches(finding.span):
                continue
            if finding.fix is not None and any(
                masks.touches(edit.span) for edit in finding.fix.edits
            ):
                finding = replace(finding, fix=None)
        result.append(finding)
    return result
