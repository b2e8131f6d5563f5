"""What a `--jobs` worker sends back: a FileResult's units travel packed and are
rebuilt only when read, equal to what was sent."""

import pickle

from transcheck.findings import FileResult, Span
from transcheck.formats import Unit


def sample() -> FileResult:
    units = [
        Unit("Save", Span(10, 16), Span(2, 6), flags=frozenset({"fuzzy"})),
        Unit("a.b", Span(20, 20), None, source_text="Open"),
    ]
    return FileResult(path="po/es.po", units=units, notes=["a note"])


def test_units_round_trip_unread_until_asked():
    result = sample()
    received = pickle.loads(pickle.dumps(result))
    assert received._units_blob is not None  # not rebuilt yet
    assert received.units == result.units
    assert received._units_blob is None
    assert received == result


def test_unread_units_travel_on_when_pickled_again():
    twice = pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(sample()))))
    assert twice.units == sample().units


def test_results_without_units_and_other_missing_attributes():
    received = pickle.loads(pickle.dumps(FileResult(path="a.txt", error="unreadable")))
    assert received.units == [] and received.error == "unreadable"
    try:
        received.no_such_attribute  # noqa: B018
    except AttributeError as exc:
        assert "no_such_attribute" in str(exc)
    else:
        raise AssertionError("an unknown attribute must raise AttributeError")
