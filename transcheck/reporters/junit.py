"""JUnit XML for CI test-report views: one test case per input file.

A file with findings at or above `fail_on` fails (one `<failure>` listing them,
typed by the worst severity); a file that could not be read is an `<error>`; any
other file passes, and findings below the threshold are listed in its
`<system-out>`: the job exits 0 for them, so GitLab and Jenkins must not show the
file red. (`<skipped>` would say the file was not checked, which is untrue.)
ElementTree does the escaping; characters XML 1.0 cannot carry at all
(control characters, lone surrogates, U+FFFE/U+FFFF) are shown as `\\xNN`/`\\uNNNN`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from transcheck.findings import FileResult, Finding, Report, Severity

SUITE = "transcheck"
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: Report, out: TextIO, fail_on: Severity | None = None) -> None:
    """`fail_on`: the run's --fail-on; None fails a file on any finding."""
    root = report_to_xml(report, fail_on)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def report_to_xml(report: Report, fail_on: Severity | None = None) -> ET.Element:
    threshold = fail_on or min(Severity)
    failures = sum(1 for r in report.files if _fails(r, threshold))
    counts = {
        "tests": str(len(report.files)),
        "failures": str(failures),
        "errors": str(len(report.errors)),
    }
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts, "skipped": "0"})
    for result in report.files:
        suite.append(_testcase(result, threshold))
    return root


def _fails(result: FileResult, threshold: Severity) -> bool:
    """A checked file with a finding at or above the run's --fail-on (the exit code's test)."""
    return result.error is None and any(f.severity >= threshold for f in result.findings)


def _testcase(result: FileResult, threshold: Severity) -> ET.Element:
    name = "stdin" if result.path == "-" else result.path
    case = ET.Element("testcase", {"classname": SUITE, "name": xml_safe(name)})
    out = list(result.notes)
    if result.error is not None:
        message = xml_safe(result.error)
        ET.SubElement(case, "error", {"message": message, "type": "input-error"}).text = message
    elif result.findings and result.document is not None:
        lines = [_finding_line(result, finding) for finding in result.findings]
        worst = max(f.severity for f in result.findings)
        if _fails(result, threshold):
            failure = ET.SubElement(
                case, "failure", {"message": _count_summary(result), "type": worst.label}
            )
            failure.text = xml_safe("\n".join(lines))
        else:
            out[:0] = [f"{_count_summary(result)}, below --fail-on {threshold.label}:", *lines]
    if out:
        ET.SubElement(case, "system-out").text = xml_safe("\n".join(out))
    return case


def _finding_line(result: FileResult, finding: Finding) -> str:
    assert result.document is not None
    line, column = result.document.position(finding.span.start)
    return f"{line}:{column} {finding.severity.label} {finding.rule} {finding.message}"


def _count_summary(result: FileResult) -> str:
    total = len(result.findings)
    parts = []
    for severity in sorted(Severity, reverse=True):
        n = sum(1 for f in result.findings if f.severity == severity)
        if n:
            plural = "s" if n != 1 and severity != Severity.INFO else ""
            parts.append(f"{n} {severity.label}{plural}")
    return f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)})"


def xml_safe(text: str) -> str:
    """Text with the characters XML 1.0 forbids written as visible escapes."""
    return _NOT_XML.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
