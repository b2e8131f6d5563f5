"""Gettext PO/POT files, read by a strict line scanner that keeps offsets.

(polib gives no offsets, accepts an unterminated `msgid "abc`, and takes a
content string that names an existing file for a path; hence a scanner of our
own. tests/test_formats_po.py cross-checks it against polib when installed.)

Target view: the contents of the msgstr strings (without `msgstr`, `msgstr[n]`
and the surrounding quotes) of every entry except the header (`msgid ""`),
obsolete `#~` entries and, with `fuzzy="skip"`, fuzzy entries. Source view: the
contents of msgid and msgid_plural. Comments, keywords and quotes are masked;
in strings, `\\"` and `\\\\` stay visible as written (see
`transcheck.formats.show_escaped`), control escapes (`\\n`, `\\t`…) are
masked whole.

Units: one per msgstr (per plural form: flag `plural:n`, source = msgid for
n = 0, msgid_plural otherwise); `fuzzy` flag for fuzzy entries; id = msgid, or
msgctxt + "\\x04" + msgid as gettext keys them. Blocks: one per msgstr. A msgid that is
a symbolic key (`errors.network_404`, see `is_symbolic_key`) is no source text: its
unit's source is an empty span and the source view does not show it.

The header's `Language:` (the target language, e.g. `es`, `pt_BR`, `sr@latin`) and
`X-Source-Language:` fields are returned as given in `ReadResult.lang` and
`ReadResult.source_lang`; the caller decides whether to trust them.

Speed: a catalogue is mostly one-line `keyword "string"` and `"string"` lines; those
are matched whole by one regex each, anything else (indentation, a comment after the
string, errors) goes through the general per-line path. Views are built from the
string spans in file order, without the generic `Layout` sorting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transcheck.document import Document
from transcheck.findings import Span
from transcheck.formats import ReadResult, Unit, escape_holes
from transcheck.inputs import InputError

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t\"])")
# Whole lines of the common forms (no indentation, nothing after the closing quote but
# spaces); group 2 / group 1 is the string's inner text.
_FAST_FIELD = re.compile(
    r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]+"([^"\\]*(?:\\.[^"\\]*)*)"[ \t]*'
)
_FAST_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t]*')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_HEADER_FIELD = re.compile(r"^[ \t]*([A-Za-z-]+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_EMPTY: frozenset[str] = frozenset()
_FUZZY = frozenset({"fuzzy"})


@dataclass(slots=True)
class _Field:
    keyword: str  # msgctxt, msgid, msgid_plural, msgstr, msgstr[n]
    line: int
    parts: list[tuple[int, int]] = field(default_factory=list)  # inner spans of the literals

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def value(self, text: str) -> str:
        """The decoded string (escapes resolved, literals joined)."""
        parts = self.parts
        if len(parts) == 1:  # one literal (most strings): no list, no join
            body = text[parts[0][0] : parts[0][1]]
        else:
            body = "".join([text[a:b] for a, b in parts])
        return _ESCAPE.sub(_unescape, body) if "\\" in body else body


@dataclass(slots=True)
class _Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, _Field] = field(default_factory=dict)
    msgstr: bool = False  # has a msgstr or msgstr[n] (asked on every line: kept, not searched)

    def has_msgstr(self) -> bool:
        return self.msgstr


def read(path: str, text: str, fuzzy: str = "check") -> ReadResult:
    entries = _scan(path, text)
    target: list[tuple[int, int]] = []  # shown string spans, in file order
    target_blocks: list[Span] = []
    source: list[tuple[int, int]] = []
    source_blocks: list[Span] = []
    units: list[Unit] = []
    header: str | None = None
    for entry in entries:
        fields = entry.fields
        msgid = fields["msgid"]
        ctxt = fields.get("msgctxt")
        msgid_value = msgid.value(text)
        if msgid_value == "" and ctxt is None:
            if header is None:
                header = fields["msgstr"].value(text) if "msgstr" in fields else ""
            continue  # the header entry: metadata, not a translation
        is_fuzzy = "fuzzy" in entry.flags
        if is_fuzzy and fuzzy == "skip":
            continue
        plural = fields.get("msgid_plural")
        if plural is None and is_symbolic_key(msgid_value):
            # `errors.network_404`: an identifier, not a text to translate from; its
            # units get an empty source (nothing to compare) and it is not shown.
            msgid_span = Span(msgid.start, msgid.start)
        else:
            msgid_span = Span(msgid.start, msgid.end)
            source.extend(msgid.parts)
        plural_span = msgid_span
        if msgid_span.end > msgid_span.start:
            source_blocks.append(msgid_span)
        if plural is not None:
            source.extend(plural.parts)
            plural_span = Span(plural.start, plural.end)
            if plural_span.end > plural_span.start:
                source_blocks.append(plural_span)
        unit_id = msgid_value if ctxt is None else f"{ctxt.value(text)}\x04{msgid_value}"
        base = _FUZZY if is_fuzzy else _EMPTY
        for keyword, f in fields.items():
            if not keyword.startswith("msgstr"):
                continue
            target.extend(f.parts)
            span = Span(f.start, f.end)
            if span.end > span.start:
                target_blocks.append(span)
            if keyword == "msgstr":
                flags, src = base, msgid_span
            else:
                n = int(keyword[7:-1])
                flags = base | {f"plural:{n}"}
                src = msgid_span if n == 0 or plural is None else plural_span
            units.append(Unit(id=unit_id, target=span, source=src, flags=flags))
    fields = _header_fields(header or "")
    return ReadResult(
        document=_view(path, text, target, target_blocks),
        units=units,
        source_document=_view(path, text, source, source_blocks),
        lang=fields.get("language") or None,
        source_lang=fields.get("x-source-language") or None,
    )


def is_symbolic_key(msgid: str) -> bool:
    """A msgid that is a message key rather than a source text (catalogues keyed by
    identifiers, the English text living elsewhere): one token of letters, digits, `.`,
    `_`, `-`, `:` with a `.`, `_` or `:` between two letters (`errors.network_404`,
    `SAVE_BUTTON`, `app:title`). `v1.2`, `e.g.`, `Settings` are texts."""
    return (
        len(msgid) <= 200
        and _KEY.fullmatch(msgid) is not None
        and _KEY_JOINT.search(msgid) is not None
    )


_KEY = re.compile(r"[A-Za-z][\w.:-]*[A-Za-z0-9]")
_KEY_JOINT = re.compile(r"[A-Za-z][._:][A-Za-z]|[a-z0-9]_[A-Za-z0-9]|[A-Z]_[A-Z]")


def _header_fields(header: str) -> dict[str, str]:
    """`Name: value` lines of the header entry's msgstr, names lower-cased (first wins)."""
    found: dict[str, str] = {}
    for m in _HEADER_FIELD.finditer(header):
        found.setdefault(m.group(1).lower(), m.group(2))
    return found


def _view(path: str, text: str, shown: list[tuple[int, int]], blocks: list[Span]) -> Document:
    """A document showing the inner text of the given strings (escape sequences masked as
    `show_escaped` does), everything else masked. `shown` is in file order, disjoint."""
    masked: list[list[int]] = []
    pos = 0
    for a, b in shown:
        if b <= a:
            continue
        if a > pos:
            if masked and pos <= masked[-1][1]:
                masked[-1][1] = max(masked[-1][1], a)
            else:
                masked.append([pos, a])
        if text.find("\\", a, b) != -1:
            for start, end in escape_holes(text, a, b):
                if masked and start <= masked[-1][1]:
                    masked[-1][1] = max(masked[-1][1], end)
                else:
                    masked.append([start, end])
        pos = b
    if pos < len(text):
        if masked and pos <= masked[-1][1]:
            masked[-1][1] = max(masked[-1][1], len(text))
        else:
            masked.append([pos, len(text)])
    return Document(
        path=path, text=text, masked=tuple([Span(a, b) for a, b in masked]), blocks=tuple(blocks)
    )


def _lines(text: str):
    """(line number, offset, line without its break) for every line."""
    if "\r" not in text:
        pos = 0
        for number, line in enumerate(text.split("\n"), start=1):
            yield number, pos, line
            pos += len(line) + 1
        return
    for number, m in enumerate(_LINE.finditer(text), start=1):
        if m.start() == len(text) and number > 1:
            break
        yield number, m.start(), m.group().rstrip("\r\n")


def _scan(path: str, text: str) -> list[_Entry]:
    entries: list[_Entry] = []
    entry: _Entry | None = None
    current: _Field | None = None  # the field a continuation line extends
    pending_flags: set[str] = set()
    fast_field, fast_string = _FAST_FIELD.fullmatch, _FAST_STRING.fullmatch
    for number, start, line in _lines(text):
        first = line[:1]
        if first == '"':
            m = fast_string(line)
            if m is not None and current is not None:
                current.parts.append((start + m.start(1), start + m.end(1)))
                continue
        elif first == "m":
            m = fast_field(line)
            if m is not None:
                keyword = m.group(1)
                if keyword == "msgid" and (entry is None or entry.msgstr):
                    if entry is not None:  # the usual start of the next entry
                        entries.append(entry)
                    entry = _Entry(number, pending_flags)
                    pending_flags = set()
                elif not (  # the usual msgstr after a msgid; anything else is checked
                    keyword == "msgstr"
                    and entry is not None
                    and not entry.msgstr
                    and "msgid" in entry.fields
                    and "msgid_plural" not in entry.fields
                ):
                    entry, pending_flags = _open(
                        path, number, keyword, entry, pending_flags, entries
                    )
                current = _Field(keyword, number, [(start + m.start(2), start + m.end(2))])
                entry.fields[keyword] = current
                if keyword[3] == "s":  # msgstr, msgstr[n]
                    entry.msgstr = True
                continue
        elif first == "#":
            current = None
            if entry is not None and entry.msgstr:
                entries.append(entry)
                entry = None
            if line.startswith("#,"):
                pending_flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        elif not line:
            current = None
            continue
        # The general path: indentation, comments, strings followed by a comment, errors.
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if not stripped:
            current = None
            continue
        if stripped.startswith("#"):
            current = None
            if entry is not None and entry.has_msgstr():
                entries.append(_finish(path, entry))
                entry = None
            if stripped.startswith("#,"):
                pending_flags |= {f.strip() for f in stripped[2:].split(",") if f.strip()}
            continue
        kw = _KEYWORD.match(stripped)
        if kw:
            keyword = kw.group(1)
            entry, pending_flags = _open(path, number, keyword, entry, pending_flags, entries)
            current = _Field(keyword, number)
            entry.fields[keyword] = current
            if keyword.startswith("msgstr"):
                entry.msgstr = True
            _literal(path, text, number, start + indent + kw.end(), start + len(line), current)
        elif stripped.startswith('"'):
            if current is None:
                raise InputError(path, f"line {number}: a quoted string outside of an entry")
            _literal(path, text, number, start + indent, start + len(line), current)
        else:
            shown = stripped if len(stripped) <= 30 else stripped[:30] + "…"
            raise InputError(
                path,
                f"line {number}: unexpected text {shown!r} "
                "(expected msgid, msgstr, a quoted string or a # comment)",
            )
    if entry is not None:
        entries.append(_finish(path, entry))
    return entries


def _open(
    path: str,
    number: int,
    keyword: str,
    entry: _Entry | None,
    pending_flags: set[str],
    entries: list[_Entry],
) -> tuple[_Entry, set[str]]:
    """The entry a `keyword` line belongs to (a new one after a complete entry), checked."""
    if (
        entry is not None
        and keyword in ("msgctxt", "msgid")
        and (entry.msgstr or keyword in entry.fields)
    ):
        if not entry.msgstr:
            raise InputError(
                path,
                f"line {number}: {keyword} before the msgstr of the entry at line {entry.line}",
            )
        entries.append(entry)
        entry = None
    if entry is None:
        entry = _Entry(line=number, flags=pending_flags)
        pending_flags = set()
    _check_order(path, number, keyword, entry)
    return entry, pending_flags


def _check_order(path: str, number: int, keyword: str, entry: _Entry) -> None:
    have = entry.fields
    if not have and keyword == "msgid":
        return  # the common start of an entry
    if keyword in have:
        raise InputError(path, f"line {number}: {keyword} appears twice in one entry")
    if keyword == "msgctxt" and have:
        raise InputError(path, f"line {number}: msgctxt must come before msgid")
    if (keyword.startswith("msgstr") or keyword == "msgid_plural") and "msgid" not in have:
        raise InputError(path, f"line {number}: {keyword} without a msgid before it")
    if keyword == "msgid_plural" and entry.has_msgstr():
        raise InputError(path, f"line {number}: msgid_plural after msgstr")
    if keyword == "msgstr" and "msgid_plural" in have:
        raise InputError(
            path, f"line {number}: an entry with msgid_plural needs msgstr[0], msgstr[1]…"
        )
    if keyword.startswith("msgstr[") and "msgid_plural" not in have:
        raise InputError(path, f"line {number}: {keyword} in an entry without msgid_plural")
    if keyword.startswith("msgstr") and "msgstr" in have:
        raise InputError(path, f"line {number}: a second msgstr in one entry")


def _finish(path: str, entry: _Entry) -> _Entry:
    if not entry.has_msgstr():
        raise InputError(
            path, f"line {entry.line}: entry has a msgid but no msgstr (is the file truncated?)"
        )
    return entry


def _literal(path: str, text: str, number: int, pos: int, end: int, f: _Field) -> None:
    """Read one `"…"` string between `pos` and the end of the line into `f`."""
    while pos < end and text[pos] in " \t":
        pos += 1
    if pos >= end or text[pos] != '"':
        raise InputError(path, f"line {number}: expected a quoted string after {f.keyword}")
    inner = pos + 1
    # Up to the first unescaped quote (a regex, not a loop over characters: PO
    # files are mostly strings); a backslash escapes the next character.
    i = _BODY.match(text, inner, end).end()
    if i >= end or text[i] != '"':
        raise InputError(path, f'line {number}: unterminated string (missing closing ")')
    rest = text[i + 1 : end].strip()
    if rest and not rest.startswith("#"):
        raise InputError(path, f"line {number}: unexpected text after the closing quote")
    f.parts.append((inner, i))


_BODY = re.compile(r'(?:[^"\\]|\\.)*', re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape(m: re.Match[str]) -> str:
    return _ESCAPES.get(m.group(1), m.group(1))
