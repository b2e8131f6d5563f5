"""Fix edits made fit for the file they are written to.

Rules compute a fix on the file text as they see it: `\\"` in a PO or JSON string is
two visible characters, and an HTML attribute value is plain text to them. Written
back as is, a replacement can break the file: `\\"` → `\\“` (an invalid escape), `“`
→ `"` inside `alt="…"` (ends the attribute early). `encode_fix` adapts each edit to
its place in the file: an edit of an escaped character replaces the whole escape
sequence, and the replacement is escaped for the string, text node or attribute it
goes into. An edit that cannot be written safely makes the fix None (skipped).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace

from transcheck.document import Document
from transcheck.findings import Edit, Finding, Fix, Span

# Formats whose visible text lies inside backslash-escaped string literals.
_LITERAL_FORMATS = frozenset({"po", "json"})
_ENCODED_FORMATS = _LITERAL_FORMATS | {"html", "xliff"}
_LITERAL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Characters that end or confuse an unquoted HTML attribute value.
_UNQUOTED_UNSAFE = re.compile(r"[\s\"'=<>`]")
# Escape sequences gettext's msgfmt accepts in a PO string.
_PO_ESCAPE = re.compile(r"\\(?:[ntbrfva\\\"]|[0-7]{1,3}|x[0-9a-fA-F]+)")


def encode_fix(fmt: str, document: Document, fix: Fix) -> Fix | None:
    """`fix` with every edit fit for a file of format `fmt`, or None if one cannot be."""
    edits = []
    for edit in fix.edits:
        encoded = encode_edit(fmt, document, edit)
        if encoded is None:
            return None
        edits.append(encoded)
    if all(a is b for a, b in zip(edits, fix.edits, strict=True)):
        return fix
    return Fix(title=fix.title, edits=tuple(edits), safe=fix.safe)


def encode_edit(fmt: str, document: Document, edit: Edit) -> Edit | None:
    if fmt in _LITERAL_FORMATS:
        return _literal_edit(fmt, document.text, edit)
    if fmt == "html":
        return _html_edit(document, edit)
    if fmt == "xliff":
        return _with(edit, edit.span, _xml_text(edit.replacement))
    return edit


def _with(edit: Edit, span: Span, replacement: str) -> Edit:
    if span == edit.span and replacement == edit.replacement:
        return edit
    return Edit(span=span, replacement=replacement)


def _backslashes_before(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] == "\\":
        i -= 1
    return pos - i


def _literal_edit(fmt: str, text: str, edit: Edit) -> Edit | None:
    start, end = edit.span.start, edit.span.end
    # An edit ending between a backslash and the character it escapes would split the
    # escape sequence; nothing sensible can be written.
    if end > start and _backslashes_before(text, end) % 2 == 1:
        return None
    # An edit starting at an escaped character (`"` of `\"`) replaces the whole sequence.
    if _backslashes_before(text, start) % 2 == 1:
        if end == start:  # an insertion right after the backslash: cannot be written
            return None
        start -= 1
    replacement = edit.replacement
    if any(c in replacement for c in _LITERAL_ESCAPES) or _CONTROL.search(replacement):
        replacement = "".join(_LITERAL_ESCAPES.get(c, c) for c in replacement)
        if _CONTROL.search(replacement):
            if fmt != "json":
                return None
            replacement = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", replacement)
    return _with(edit, Span(start, end), replacement)


def _xml_text(replacement: str) -> str:
    if "&" in replacement or "<" in replacement:
        replacement = replacement.replace("&", "&amp;").replace("<", "&lt;")
    return replacement


def _html_edit(document: Document, edit: Edit) -> Edit | None:
    replacement = _xml_text(edit.replacement)
    quote = _attribute_quote(document, edit.span)
    if quote == "":  # an unquoted attribute value
        if _UNQUOTED_UNSAFE.search(replacement):
            return None
    elif quote == '"':
        replacement = replacement.replace('"', "&quot;")
    elif quote == "'":
        replacement = replacement.replace("'", "&#39;")
    return _with(edit, edit.span, replacement)


def _attribute_quote(document: Document, span: Span) -> str | None:
    """The quote around the HTML attribute value holding `span` ("" unquoted), or None
    when the span is in a text node. The HTML reader makes each translatable attribute
    value a block of its own; a text node's block never follows `=` or `="`."""
    blocks = document.blocks or ()
    i = bisect_right(blocks, Span(span.start, len(document.text))) - 1
    if i < 0 or not (blocks[i].start <= span.start <= blocks[i].end):
        return None
    text, start = document.text, blocks[i].start
    before = text[:start].rstrip(" \t\r\n")
    if before.endswith("="):
        return ""
    if before[-1:] in "\"'" and before[:-1].rstrip(" \t\r\n").endswith("="):
        return before[-1]
    return None


def invalid_po_escapes(text: str, spans: Iterable[Span]) -> list[str]:
    """The escape sequences msgfmt rejects inside the given PO string spans, as `\\X`.
    (The reader itself reads any `\\X`.)"""
    found = []
    for span in spans:
        i = text.find("\\", span.start, span.end)
        while i != -1:
            m = _PO_ESCAPE.match(text, i, span.end)
            if m is None:
                found.append(text[i : i + 2])
                i += 2
            else:
                i = m.end()
            i = text.find("\\", i, span.end)
    return found


def encode_fixes(fmt: str, document: Document, findings: list[Finding]) -> list[Finding]:
    """`findings` with their fixes encoded for the file (`encode_fix`); a fix that cannot
    be written is removed, the finding kept."""
    if fmt not in _ENCODED_FORMATS:
        return findings
    result = []
    for finding in findings:
        if finding.fix is not None:
            fix = encode_fix(fmt, document, finding.fix)
            if fix is not finding.fix:
                finding = replace(finding, fix=fix)
        result.append(finding)
    return result
