"""Rules over the translation units of all files in a run (PO, XLIFF, JSON pairs).

They are project rules: `check` sees one file and yields nothing; the
pipeline calls `check_project` once with every file's result, and one `shared`
dict per run in which the rules keep what they all compute (the unit texts).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import ClassVar

from transcheck.findings import FileResult, Finding, Severity, Span
from transcheck.registry import BaseRule, RuleContext

# One translated unit: (target start, target end, source, translation, context), the
# texts whitespace-normalised; context is the PO msgctxt (units in different contexts may
# be translated differently), and for a plural form also its entry and index (see
# `_plural_context`): msgstr[1] and msgstr[2] of one entry share a source, msgid_plural,
# yet are different words (ru "файла" / "файлов"), so forms are compared index by index.
UnitText = tuple[int, int, str, str, str]


def file_unit_texts(result: FileResult) -> list[UnitText]:
    """The translated units of one bilingual file with their source and translation:
    computed by a `--jobs` worker (`ProjectRule.prepare`), else when the project rules
    run. Plain tuples: thousands of files' worth travel to the parent."""
    if result.unit_texts is not None:
        return result.unit_texts
    document, source = result.document, result.source
    if document is None or not result.units:
        return []
    draft_text = document.analysis_text
    source_text = source.analysis_text if source is not None else None
    units, originals, translations = [], [], []
    for unit in result.units:
        target = unit.target
        if target.end <= target.start:
            continue
        if unit.source_text is not None:
            originals.append(unit.source_text)
        elif unit.source is not None and source_text is not None:
            originals.append(source_text[unit.source.start : unit.source.end])
        else:
            continue
        units.append(unit)
        translations.append(draft_text[target.start : target.end])
    found: list[UnitText] = []
    pairs = zip(units, normalised(originals), normalised(translations), strict=True)
    for unit, src, tgt in pairs:
        if src and tgt:
            context = unit.id.split("\x04", 1)[0] if "\x04" in unit.id else ""
            if unit.flags:
                context = _plural_context(unit.id, unit.flags, context)
            found.append((unit.target.start, unit.target.end, src, tgt, context))
    return found


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


def unit_texts(
    results: Sequence[FileResult], shared: dict | None = None
) -> list[tuple[FileResult, UnitText]]:
    """Every translated unit of every bilingual file, with the file (computed once per
    run when the caller passes the run's `shared` dict)."""
    if shared is not None and "unit_texts" in shared:
        return shared["unit_texts"]
    found = [(result, unit) for result in results for unit in file_unit_texts(result)]
    if shared is not None:
        shared["unit_texts"] = found
    return found


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
            result.unit_texts = file_unit_texts(result)


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
        pairs = unit_texts(results, shared)
        # The (context, source) keys with two translations or more.
        suspects = _several(pairs, _CONTEXT_SOURCE_TRANSLATION, _FIRST_TWO)
        if not suspects:
            return
        by_source: dict[tuple[str, str], list[tuple[FileResult, UnitText]]] = defaultdict(list)
        for result, unit in pairs:
            key = (unit[4], unit[2])
            if key in suspects:
                by_source[key].append((result, unit))
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
        pairs = unit_texts(results, shared)
        # Translations of two sources or more (as written; casefolded below).
        suspects = _several(pairs, _TRANSLATION_SOURCE, _FIRST)
        if not suspects:
            return
        by_translation: dict[str, list[tuple[FileResult, UnitText]]] = defaultdict(list)
        for result, unit in pairs:
            # Two words or more: the texts are whitespace-normalised, so one space says so.
            if unit[3] in suspects and " " in unit[3]:
                by_translation[unit[3]].append((result, unit))
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


def _several(
    pairs: Sequence[tuple[FileResult, UnitText]],
    fields: itemgetter,
    group: itemgetter,
) -> set:
    """The groups (`group` of the unit's `fields`) that come with two different rests or
    more, e.g. a (context, source) with two translations. Found in C (map, set, Counter)
    rather than by grouping every unit in Python: most groups have one."""
    distinct = set(map(fields, map(_UNIT, pairs)))
    return {key for key, n in Counter(map(group, distinct)).items() if n > 1}


_UNIT = itemgetter(1)
_CONTEXT_SOURCE_TRANSLATION = itemgetter(4, 2, 3)
_TRANSLATION_SOURCE = itemgetter(3, 2)
_FIRST_TWO = itemgetter(0, 1)
_FIRST = itemgetter(0)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


RULES = (InconsistentTranslation, ReusedTranslation)
