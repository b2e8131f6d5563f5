"""JUnit XML for CI test-report views: one test case per input file.

A file with findings fails (one `<failure>` listing them, typed by the worst
severity); a file that could not be read is an `<error>`; a clean file passes.
ElementTree does the escaping; characters XML 1.0 cannot carry at all
(control characters, lone surrogates, U+FFFE/U+FFFF) are shown as `\\xNN`/`\\uNNNN`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from transcheck.findings import FileResult, Report, Severity

SUITE = "transcheck"
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: Report, out: TextIO) -> None:
    root = report_to_xml(report)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def report_to_xml(report: Report) -> ET.Element:
    failures = sum(1 for r in report.files if r.error is None and r.findings)
    counts = {
        "tests": str(len(report.files)),
        "failures": str(failures),
        "errors": str(len(report.errors)),
    }
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts, "skipped": "0"})
    for result in report.files:
        suite.append(_testcase(result))
    return root


def _testcase(result: FileResult) -> ET.Element:
    name = "stdin" if result.path == "-" else result.path
    case = ET.Element("testcase", {"classname": SUITE, "name": xml_safe(name)})
    if result.error is not None:
        message = xml_safe(result.error)
        ET.SubElement(case, "error", {"message": message, "type": "input-error"}).text = message
    elif result.findings and result.document is not None:
        worst = max(f.severity for f in result.findings)
        failure = ET.SubElement(
            case, "failure", {"message": _count_summary(result), "type": worst.label}
        )
        lines = []
        for finding in result.findings:
            line, column = result.document.position(finding.span.start)
            severity = finding.severity.label
            lines.append(f"{line}:{column} {severity} {finding.rule} {finding.message}")
        failure.text = xml_safe("\n".join(lines))
    if result.notes:
        ET.SubElement(case, "system-out").text = xml_safe("\n".join(result.notes))
    return case


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
