"""RuleContext.unit_at's index: the units with a translation, by start offset."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from transcheck.findings import Span
from transcheck.formats import Unit
from transcheck.registry import _unit_index


def _index_by_sorting(units):
    """The previous `_unit_index`: sorted by a Python key function."""
    ordered = sorted(
        (u for u in units if u.target.end > u.target.start), key=lambda u: u.target.start
    )
    return [u.target.start for u in ordered], ordered


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 2)), max_size=12), st.randoms())
def test_unit_index_equals_sorting_the_translated_units(sizes, random):
    # Disjoint targets (some empty) in file order, then shuffled or not.
    units, pos = [], 0
    for gap, size in sizes:
        pos += gap
        units.append(Unit(id=str(len(units)), target=Span(pos, pos + size), source=None))
        pos += size
    if random.random() < 0.5:
        random.shuffle(units)
    starts, ordered = _unit_index(units)
    expected_starts, expected = _index_by_sorting(units)
    assert starts == expected_starts
    assert [u.id for u in ordered] == [u.id for u in expected]
