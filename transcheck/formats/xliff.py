"""XLIFF 1.2 (`<trans-unit>`) and 2.x (`<unit>`/`<segment>`), parsed safely with expat.

Safety: a document with a DOCTYPE or an entity declaration is refused before
parsing (no external entities, no entity-expansion bombs); expat is also told
never to read parameter entities, and any DOCTYPE or entity declaration it
meets is an error. Only the five predefined XML entities and character
references exist, and they are never expanded into the text we check.

Target view: the content of each `<target>` that is a direct child of a
`<trans-unit>` (1.2) or a `<segment>` (2.x); `<alt-trans>` proposals, notes,
`<ignorable>` and units with `translate="no"` are masked. Source view: the same
for `<source>`. Inline elements' tags are masked and their text kept (`<g>`,
`<mrk>`, `<pc>`…); elements holding native code (`<ph>`, `<bpt>`, `<ept>`,
`<it>`) are masked whole; empty placeholders (`<x/>`, `<ph/>`, `<sc/>`…),
comments, processing instructions and CDATA markers are masked; character
references (`&amp;`, `&#8220;`…) are masked whole (limitation: a quote written
as `&#8220;` is not seen by the quote rules).

Units: id = trans-unit id (1.2), or unit id, with "/" + segment id (or its
index) when the unit has more than one segment (2.x); flags `state:<state>`
from the target (1.2) or segment (2.x) `state` attribute. A unit without a
target gets an empty target span right after its source.

Declared languages (`source-language`/`target-language` of 1.2 `<file>`, `srcLang`/
`trgLang` of 2.x `<xliff>`) are returned as written when all files agree.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from xml.parsers import expat

from transcheck.findings import Span
from transcheck.formats import Layout, ReadResult, Unit, line_number
from transcheck.inputs import InputError

REFUSED = (
    "XML with a DOCTYPE or entity declarations is not accepted "
    "(possible XXE or entity-expansion attack)"
)
_DECLARATION = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_:][\w.:-]*);")
_CODE = frozenset({"ph", "bpt", "ept", "it"})
_UNIT_PARENTS = frozenset({"trans-unit", "segment"})


class _Refused(Exception):
    pass


@dataclass
class _Frame:
    name: str  # local name
    start: int  # offset of "<"
    inner: int  # offset after the start tag's ">"
    empty: bool
    attrs: dict[str, str]
    no_translate: bool


@dataclass
class _Part:
    inner_start: int
    inner_end: int = 0
    after: int = 0  # offset after the end tag
    hidden: list[tuple[int, int]] = field(default_factory=list)
    cdata: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Segment:
    id: str | None
    source: _Part | None = None
    target: _Part | None = None
    flags: set[str] = field(default_factory=set)


@dataclass
class _Pending:
    id: str
    skip: bool
    segments: list[_Segment] = field(default_factory=list)


def read(path: str, text: str) -> ReadResult:
    declaration = _DECLARATION.search(text)
    if declaration:
        raise InputError(path, f"line {line_number(text, declaration.start())}: {REFUSED}")
    reader = _Reader(path, text)
    reader.parse()
    target = Layout(len(text))
    source = Layout(len(text))
    units: list[Unit] = []
    for pending in reader.units:
        if pending.skip:
            continue
        many = len(pending.segments) > 1
        for index, segment in enumerate(pending.segments, start=1):
            src, tgt = segment.source, segment.target
            unit_id = f"{pending.id}/{segment.id or index}" if many else pending.id
            for part, layout in ((src, source), (tgt, target)):
                if part is not None:
                    _show(text, part, layout)
            if tgt is not None:
                target_span = Span(tgt.inner_start, tgt.inner_end)
            else:
                at = src.after if src is not None else 0
                target_span = Span(at, at)
            units.append(
                Unit(
                    id=unit_id,
                    target=target_span,
                    source=Span(src.inner_start, src.inner_end) if src is not None else None,
                    flags=frozenset(segment.flags),
                )
            )
    return ReadResult(
        document=target.document(path, text),
        units=units,
        source_document=source.document(path, text),
        lang=reader.declared_language("target"),
        source_lang=reader.declared_language("source"),
    )


def _show(text: str, part: _Part, layout: Layout) -> None:
    layout.show(part.inner_start, part.inner_end)
    layout.block(part.inner_start, part.inner_end)
    for a, b in part.hidden:
        layout.hide(a, b)
    for m in _REFERENCE.finditer(text, part.inner_start, part.inner_end):
        if not any(a <= m.start() < b for a, b in part.cdata):
            layout.hide(m.start(), m.end())


class _Reader:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.data = text.encode("utf-8")
        self._index_non_ascii()
        self.stack: list[_Frame] = []
        self.units: list[_Pending] = []
        self.unit: _Pending | None = None
        self.segment: _Segment | None = None
        self.part: _Part | None = None  # the <source>/<target> being read
        self.part_depth = 0
        # Declared languages: XLIFF 1.2 <file source-language target-language>, 2.x
        # <xliff srcLang trgLang>; every value met, so that disagreeing files declare none.
        self.declared: dict[str, set[str]] = {"source": set(), "target": set()}

    def declared_language(self, side: str) -> str | None:
        values = self.declared[side]
        return next(iter(values)) if len(values) == 1 else None

    # Byte offsets from expat → code-point offsets into `text`.
    def _index_non_ascii(self) -> None:
        self.byte_starts: list[int] = []
        self.extra: list[int] = []
        extra = 0
        if len(self.data) == len(self.text):
            return
        for m in re.finditer(r"[^\x00-\x7f]", self.text):
            self.byte_starts.append(m.start() + extra)
            extra += len(m.group().encode("utf-8")) - 1
            self.extra.append(extra)

    def _here(self) -> int:
        byte = self.parser.CurrentByteIndex
        k = bisect_left(self.byte_starts, byte)
        return byte - (self.extra[k - 1] if k else 0)

    def parse(self) -> None:
        parser = expat.ParserCreate(encoding="utf-8")
        self.parser = parser
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._refuse
        parser.EntityDeclHandler = self._refuse
        parser.ExternalEntityRefHandler = self._refuse
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CommentHandler = self._comment
        parser.ProcessingInstructionHandler = self._pi
        parser.StartCdataSectionHandler = self._cdata_start
        parser.EndCdataSectionHandler = self._cdata_end
        try:
            parser.Parse(self.data, True)
        except _Refused:
            line = parser.CurrentLineNumber
            raise InputError(self.path, f"line {line}: {REFUSED}") from None
        except expat.ExpatError as exc:
            raise InputError(
                self.path,
                f"invalid XML at line {exc.lineno}, column {exc.offset + 1}: "
                f"{expat.ErrorString(exc.code)}",
            ) from None

    def _refuse(self, *args: object) -> None:
        raise _Refused

    def _tag_end(self, start: int) -> int:
        """Offset after the `>` of the tag starting at `start` (quotes respected)."""
        text = self.text
        i = start + 1
        quote = ""
        while i < len(text):
            ch = text[i]
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'":
                quote = ch
            elif ch == ">":
                return i + 1
            i += 1
        return len(text)

    def _start(self, qname: str, attrs: dict[str, str]) -> None:
        name = qname.rsplit(":", 1)[-1]
        start = self._here()
        inner = self._tag_end(start)
        empty = self.text[inner - 2 : inner] == "/>"
        parent = self.stack[-1].name if self.stack else None
        inherited = bool(self.stack and self.stack[-1].no_translate)
        frame = _Frame(
            name, start, inner, empty, attrs, inherited or attrs.get("translate") == "no"
        )
        if parent is None and name != "xliff":
            raise InputError(self.path, f"not an XLIFF file (root element <{qname}>)")
        self.stack.append(frame)
        if name in ("xliff", "file"):
            for side, names in (
                ("source", ("srcLang", "source-language")),
                ("target", ("trgLang", "target-language")),
            ):
                for attr in names:
                    value = attrs.get(attr, "").strip()
                    if value:
                        self.declared[side].add(value)
        if self.part is not None:
            self.part_depth += 1
            if name in _CODE:
                return  # hidden whole at its end
            self.part.hidden.append((start, inner))
            return
        if name in ("trans-unit", "unit"):
            self.unit = _Pending(attrs.get("id", ""), frame.no_translate)
            self.segment = None
            if name == "trans-unit":
                self.segment = _Segment(None)
        elif name == "segment" and self.unit is not None:
            state = attrs.get("state")
            flags = {f"state:{state}"} if state else set()
            self.segment = _Segment(attrs.get("id"), flags=flags)
        elif name in ("source", "target") and parent in _UNIT_PARENTS and self.segment is not None:
            if name == "target" and parent == "trans-unit" and attrs.get("state"):
                self.segment.flags.add(f"state:{attrs['state']}")
            self.part = _Part(inner_start=inner, inner_end=inner, after=inner)
            setattr(self.segment, name, self.part)
            self.part_depth = 0
            if empty:
                self.part = None

    def _end(self, qname: str) -> None:
        frame = self.stack.pop()
        here = self._here()
        after = frame.inner if frame.empty else self._tag_end(here)
        if self.part is not None and self.part_depth > 0:
            self.part_depth -= 1
            if frame.name in _CODE:
                self.part.hidden.append((frame.start, after))
            elif not frame.empty:
                self.part.hidden.append((here, after))
            return
        if self.part is not None:  # the end of <source>/<target>
            self.part.inner_end = here
            self.part.after = after
            self.part = None
            return
        name = frame.name
        if name == "segment" or name == "trans-unit":
            if self.unit is not None and self.segment is not None:
                self.unit.segments.append(self.segment)
            self.segment = None
        if name in ("trans-unit", "unit") and self.unit is not None:
            self.units.append(self.unit)
            self.unit = None

    def _comment(self, data: str) -> None:
        if self.part is not None:
            start = self._here()
            end = self.text.find("-->", start)
            self.part.hidden.append((start, end + 3 if end >= 0 else len(self.text)))

    def _pi(self, target: str, data: str) -> None:
        if self.part is not None:
            start = self._here()
            end = self.text.find("?>", start)
            self.part.hidden.append((start, end + 2 if end >= 0 else len(self.text)))

    def _cdata_start(self) -> None:
        if self.part is not None:
            start = self._here()
            self.part.hidden.append((start, start + 9))  # <![CDATA[
            end = self.text.find("]]>", start)
            self.part.cdata.append((start, end if end >= 0 else len(self.text)))

    def _cdata_end(self) -> None:
        if self.part is not None:
            start = self._here()
            self.part.hidden.append((start, start + 3))  # ]]>
