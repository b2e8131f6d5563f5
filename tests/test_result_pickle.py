"""What a `--jobs` worker sends back: a FileResult's units travel packed and are
rebuilt only when read, equal to what was sent."""

import pickle
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transcheck.findings import FileResult, Finding, Severity, Span
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
    assert received._blobs and "units" in received._blobs  # not rebuilt yet
    assert received.units == result.units
    assert received._blobs is None
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


def test_mt_table_travels_unread_until_asked():
    table = {"backends": [], "segments": [{"source": "Save", "draft": "Guardar", "score": 0.25}]}
    result = FileResult(path="po/es.po", mt=table, mt_json='{"x": 1}')
    received = pickle.loads(pickle.dumps(result))
    assert received._blobs and "mt" in received._blobs  # not rebuilt yet
    assert received.mt_json == '{"x": 1}'
    again = pickle.loads(pickle.dumps(received))  # the blob travels on, still unread
    assert again.mt == table and received.mt == table
    assert received == result


def test_json_report_places_the_worker_table_without_reading_mt():
    import io

    from transcheck.findings import Report
    from transcheck.reporters.json import encode_mt, render

    table = {"backends": [], "segments": [{"source": "Save", "draft": "Guardar"}]}
    local = FileResult(path="po/es.po", mt=table)
    encode_mt(local)
    received = pickle.loads(pickle.dumps(local))
    texts = []
    for result in (FileResult(path="po/es.po", mt=table), received):
        out = io.StringIO()
        render(Report(files=[result]), out)
        texts.append(out.getvalue())
    assert texts[0] == texts[1]
    assert received._blobs and "mt" in received._blobs  # never unpickled


def test_findings_round_trip():
    from transcheck.findings import Edit, Finding, Fix, Severity

    findings = [
        Finding(
            "repeated-word",
            Severity.WARNING,
            "“el el”",
            Span(3, 8),
            (Span(0, 2),),
            "el",
            Fix("Remove", (Edit(Span(3, 6), ""),)),
            Span(1, 4),
        ),
        Finding("untranslated", Severity.INFO, "same as source", Span(0, 4)),
    ]
    received = pickle.loads(pickle.dumps(findings))
    assert received == findings
    assert [f.severity for f in received] == [Severity.WARNING, Severity.INFO]
    assert all(type(f.severity) is Severity for f in received)
    assert received[1].source_span is None and received[0].source_span == Span(1, 4)
    # Still frozen and hashable, as built.
    assert hash(received[0]) == hash(findings[0])
    with pytest.raises(FrozenInstanceError):
        received[0].rule = "x"  # type: ignore[misc]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(Severity)),
            st.integers(0, 10_000),
            st.integers(0, 50),
            st.none() | st.tuples(st.integers(0, 10_000), st.integers(0, 50)),
            st.text(max_size=12),
        ),
        max_size=8,
    )
)
def test_findings_unpickle_as_built(rows):
    findings = [
        Finding(
            "rule",
            severity,
            message,
            Span(start, start + length),
            source_span=None if source is None else Span(source[0], sum(source)),
        )
        for severity, start, length, source, message in rows
    ]
    assert pickle.loads(pickle.dumps(findings, pickle.HIGHEST_PROTOCOL)) == findings


def test_document_masked_text_rebuilt_not_sent():
    from transcheck.document import Document

    document = Document(
        path="a.po", text='msgid "Save"\nmsgstr "Guardar"\n', masked=(Span(0, 13), Span(13, 21))
    )
    expected = document.analysis_text
    data = pickle.dumps(document)
    assert expected.encode() not in data  # one copy of the text on the wire
    received = pickle.loads(data)
    assert "analysis_text" not in received.__dict__
    assert received.analysis_text == expected and received.text == document.text
