"""Rules: structure (duplicated paragraphs, web boilerplate left in the text).

Both rules compare normalised copies of paragraphs and lines; offsets always
point into the text as read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any, ClassVar

from transcheck.data import locale_data
from transcheck.findings import Edit, Finding, Fix, Severity, Span
from transcheck.registry import BaseRule, Option, RuleContext

_WORD_RUN = re.compile(r"[^\W_]+")  # word characters but the underscore
_LINE = re.compile(r"[^\r\n]+")
# What separates a short boilerplate phrase from what follows it on the same line.
# Where the first delimiter starts: `\s*(?:[:|»›→>]|\s[-–—]\s|[-–—]\s|\(\d)` without
# the leading whitespace, written to start with one character class (so `re` skips
# ahead to candidates in C).
_DELIMITER_CORE = re.compile(
    r"[:|»›→>\s\-–—(](?:(?<=[:|»›→>])|(?<=\s)[-–—]\s|(?<=[-–—])\s|(?<=\()\d)"
)


_MAX_LINE_CHARS = 200


def normalise(text: str) -> str:
    """Lowercase words joined by single spaces: quotes, punctuation and spacing ignored."""
    return " ".join(_WORD_RUN.findall(text.lower()))


def _base_lang(lang: str | None) -> str:
    return (lang or "en").lower().replace("_", "-").split("-")[0]


@dataclass(frozen=True, slots=True)
class _Phrases:
    """The boilerplate phrases of one language, normalised, by how they match a line."""

    short: frozenset[str]  # the whole line, or its head before a delimiter
    long: frozenset[str]  # four words or more: also a prefix of the line
    long_max: int  # characters of the longest of them
    lead: frozenset[str]  # `@lead`: starts a short line
    wordpress: frozenset[str]  # `@wordpress`: starts a post footer (`… | 3 Comments`)
    leads: frozenset[str]  # both of these
    whole: frozenset[str]  # `@whole` and `@weak`: only the whole line
    weak: frozenset[str]  # `@weak`: reported only next to other boilerplate, or last
    lead_words: int  # words of the longest lead or WordPress phrase

    def groups(self) -> tuple[Iterable[str], ...]:
        return (self.short, self.long, self.lead, self.wordpress, self.whole)


_NO = frozenset[str]()
_NO_PHRASES = _Phrases(_NO, _NO, 0, _NO, _NO, _NO, _NO, _NO, 0)
# Kinds of phrase marked in the data files by a leading `@kind ` (see their header).
_KINDS = ("lead", "wordpress", "whole", "weak")


@cache
def _phrases(lang: str) -> _Phrases:
    """The phrases of one language (locale_data/boilerplate/<lang>.txt)."""
    folder = locale_data().joinpath("boilerplate")
    data = folder.joinpath(f"{lang}.txt")
    if not data.is_file():
        return _NO_PHRASES
    plain: set[str] = set()
    kinds: dict[str, set[str]] = {kind: set() for kind in _KINDS}
    for number, line in enumerate(data.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind = None
        if line.startswith("@"):
            kind, _, line = line[1:].partition(" ")
            if kind not in kinds:
                raise ValueError(f"boilerplate/{lang}.txt line {number}: unknown kind @{kind}")
        phrase = normalise(line)
        if not phrase:
            continue
        (plain if kind is None else kinds[kind]).add(phrase)
    leads = kinds["lead"] | kinds["wordpress"]
    long = frozenset(p for p in plain if p.count(" ") >= 3)
    return _Phrases(
        short=frozenset(p for p in plain if p.count(" ") < 3),
        long=long,
        long_max=max(map(len, long), default=0),
        lead=frozenset(kinds["lead"]),
        wordpress=frozenset(kinds["wordpress"]),
        leads=frozenset(leads),
        whole=frozenset(kinds["whole"] | kinds["weak"]),
        weak=frozenset(kinds["weak"]),
        lead_words=max((p.count(" ") + 1 for p in leads), default=0),
    )


def is_weak(phrase: str, lang: str | None) -> bool:
    """Whether `phrase` (as returned by `boilerplate_phrase`) is reported only next to
    other boilerplate or as the last paragraph (`Related`: also a heading)."""
    return any(phrase in _phrases(code).weak for code in _languages(lang)[0])


# A WordPress footer's last field: a comment count (`3 Comments`, `12 comentarios`).
_COMMENT_COUNT = re.compile(r"\d+\s+\w+")


def _wordpress_footer(line: str, code: str) -> bool:
    """`Posted in Economy | 3 Comments`, `… | Leave a comment`: fields split by ` | `,
    the last one a comment count or a listed phrase."""
    if " | " not in line:
        return False
    tail = line.rsplit("|", 1)[1].strip()
    if _COMMENT_COUNT.fullmatch(tail):
        return True
    norm = normalise(tail)
    for phrases in (_phrases(code), _phrases("en")):
        if norm in phrases.short or norm in phrases.long:
            return True
    return False


# What may follow a short phrase and its delimiter on one line: a link title or a tag
# list ("Read more: How it began"), not a sentence ("Most popular: the Toyota Corolla,
# followed by … the VW Golf."), which has more words or ends with a full stop.
_MAX_REST_WORDS = 10


def _short_rest(rest: str) -> bool:
    rest = rest.rstrip()
    if rest.endswith(".") and not rest.endswith(".."):
        return False
    return len(_WORD_RUN.findall(rest, 0, 400)) <= _MAX_REST_WORDS


def boilerplate_phrase(line: str, lang: str) -> str | None:
    """The boilerplate phrase a line consists of or starts with, or None."""
    langs, *openers = _languages(lang)
    # Phrases are short: the head of a long line is enough, and normalising whole
    # paragraphs was most of this rule's cost.
    line = line[:_MAX_LINE_CHARS]
    lowered = line.lower()
    # Every phrase found below starts the normalised line (delimiters are never inside
    # a word), so a line whose first words start no phrase is done without normalising
    # it: most lines, and nearly every short string of a PO file.
    if not _may_open_phrase(lowered, *openers):
        return None
    norm = " ".join(_WORD_RUN.findall(lowered))  # normalise(line)
    # The text before the first delimiter. (Splitting at whitespace + delimiter, but
    # found from the delimiter itself: whitespace before it changes no word, and a
    # pattern that may match empty whitespace was tried at every character. Without a
    # delimiter the head is the line, which the checks below skip.)
    cut = _DELIMITER_CORE.search(line)
    head = normalise(line[: cut.start()]) if cut is not None else norm
    for code in langs:
        phrases = _phrases(code)
        short = phrases.short
        if norm in short or norm in phrases.whole:
            return norm
        if cut is not None and head != norm and head in short and _short_rest(line[cut.end() :]):
            return head
        phrase = _long_prefix(norm, code)
        if phrase is not None:
            return phrase
        if phrases.lead_words and _short_rest(line):
            phrase = _lead_prefix(norm, phrases.leads, phrases.lead_words)
            if phrase is not None and (phrase in phrases.lead or _wordpress_footer(line, code)):
                return phrase
    return None


def _lead_prefix(norm: str, lead: frozenset[str], words: int) -> str | None:
    """The lead phrase of at most `words` words that `norm` starts with (ending at a
    word break), if any."""
    space = norm.find(" ")
    for _ in range(words):
        if space < 0:
            return norm if norm in lead else None
        if norm[:space] in lead:
            return norm[:space]
        space = norm.find(" ", space + 1)
    return None


def _long_prefix(norm: str, lang: str) -> str | None:
    """The shortest long phrase that is `norm` or starts it (ending at a word break).

    (The line's own prefixes are looked up in the phrase set, shortest first: much
    cheaper than trying every phrase on every line.)
    """
    data = _phrases(lang)
    phrases, longest = data.long, data.long_max
    if not phrases:
        return None
    space = norm.find(" ")
    while 0 <= space <= longest:
        if norm[:space] in phrases:
            return norm[:space]
        space = norm.find(" ", space + 1)
    return norm if norm in phrases else None


@cache
def _languages(
    lang: str | None,
) -> tuple[tuple[str, ...], frozenset[str], frozenset[str], frozenset[str]]:
    """The languages whose phrases a document in `lang` is checked against; the first
    words of all those phrases; the phrases of one word; and the first two words
    (joined by a space) of the longer ones."""
    base = _base_lang(lang)
    langs = (base,) if base == "en" else (base, "en")  # CMS templates often stay in English
    phrases = [phrase for code in langs for group in _phrases(code).groups() for phrase in group]
    first_words = frozenset(phrase.split(" ", 1)[0] for phrase in phrases)
    single_words = frozenset(phrase for phrase in phrases if " " not in phrase)
    first_pairs = frozenset(" ".join(phrase.split(" ", 2)[:2]) for phrase in phrases)
    return langs, first_words, single_words, first_pairs


class Boilerplate(BaseRule):
    """Web or CMS residue left in the text: comment forms, share and cookie notices.

    What it flags:
        A line that consists of a boilerplate phrase from a web page template
        (`Leave a reply`, `Please enter your comment!`, `You have entered an
        incorrect email address!`, `Share on Facebook`, `Read more »`,
        `Related posts`, `This website uses cookies…`, `Advertisement`,
        WordPress widgets as scraped: `Leave a Reply Cancel reply`, `Like
        this:`), or that starts with a short one followed by a separator and
        a short rest, at most ten words without a final full stop (`Read more:
        How it began`, `Tags: economy`). Phrases of four words or more also
        match at the start of a longer line, a few lead phrases at the start
        of a short line (`Click to share on Twitter (Opens in new window)`),
        and a WordPress post footer: `Posted in`/`Posted on` and fields split
        by ` | `, the last a comment count or phrase (`Posted in Economy | 3
        Comments`). `Like this:` matches only as the whole line; `Related`
        (also a heading) only next to other boilerplate or as the last
        paragraph. Phrases are listed per language (en, es, fr, de, it, pt)
        and English ones are always checked too, because CMS templates are
        often left untranslated. Consecutive boilerplate lines of a paragraph
        are reported as one finding.

        It does not flag a phrase used inside a sentence (`The council said:
        read more about it in the report.`), a line that merely starts with
        the words of a short phrase (`Read more about it here.`), a short
        phrase and a separator followed by a sentence (`Most popular: the
        Toyota Corolla, followed by the Ford Focus and the VW Golf.`), nor a
        credit line (`Published in Great Britain in 2019 by Penguin Books`).

    Why it matters:
        Text copied from a web page for translation drags along navigation,
        comment forms and sharing widgets; they end up translated and
        published as if they were part of the article.

    Example:
        A paragraph `Leave a Reply` followed by `Please enter your comment!`
        at the end of an article.

    Fix:
        Delete the lines. No automatic fix: only a person can tell where the
        article ends.
    """

    name = "boilerplate"
    summary = "Web/CMS boilerplate (comment forms, share or cookie notices) left in the text."
    default_severity = Severity.WARNING

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        text = ctx.text
        paragraphs = ctx.document.paragraphs
        openers = _languages(ctx.lang)[1:]  # the sets of `_may_open_phrase`
        runs: list[tuple[int, list[tuple[int, int, str]]]] = []  # (paragraph index, run)
        for index, para in enumerate(paragraphs):
            if _no_phrase_start(text[para.start : para.end], openers):
                continue
            run: list[tuple[int, int, str]] = []
            for line_start, line in _lines(text, para):
                body = line.lstrip()
                if not body:
                    continue
                start = line_start + len(line) - len(body)
                body = body.rstrip()
                phrase = boilerplate_phrase(body, ctx.lang)
                if phrase is None:
                    if run:
                        runs.append((index, run))
                        run = []
                else:
                    run.append((start, start + len(body), phrase))
            if run:
                runs.append((index, run))
        # A run of weak phrases only (`Related`) counts next to other boilerplate (a
        # WordPress footer comes as a block) or as the last paragraph (a heading has
        # text after it).
        strong = {index for index, run in runs if not all(is_weak(p, ctx.lang) for *_, p in run)}
        last = len(paragraphs) - 1
        for index, run in runs:
            if index in strong or index == last or strong & {index - 1, index + 1}:
                yield from self._report(run)

    def _report(self, run: list[tuple[int, int, str]]) -> Iterable[Finding]:
        phrases = ", ".join(f"“{p}”" for p in dict.fromkeys(p for _, _, p in run))
        yield self.finding(
            Span(run[0][0], run[-1][1]),
            f"Web boilerplate left in the text: {phrases}.",
        )


def _may_open_phrase(
    lowered: str, first_words: frozenset[str], single_words: frozenset[str], pairs: frozenset[str]
) -> bool:
    """`boilerplate_phrase`'s first test, on a lower-cased line: its first word starts
    some phrase, and is one or starts one with the second word (`_languages`)."""
    first = _WORD_RUN.search(lowered)
    if first is None or (word := first.group()) not in first_words:
        return False
    if word in single_words:
        return True
    second = _WORD_RUN.search(lowered, first.end())
    return second is not None and f"{word} {second.group()}" in pairs


def _no_phrase_start(chunk: str, openers: tuple[frozenset[str], ...]) -> bool:
    r"""Whether a paragraph is one line that `boilerplate_phrase` rejects at its first
    test (`_may_open_phrase`; `openers` are its sets, from `_languages`), made here
    without splitting the paragraph into lines: nearly every string of a catalogue
    stops here.

    The words of a line lower-cased alone are those of the line lower-cased:
    lower-casing keeps which characters are letters or digits, but for İ's (i and a
    combining dot), and changes a character the same way wherever it stands, but for Σ
    (σ, or ς at a word's end). So the line itself, whose lower case costs most, is
    searched, and only its first words are lower-cased; a first whitespace token of
    letters and digits only (`isalnum` is `[^\W_]`) is read off without a search."""
    if "\n" in chunk or "\r" in chunk:
        return False
    first_words, single_words, pairs = openers
    if len(chunk) <= _MAX_LINE_CHARS and "\u0130" not in chunk and "\u03a3" not in chunk:
        tokens = chunk.split(None, 1)
        if tokens and tokens[0].isalnum():
            word = tokens[0].lower()
            if word not in first_words:
                return True
            if word in single_words:
                return False
            if len(tokens) == 1:
                return True  # no second word
            second = tokens[1].split(None, 1)[0]
            if second.isalnum():
                return f"{word} {second.lower()}" not in pairs
        else:
            first = _WORD_RUN.search(chunk)
            if first is None or first.group().lower() not in first_words:
                return True
    head = chunk.lstrip()[:_MAX_LINE_CHARS].lower()
    return not _may_open_phrase(head, first_words, single_words, pairs)


def _lines(text: str, para: Span) -> list[tuple[int, str]]:
    """(start, text) of each line of a paragraph, as `_LINE` finds them: most paragraphs
    (every string of a catalogue) are one line, told by two substring tests."""
    chunk = text[para.start : para.end]
    if "\n" in chunk or "\r" in chunk:
        return [(m.start(), m.group()) for m in _LINE.finditer(text, para.start, para.end)]
    return [(para.start, chunk)] if chunk else []


class DuplicateParagraph(BaseRule):
    """A paragraph or title that appears twice.

    What it flags:
        A paragraph equal to an earlier one after ignoring case, quotes,
        punctuation and spacing. The finding points at the repeat and
        carries the first occurrence as a related location. Only paragraphs
        of at least `min_words` words (default 4) count, so short repeated
        lines such as `* * *`, `Yes.` or `Photo` are left alone; repeated
        boilerplate lines are the `boilerplate` rule's business. Table cells
        (Markdown `| … |`, HTML `<td>`/`<th>`) are left alone: a table repeats
        its cells (`Available since version 80` in two columns). Not run on
        catalogues (PO, XLIFF, JSON): each unit is its own text there, and
        msgctxt variants, keys on different screens or two sources with one
        translation repeat a string legitimately (`reused-translation`
        reports the latter).

    Why it matters:
        Pasting, re-segmenting and merging translation memories duplicate
        paragraphs; readers notice at once, proofreaders often do not.

    Example:
        The same paragraph `The minister announced the plan on Monday.` at
        lines 3 and 9.

    Fix:
        Delete the repeat. The fix is unsafe: a refrain or a repeated heading
        may be intended.

    Options:
        min_words: the fewest words a paragraph needs to be checked (4).
    """

    name = "duplicate-paragraph"
    summary = "A paragraph or title is repeated."
    default_severity = Severity.WARNING
    default_options: ClassVar[Mapping[str, Any]] = {"min_words": 4}
    option_types: ClassVar[Mapping[str, Option]] = {"min_words": Option("integer", minimum=0)}

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if ctx.units is not None:
            return  # a catalogue: each unit is its own text (reused-translation: shared ones)
        text = ctx.text
        min_words = int(self.options["min_words"])
        paragraphs = ctx.document.paragraphs
        # Equal paragraphs start with the same words: only those sharing their first
        # words with another paragraph are compared (normalising every long paragraph
        # was most of the rule's cost).
        heads: list[tuple[str, ...]] = []
        keys: list[str | None] = []  # normalised short paragraphs, None for long ones
        for para in paragraphs:
            lowered = text[para.start : para.end].lower()
            if len(lowered) <= 100:  # short (PO strings, titles): one findall
                words = _WORD_RUN.findall(lowered)
                heads.append(tuple(words[:3]))
                keys.append(" ".join(words))  # normalise(paragraph)
            else:
                heads.append(tuple(m.group() for m in islice(_WORD_RUN.finditer(lowered), 3)))
                keys.append(None)
        shared = {head for head, n in Counter(heads).items() if n > 1}
        seen: dict[str, Span] = {}
        for i, para in enumerate(paragraphs):
            if heads[i] not in shared:
                continue
            raw = text[para.start : para.end]
            key = keys[i]
            if key is None:
                key = normalise(raw)
            if key.count(" ") + 1 < min_words or not any(map(str.isalpha, key)):
                continue
            if _table_cell(ctx.document.text, para, paragraphs[i - 1].end if i else 0):
                continue  # a table repeats its cells: `| Yes | Since version 80 | Since… |`
            first = seen.get(key)
            if first is None:
                seen[key] = para
                continue
            if boilerplate_phrase(raw, ctx.lang) is not None:
                continue
            line, _ = ctx.document.position(first.start)
            # Delete from the end of the previous paragraph: the separator goes too.
            cut = Span(paragraphs[i - 1].end, para.end)
            yield self.finding(
                para,
                f"Paragraph repeated (first at line {line}).",
                related=(first,),
                fix=Fix("Delete the repeated paragraph", (Edit(cut, ""),), safe=False),
            )


# An HTML table cell's start tag, in the markup between two paragraphs.
_CELL_TAG = re.compile(r"<t[dh][\s>/]", re.IGNORECASE)


def _table_cell(raw: str, para: Span, prev_end: int) -> bool:
    """Whether `para` is a table cell: a Markdown cell (a `|` on its line before or after
    it: readers give each cell as a unit) or an HTML `<td>`/`<th>` (its start tag in the
    markup since the previous paragraph)."""
    line_start = raw.rfind("\n", 0, para.start) + 1
    line_end = raw.find("\n", para.end)
    if line_end < 0:
        line_end = len(raw)
    if "|" in raw[line_start : para.start] or "|" in raw[para.end : line_end]:
        return True
    return _CELL_TAG.search(raw, prev_end, para.start) is not None


RULES = (DuplicateParagraph, Boilerplate)
