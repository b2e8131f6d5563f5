"""JSON i18n resource files: an object of key → string, flat or nested.

Visible: the contents of the string values (without the quotes). Masked: keys,
punctuation, whitespace between members, and escapes inside values: `\\n`,
`\\t`… and `\\uXXXX` are masked whole (so a quote written `\\u201c` is not seen
by the quote rules), while `\\"`, `\\\\` and `\\/` stay visible as written (see
`transcheck.formats.show_escaped`).

Keys starting with `@` (ARB metadata such as `"@title": {"description": …}`)
are skipped whatever their value. Any other value that is not a string or an
object of strings is an error naming its key path. Each string value is a
block and a unit (id = the key path joined with "."). A target file can be
paired with its source file by key (`source_values`): `Unit.source_text` is
the source string, None for a key the source lacks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator

from transcheck.findings import Span
from transcheck.formats import Layout, ReadResult, Unit, line_number, show_escaped
from transcheck.inputs import InputError

_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")
_MAX_DEPTH = 100
_KINDS = {"[": "an array", "t": "a boolean", "f": "a boolean", "n": "null"}


def read(path: str, text: str, source_values: dict[str, str] | None = None) -> ReadResult:
    layout = Layout(len(text))
    units: list[Unit] = []
    for key, start, end in _values(path, text):
        show_escaped(layout, text, start, end)
        layout.block(start, end)
        source_text = source_values.get(key) if source_values is not None else None
        units.append(Unit(id=key, target=Span(start, end), source=None, source_text=source_text))
    return ReadResult(layout.document(path, text), units=units)


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
    return list(_object(path, text, pos, (), 0))


def _object(
    path: str, text: str, pos: int, keys: tuple[str, ...], depth: int
) -> Generator[tuple[str, int, int], None, int]:
    """String members of the (valid) object starting at `pos`; returns the offset after it."""
    if depth > _MAX_DEPTH:
        raise InputError(path, f"line {line_number(text, pos)}: JSON nested too deeply")
    pos = _WS.match(text, pos + 1).end()
    while text[pos] != "}":
        key_match = _STRING.match(text, pos)
        assert key_match  # the text was validated by json.loads
        key = json.loads(key_match.group())
        pos = _WS.match(text, key_match.end()).end() + 1  # past ":"
        pos = _WS.match(text, pos).end()
        here = (*keys, key)
        skip = key.startswith("@")
        ch = text[pos]
        if ch == '"':
            value = _STRING.match(text, pos)
            if not skip:
                yield ".".join(here), pos + 1, value.end() - 1
            pos = value.end()
        elif ch == "{" and not skip:
            pos = yield from _object(path, text, pos, here, depth + 1)
        elif skip:
            pos = _skip_value(text, pos)
        else:
            kind = _KINDS.get(ch, "a number")
            raise InputError(
                path,
                f"line {line_number(text, pos)}: the value of {'.'.join(here)!r} is {kind}; "
                "expected a string or an object of strings",
            )
        pos = _WS.match(text, pos).end()
        if text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()
    return pos + 1


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
