"""Project-wide checks over all the files of one run.

`name-variant` across files: a name spelled one way in one chapter and another
way in the next. The per-file rule already reports variants inside one file;
this pass reports the spellings that only disagree with *other* files.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from transcheck.findings import Edit, FileResult, Finding, Fix, Report, Span
from transcheck.rules.names import NameVariant

if TYPE_CHECKING:
    from transcheck.document import Document
    from transcheck.names import NameSummary

NAME_VARIANT = "name-variant"
_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class _Piece:
    result: FileResult
    offset: int  # where this file's text starts in the combined text


def group_language(document: Document, lang: str | None) -> str:
    """The language whose files the cross-file pass compares `document` with."""
    return document.lang or lang or "en"


def file_name_summary(
    document: Document, lang: str | None, *, complete: bool = False
) -> NameSummary:
    """What the cross-file name pass needs of one file (`lang`: the run's language),
    computed where the file is checked; right after the per-file rule it reuses that
    rule's extraction. Without `complete`, a file with no name written mid-sentence
    gets no occurrences (extracted by the pass if another file has such a name)."""
    from transcheck.names.summary import name_summary

    return name_summary(
        document.analysis_text,
        document.bounds("sentences"),
        group_language(document, lang),
        complete=complete,
    )


def complete_name_summaries(documents: Sequence[Document], lang: str | None) -> list[NameSummary]:
    """The complete name summaries of `documents`, for a pass that needs every file's."""
    return [file_name_summary(document, lang, complete=True) for document in documents]


def cross_file_name_variants(
    report: Report,
    lang: str | None,
    glossary=None,
    name_summaries: Callable[..., list[NameSummary]] = complete_name_summaries,
) -> list[tuple[FileResult, Finding]]:
    """`name-variant` findings for spellings that differ between files (files grouped by
    language), each with the file it belongs to. `name_summaries` completes summaries
    (`complete_name_summaries`, or the same in a `--jobs` run's workers)."""
    by_lang: dict[str, list[FileResult]] = {}
    for result in report.files:
        if result.document is not None:
            by_lang.setdefault(group_language(result.document, lang), []).append(result)
    found: list[tuple[FileResult, Finding]] = []
    for code, results in by_lang.items():
        if len(results) > 1:
            found.extend(_check_group(results, code, lang, glossary, name_summaries))
    return found


def _check_group(
    results: Sequence[FileResult],
    code: str,
    lang: str | None,
    glossary,
    name_summaries: Callable[..., list[NameSummary]],
) -> list[tuple[FileResult, Finding]]:
    """The files' names as if extracted from their texts joined with `_SEPARATOR`,
    merged from each file's summary."""
    from transcheck.names import WordLookup, find_variants, merge_summaries

    summaries = []
    for result in results:
        assert result.document is not None
        if result.names is None:
            result.names = file_name_summary(result.document, lang)
        summaries.append(result.names)
    if not any(row[3] for summary in summaries for row in summary.occurrences or ()):
        # No name written mid-sentence in any file (most UI catalogues): find_variants
        # would have no spelling to compare (see names.spellings._spellings). Merging ~100
        # occurrences a file first was most of a catalogue run's serial tail.
        return []
    # The sentence starts of the files whose summaries left them out may spell another
    # file's name: extracted now (most catalogues need none of them, see api._kept).
    missing = [i for i, summary in enumerate(summaries) if summary.occurrences is None]
    if missing:
        documents = [results[i].document for i in missing]
        for i, summary in zip(missing, name_summaries(documents, lang), strict=True):
            summaries[i] = results[i].names = summary
    occurrences, starts = merge_summaries(summaries, len(_SEPARATOR))
    pieces = [_Piece(result, offset) for result, offset in zip(results, starts, strict=True)]
    words = WordLookup.of_texts(lambda: [r.document.analysis_text for r in results])  # type: ignore[union-attr]

    def piece_of(position: int) -> _Piece:
        return pieces[bisect_right(starts, position) - 1]

    found = []
    for group in find_variants(occurrences, words, code, glossary, across_files=True):
        files = {id(piece_of(o.start).result) for o in group.occurrences}
        if len(files) < 2:
            continue  # inside one file: the per-file rule reports it
        holders = {id(p): p for p in (piece_of(o.start) for o in group.minority_occurrences)}
        for piece in holders.values():
            finding = _finding_in_file(piece, group, piece_of)
            if finding is not None:
                found.append((piece.result, finding))
    return found


def _finding_in_file(piece: _Piece, group, piece_of) -> Finding | None:
    result = piece.result
    local = [o for o in group.minority_occurrences if piece_of(o.start) is piece]
    spans = [Span(o.start - piece.offset, o.end - piece.offset) for o in local]
    already = {(f.span.start, f.span.end) for f in result.findings if f.rule == NAME_VARIANT}
    if any((s.start, s.end) in already for s in spans):
        return None  # the per-file rule flagged these occurrences
    elsewhere = Counter(
        piece_of(o.start).result.path
        for o in group.occurrences
        if piece_of(o.start) is not piece and o.surface == group.preferred
    )
    where = ", ".join(f"{path} ({n}×)" for path, n in elsewhere.most_common(3))
    forms = " and ".join(
        f"“{s.form}”" for s in group.variants if any(o in local for o in s.occurrences)
    )
    message = (
        f"{forms} ({len(local)}× here) looks like a variant of “{group.preferred}”, "
        f"used in {where or 'other files'}"
    )
    edits = tuple(Edit(span, group.preferred) for span in spans)
    title = f"Use “{group.preferred}” as in the other files"
    return Finding(
        rule=NAME_VARIANT,
        severity=NameVariant.default_severity,
        message=message,
        span=spans[0],
        related=tuple(spans[1:]),
        suggestion=group.preferred,
        fix=Fix(title, edits, safe=group.from_glossary),
    )
