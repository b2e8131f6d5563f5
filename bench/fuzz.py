"""Fuzz campaign: the readers, the quote model and the rules on hostile input.

Not part of CI. Each target runs for a time budget and checks invariants that must hold
for ANY input:

* readers (po, xliff, json, markdown, html, srt, text): `read_path` returns a ReadResult
  or raises `InputError`; the document text is the input text; `analysis_text` has the
  same length and differs only inside masked spans; masked spans and blocks lie inside
  the text, sorted and disjoint; unit spans lie inside the text; paragraphs and
  sentences can be computed and lie inside the text; the default rules run on the
  result without raising and report spans inside the text.
* quotes: `pair_quotes` and the five quote rules on quote-heavy text in many languages.
* rules: every rule that needs no source, on arbitrary mixed-script text.
* source: the source-aware rules (no MT) on an arbitrary source/draft pair.

Engines: atheris (coverage-guided, if installed: `pip install atheris`; it is a bench
tool, not a project dependency) or `random` (a seeded mutation loop, no install).
Inputs are structure-aware: a seed file from tests/data/formats (or a generated text)
mutated by a sequence of operations that the fuzzer's bytes choose (insert a token of
the format's syntax, duplicate/delete/swap lines, truncate, change newlines, repeat a
slice into a very long line, flip bytes, …); some inputs are raw bytes.

A failure (exception other than InputError, broken invariant, or an input slower than
--slow seconds) is recorded once per signature in bench/out/fuzz/crashes/ with the
input and traceback; the run goes on. Each target runs in its own process, one at a
time. Prints a table: target, engine, inputs tried, seconds, distinct failures.

    .venv/bin/python bench/fuzz.py --seconds 120
    .venv/bin/python bench/fuzz.py --targets po,quotes --seconds 30 --engine random
    .venv/bin/python bench/fuzz.py --replay bench/out/fuzz/crashes/po-1a2b3c.bin --targets po
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from transcheck.quotes import QUOTE_CHARS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "formats"
OUT = ROOT / "bench" / "out" / "fuzz"

READER_TARGETS = {
    "po": ("po", ["sample.po", "sample.pot"], ".po"),
    "xliff": ("xliff", ["sample12.xlf", "sample20.xlf"], ".xlf"),
    "json": ("json", ["sample.es.json", "sample.en.json"], ".json"),
    "markdown": ("markdown", ["sample.md"], ".md"),
    "html": ("html", ["sample.html"], ".html"),
    "srt": ("srt", ["sample.srt"], ".srt"),
    "text": ("text", ["sample.txt"], ".txt"),
}
TARGETS = [*READER_TARGETS, "quotes", "rules", "source", "long"]
LONG_CHARS = 60_000

# --- tokens the mutators insert ----------------------------------------------------------

COMMON_TOKENS = [
    *QUOTE_CHARS,
    "« ",
    " »",
    "\u00a0»",
    "«\u00a0",
    "\u202f",
    "\u2009",
    "'s",
    "’90s",
    "6'2\"",
    "l’",
    "n’",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\r\n\r\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b",
    "\x0c",
    "\t",
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\x9f",
    "\ufeff",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u0301",
    "\u0308\u0301",
    "e\u0301",
    "\u05d0\u05d1\u05d2",
    "\u0645\u0631\u062d\u0628\u0627",
    "\u202e",
    "\u2066",
    "👍🏽",
    "👩\u200d👩\u200d👧",
    "🇪🇸",
    "😀",
    "𝕏",
    "\U0010ffff",
    "\ufffd",
    "日本語。",
    "Москва",
    "Ελλάδα",
    "Ⅻ",
    "１２３",
    "١٢٣",
    "½",
    "1,000.5",
    "1.000,5",
    "XV",
    "%d",
    "{0}",
    "{name}",
    "%(x)s",
    "<br>",
    "<b>",
    "</b>",
    "<!-- transcheck-disable -->",
    "<!-- transcheck-enable -->",
    "<!-- transcheck-disable-next-line quote-direction -->",
    "<!-- transcheck-disable-line ALL -->",
    "<!--",
    "-->",
    "```",
    "`",
    "  ",
    " .",
    ".",
    "!",
    "?",
    "¿",
    "¡",
    "…",
    "—",
    "–",
    "-",
    ":",
    ";",
    ",",
    "the the",
    "Mr. ",
    "e.g. ",
    "U.S. ",
    'http://x.example/a?b="c"',
    'a="b"',
    "Dr. Smith",
    "José",
    "Jose",
    "JOSÉ",
    "İ",
    "ß",
    "ﬁ",
]
FORMAT_TOKENS = {
    "po": [
        'msgid "',
        'msgstr "',
        'msgstr[0] "',
        'msgstr[1] "',
        'msgid_plural "',
        'msgctxt "',
        "#, fuzzy\n",
        "#, fuzzy, c-format\n",
        "#~ ",
        "#| msgid ",
        '"\n"',
        "\\",
        '\\"',
        "\\n",
        "\\t",
        "\\u00e9",
        "\\x4",
        "\\0",
        "\\777",
        '""',
        "#: a.c:1\n",
        "msgstr",
        '\nmsgid "x"\n',
        'msgstr[99] "',
        '"Plural-Forms: nplurals=2;\\n"',
    ],
    "xliff": [
        '<trans-unit id="1">',
        "</trans-unit>",
        "<source>",
        "</source>",
        "<target>",
        "</target>",
        '<unit id="u">',
        "</unit>",
        "<segment>",
        "</segment>",
        '<g id="1">',
        "</g>",
        '<x id="2"/>',
        '<ph id="3">{0}</ph>',
        '<mrk mtype="protected">',
        "</mrk>",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&lt;",
        "&quot;",
        "&#x41;",
        "&#0;",
        "&#xD800;",
        "&bogus;",
        "&",
        "<",
        ">",
        '<?xml version="1.0"?>',
        '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
        "&a;",
        'xmlns="urn:oasis:names:tc:xliff:document:2.0"',
        'state="translated"',
        'state="needs-translation"',
        "<note>",
        "</note>",
        "<file>",
        "</file>",
        'xml:space="preserve"',
    ],
    "json": [
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        '"',
        '\\"',
        "\\\\",
        "\\n",
        "\\u00e9",
        "\\ud83d\\ude00",
        "\\ud800",
        "\\u",
        "\\x",
        '"k": "v"',
        '"a": {"b": "c"}',
        "null",
        "true",
        "1e999",
        "-0",
        '"@@locale": "es"',
        '"@k": {"description": "d"}',
        '["a", "b"]',
        "NaN",
        "Infinity",
    ],
    "markdown": [
        "# ",
        "## ",
        "> ",
        "- ",
        "* ",
        "1. ",
        "```\n",
        "~~~\n",
        "    code\n",
        "`x`",
        "**",
        "__",
        "*",
        "_",
        "[link](http://x)",
        '![img](a.png "t")',
        "<div>",
        "</div>",
        "<span>",
        "| a | b |\n|---|---|\n| c | d |\n",
        "---\n",
        "---\ntitle: x\n---\n",
        "[^1]",
        "[^1]: note",
        "<http://x>",
        "\\*",
        "&amp;",
        "&nbsp;",
        "$$x$$",
        "{#id}",
        "<!-- c -->",
        "    ",
        "\t",
    ],
    "html": [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<br/>",
        "<img alt=\"x\" title='y'>",
        '<a href="x" title="t">',
        "</a>",
        "<!DOCTYPE html>",
        "<![CDATA[x]]>",
        "&amp;",
        "&nbsp;",
        "&#x201C;",
        "&#8220;",
        "&#0;",
        "&#x110000;",
        "&bogus",
        "&",
        "<",
        ">",
        "</",
        '<p lang="es">',
        '<html lang="fr">',
        "<template>",
        "<textarea>",
        "<?php x ?>",
        "<svg><title>t</title></svg>",
        '<input value="v" placeholder="p">',
        '<p translate="no">',
    ],
    "srt": [
        "00:00:01,000 --> 00:00:02,000\n",
        "00:00:01.000 --> 00:00:02.000",
        "-->",
        "1\n",
        "\n\n",
        "99999999999999999999\n",
        "00:00:00,000 --> 99:99:99,999 X1:0 Y1:0\n",
        "<i>",
        "</i>",
        '<font color="red">',
        "</font>",
        "{\\an8}",
        "- ",
        "♪",
        "\ufeff1\n",
    ],
    "text": [],
}

# Words in several scripts for generated text.
WORDS = [
    "the",
    "house",
    "is",
    "big",
    "said",
    "New",
    "York",
    "Maria",
    "María",
    "Gonzalez",
    "González",
    "Müller",
    "Mueller",
    "über",
    "straße",
    "café",
    "naïve",
    "señor",
    "año",
    "Ελλάδα",
    "είναι",
    "καλή",
    "Москва",
    "это",
    "город",
    "Мария",
    "Київ",
    "שלום",
    "עולם",
    "مرحبا",
    "بالعالم",
    "日本語",
    "東京",
    "中文",
    "한국어",
    "ไทย",
    "हिन्दी",
    "Ⅻ",
    "1990",
    "42",
    "3.14",
    "1,000",
    "XV",
    "siglo",
    "los",
    "90",
    "de",
    "la",
    "el",
    "le",
    "les",
    "die",
    "der",
    "und",
    "y",
    "et",
    "e",
    "i",
    "o",
    "Dr.",
    "Mr.",
    "etc.",
    "e.g.",
    "U.S.A.",
    "a.m.",
]
LANGS = [
    "en",
    "es",
    "fr",
    "de",
    "it",
    "pt",
    "ca",
    "sv",
    "fi",
    "da",
    "nb",
    "nl",
    "pl",
    "cs",
    "ru",
    "uk",
    "el",
    "he",
    "ar",
    "ja",
    "zh",
    "ko",
    "hu",
    "ro",
    "tr",
    "xx",
    "und",
]


# --- a source of choices: atheris' FuzzedDataProvider or a seeded Random -----------------


class Choices:
    """What the mutators ask of the fuzzer; backed by atheris bytes or a Random."""

    def __init__(self, fdp=None, rng: random.Random | None = None) -> None:
        self.fdp, self.rng = fdp, rng

    def int(self, lo: int, hi: int) -> int:
        if self.fdp is not None:
            return self.fdp.ConsumeIntInRange(lo, hi)
        assert self.rng is not None
        return self.rng.randint(lo, hi)

    def pick(self, seq):
        return seq[self.int(0, len(seq) - 1)]

    def bytes(self, n: int) -> bytes:
        if self.fdp is not None:
            return self.fdp.ConsumeBytes(n)
        assert self.rng is not None
        return self.rng.randbytes(n)

    def unicode(self, n: int) -> str:
        if self.fdp is not None:
            return self.fdp.ConsumeUnicodeNoSurrogates(n)
        assert self.rng is not None
        kind = self.rng.randint(0, 3)
        top = (0x7F, 0xFFFF, 0x10FFFF, 0x2FF)[kind]
        out = []
        for _ in range(n):
            c = self.rng.randint(0, top)
            out.append(chr(c) if not 0xD800 <= c <= 0xDFFF else "\ufffd")
        return "".join(out)

    def remaining(self) -> int:
        if self.fdp is not None:
            return self.fdp.remaining_bytes()
        return 64


def generated_text(c: Choices) -> str:
    """Mixed-script text: words, punctuation, quotes, marks, controls, newlines."""
    parts = []
    for _ in range(c.int(0, 60)):
        k = c.int(0, 9)
        if k <= 4:
            parts.append(c.pick(WORDS))
        elif k <= 7:
            parts.append(c.pick(COMMON_TOKENS))
        elif k == 8:
            parts.append(c.unicode(c.int(0, 6)))
        else:
            parts.append(c.pick([" ", " ", "\n", "\n\n", "\r\n", ". ", ", "]))
        parts.append(c.pick([" ", " ", " ", "", "\n", "\u00a0"]))
    return "".join(parts)


def mutate(text: str, c: Choices, tokens: list[str]) -> str | bytes:
    """Apply 1–8 structure-aware mutations; sometimes return mangled bytes."""
    pool = tokens + COMMON_TOKENS if tokens else COMMON_TOKENS
    for _ in range(c.int(1, 8)):
        n = len(text)
        op = c.int(0, 13)
        at = c.int(0, n) if n else 0
        if op <= 3:  # insert a syntax/Unicode token
            text = text[:at] + c.pick(pool) + text[at:]
        elif op == 4:  # insert random Unicode
            text = text[:at] + c.unicode(c.int(1, 8)) + text[at:]
        elif op == 5:  # delete a range
            text = text[:at] + text[at + c.int(1, 40) :]
        elif op == 6:  # truncate
            text = text[:at]
        elif op in (7, 8, 9):  # line operations
            lines = text.splitlines(keepends=True) or [""]
            i, j = c.int(0, len(lines) - 1), c.int(0, len(lines) - 1)
            if op == 7:
                lines.insert(j, lines[i])
            elif op == 8:
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
        elif op == 10:  # newline style
            text = text.replace("\n", c.pick(["\r\n", "\r", "\u2028", "\n\n", "\r\r\n"]))
        elif op == 11:  # a very long line or paragraph
            piece = text[at : at + c.int(1, 30)] or "x"
            text = text[:at] + piece * c.int(50, 800) + text[at:]
        elif op == 12:  # replace one character
            if n:
                text = text[:at] + c.unicode(1) + text[at + 1 :]
        else:  # swap two slices
            k = c.int(0, n) if n else 0
            a, b = sorted((at, k))
            text = text[b:] + text[a:b] + text[:a]
    if c.int(0, 9) == 0:  # byte-level damage: invalid UTF-8, BOMs, NUL
        data = bytearray(text.encode("utf-8"))
        for _ in range(c.int(1, 4)):
            if not data:
                break
            i = c.int(0, len(data) - 1)
            data[i] = c.int(0, 255)
        prefix = c.pick([b"", b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xef\xbb"])
        return prefix + bytes(data)
    return text[:200_000]


_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_XML_TEXT = re.compile(r">([^<]*)<")


def gentle(text: str, c: Choices, fmt: str) -> str:
    """Insertions that keep a strict format well-formed, to get past the parser: escaped
    text inside PO/JSON strings, XML-escaped text and inline tags inside XML text nodes,
    text into SRT cue lines. Reaches the reader's deeper code more often than `mutate`."""
    for _ in range(c.int(1, 6)):
        short = c.int(0, 2) == 0
        payload = c.unicode(c.int(1, 12)) if short else c.pick(COMMON_TOKENS + WORDS)
        if fmt in ("po", "json"):
            slots = [m.end() - 1 for m in _STRING.finditer(text)]
            esc = json.dumps(payload, ensure_ascii=c.int(0, 1) == 0)[1:-1]
            if fmt == "po":
                esc = esc.replace("\\u", "\\x") if c.int(0, 3) == 0 else esc
        elif fmt in ("xliff", "html"):
            slots = [m.start(1) + c.int(0, len(m.group(1))) for m in _XML_TEXT.finditer(text)]
            esc = payload.replace("&", "&amp;").replace("<", "&lt;")
            if fmt == "xliff":
                esc = "".join(ch for ch in esc if ch in "\t\n\r" or ord(ch) >= 32)
            k = c.int(0, 5)
            if k == 0:
                esc = f'<g id="{c.int(0, 9)}">{esc}</g>'
            elif k == 1:
                esc = f'{esc}<x id="{c.int(0, 9)}"/>'
            elif k == 2:
                esc = f"<![CDATA[{payload.replace(']]>', '')}]]>"
        else:  # srt, markdown, text: any line that is not a number or a timing
            slots = [
                m.end()
                for m in re.finditer(r"[^\n]+", text)
                if not re.fullmatch(r"[\d\s:,.>-]+", m.group())
            ]
            esc = payload.replace("\n", " ").replace("\r", " ")
        if not slots:
            return text
        at = c.pick(slots)
        text = text[:at] + esc + text[at:]
    return text


# --- invariants --------------------------------------------------------------------------


class Broken(AssertionError):
    """An invariant does not hold."""


def need(cond: bool, what: str) -> None:
    if not cond:
        raise Broken(what)


def check_spans_sorted_disjoint(spans, n: int, what: str) -> None:
    prev = 0
    for s in spans:
        need(0 <= s.start < s.end <= n, f"{what} span {s} outside text of length {n} or empty")
        need(s.start >= prev, f"{what} spans overlap or unsorted at {s}")
        prev = s.end


def check_document(doc, text: str | None = None) -> None:
    n = len(doc.text)
    if text is not None:
        need(doc.text == text, "reader changed the text")
    at = doc.analysis_text
    need(len(at) == n, f"analysis_text length {len(at)} != text length {n}")
    check_spans_sorted_disjoint(doc.masked, n, "masked")
    inside = bytearray(n)
    for s in doc.masked:
        inside[s.start : s.end] = b"\x01" * (s.end - s.start)
    for i, (a, b) in enumerate(zip(doc.text, at, strict=True)):
        if a != b:
            need(inside[i] == 1, f"analysis_text differs from text outside a mask at {i}")
    if doc.blocks is not None:
        check_spans_sorted_disjoint(doc.blocks, n, "block")
    for what, spans in (("paragraph", doc.paragraphs), ("sentence", doc.sentences)):
        for s in spans:
            need(0 <= s.start <= s.end <= n, f"{what} span {s} outside text")


def check_findings(findings, doc) -> None:
    n = len(doc.text)
    for f in findings:
        spans = [("span", f.span)] + [("related", r) for r in f.related]
        if f.fix is not None:
            spans += [("edit", e.span) for e in f.fix.edits]
        for what, s in spans:
            need(0 <= s.start <= s.end <= n, f"{f.rule}: {what} {s} outside text of length {n}")
        need(bool(f.message), f"{f.rule}: empty message")
        doc.position(f.span.start)


# --- targets ------------------------------------------------------------------------------

_CACHE: dict[str, object] = {}
COUNTS = {"rejected": 0}  # inputs a reader refused with InputError (a correct answer)


def _detector():
    if "detector" not in _CACHE:
        from transcheck.language import get_detector

        _CACHE["detector"] = get_detector("py3langid")
    return _CACHE["detector"]


def _rules(source: bool = False):
    key = f"rules-{source}"
    if key not in _CACHE:
        from transcheck.rules import all_rules

        _CACHE[key] = [
            r()
            for r in all_rules()
            if (r.needs_source == source and not r.needs_mt)
            and (r.enabled_by_default or r.name == "quote-style-locale")
        ]
    return _CACHE[key]


def run_rules(doc, lang: str, rules=None, **extra) -> list:
    from transcheck.registry import RuleContext

    doc.lang = lang
    ctx = RuleContext(document=doc, lang=lang, detector=_detector(), **extra)
    findings = []
    for rule in rules if rules is not None else _rules():
        found = list(rule.check(ctx))
        check_findings(found, doc)
        findings.extend(found)
    from transcheck.formats import drop_markup_artifacts

    drop_markup_artifacts(doc, findings)
    return findings


def reader_target(name: str) -> Callable[[Choices], object]:
    fmt, seeds, suffix = READER_TARGETS[name]
    seed_texts = [(DATA / s).read_text(encoding="utf-8") for s in seeds]
    tokens = FORMAT_TOKENS[name]

    def one(c: Choices) -> object:
        from transcheck.formats import read_path
        from transcheck.inputs import InputError

        mode = c.int(0, 7)  # 0 when atheris' bytes run out: mutate a seed
        if mode == 7:
            data: str | bytes = c.bytes(c.remaining())
        elif mode == 6:
            data = mutate(generated_text(c), c, tokens)
        elif mode <= 2:
            data = gentle(c.pick(seed_texts), c, name)
            if c.int(0, 3) == 0:
                data = mutate(data, c, tokens)
        else:
            data = mutate(c.pick(seed_texts), c, tokens)
        try:
            result = read_path("fuzz" + suffix, data, fmt)
        except InputError as exc:
            need("\n" not in str(exc), "InputError message has several lines")
            COUNTS["rejected"] += 1
            return data
        text = result.document.text
        check_document(result.document, data if isinstance(data, str) else None)
        if result.source_document is not None:
            check_document(result.source_document, text)
        for u in result.units:
            for s in (u.target, u.source):
                if s is not None:
                    need(0 <= s.start <= s.end <= len(text), f"unit span {s} outside text")
        if len(text) < 20_000:
            run_rules(result.document, c.pick(LANGS[:6]))
        return data

    return one


def quotes_target(c: Choices) -> object:
    from transcheck.document import Document
    from transcheck.quotes import pair_quotes

    alphabet = [
        *QUOTE_CHARS,
        " ",
        " ",
        "\u00a0",
        "\u202f",
        "\n",
        "\n\n",
        "\r\n",
        "a",
        "word",
        "l",
        "s",
        "90",
        "6",
        ".",
        ",",
        "!",
        "?",
        "—",
        "(",
        ")",
        "`",
        "=",
        "http://x/",
        "É",
        "\u0301",
        "😀",
        "\u05d0",
        "\x00",
        "\u2028",
    ]
    text = "".join(c.pick(alphabet) for _ in range(c.int(0, 120)))
    if c.int(0, 3) == 0:
        text = mutate(text, c, []) if c.int(0, 1) else text
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
    lang = c.pick(LANGS)
    doc = Document(path="q.txt", text=text, lang=lang)
    analysis = pair_quotes(doc.analysis_text, doc.paragraphs, lang)
    n = len(text)
    for m in analysis.marks:
        need(0 <= m.offset < n and text[m.offset] == m.char, f"quote mark {m} not in text")
    for p in analysis.problems:
        for s in (p.span, *p.related, *(e.span for e in p.edits)):
            need(0 <= s.start <= s.end <= n, f"quote problem {p.kind} outside text")
    from transcheck.rules import quotes as qrules

    run_rules(doc, lang, [r() for r in qrules.RULES])
    return text


def rules_target(c: Choices) -> object:
    from transcheck.document import Document

    text = generated_text(c)
    if c.int(0, 2) == 0:
        text = mutate(text, c, [])
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
    doc = Document(path="r.txt", text=text)
    check_document(doc)
    run_rules(doc, c.pick(LANGS))
    return text


def source_target(c: Choices) -> object:
    from transcheck.compare import build_comparison
    from transcheck.document import Document

    source = Document(path="s.txt", text=generated_text(c), lang=c.pick(LANGS[:8]))
    draft = Document(path="d.txt", text=generated_text(c), lang=c.pick(LANGS[:8]))
    comparison = build_comparison(source, draft, source.lang, draft.lang, [])
    run_rules(
        draft,
        draft.lang,
        _rules(source=True),
        source=source,
        source_lang=source.lang,
        comparison=comparison,
    )
    return source.text + "\n=====\n" + draft.text


def long_target(c: Choices) -> object:
    """A short piece repeated to ~60,000 characters, alone or inside a format's sample:
    catches patterns and loops that are quadratic in a line or a paragraph (the run is
    linear if it stays under --slow seconds)."""
    from transcheck.document import Document
    from transcheck.formats import read_path
    from transcheck.inputs import InputError

    piece = generated_text(c)[: c.int(1, 40)] or " "
    blob = piece * (LONG_CHARS // len(piece))
    names = list(READER_TARGETS)
    k = c.int(0, len(names))
    if k == len(names):
        doc = Document(path="long.txt", text=blob)
        check_document(doc)
        run_rules(doc, c.pick(LANGS[:6]))
        return blob
    fmt, seeds, suffix = READER_TARGETS[names[k]]
    seed = (DATA / seeds[0]).read_text(encoding="utf-8")
    at = c.int(0, len(seed))
    text = seed[:at] + blob + seed[at:]
    try:
        result = read_path("long" + suffix, text, fmt)
    except InputError:
        COUNTS["rejected"] += 1
        return text
    check_document(result.document, text)
    run_rules(result.document, c.pick(LANGS[:6]))
    return text


def target_fn(name: str) -> Callable[[Choices], object]:
    if name in READER_TARGETS:
        return reader_target(name)
    return {
        "quotes": quotes_target,
        "rules": rules_target,
        "source": source_target,
        "long": long_target,
    }[name]


# --- the worker: run one target, record failures ----------------------------------------


class Recorder:
    def __init__(self, target: str, slow: float) -> None:
        self.target, self.slow = target, slow
        self.tried = 0
        self.started = time.perf_counter()
        self.engine = ""
        self.failures: dict[str, dict] = {}
        self.dir = OUT / "crashes"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.current = OUT / f"{target}.current.bin"  # the input being run (for hangs)

    def run(self, fn: Callable[[Choices], object], c: Choices) -> None:
        self.tried += 1
        # A hang never returns to be recorded: keep the input at hand, and dump the stack
        # to the log if it runs far past the slow threshold.
        self.current.write_bytes(getattr(c, "raw", b""))
        faulthandler.dump_traceback_later(self.slow * 6)
        start = time.perf_counter()
        holder: dict[str, object] = {}
        try:
            holder["input"] = fn(c)
        except Exception as exc:
            self.record(exc, traceback.format_exc(), c)
            return
        finally:
            faulthandler.cancel_dump_traceback_later()
        elapsed = time.perf_counter() - start
        if elapsed > self.slow:
            self.record(None, f"slow input: {elapsed:.1f} s", c, holder.get("input"), elapsed)

    def record(self, exc, tb: str, c: Choices, data=None, elapsed: float = 0.0) -> None:
        if exc is None:
            sig = "slow"
        else:
            frames = traceback.extract_tb(exc.__traceback__)
            ours = [f for f in frames if "transcheck" in f.filename] or frames
            last = ours[-1]
            where = f"{Path(last.filename).name}:{last.lineno}"
            sig = f"{type(exc).__name__} at {where}"
            if isinstance(exc, Broken):
                sig = f"Broken: {str(exc).split(' at ')[0][:60]}"
        entry = self.failures.setdefault(sig, {"count": 0, "first": None})
        entry["count"] += 1
        if entry["first"] is None:
            raw = getattr(c, "raw", b"")
            digest = hashlib.sha1(raw or tb.encode()).hexdigest()[:10]
            base = self.dir / f"{self.target}-{digest}"
            base.with_suffix(".bin").write_bytes(raw)
            base.with_suffix(".txt").write_text(f"{sig}\n\n{tb}\n", encoding="utf-8")
            entry["first"] = str(base.with_suffix(".bin").relative_to(ROOT))
            if elapsed:
                entry["seconds"] = round(elapsed, 1)
            print(f"[{self.target}] NEW {sig} -> {entry['first']}", file=sys.stderr, flush=True)
        self.save(time.perf_counter() - self.started, self.engine)

    def save(self, seconds: float, engine: str) -> None:
        stats = {
            "target": self.target,
            "engine": engine,
            "tried": self.tried,
            "rejected": COUNTS["rejected"],
            "seconds": round(seconds, 1),
            "failures": self.failures,
        }
        (OUT / f"{self.target}.json").write_text(json.dumps(stats, indent=1), encoding="utf-8")


def worker(target: str, seconds: float, engine: str, seed: int, slow: float) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{target}.json").unlink(missing_ok=True)
    rec = Recorder(target, slow)
    rec.engine = engine
    start = rec.started
    if engine == "atheris":
        import atheris

        with atheris.instrument_imports(include=["transcheck"]):
            fn = target_fn(target)
            target_fn_warm(fn)

        def test_one(data: bytes) -> None:
            c = Choices(fdp=atheris.FuzzedDataProvider(data))
            c.raw = data  # type: ignore[attr-defined]
            rec.run(fn, c)
            if rec.tried % 100 == 0:
                rec.save(time.perf_counter() - start, engine)

        import atexit

        atexit.register(lambda: rec.save(time.perf_counter() - start, engine))
        corpus = OUT / "corpus" / target
        corpus.mkdir(parents=True, exist_ok=True)
        args = [
            sys.argv[0],
            f"-max_total_time={int(seconds)}",
            "-max_len=4096",
            "-timeout=120",
            "-rss_limit_mb=6000",
            "-print_final_stats=1",
            str(corpus),
        ]
        atheris.Setup(args, test_one)
        atheris.Fuzz()
    else:
        fn = target_fn(target)
        target_fn_warm(fn)
        rng = random.Random(seed)
        while time.perf_counter() - start < seconds:
            case_seed = rng.getrandbits(64)
            c = Choices(rng=random.Random(case_seed))
            c.raw = case_seed.to_bytes(8, "big")  # type: ignore[attr-defined]
            rec.run(fn, c)
        rec.save(time.perf_counter() - start, engine)


def target_fn_warm(fn: Callable[[Choices], object]) -> None:
    """Load lazy data (rule tables, detector) before timing inputs."""
    with contextlib.suppress(Exception):
        fn(Choices(rng=random.Random(0)))


def replay(target: str, path: Path, engine: str) -> None:
    """Run one recorded input and show the traceback."""
    fn = target_fn(target)
    raw = path.read_bytes()
    if engine == "atheris":
        import atheris

        c = Choices(fdp=atheris.FuzzedDataProvider(raw))
    else:
        c = Choices(rng=random.Random(int.from_bytes(raw, "big")))
    data = fn(c)
    print("passed; input was:", repr(data)[:2000])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="budget per target")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--engine", choices=["auto", "atheris", "random"], default="auto")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", type=float, default=5.0, help="record inputs slower than this")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--replay", type=Path, help="run one recorded input (with --targets X)")
    args = parser.parse_args()
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "random"
    sys.path.insert(0, str(ROOT))
    if args.replay:
        replay(args.targets, args.replay, engine)
        return
    if args.worker:
        worker(args.worker, args.seconds, engine, args.seed, args.slow)
        return
    rows = []
    for target in args.targets.split(","):
        if target not in TARGETS:
            parser.error(f"unknown target {target!r} (valid: {', '.join(TARGETS)})")
        cmd = [
            sys.executable,
            __file__,
            "--worker",
            target,
            "--seconds",
            str(args.seconds),
            "--engine",
            engine,
            "--seed",
            str(args.seed),
            "--slow",
            str(args.slow),
        ]
        started = time.perf_counter()
        proc = subprocess.run(
            cmd,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
        )
        log = OUT / f"{target}.log"
        log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
        stats_path = OUT / f"{target}.json"
        stats = json.loads(stats_path.read_text()) if stats_path.exists() else {}
        for line in (proc.stdout + proc.stderr).splitlines():  # libFuzzer's exact count
            if line.startswith("stat::number_of_executed_units:"):
                stats["tried"] = int(line.split(":")[-1])
        stats_path.write_text(json.dumps(stats, indent=1), encoding="utf-8")
        rows.append(
            (
                target,
                engine,
                stats.get("tried", 0),
                stats.get("rejected", 0),
                round(time.perf_counter() - started, 1),
                stats.get("failures", {}),
                proc.returncode,
            )
        )
    print(
        f"{'target':10} {'engine':8} {'inputs':>9} {'refused':>8} {'seconds':>8} "
        f"{'failures':>8}  rc"
    )
    for target, eng, tried, refused, secs, failures, rc in rows:
        print(f"{target:10} {eng:8} {tried:>9} {refused:>8} {secs:>8} {len(failures):>8}  {rc}")
        for sig, entry in failures.items():
            print(f"    {entry['count']:>6} x {sig}  ({entry['first']})")


if __name__ == "__main__":
    main()
