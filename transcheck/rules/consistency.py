"""Rules over the translation units of all files in a run (PO, XLIFF, JSON pairs).

They are project rules: `check` sees one file and yields nothing; the
pipeline calls `check_project` once with every file's result, and one `shared`
dict per run in which the rules keep what they all compute (the unit texts).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress
from operator import mul, ne
from typing import ClassVar

from transcheck.findings import FileResult, Finding, Severity, Span
from transcheck.registry import BaseRule, RuleContext

# One translated unit: (target start, target end, source, translation, context), the
# texts whitespace-normalised; context is the PO msgctxt (units in different contexts may
# be translated differently), and for a plural form also its entry and index (see
# `_plural_context`): msgstr[1] and msgstr[2] of one entry share a source, msgid_plural,
# yet are different words (ru "файла" / "файлов"), so forms are compared index by index.
UnitText = tuple[int, int, str, str, str]


# One file's UnitTexts as columns (target starts, ends, sources, translations,
# contexts): what a `--jobs` worker sends (five lists pickle and unpickle faster than a
# tuple per unit) and what the project rules read (they join every file's columns and
# group them in C).
UnitColumns = tuple[list[int], list[int], list[str], list[str], list[str]]


def file_unit_texts(result: FileResult) -> list[UnitText]:
    """The translated units of one bilingual file with their source and translation."""
    return list(zip(*file_unit_columns(result), strict=True))


def file_unit_columns(result: FileResult) -> UnitColumns:
    """`file_unit_texts` as columns: computed by a `--jobs` worker
    (`ProjectRule.prepare`), else when the project rules run."""
    if result.unit_texts is not None:
        return result.unit_texts  # type: ignore[return-value]  # columns (see prepare)
    document, source = result.document, result.source
    if document is None or not result.units:
        return [], [], [], [], []
    draft_text = document.analysis_text
    source_text = source.analysis_text if source is not None else None
    starts, ends, originals, translations, contexts = [], [], [], [], []
    for unit in result.units:
        target = unit.target
        start, end = target.start, target.end
        if end <= start:
            continue
        original = unit.source_text
        if original is None:
            span = unit.source
            if span is None or source_text is None:
                continue
            original = source_text[span.start : span.end]
        starts.append(start)
        ends.append(end)
        originals.append(original)
        translations.append(draft_text[start:end])
        unit_id = unit.id
        context = unit_id.split("\x04", 1)[0] if "\x04" in unit_id else ""
        if unit.flags:
            context = _plural_context(unit_id, unit.flags, context)
        contexts.append(context)
    srcs, tgts = normalised(originals), normalised(translations)
    # Both texts non-empty (whitespace only before normalising), picked in C.
    both = list(map(mul, map(len, srcs), map(len, tgts)))
    columns = (starts, ends, srcs, tgts, contexts)
    if 0 in both:
        return tuple(list(compress(column, both)) for column in columns)  # type: ignore[return-value]
    return columns


def normalised(texts: list[str]) -> list[str]:
    """`" ".join(text.split())` of each text. Most catalogues' texts are already so (one
    space between words, no other whitespace): that is checked on all the texts at once,
    in C, rather than splitting and joining each (two calls a unit, hundreds of units)."""
    joined = "\x00".join(texts)
    if (
        "  " not in joined
        and " \x00" not in joined
        and "\x00 " not in joined
        and joined[:1] != " "
        and joined[-1:] != " "
        and all(map(str.isprintable, texts))  # no whitespace but " " (nor a NUL)
    ):
        return texts
    return [" ".join(text.split()) for text in texts]


def _plural_context(unit_id: str, flags: frozenset[str], context: str) -> str:
    """The context of a plural form (flag `plural:n`): the msgctxt, the entry (its id)
    and n, joined by NUL; other units keep theirs."""
    for flag in flags:
        if flag.startswith("plural:"):
            return f"{context}\x00{unit_id}\x00{flag[7:]}"
    return context


def _same_entry(a: UnitText, b: UnitText) -> bool:
    """Two plural forms of one entry (their contexts equal but for the index)."""
    ca, cb = a[4], b[4]
    return "\x00" in ca and ca.rpartition("\x00")[0] == cb.rpartition("\x00")[0]


class RunUnits:
    """Every translated unit of a run's bilingual files, as columns (see UnitColumns)
    joined file after file; `files` and `offsets` say which file a unit is from."""

    def __init__(self, results: Sequence[FileResult]) -> None:
        self.files: list[FileResult] = []
        self.offsets: list[int] = []  # the index of each file's first unit
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.sources: list[str] = []
        self.translations: list[str] = []
        self.contexts: list[str] = []
        for result in results:
            starts, ends, sources, translations, contexts = file_unit_columns(result)
            if starts:
                self.files.append(result)
                self.offsets.append(len(self.starts))
                self.starts += starts
                self.ends += ends
                self.sources += sources
                self.translations += translations
                self.contexts += contexts

    def unit(self, index: int) -> tuple[FileResult, UnitText]:
        """The unit at `index` with its file."""
        result = self.files[bisect_right(self.offsets, index) - 1]
        return result, (
            self.starts[index],
            self.ends[index],
            self.sources[index],
            self.translations[index],
            self.contexts[index],
        )


def unit_texts(results: Sequence[FileResult], shared: dict | None = None) -> RunUnits:
    """Every translated unit of every bilingual file (computed once per run when the
    caller passes the run's `shared` dict)."""
    if shared is not None and "unit_texts" in shared:
        return shared["unit_texts"]
    found = RunUnits(results)
    if shared is not None:
        shared["unit_texts"] = found
    return found


def _several(keys: list[str], values: list[str]) -> set[str]:
    """The keys that come with two different values or more (`values[i]` is the value of
    `keys[i]`), found in C (dict, map, compress) rather than a Python step per unit: each
    value is compared with the last one its key came with, which differs from one of
    them exactly when the key has two."""
    last = dict(zip(keys, values, strict=True))
    return set(compress(keys, map(ne, map(last.__getitem__, keys), values)))


def _indices_in(column: list[str], wanted: set[str]) -> Iterator[int]:
    """The indices of the values of `column` that are in `wanted`, in order (in C)."""
    return compress(range(len(column)), map(wanted.__contains__, column))


def _where(result: FileResult, unit: UnitText) -> str:
    assert result.document is not None
    line, column = result.document.position(unit[0])
    return f"{result.path}:{line}:{column}"


class ProjectRule(BaseRule):
    project: ClassVar[bool] = True

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        return ()

    def check_project(
        self, results: Sequence[FileResult], shared: dict | None = None
    ) -> Iterable[tuple[FileResult, Finding]]:
        raise NotImplementedError

    @staticmethod
    def prepare(result: FileResult) -> None:
        """What `check_project` needs of one file, computed where the file was checked
        (in a `--jobs` worker, in parallel)."""
        if result.unit_texts is None:
            result.unit_texts = file_unit_columns(result)  # type: ignore[assignment]


class InconsistentTranslation(ProjectRule):
    """The same source string translated in different ways.

    What it flags:
        Units (PO entries, XLIFF segments, JSON keys) whose source text is the same
        (whitespace aside) but whose translations differ, across all the files of
        one run. The translations that differ from the most common one are
        flagged; with a tie, every translation after the first.

    Why it matters:
        A button called “Guardar” on one screen and “Salvar” on the next reads as
        two different actions; terminology drifts when several translators work
        on one product.

    Example:
        msgid "Save" → msgstr "Guardar" in one file, msgstr "Salvar" in another:
        the second is flagged, naming the first.

    Fix:
        None automatic: one of the translations may be right for its context
        (use msgctxt to tell contexts apart).
    """

    name = "inconsistent-translation"
    summary = "The same source string translated differently (across all files of a run)."
    default_severity = Severity.WARNING
    needs_source = True

    def check_project(
        self, results: Sequence[FileResult], shared: dict | None = None
    ) -> Iterable[tuple[FileResult, Finding]]:
        run = unit_texts(results, shared)
        # The sources with two translations or more, contexts aside (a superset of the
        # (context, source) keys with two: grouped by key below, they are few).
        suspects = _several(run.sources, run.translations)
        if not suspects:
            return
        by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        contexts, sources, translations = run.contexts, run.sources, run.translations
        for i in _indices_in(sources, suspects):
            by_key[contexts[i], sources[i]].append(i)
        by_source = {
            key: [run.unit(i) for i in indices]
            for key, indices in by_key.items()
            if len({translations[i] for i in indices}) > 1
        }
        for (_, source), units in by_source.items():
            counts = Counter(u[3] for _, u in units)
            preferred = counts.most_common(1)[0][0]
            first = next(pair for pair in units if pair[1][3] == preferred)
            for result, unit in units:
                if unit[3] == preferred:
                    continue
                yield (
                    result,
                    self.finding(
                        Span(unit[0], unit[1]),
                        f"“{_clip(source)}” is translated “{_clip(preferred)}” elsewhere "
                        f"({counts[preferred]}×, first at {_where(*first)}); here "
                        f"“{_clip(unit[3])}”",
                        suggestion=None,
                    ),
                )


class ReusedTranslation(ProjectRule):
    """One translation used for different source strings.

    What it flags:
        Units whose translations are identical while their source strings differ
        (case and whitespace aside), across all the files of one run. Short
        translations (one word) are left alone: languages merge words all the time.

    Why it matters:
        Often a copy-paste slip: the translation of the previous entry left in
        place. Sometimes legitimate (two English phrasings, one Spanish one),
        hence info.

    Example:
        msgid "Delete the route" → "Borrar la ruta" and msgid "Rename the route" →
        "Borrar la ruta": the second is flagged.

    Fix:
        None automatic: check that each translation says what its source says.
    """

    name = "reused-translation"
    summary = "Different source strings with the same translation (across files)."
    default_severity = Severity.INFO
    needs_source = True

    def check_project(
        self, results: Sequence[FileResult], shared: dict | None = None
    ) -> Iterable[tuple[FileResult, Finding]]:
        run = unit_texts(results, shared)
        # Translations of two sources or more (as written; casefolded below).
        suspects = _several(run.translations, run.sources)
        if not suspects:
            return
        by_translation: dict[str, list[tuple[FileResult, UnitText]]] = defaultdict(list)
        translations = run.translations
        for i in _indices_in(translations, suspects):
            # Two words or more: the texts are whitespace-normalised, so one space says so.
            if " " in translations[i]:
                by_translation[translations[i]].append(run.unit(i))
        for translation, units in by_translation.items():
            sources = {u[2].casefold() for _, u in units}
            if len(sources) < 2:
                continue
            first = units[0]
            first_source = first[1][2]
            for result, unit in units[1:]:
                if unit[2].casefold() == first_source.casefold():
                    continue
                if result is first[0] and _same_entry(unit, first[1]):
                    continue  # tr, hu, ja…: one word for singular and plural
                yield (
                    result,
                    self.finding(
                        Span(unit[0], unit[1]),
                        f"“{_clip(translation)}” also translates “{_clip(first_source)}” "
                        f"at {_where(*first)}; here the source is “{_clip(unit[2])}”",
                    ),
                )


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


RULES = (InconsistentTranslation, ReusedTranslation)
