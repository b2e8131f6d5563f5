"""HTML with the standard library's tolerant `html.parser`.

Visible: text nodes, and the values of translatable attributes (`alt`, `title`,
`placeholder`, `aria-label`, `aria-description`, `label`, and `content` of
`<meta name="description">` / `og:`/`twitter:` title and description), each
attribute value a block of its own.

Masked: tags and attribute names, comments, doctype, processing instructions,
the content of `<script>`, `<style>`, `<code>`, `<pre>`, `<kbd>`, `<samp>`,
`<var>`, `<template>`, `<svg>`, `<math>`, `<textarea>` and of any element with
`translate="no"`. Character references (`&amp;`, `&nbsp;`, `&quot;`, `&#8220;`)
are masked whole: the analysis text must equal the file outside masked regions,
and an entity is markup. Limitation: quotes written as `&quot;`/`&ldquo;`/
`&#8220;` are invisible to the quote rules; `a&nbsp;b` reads as `a      b`.

Blocks: the text between two block-level tags (anything not in `_INLINE`, and
`<br>`) is one block, so a heading and the paragraph on the same line are not
merged. The parser never fails on malformed HTML; it reads what it can.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from transcheck.formats import Layout, ReadResult
from transcheck.inputs import InputError

_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "mark",
        "nobr",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "wbr",
    ]
)
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_SKIP = frozenset(
    [
        "script",
        "style",
        "code",
        "pre",
        "kbd",
        "samp",
        "var",
        "template",
        "svg",
        "math",
        "textarea",
        "noframes",
    ]
)
_TRANSLATABLE_ATTRS = frozenset(
    {"alt", "title", "placeholder", "aria-label", "aria-description", "label"}
)
_META_NAMES = frozenset(
    {"description", "og:title", "og:description", "twitter:title", "twitter:description"}
)
_ATTR = re.compile(
    r"(?P<name>[^\s/>=\"'][^\s/>=]*)(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s>\"'=<`]+))?"
)
_TAG_NAME = re.compile(r"</?[^\s/>]+")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def read(path: str, text: str) -> ReadResult:
    reader = _Reader(text)
    try:
        reader.feed(text)
        reader.close()
    except (AssertionError, ValueError) as exc:  # html.parser's last-resort errors
        line, _ = reader.getpos()
        raise InputError(path, f"cannot parse HTML near line {line}: {exc}") from None
    reader.flush()
    return ReadResult(reader.layout.document(path, text))


class _Reader(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.layout = Layout(len(text))
        # html.parser counts lines by "\n" only; so do these offsets.
        self.newlines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.skip: list[str] = []  # open elements whose content is not translatable
        self.block_start: int | None = None
        self.block_end = 0

    def _here(self) -> int:
        line, col = self.getpos()
        return self.newlines[line - 1] + col

    def flush(self) -> None:
        if self.block_start is not None:
            self.layout.block(self.block_start, self.block_end)
        self.block_start = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=tag in _VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag not in _INLINE:
            self.flush()
        if self.skip:
            if not closed:
                self.skip.append(tag)
            return
        start = self._here()
        raw = self.get_starttag_text() or ""
        values = dict(attrs)
        self._attributes(tag, values, start, raw)
        if not closed and (tag in _SKIP or (values.get("translate") or "").lower() == "no"):
            self.skip.append(tag)

    def _attributes(self, tag: str, values: dict[str, str | None], start: int, raw: str) -> None:
        wanted = set(_TRANSLATABLE_ATTRS)
        meta_name = (values.get("name") or values.get("property") or "").lower()
        if tag == "meta" and meta_name in _META_NAMES:
            wanted.add("content")
        name_end = _TAG_NAME.match(raw)
        pos = name_end.end() if name_end else 0
        for m in _ATTR.finditer(raw, pos):
            value = m.group("value")
            if value is None or m.group("name").lower() not in wanted:
                continue
            vstart = start + m.start("value")
            vend = start + m.end("value")
            if value[:1] in "\"'":
                vstart, vend = vstart + 1, vend - 1
            if not self.text[vstart:vend].strip():
                continue
            self.flush()
            self._show(vstart, vend)
            self.layout.block(vstart, vend)

    def _show(self, start: int, end: int) -> None:
        self.layout.show(start, end)
        for m in _ENTITY.finditer(self.text, start, end):
            self.layout.hide(m.start(), m.end())

    def handle_endtag(self, tag: str) -> None:
        if tag not in _INLINE:
            self.flush()
        if self.skip and tag in self.skip:
            i = len(self.skip) - 1 - self.skip[::-1].index(tag)
            del self.skip[i:]

    def handle_data(self, data: str) -> None:
        if self.skip or not data:
            return
        start = self._here()
        end = start + len(data)
        self.layout.show(start, end)
        if data.strip():
            if self.block_start is None:
                self.block_start = start
            self.block_end = end

    def handle_entityref(self, name: str) -> None:
        # `AT&T` is text, not a reference: show what is not a known entity name.
        from html.entities import html5

        if self.skip or name in html5 or f"{name};" in html5:
            return
        start = self._here()
        self.handle_data(self.text[start : start + 1 + len(name)])
