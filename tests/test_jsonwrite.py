"""The fast JSON writer writes exactly what `json.dump(..., ensure_ascii=False, indent=2)` does."""

from __future__ import annotations

import io
import json
from enum import IntEnum, StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcheck.reporters.jsonwrite import Converted, dump_object, dumps

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=6) | st.integers() | st.booleans(), inner, max_size=4)
    ),
    max_leaves=30,
)


def _standard(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@given(_VALUES)
def test_dumps_is_the_standard_text(value: object) -> None:
    assert dumps(value) == _standard(value)


@given(st.dictionaries(st.text(max_size=6), _VALUES, max_size=5))
def test_dump_object_is_the_standard_text(value: dict) -> None:
    out = io.StringIO()
    dump_object(list(value.items()), out)
    assert out.getvalue() == _standard(value)


class _Level(IntEnum):
    LOW = 1


class _Name(StrEnum):
    A = 'a\n"quoted"'


def test_subclasses_keys_and_special_values() -> None:
    value = {
        "enum": [_Level.LOW, _Name.A],
        "floats": [1e16, -0.0, 1.5, float("nan"), float("inf"), -float("inf")],
        "keys": {3: "int", 2.5: "float", None: "none", True: "bool", False: "no"},
        "empty": [{}, [], ()],
        "text": "ñ \u2028 \x00 \\ é",
        "nested": [[[1]], {"a": {"b": []}}],
    }
    assert dumps(value) == _standard(value)


def test_converted_list_is_converted_as_written() -> None:
    out = io.StringIO()
    dump_object(
        [("files", Converted([1, 2], lambda n: {"n": n})), ("none", Converted([], str))], out
    )
    assert out.getvalue() == _standard({"files": [{"n": 1}, {"n": 2}], "none": []})


def test_unsupported_values_raise_like_the_standard_encoder() -> None:
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dump_object([("a", [object()])], io.StringIO())
    with pytest.raises(TypeError):
        dumps({(1, 2): 1})


_ROW_VALUES = (
    _SCALARS
    | st.lists(st.integers(), max_size=3)
    | st.lists(st.booleans(), max_size=2)
    | st.sampled_from([_Level.LOW, _Name.A, [_Level.LOW], (1, 2)])
    | st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)
)


@given(
    st.lists(
        st.dictionaries(st.text(max_size=4) | st.integers() | st.booleans(), _ROW_VALUES),
        max_size=4,
    ),
    st.integers(min_value=0, max_value=3),
)
def test_rows_of_a_list_are_the_standard_text(rows: list, depth: int) -> None:
    """Lists of dicts (rows: the MT table's segments) take the one-string path when
    their values are plain scalars and int lists, the general one otherwise."""
    value: object = rows
    for _ in range(depth):
        value = {"k": [value]}
    assert dumps(value) == _standard(value)


@given(st.lists(_VALUES, min_size=1, max_size=4), st.integers(0, 3))
def test_encoded_items_of_a_list_are_placed_as_written(items: list, depth: int) -> None:
    """`--jobs` workers write each finding at its level; the list that holds them is
    the standard text."""
    from transcheck.reporters.jsonwrite import Encoded, indented

    value: object = items
    wrapped: object = [Encoded(indented(item, depth + 1), depth + 1) for item in items]
    for _ in range(depth):
        value, wrapped = {"k": value}, {"k": wrapped}
    assert dumps(wrapped) == _standard(value)


def test_encoded_at_another_level_is_refused() -> None:
    from transcheck.reporters.jsonwrite import Encoded

    with pytest.raises(ValueError, match="level"):
        dumps([Encoded("1", 3)])
