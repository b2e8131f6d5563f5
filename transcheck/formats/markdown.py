"""Markdown (CommonMark + tables + strikethrough) with markdown-it-py.

Visible: the text of paragraphs, headings, list items, block quotes and table
cells, link text and image alt text. Masked: front matter (`---`/`+++` at the
top), fenced and indented code blocks, inline code, HTML blocks and inline HTML
(comments included), link and image destinations and titles, bare URLs, heading
`#` and setext underlines, list bullets, `>` markers, emphasis and strikethrough
markers that markdown-it parsed as such, table pipes and delimiter rows, link
reference definitions, backslashes of escapes and character references
(`&amp;`, `&nbsp;`, `&#8220;` are masked whole, so quotes written as entities
are not seen by the quote rules).

Each inline token (a paragraph, a heading, a table cell; a list item's
paragraph) is one block. markdown-it gives line ranges but no columns; each line
of a block's content is located in its source line (as a suffix, else by
search, else by aligning characters) so every visible character keeps its
original offset.
"""

from __future__ import annotations

import html
import re
from typing import Any

from transcheck.formats import Layout, ReadResult

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FRONT_OPEN = {"---": ("---", "..."), "+++": ("+++",)}
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]]+|\bmailto:[^\s<>()\[\]]+")
_URL_TRAIL = ".,;:!?'\"”’)»"
_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


def read(path: str, text: str) -> ReadResult:
    from markdown_it import MarkdownIt

    lines = _lines(text)  # (start, end-without-break) of each line
    plain = [text[a:b] for a, b in lines]
    layout = Layout(len(text))
    first = _front_matter_end(plain)
    for i in range(first):
        plain[i] = ""  # front matter is never parsed nor shown
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    cursors: dict[int, int] = {}  # per line: column after the last located content
    for token in parser.parse("\n".join(plain)):
        if token.type == "inline" and token.map:
            _inline(text, lines, token, layout, cursors)
    return ReadResult(layout.document(path, text))


def _lines(text: str) -> list[tuple[int, int]]:
    result = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and result:
            break
        body = m.group().rstrip("\r\n")
        result.append((m.start(), m.start() + len(body)))
    return result


def _front_matter_end(plain: list[str]) -> int:
    """Number of lines of YAML (`---`) or TOML (`+++`) front matter at the top, or 0."""
    if not plain or plain[0].strip() not in _FRONT_OPEN:
        return 0
    closers = _FRONT_OPEN[plain[0].strip()]
    for i in range(1, len(plain)):
        if plain[i].rstrip() in closers:
            return i + 1
    return 0


def _inline(
    text: str, lines: list[tuple[int, int]], token: Any, layout: Layout, cursors: dict[int, int]
) -> None:
    content: str = token.content
    if not content.strip():
        return
    mapping = _map_content(text, lines, token.map[0], content, cursors)
    if mapping is None:
        return
    # Every located content character is visible; markup inside it is hidden below.
    for a, b in _runs(mapping, 0, len(mapping)):
        layout.show(a, b)
    layout.block(mapping[0], mapping[-1] + 1)

    hidden: list[tuple[int, int]] = []  # content index ranges
    _walk(content, 0, token.children or [], hidden)
    for m in _URL.finditer(content):
        end = m.end()
        while end > m.start() and content[end - 1] in _URL_TRAIL:
            end -= 1
        hidden.append((m.start(), end))
    for a, b in hidden:
        for start, end in _runs(mapping, max(a, 0), min(b, len(content))):
            layout.hide(start, end)


def _runs(mapping: list[int], a: int, b: int) -> list[tuple[int, int]]:
    """Original-text ranges covered by content indexes a..b (consecutive offsets merged)."""
    runs: list[tuple[int, int]] = []
    for i in range(a, b):
        pos = mapping[i]
        if runs and runs[-1][1] == pos:
            runs[-1] = (runs[-1][0], pos + 1)
        else:
            runs.append((pos, pos + 1))
    return runs


def _map_content(
    text: str, lines: list[tuple[int, int]], first_line: int, content: str, cursors: dict[int, int]
) -> list[int] | None:
    """The original offset of each character of an inline token's content."""
    mapping: list[int] = []
    for k, part in enumerate(content.split("\n")):
        index = first_line + k
        if index >= len(lines):
            return None
        start, end = lines[index]
        source = text[start:end]
        cursor = cursors.get(index, 0)
        col = _locate(source, part, cursor)
        if col is not None:
            offsets = [start + col + j for j in range(len(part))]
            cursors[index] = col + len(part)
        else:
            offsets = _align(source, part, cursor, start)
            if offsets is None:
                return None
            cursors[index] = offsets[-1] - start + 1 if offsets else cursor
        mapping.extend(offsets)
        if k < content.count("\n"):
            mapping.append(end)  # the "\n" of the content stands for the line break
    return mapping


def _locate(source: str, part: str, cursor: int) -> int | None:
    stripped = source.rstrip()
    if cursor == 0 and stripped.endswith(part) and len(stripped) >= len(part):
        return len(stripped) - len(part)
    if source.endswith(part) and cursor == 0:
        return len(source) - len(part)
    col = source.find(part, cursor)
    return col if col >= 0 else None


def _align(source: str, part: str, cursor: int, start: int) -> list[int] | None:
    """Greedy character alignment (content with escapes removed, tabs expanded…)."""
    offsets: list[int] = []
    j = cursor
    for ch in part:
        while j < len(source) and source[j] != ch and not (ch == " " and source[j] == "\t"):
            j += 1
        if j >= len(source):
            return None
        offsets.append(start + j)
        j += 1
    return offsets


def _walk(content: str, c: int, children: list[Any], hidden: list[tuple[int, int]]) -> int:
    """Follow the inline tokens through `content` from index `c`, collecting markup ranges."""
    in_autolink = False
    for tok in children:
        kind = tok.type
        if in_autolink:
            if kind == "link_close":
                in_autolink = False
            continue
        if kind == "text":
            c = _align_text(content, c, tok.content, hidden)
        elif kind == "code_inline":
            c = _code_span(content, c, tok.markup, hidden)
        elif kind in _EMPHASIS:
            c = _hide_literal(content, c, tok.markup, hidden)
        elif kind == "link_open":
            if tok.markup == "autolink":
                pos = content.find("<", c)
                end = content.find(">", pos) + 1 if pos >= 0 else 0
                if pos >= 0 and end > 0:
                    hidden.append((pos, end))
                    c = end
                in_autolink = True
            else:
                c = _hide_literal(content, c, "[", hidden)
        elif kind == "link_close":
            c = _link_tail(content, c, hidden)
        elif kind == "image":
            c = _hide_literal(content, c, "![", hidden)
            c = _walk(content, c, tok.children or [], hidden)
            c = _link_tail(content, c, hidden)
        elif kind == "html_inline":
            c = _hide_literal(content, c, tok.content, hidden)
        elif kind in ("softbreak", "hardbreak"):
            while c < len(content) and content[c] in " \t\\\n":
                if content[c] == "\\":
                    hidden.append((c, c + 1))
                c += 1
    return c


def _align_text(content: str, c: int, value: str, hidden: list[tuple[int, int]]) -> int:
    """Advance over a text token; hide escape backslashes and character references."""
    i = 0
    n = len(content)
    while i < len(value) and c < n:
        ch = value[i]
        m = _ENTITY.match(content, c) if content[c] == "&" else None
        if m and value.startswith(html.unescape(m.group()), i):
            hidden.append((c, m.end()))
            i += len(html.unescape(m.group()))
            c = m.end()
        elif content[c] == "\\" and c + 1 < n and content[c + 1] == ch:
            hidden.append((c, c + 1))
            c += 2
            i += 1
        elif content[c] == ch:
            c += 1
            i += 1
        elif content[c].isspace():
            c += 1
        elif ch.isspace():
            i += 1
        else:
            return c  # lost track: later markup is found by searching forward
    return c


def _seek(content: str, c: int, literal: str) -> int | None:
    j = c
    while j < len(content) and content[j] in " \t\n":
        j += 1
    if content.startswith(literal, j):
        return j
    found = content.find(literal, c)
    return found if found >= 0 else None


def _hide_literal(content: str, c: int, literal: str, hidden: list[tuple[int, int]]) -> int:
    if not literal:
        return c
    pos = _seek(content, c, literal)
    if pos is None:
        return c
    hidden.append((pos, pos + len(literal)))
    return pos + len(literal)


def _code_span(content: str, c: int, ticks: str, hidden: list[tuple[int, int]]) -> int:
    fence = re.compile(rf"(?<!`){re.escape(ticks)}(?!`)")
    opening = fence.search(content, c)
    if opening is None:
        return c
    closing = fence.search(content, opening.end())
    end = closing.end() if closing else len(content)
    hidden.append((opening.start(), end))
    return end


def _link_tail(content: str, c: int, hidden: list[tuple[int, int]]) -> int:
    """Hide `]` and what follows it: `(url "title")`, `[ref]` or nothing."""
    pos = _seek(content, c, "]")
    if pos is None:
        return c
    j = pos + 1
    if content.startswith("(", j):
        depth = 0
        quote = ""
        while j < len(content):
            ch = content[j]
            if ch == "\\":
                j += 2
                continue
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'" and content[j - 1] in " \t\n":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    j += 1
                    break
            j += 1
    elif content.startswith("[", j):
        close = content.find("]", j)
        j = close + 1 if close >= 0 else j
    hidden.append((pos, j))
    return j
