"""JSON i18n resource files: an object of key → string, flat or nested, with arrays.

Visible: the contents of the string values (without the quotes). Masked: keys,
punctuation, whitespace between members, and escapes inside values: `\\n`,
`\\t`… and `\\uXXXX` are masked whole (so a quote written `\\u201c` is not seen
by the quote rules), while `\\"`, `\\\\` and `\\/` stay visible as written (see
`transcheck.formats.show_escaped`). Letters written as `\\uXXXX` (json.dump,
json_encode defaults) are shown decoded: see `transcheck.formats.json_escapes`.

Keys starting with `@` (ARB metadata such as `"@title": {"description": …}`)
are skipped whatever their value. Arrays (i18next, vue-i18n: `"steps": ["…", "…"]`)
are read item by item, the key path taking the index (`steps[0]`). Numbers,
booleans and null are not text: skipped (`"private": true`), but a file with such
values and no string at all is an error (it is no translation file). Each string
value is a block and a unit (id = the key path joined with "."). A target file can
be paired with its source file by key (`source_values`): `Unit.source_text` is the
source string, None for a key the source lacks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator

from transcheck.findings import Span
from transcheck.formats import Layout, ReadResult, Unit, line_number, show_escaped
from transcheck.formats.json_escapes import DecodedDocument, escaped_runs
from transcheck.inputs import InputError

_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")
_MAX_DEPTH = 100
_KINDS = {"[": "an array", "t": "a boolean", "f": "a boolean", "n": "null"}

# (key path, start, end) of a string value's inner text; the walk returns the offset
# after the value it read.
_Walk = Generator[tuple[str, int, int], None, int]


def read(path: str, text: str, source_values: dict[str, str] | None = None) -> ReadResult:
    layout = Layout(len(text))
    units: list[Unit] = []
    overlays: list[tuple[int, str]] = []
    for key, start, end in _values(path, text):
        show_escaped(layout, text, start, end)
        for run_start, run_end, decoded in escaped_runs(text, start, end):
            layout.hide(run_start, run_end)
            overlays.append((run_start, decoded))
        layout.block(start, end)
        source_text = source_values.get(key) if source_values is not None else None
        units.append(Unit(id=key, target=Span(start, end), source=None, source_text=source_text))
    plain = layout.document(path, text)
    document = DecodedDocument(
        path=path, text=text, masked=plain.masked, blocks=plain.blocks, overlays=tuple(overlays)
    )
    return ReadResult(document, units=units)


def string_values(path: str, text: str) -> dict[str, str]:
    """Key path → decoded string, for pairing a target file with this (source) file."""
    return {key: json.loads(text[start - 1 : end + 1]) for key, start, end in _values(path, text)}


def _values(path: str, text: str) -> list[tuple[str, int, int]]:
    """(key path, start, end) of the inner text of every string value, in file order."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise InputError(path, "JSON nested too deeply") from None
    pos = _WS.match(text).end()
    if text[pos] != "{":
        kind = "a string" if text[pos] == '"' else _KINDS.get(text[pos], "a number")
        raise InputError(
            path,
            f"line {line_number(text, pos)}: expected an object of key → string at the top "
            f"level, found {kind}",
        )
    skipped: list[int] = []  # offsets of the numbers, booleans and nulls passed over
    found = list(_object(path, text, pos, "", 0, skipped))
    if not found and skipped:
        kind = _KINDS.get(text[skipped[0]], "a number")
        raise InputError(
            path,
            f"line {line_number(text, skipped[0])}: no string values (the first value is "
            f"{kind}): not a translation file",
        )
    return found


def _value(path: str, text: str, pos: int, key: str, depth: int, skipped: list[int]) -> _Walk:
    """The string values in the (valid) value at `pos`; returns the offset after it."""
    ch = text[pos]
    if ch == '"':
        end = _STRING.match(text, pos).end()
        yield key, pos + 1, end - 1
        return end
    if ch == "{":
        return (yield from _object(path, text, pos, key, depth + 1, skipped))
    if ch == "[":
        return (yield from _array(path, text, pos, key, depth + 1, skipped))
    skipped.append(pos)
    return _SCALAR.match(text, pos).end()


def _object(path: str, text: str, pos: int, key: str, depth: int, skipped: list[int]) -> _Walk:
    _check_depth(path, text, pos, depth)
    pos = _WS.match(text, pos + 1).end()
    while text[pos] != "}":
        key_match = _STRING.match(text, pos)
        assert key_match  # the text was validated by json.loads
        name = json.loads(key_match.group())
        pos = _WS.match(text, key_match.end()).end() + 1  # past ":"
        pos = _WS.match(text, pos).end()
        if name.startswith("@"):
            pos = _skip_value(text, pos)
        else:
            here = f"{key}.{name}" if key else name
            pos = yield from _value(path, text, pos, here, depth, skipped)
        pos = _WS.match(text, pos).end()
        if text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()
    return pos + 1


def _array(path: str, text: str, pos: int, key: str, depth: int, skipped: list[int]) -> _Walk:
    _check_depth(path, text, pos, depth)
    pos = _WS.match(text, pos + 1).end()
    index = 0
    while text[pos] != "]":
        pos = yield from _value(path, text, pos, f"{key}[{index}]", depth, skipped)
        index += 1
        pos = _WS.match(text, pos).end()
        if text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()
    return pos + 1


def _check_depth(path: str, text: str, pos: int, depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise InputError(path, f"line {line_number(text, pos)}: JSON nested too deeply")


def _skip_value(text: str, pos: int) -> int:
    """The end of the (valid) JSON value at `pos`."""
    ch = text[pos]
    if ch == '"':
        return _STRING.match(text, pos).end()
    if ch in "[{":
        depth = 0
        while True:
            m = _STRING.match(text, pos)
            if m:
                pos = m.end()
                continue
            c = text[pos]
            if c in "[{":
                depth += 1
            elif c in "]}":
                depth -= 1
                if depth == 0:
                    return pos + 1
            pos += 1
    m = _SCALAR.match(text, pos)
    return m.end() if m else pos + 1
