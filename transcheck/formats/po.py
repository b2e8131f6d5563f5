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

Speed: a catalogue as msgmerge writes it (LF line breaks, keywords, strings and
comments from column 0) is read entry by entry with one regex match each
(`_read_fast`); any other file, errors included, goes through the line scanner
(`_scan`), which the fast path must agree with (tests/test_formats_po.py). Views are
built from the string spans in file order, with their masked text made from slices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transcheck.document import Document, blanked
from transcheck.findings import Span
from transcheck.formats import ReadResult, Unit, _new_object, escape_holes, new_unit
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


@dataclass(slots=True)
class _Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, _Field] = field(default_factory=dict)
    msgstr: bool = False  # has a msgstr or msgstr[n] (asked on every line: kept, not searched)

    def has_msgstr(self) -> bool:
        return self.msgstr


def read(path: str, text: str, fuzzy: str = "check") -> ReadResult:
    skip_fuzzy = fuzzy == "skip"
    built = _read_fast(text, skip_fuzzy)
    if built is None:  # anything unusual, errors included: the line scanner decides
        built = _Built()
        for entry in _scanned_entries(path, text):
            built.add(text, entry, skip_fuzzy)
    fields = _header_fields(built.header or "")
    blank = blanked(text)  # shared by both views
    return ReadResult(
        document=_view(path, text, blank, built.target, built.target_blocks),
        units=built.units,
        source_document=_view(path, text, blank, built.source, built.source_blocks),
        lang=fields.get("language") or None,
        source_lang=fields.get("x-source-language") or None,
    )


# One entry as `read` takes it: fuzzy?, the inner spans of the literals of msgctxt (or
# None), msgid, msgid_plural (or None), and (keyword, spans) of each msgstr in file order.
_Parts = list[tuple[int, int]]
_EntryParts = tuple[bool, _Parts | None, _Parts, _Parts | None, list[tuple[str, _Parts]]]


class _Built:
    """What `read` makes of the entries, in file order: the string spans each view shows,
    its blocks, the units, and the header entry's msgstr (the first one's)."""

    __slots__ = ("header", "source", "source_blocks", "target", "target_blocks", "units")

    def __init__(self) -> None:
        self.target: _Parts = []  # shown string spans
        self.target_blocks: list[Span] = []
        self.source: _Parts = []
        self.source_blocks: list[Span] = []
        self.units: list[Unit] = []
        self.header: str | None = None

    def add(self, text: str, entry: _EntryParts, skip_fuzzy: bool) -> None:
        """Add one entry. (`_read_fast` adds the usual entry itself, and must agree.)"""
        is_fuzzy, ctxt, msgid, plural, msgstrs = entry
        msgid_value = _value(text, msgid)
        msgid_start, msgid_end = msgid[0][0], msgid[-1][1]
        if not msgid_value and ctxt is None:
            if self.header is None:
                self.header = _value(text, msgstrs[0][1]) if msgstrs[0][0] == "msgstr" else ""
            return  # the header entry: metadata, not a translation
        if is_fuzzy and skip_fuzzy:
            return
        if plural is None and " " not in msgid_value and is_symbolic_key(msgid_value):
            # `errors.network_404`: an identifier, not a text to translate from; its
            # units get an empty source (nothing to compare) and it is not shown.
            msgid_span = Span(msgid_start, msgid_start)
        else:
            msgid_span = Span(msgid_start, msgid_end)
            self.source += msgid
            if msgid_end > msgid_start:
                self.source_blocks.append(msgid_span)
        unit_id = msgid_value if ctxt is None else f"{_value(text, ctxt)}\x04{msgid_value}"
        base = _FUZZY if is_fuzzy else _EMPTY
        if plural is None:  # one msgstr
            parts = msgstrs[0][1]
            self.target += parts
            span = Span(parts[0][0], parts[-1][1])
            if span.end > span.start:
                self.target_blocks.append(span)
            self.units.append(new_unit(unit_id, span, msgid_span, base))
            return
        self.source += plural
        plural_span = Span(plural[0][0], plural[-1][1])
        if plural_span.end > plural_span.start:
            self.source_blocks.append(plural_span)
        for keyword, parts in msgstrs:
            self.target += parts
            span = Span(parts[0][0], parts[-1][1])
            if span.end > span.start:
                self.target_blocks.append(span)
            # msgstr[n] only: both scanners refuse a plain msgstr beside msgid_plural.
            n = int(keyword[7:-1])
            flags = base | {f"plural:{n}"}
            src = msgid_span if n == 0 else plural_span
            self.units.append(new_unit(unit_id, span, src, flags))


def _value(text: str, parts: _Parts) -> str:
    """The decoded string of a field (escapes resolved, literals joined)."""
    if len(parts) == 1:  # one literal (most strings): no list, no join
        body = text[parts[0][0] : parts[0][1]]
    else:
        body = "".join([text[a:b] for a, b in parts])
    return unescape(body)


def _scanned_entries(path: str, text: str) -> list[_EntryParts]:
    """The entries of the line scanner (which raises InputError on malformed input)."""
    result: list[_EntryParts] = []
    for entry in _scan(path, text):
        fields = entry.fields
        ctxt, plural = fields.get("msgctxt"), fields.get("msgid_plural")
        result.append(
            (
                "fuzzy" in entry.flags,
                None if ctxt is None else ctxt.parts,
                fields["msgid"].parts,
                None if plural is None else plural.parts,
                [(k, f.parts) for k, f in fields.items() if k.startswith("msgstr")],
            )
        )
    return result


# The whole-file fast path: a catalogue as msgmerge writes it (LF line breaks, keywords
# and strings at the start of their lines, comments from column 0) is read entry by
# entry with one regex match each; `None` sends any other file to the line scanner,
# whose answers (and error messages) are the reference. The repeats are possessive
# (`*+`: no backtracking states kept, a quarter of the match's time): giving back a
# continuation line, an escape or a comment line could never let the rest match, as
# what follows each starts with another character (tests/test_formats_po.py compares
# the matches with the backtracking form's).
_INNER = r'[^"\\\n]*(?:\\[^\n][^"\\\n]*)*+'  # a string's inner text on one line
_MORE = rf'(?:"{_INNER}"[ \t]*(?:\n|\Z))*+'  # continuation lines
_ENTRY = re.compile(
    r"((?:[ \t]*\n|#[^\n]*\n)*+)"  # 1: comments and blank lines before the entry
    rf'(?:msgctxt[ \t]+"({_INNER})"[ \t]*\n({_MORE}))?'  # 2, 3
    rf'msgid[ \t]+"({_INNER})"[ \t]*\n({_MORE})'  # 4, 5
    rf'(?:msgid_plural[ \t]+"({_INNER})"[ \t]*\n({_MORE})'  # 6, 7
    rf'((?:msgstr\[\d+\][ \t]+"{_INNER}"[ \t]*(?:\n|\Z){_MORE})++)'  # 8: the forms
    rf'|msgstr[ \t]+"({_INNER})"[ \t]*(?:\n|\Z)({_MORE}))'  # 9, 10
)
# The usual entry alone (no msgctxt, no plural, each string on one line): `_ENTRY` where
# it matches so, with the same spans and fewer groups to read (a continuation line after
# the msgstr would be part of it: the lookahead leaves that entry to `_ENTRY`).
_USUAL = re.compile(
    r"((?:[ \t]*\n|#[^\n]*\n)*+)"  # 1: comments and blank lines before the entry
    rf'msgid[ \t]+"({_INNER})"[ \t]*\n'  # 2
    rf'msgstr[ \t]+"({_INNER})"[ \t]*(?:\n|\Z)(?!"{_INNER}"[ \t]*(?:\n|\Z))'  # 3
)
_FORM = re.compile(rf'(msgstr\[\d+\])[ \t]+"({_INNER})"[ \t]*(?:\n|\Z)({_MORE})')
_CONTINUATION = re.compile(rf'"({_INNER})"[ \t]*(?:\n|\Z)')
_TAIL = re.compile(r"(?:[ \t]*\n|#[^\n]*\n)*(?:[ \t]*|#[^\n]*)")


def _read_fast(text: str, skip_fuzzy: bool) -> _Built | None:
    """The entries `_ENTRY` matches, each added as `_Built.add` adds it, or None for
    another file (tests/test_formats_po.py keeps the entries' list as its reference). The
    usual entry (no msgctxt, no plural, each string on one line) is added here from the
    match's spans, without its parts (lists of spans) being built and taken apart."""
    if "\r" in text:
        return None
    built = _Built()
    target, target_blocks, units = built.target, built.target_blocks, built.units
    source, source_blocks = built.source, built.source_blocks
    find, usual, match, pos = text.find, _USUAL.match, _ENTRY.match, 0
    while True:
        m = usual(text, pos)
        if m is None:  # another entry, or none
            if (m := match(text, pos)) is None:
                break
            # All the groups' spans in one attribute read (unmatched groups are (-1, -1)).
            regs = m.regs
            pos = regs[0][1]
            a, b = regs[1]
            entry = _entry_parts(text, regs, find("#,", a, b) != -1 and _has_fuzzy_flag(text[a:b]))
            if entry is None:
                return None
            built.add(text, entry, skip_fuzzy)
            continue
        whole, (a, b), msgid, msgstr = m.regs
        pos = whole[1]
        fuzzy = find("#,", a, b) != -1 and _has_fuzzy_flag(text[a:b])
        # `_Built.add` of (fuzzy, None, [msgid], None, [("msgstr", [msgstr])]), inline.
        msgid_start, msgid_end = msgid
        msgid_value = text[msgid_start:msgid_end]
        if "\\" in msgid_value:
            msgid_value = _ESCAPE.sub(_unescape, msgid_value)
        if not msgid_value:
            if built.header is None:
                built.header = _value(text, [msgstr])
            continue  # the header entry
        if fuzzy and skip_fuzzy:
            continue
        if " " not in msgid_value and is_symbolic_key(msgid_value):
            msgid_span = Span(msgid_start, msgid_start)
        else:
            msgid_span = Span(msgid_start, msgid_end)
            source.append(msgid)
            if msgid_end > msgid_start:
                source_blocks.append(msgid_span)
        target.append(msgstr)
        span = Span(*msgstr)
        if msgstr[1] > msgstr[0]:
            target_blocks.append(span)
        unit = _new_object(Unit)  # `new_unit`, inline
        unit.__dict__.update(
            id=msgid_value,
            target=span,
            source=msgid_span,
            source_text=None,
            flags=_FUZZY if fuzzy else _EMPTY,
        )
        units.append(unit)
    if pos < len(text) and _TAIL.fullmatch(text, pos) is None:
        return None
    return built


def _entry_parts(text: str, regs: tuple[tuple[int, int], ...], fuzzy: bool) -> _EntryParts | None:
    """The entry an `_ENTRY` match's spans (`regs`) give, or None for a plural form given
    twice (the line scanner reports it)."""
    _, _, ctxt, ctxt_more, msgid, msgid_more, plural, plural_more, forms, msgstr, more = regs
    ctxt_parts = None if ctxt[0] < 0 else _literals(text, ctxt, ctxt_more)
    msgid_parts = [msgid] if msgid_more[0] == msgid_more[1] else _literals(text, msgid, msgid_more)
    if plural[0] < 0:
        plural_parts = None
        msgstrs = [("msgstr", [msgstr] if more[0] == more[1] else _literals(text, msgstr, more))]
    else:
        plural_parts = _literals(text, plural, plural_more)
        msgstrs = []
        for form in _FORM.finditer(text, *forms):
            keyword = form.group(1)
            if any(k == keyword for k, _ in msgstrs):
                return None
            msgstrs.append((keyword, _literals(text, form.span(2), form.span(3))))
    return fuzzy, ctxt_parts, msgid_parts, plural_parts, msgstrs


def _literals(text: str, first: tuple[int, int], more: tuple[int, int]) -> _Parts:
    """The inner spans of a field's first literal and of its continuation lines."""
    if more[0] == more[1]:
        return [first]
    return [first, *(m.span(1) for m in _CONTINUATION.finditer(text, *more))]


def _has_fuzzy_flag(comments: str) -> bool:
    return any(
        "fuzzy" in {f.strip() for f in line[2:].split(",")}
        for line in comments.split("\n")
        if line.startswith("#,")
    )


def is_symbolic_key(msgid: str) -> bool:
    """A msgid that is a message key rather than a source text (catalogues keyed by
    identifiers, the English text living elsewhere): one token of letters, digits, `.`,
    `_`, `-`, `:` with a `.`, `_` or `:` between two letters (`errors.network_404`,
    `SAVE_BUTTON`, `app:title`). `v1.2`, `e.g.`, `Settings` are texts."""
    return (
        len(msgid) <= 200
        # `_KEY_JOINT` needs one of these: most msgids without a space are words
        # ("Save", "Cancel") and stop here, without a regex.
        and ("." in msgid or "_" in msgid or ":" in msgid)
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


def _view(
    path: str, text: str, blank: str, shown: list[tuple[int, int]], blocks: list[Span]
) -> Document:
    """A document showing the inner text of the given strings (escape sequences masked as
    `show_escaped` does), everything else masked. `shown` is in file order, disjoint;
    `blank` is `blanked(text)`. The masked text is built here, from slices, as the
    regions are found."""
    masked: list[int] = []  # flat (start, end) pairs, merged where they touch
    pieces: list[str] = []  # the analysis text
    pos = 0
    backslash = text.find("\\")  # the next backslash at or after `pos` (-1: none left)
    for a, b in shown:
        if b <= a:
            continue
        if a > pos:
            pieces.append(blank[pos:a])
            if masked and pos <= masked[-1]:
                masked[-1] = a
            else:
                masked += (pos, a)
        if backslash != -1 and backslash < b:
            if backslash < a:
                backslash = text.find("\\", a, b)
            if backslash != -1:
                for start, end in escape_holes(text, a, b):
                    pieces.append(text[a:start])
                    pieces.append(blank[start:end])
                    a = end
                    if masked and start <= masked[-1]:
                        masked[-1] = max(masked[-1], end)
                    else:
                        masked += (start, end)
            backslash = text.find("\\", b)
        pieces.append(text[a:b])
        pos = b
    if pos < len(text):
        pieces.append(blank[pos:])
        if masked and pos <= masked[-1]:
            masked[-1] = len(text)
        else:
            masked += (pos, len(text))
    return Document.prepared(path, text, masked, tuple(blocks), "".join(pieces))


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


def unescape(text: str) -> str:
    """A PO string's inner text with its backslash escapes resolved (`\\n` a line break)."""
    return _ESCAPE.sub(_unescape, text) if "\\" in text else text
