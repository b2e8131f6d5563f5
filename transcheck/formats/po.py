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
msgctxt + "\\x04" + msgid as gettext keys them. Blocks: one per msgstr.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transcheck.findings import Span
from transcheck.formats import Layout, ReadResult, Unit, show_escaped
from transcheck.inputs import InputError

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t\"])")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass
class _Field:
    keyword: str  # msgctxt, msgid, msgid_plural, msgstr, msgstr[n]
    line: int
    parts: list[tuple[int, int]] = field(default_factory=list)  # inner spans of the literals
    value: str = ""

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


@dataclass
class _Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, _Field] = field(default_factory=dict)
    msgstr: bool = False  # has a msgstr or msgstr[n] (asked on every line: kept, not searched)

    def has_msgstr(self) -> bool:
        return self.msgstr


def read(path: str, text: str, fuzzy: str = "check") -> ReadResult:
    entries = _scan(path, text)
    target = Layout(len(text))
    source = Layout(len(text))
    units: list[Unit] = []
    for entry in entries:
        msgid = entry.fields["msgid"]
        ctxt = entry.fields.get("msgctxt")
        if msgid.value == "" and ctxt is None:
            continue  # the header entry: metadata, not a translation
        is_fuzzy = "fuzzy" in entry.flags
        if is_fuzzy and fuzzy == "skip":
            continue
        plural = entry.fields.get("msgid_plural")
        for f in (msgid, plural):
            if f is not None:
                for a, b in f.parts:
                    show_escaped(source, text, a, b)
                source.block(f.start, f.end)
        unit_id = msgid.value if ctxt is None else f"{ctxt.value}\x04{msgid.value}"
        for keyword, f in entry.fields.items():
            if not keyword.startswith("msgstr"):
                continue
            for a, b in f.parts:
                show_escaped(target, text, a, b)
            target.block(f.start, f.end)
            flags = {"fuzzy"} if is_fuzzy else set()
            src = msgid
            if keyword != "msgstr":
                n = int(keyword[7:-1])
                flags.add(f"plural:{n}")
                src = msgid if n == 0 or plural is None else plural
            units.append(
                Unit(
                    id=unit_id,
                    target=_span(f),
                    source=_span(src),
                    flags=frozenset(flags),
                )
            )
    return ReadResult(
        document=target.document(path, text),
        units=units,
        source_document=source.document(path, text),
    )


def _span(f: _Field) -> Span:
    return Span(f.start, f.end)


def _scan(path: str, text: str) -> list[_Entry]:
    entries: list[_Entry] = []
    entry: _Entry | None = None
    current: _Field | None = None  # the field a continuation line extends
    pending_flags: set[str] = set()
    for number, m in enumerate(_LINE.finditer(text), start=1):
        if m.start() == len(text) and number > 1:
            break
        start = m.start()
        line = m.group().rstrip("\r\n")
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
            if (
                keyword in ("msgctxt", "msgid")
                and entry is not None
                and (entry.has_msgstr() or keyword in entry.fields)
            ):
                if not entry.has_msgstr():
                    raise InputError(
                        path,
                        f"line {number}: {keyword} before the msgstr of the entry "
                        f"at line {entry.line}",
                    )
                entries.append(_finish(path, entry))
                entry = None
            if entry is None:
                entry = _Entry(line=number, flags=pending_flags)
                pending_flags = set()
            _check_order(path, number, keyword, entry)
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


def _check_order(path: str, number: int, keyword: str, entry: _Entry) -> None:
    have = entry.fields
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
    body = text[inner:i]
    f.value += _ESCAPE.sub(_unescape, body) if "\\" in body else body


_BODY = re.compile(r'(?:[^"\\]|\\.)*', re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape(m: re.Match[str]) -> str:
    return _ESCAPES.get(m.group(1), m.group(1))
