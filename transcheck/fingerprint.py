"""Fingerprints of findings that survive edits elsewhere in a file.

Used by SARIF's `partialFingerprints` and by baselines: the hash covers the rule,
the flagged text and a little of its line on either side, with whitespace runs
collapsed, so adding or removing lines elsewhere (or CRLF/spacing changes) keeps it.
"""

from __future__ import annotations

import hashlib
import re

from transcheck.document import Document
from transcheck.findings import Finding

CONTEXT_CHARS = 20  # characters either side of a span that go into its fingerprint
_SPACES = re.compile(r"\s+")


def fingerprint_of(document: Document, finding: Finding) -> str:
    """Hash of the rule, the flagged text and up to CONTEXT_CHARS of its line(s) either
    side, whitespace runs collapsed: lines added or removed elsewhere keep the value."""
    text = document.text
    start, end = finding.span.start, finding.span.end
    # Raw windows wider than the context (cut after normalising, so collapsed spaces do
    # not shift it), stopped at the line breaks around the span.
    low, high = max(0, start - 4 * CONTEXT_CHARS), min(len(text), end + 4 * CONTEXT_CHARS)
    low = max(low, text.rfind("\n", low, start) + 1, text.rfind("\r", low, start) + 1)
    breaks = [i for i in (text.find("\n", end, high), text.find("\r", end, high)) if i >= 0]
    high = min(breaks, default=high)
    before = _normal(text[low:start])[-CONTEXT_CHARS:]
    flagged = _normal(text[start:end])
    after = _normal(text[end:high])[:CONTEXT_CHARS]
    key = "\x1f".join((finding.rule, before, flagged, after))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text)
