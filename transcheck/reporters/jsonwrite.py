"""`json.dump(obj, out, ensure_ascii=False, indent=2)`, byte for byte, several times faster.

With `indent`, the standard library encodes in pure Python, one generator step and one
`write` per token; the JSON report of a thousand PO catalogues has millions of tokens
(most of them the MT segment table) and took longer to write than to check, on the
parent's single core even with `--jobs`. This encoder walks the same values in one
recursive function, writes strings with the C string encoder the standard one uses,
and hands the text over per top-level item. Values it does not know (anything but
dict, list, tuple, str, int, float, bool and None) make `dump` fall back to `json.dump`,
which raises the usual TypeError. The output is compared with `json.dumps` in the tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring  # the C version when available
from typing import Any, TextIO

_INFINITY = float("inf")


class _Unsupported(Exception):
    """A value the fast path does not encode (the standard encoder decides)."""


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str:
    """A non-container value as the standard encoder writes it (subclasses included)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise _Unsupported


def _ints(items: list[Any]) -> bool:
    """Whether every element is a plain int (not a bool or another int subclass)."""
    # A loop, not all(<generator>) nor a set of types: lists here hold one or two items,
    # and this costs fewer instructions (callgrind) than either.
    for item in items:  # noqa: SIM110
        if type(item) is not int:
            return False
    return True


def _key(key: Any) -> str:
    """A dict key as the standard encoder converts it (without `skipkeys`): a string as
    is, True/False/None/numbers as their JSON scalar text, quoted."""
    if isinstance(key, str):
        return encode_basestring(key)
    return encode_basestring(_scalar(key))


@dataclass(frozen=True, slots=True)
class Encoded:
    """A value already written by `indented(value, level)`: placed as is, at that level
    only (`--jobs` workers write their files' MT tables, the parent places them)."""

    text: str
    level: int


def indented(value: Any, level: int) -> str:
    """`value` as it is written nested `level` deep (its closing bracket indented by
    `level` steps)."""
    return _indented(value, level, [])


# The types encoded as a nested object or array (exact types first: a set lookup; then
# their subclasses).
_NESTED = frozenset((dict, list, tuple, Encoded))


def _encode(value: Any, level: int, parts: list[str], indents: list[str]) -> None:
    """Append the encoding of `value` at nesting `level` to `parts`."""
    while len(indents) <= level + 3:
        indents.append("\n" + "  " * len(indents))
    inner, outer = indents[level + 1], indents[level]
    append = parts.append
    kind = type(value)
    if kind is Encoded:
        if value.level != level:
            raise ValueError(f"a value encoded for level {value.level} placed at {level}")
        append(value.text)
        return
    if kind is dict or (kind is not list and isinstance(value, dict)):
        if not value:
            append("{}")
            return
        separator = "{" + inner
        between = "," + inner
        for key, item in value.items():
            key_text = encode_basestring(key) if type(key) is str else _key(key)
            it = type(item)
            if it is str:
                append(f"{separator}{key_text}: {encode_basestring(item)}")
            elif it is int:
                append(f"{separator}{key_text}: {int.__repr__(item)}")
            elif item is None:
                append(f"{separator}{key_text}: null")
            elif it is float:
                # x - x is 0.0 for finite x only (NaN and infinities need their names).
                number = float.__repr__(item) if item - item == 0.0 else _float(item)
                append(f"{separator}{key_text}: {number}")
            elif it is list and item and _ints(item):
                # A list of ints (offsets, indices: most lists of the MT table), in one go.
                deeper = indents[level + 2]
                numbers = (f",{deeper}").join(map(int.__repr__, item))
                append(f"{separator}{key_text}: [{deeper}{numbers}{inner}]")
            elif it in _NESTED or isinstance(item, (dict, list, tuple)):
                append(f"{separator}{key_text}: ")
                _encode(item, level + 1, parts, indents)
            else:
                append(f"{separator}{key_text}: {_scalar(item)}")
            separator = between
        append(outer + "}")
        return
    if kind is list or kind is tuple or isinstance(value, (list, tuple)):
        if not value:
            append("[]")
            return
        separator = "[" + inner
        between = "," + inner
        keys: dict[str, str] = {}  # key -> its text and ": ", for the rows of this list
        for item in value:
            it = type(item)
            if it is dict and item:
                # A row of scalars and int lists (the MT table's segments, findings' spans):
                # one string, or None for anything else (then the general path).
                row = _flat_row(item, keys, indents[level + 2], indents[level + 3], inner)
                if row is not None:
                    append(separator + row)
                    separator = between
                    continue
            if it is str:
                append(separator + encode_basestring(item))
            elif it is int:
                append(separator + int.__repr__(item))
            elif it is Encoded and item.level == level + 1:  # a worker's finding, placed
                append(separator + item.text)
            elif it in _NESTED or isinstance(item, (dict, list, tuple)):
                append(separator)
                _encode(item, level + 1, parts, indents)
            else:
                append(separator + _scalar(item))
            separator = between
        append(outer + "]")
        return
    append(_scalar(value))


def _flat_row(
    row: dict[Any, Any], keys: dict[str, str], inner: str, deeper: str, outer: str
) -> str | None:
    """`row` (a dict, written one level below `outer`) as the general path writes it, if
    its keys are strings and its values strings, ints, finite floats, None or non-empty
    lists of plain ints; else None. `keys` caches each key's text."""
    out = []
    add = out.append
    for key, item in row.items():
        head = keys.get(key)
        if head is None:
            if type(key) is not str:
                return None
            head = keys[key] = encode_basestring(key) + ": "
        it = type(item)
        if it is str:
            add(head + encode_basestring(item))
        elif it is int:
            add(head + int.__repr__(item))
        elif item is None:
            add(head + "null")
        elif it is float and item - item == 0.0:
            add(head + float.__repr__(item))
        elif it is list and item and _ints(item):
            add(f"{head}[{deeper}{(',' + deeper).join(map(int.__repr__, item))}{inner}]")
        else:
            return None
    return "{" + inner + ("," + inner).join(out) + outer + "}"


def dumps(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`."""
    parts: list[str] = []
    try:
        _encode(value, 0, parts, [])
    except (_Unsupported, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=2)
    return "".join(parts)


@dataclass
class Converted:
    """A list value given as its elements and the function that makes each one JSON-ready:
    converted one at a time as it is written (a report's files)."""

    elements: Sequence[Any]
    convert: Callable[[Any], Any]


def dump_object(items: list[tuple[str, Any]], out: TextIO) -> None:
    """Write the dict of `items` as `json.dump(dict(items), out, ensure_ascii=False,
    indent=2)` would, item by item (a list value element by element, a `Converted` one
    converted as it goes), so that the whole text is never held at once."""
    if not items:
        out.write("{}")
        return
    indents: list[str] = []
    separator = "{\n  "
    for key, value in items:
        out.write(f"{separator}{encode_basestring(key)}: ")
        separator = ",\n  "
        if isinstance(value, Converted):
            elements, convert = value.elements, value.convert
        else:
            elements, convert = value, None
        if isinstance(elements, list) and elements:
            between = "[\n    "
            for element in elements:
                out.write(between)
                out.write(_indented(element if convert is None else convert(element), 2, indents))
                between = ",\n    "
            out.write("\n  ]")
        else:
            out.write(_indented(list(elements) if convert else value, 1, indents))
    out.write("\n}")


def _indented(value: Any, level: int, indents: list[str]) -> str:
    parts: list[str] = []
    try:
        _encode(value, level, parts, indents)
    except (_Unsupported, RecursionError):
        text = json.dumps(value, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * level)
    return "".join(parts)
