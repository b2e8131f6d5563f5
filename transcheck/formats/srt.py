"""SubRip subtitles (.srt): numbered cues with a timing line and text lines.

    1
    00:00:01,000 --> 00:00:03,500
    First line of the cue
    second line

Visible: the text lines of each cue. Masked: cue numbers, timing lines
(including position hints after the end time), HTML-like tags (`<i>`, `</i>`,
`<font color="…">`) and ASS override tags (`{\\an8}`). Each cue is a block.
A cue whose timing line is not `HH:MM:SS,mmm --> HH:MM:SS,mmm` (a dot is
accepted for the comma) is an error naming the line.
"""

from __future__ import annotations

import re

from transcheck.formats import Layout, ReadResult
from transcheck.inputs import InputError

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_TIME = r"(\d{1,2}):([0-5]\d):([0-5]\d)[,.](\d{3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s+.*)?$")
_INDEX = re.compile(r"^\s*\d+\s*$")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|\{\\[^{}]*\}")


def read(path: str, text: str) -> ReadResult:
    layout = Layout(len(text))
    lines = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and lines:
            break
        lines.append((m.start(), m.group().rstrip("\r\n")))
    i = 0
    while i < len(lines):
        start, line = lines[i]
        if not line.strip():
            i += 1
            continue
        number = i + 1
        if _INDEX.match(line):
            i += 1
            if i >= len(lines) or not lines[i][1].strip():
                raise InputError(path, f"line {number}: cue {line.strip()} has no timing line")
            start, line = lines[i]
        if not _TIMING.match(line):
            shown = line.strip() if len(line.strip()) <= 40 else line.strip()[:40] + "…"
            raise InputError(
                path,
                f"line {i + 1}: bad timing line {shown!r} (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)",
            )
        i += 1
        first = last = None
        while i < len(lines) and lines[i][1].strip():
            start, line = lines[i]
            layout.show(start, start + len(line))
            for tag in _TAG.finditer(line):
                layout.hide(start + tag.start(), start + tag.end())
            first = start if first is None else first
            last = start + len(line)
            i += 1
        if first is not None and last is not None:
            layout.block(first, last)
    return ReadResult(layout.document(path, text))
