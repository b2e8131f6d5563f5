"""Per-file name summaries for the cross-file `name-variant` pass.

`name_summary` is computed where a file is checked (a `--jobs` worker) and carries the
file's occurrences in a compact, picklable form (none when it writes no name
mid-sentence); `merge_summaries` turns the files' summaries into the occurrences of
their texts joined, so that the parent merges them instead of extracting again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from transcheck.names.extract import NameOccurrence, _occurrences
from transcheck.names.midsentence import _names_mid_sentence

# One occurrence as a summary carries it: start, end, surface, strong, initial, prev,
# next, sentence (offsets and indices local to its file; prev/next None, sentence -1).
OccurrenceRow = tuple[int, int, str, bool, bool, int | None, int | None, int]


class NameSummary(NamedTuple):
    """What the cross-file name pass needs of one file, computed where the file is
    checked (a `--jobs` worker) so that the parent merges instead of extracting."""

    length: int  # characters of the text the names were extracted from
    sentences: int  # number of sentences
    # None: not extracted, since no name is written mid-sentence (no row would be strong);
    # `name_summary(..., complete=True)` extracts them if another file needs them.
    occurrences: tuple[OccurrenceRow, ...] | None


def name_summary(
    text: str,
    sentences: Sequence[tuple[int, int]],
    lang: str | None = None,
    *,
    complete: bool = False,
) -> NameSummary:
    """The names of one text as `extract_names` finds them, in a compact form; without
    `complete`, none when the text has no name written mid-sentence (see
    `NameSummary.occurrences`)."""
    if not complete and not _names_mid_sentence(text, sentences):
        return NameSummary(len(text), len(sentences), None)
    rows = tuple(
        (o.start, o.end, o.surface, o.strong, o.initial, o.prev, o.next, o.sentence)
        for o in _occurrences(text, sentences, lang)
    )
    return NameSummary(len(text), len(sentences), rows)


def merge_summaries(
    summaries: Sequence[NameSummary], separator: int
) -> tuple[list[NameOccurrence], list[int]]:
    """The occurrences `extract_names` finds in the texts joined with `separator`
    characters between them (no letters: nothing reaches across it), and where each text
    starts in the joined text."""
    occurrences: list[NameOccurrence] = []
    starts: list[int] = []
    offset = sentence_base = 0
    for summary in summaries:
        starts.append(offset)
        base = len(occurrences)
        assert summary.occurrences is not None, "an incomplete summary"
        for start, end, surface, strong, initial, prev, nxt, sentence in summary.occurrences:
            occurrences.append(
                NameOccurrence(
                    start + offset,
                    end + offset,
                    surface,
                    strong,
                    initial,
                    None if prev is None else prev + base,
                    None if nxt is None else nxt + base,
                    sentence + sentence_base if sentence >= 0 else -1,
                )
            )
        offset += summary.length + separator
        sentence_base += summary.sentences
    return occurrences, starts
