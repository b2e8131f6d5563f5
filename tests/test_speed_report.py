"""The report writers' fast paths against the general ones they stand in for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.document import Document
from transcheck.findings import Edit, Finding, Fix, Severity, Span
from transcheck.reporters.json import FINDING_LEVEL, finding_to_dict, findings_json
from transcheck.reporters.jsonwrite import indented

# Texts with every kind of line break, non-ASCII and characters JSON escapes.
_TEXT = st.text(st.sampled_from('ab é\n\r\t"\\\x00\x1f\u2028𝄞'), max_size=40)


@st.composite
def _span(draw: st.DrawFn, size: int) -> Span:
    # Past the end of the text too: positions are clamped there.
    start = draw(st.integers(0, size + 3))
    return Span(start, draw(st.integers(start, size + 5)))


@st.composite
def _case(draw: st.DrawFn) -> tuple[Document, Document | None, list[Finding]]:
    text = draw(_TEXT)
    document = Document("draft.po", text, lang="es")
    source = draw(st.none() | _TEXT.map(lambda t: Document("source.po", t)))
    size = len(text)
    findings = []
    for _ in range(draw(st.integers(0, 4))):
        fix = draw(
            st.none()
            | st.builds(
                Fix,
                _TEXT,
                st.lists(st.builds(Edit, _span(size), _TEXT), max_size=3).map(tuple),
                st.booleans(),
            )
        )
        source_span = draw(st.none() | _span(len(source.text) if source else 5))
        findings.append(
            Finding(
                draw(st.sampled_from(["repeated-word", 'odd "rule"'])),
                draw(st.sampled_from(list(Severity))),
                draw(_TEXT),
                draw(_span(size)),
                tuple(draw(st.lists(_span(size), max_size=3))),
                draw(st.none() | _TEXT),
                fix,
                source_span,
            )
        )
    return document, source, findings


@settings(max_examples=300)
@given(_case())
def test_findings_json_is_the_general_encoding(case) -> None:
    document, source, findings = case
    expected = [indented(finding_to_dict(f, document, source), FINDING_LEVEL) for f in findings]
    assert findings_json(findings, document, source) == expected


def test_findings_json_falls_back_on_unusual_values() -> None:
    """Values the template does not write (a bool offset, a non-str message) go the
    general way, with its result."""
    document = Document("d.txt", "one\ntwo\n")
    odd = [
        Finding("r", Severity.INFO, "m", Span(True, 2)),
        Finding("r", Severity.INFO, 42, Span(0, 2)),  # type: ignore[arg-type]
        Finding("r", Severity.INFO, "m", Span(0, 2), fix=Fix("t", (), safe=1)),  # type: ignore[arg-type]
        Finding("r", Severity.INFO, "m", Span(0, 2), (Span(1.0, 2),)),  # type: ignore[arg-type]
    ]
    expected = [indented(finding_to_dict(f, document, None), FINDING_LEVEL) for f in odd]
    assert findings_json(odd, document, None) == expected


@settings(max_examples=200, deadline=None)
@given(_case(), st.sampled_from(["p.txt", "t\tab\x07.txt"]))
def test_plain_finding_text_is_its_lines_through_plain(case, path: str) -> None:
    """The text report's direct writing of a finding (no colour) against its (text,
    style) lines made plain one by one, the way it was written before."""
    from transcheck.findings import FileResult
    from transcheck.reporters import text

    document, _, findings = case
    result = FileResult(path=path, document=document, findings=findings)
    for finding in findings:
        lines = text._finding(result, finding)
        assert text._finding_text(result, finding) == "".join(map(text._plain, lines))


# --- project rules: the C-level grouping against the Python grouping it replaced ---

_WORDS = st.sampled_from(["Save", "save", "the route", "Guardar", "la ruta", "Abrir", "x"])
_UNIT_TEXT = st.tuples(
    st.integers(0, 50),
    st.integers(51, 99),
    _WORDS,
    _WORDS,
    st.sampled_from(["", "menu", "\x00e\x000", "\x00e\x001"]),
)


def _several_before(pairs, fields, group) -> set:
    from collections import Counter

    distinct = {fields(unit) for _, unit in pairs}
    return {key for key, n in Counter(map(group, distinct)).items() if n > 1}


def _columns(units: list) -> tuple:
    return tuple(list(column) for column in zip(*units, strict=True)) or ([],) * 5


@given(st.lists(st.lists(_UNIT_TEXT, max_size=6), max_size=5))
def test_run_units_and_several_as_before(per_file) -> None:
    from operator import itemgetter

    from transcheck.findings import FileResult
    from transcheck.rules import consistency

    results = [
        FileResult(path=f"f{i}.po", unit_texts=_columns(units)) for i, units in enumerate(per_file)
    ]
    pairs = [(r, u) for r, units in zip(results, per_file, strict=True) for u in units]
    run = consistency.unit_texts(results)
    assert [run.unit(i) for i in range(len(run.starts))] == pairs
    for result, units in zip(results, per_file, strict=True):
        assert consistency.file_unit_texts(result) == units
    # Translations with two sources or more.
    suspects = consistency._several(run.translations, run.sources)
    assert suspects == _several_before(pairs, itemgetter(3, 2), itemgetter(0))
    picked = [run.unit(i) for i in consistency._indices_in(run.translations, suspects)]
    assert picked == [(r, u) for r, u in pairs if u[3] in suspects]
    # Sources with two translations or more: a superset of the (context, source) keys
    # with two, which the rule keeps by grouping the units of these sources.
    keys = _several_before(pairs, itemgetter(4, 2, 3), itemgetter(0, 1))
    sources = consistency._several(run.sources, run.translations)
    assert {source for _, source in keys} <= sources


@given(st.lists(st.lists(_UNIT_TEXT, max_size=6), max_size=5))
def test_project_rules_find_what_they_found_before(per_file) -> None:
    """Both rules' findings against the row-by-row implementation they replaced."""
    from collections import Counter, defaultdict
    from operator import itemgetter

    from transcheck.document import Document
    from transcheck.findings import FileResult
    from transcheck.rules import consistency

    def before_inconsistent(pairs):
        suspects = _several_before(pairs, itemgetter(4, 2, 3), itemgetter(0, 1))
        by_source = defaultdict(list)
        for result, unit in pairs:
            if (unit[4], unit[2]) in suspects:
                by_source[unit[4], unit[2]].append((result, unit))
        for units in by_source.values():
            counts = Counter(u[3] for _, u in units)
            preferred = counts.most_common(1)[0][0]
            for result, unit in units:
                if unit[3] != preferred:
                    yield result.path, unit[0], unit[1]

    text = "x" * 100
    results = [
        FileResult(path=f"f{i}.po", document=Document(f"f{i}.po", text), unit_texts=_columns(u))
        for i, u in enumerate(per_file)
    ]
    pairs = [(r, u) for r, units in zip(results, per_file, strict=True) for u in units]
    rule = consistency.InconsistentTranslation()
    found = [(r.path, f.span.start, f.span.end) for r, f in rule.check_project(results, {})]
    assert found == list(before_inconsistent(pairs))
