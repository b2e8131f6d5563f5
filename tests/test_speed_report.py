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
    expected = [
        indented(finding_to_dict(f, document, source), FINDING_LEVEL) for f in findings
    ]
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
