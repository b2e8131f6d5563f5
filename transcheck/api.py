"""Orchestration, callable from Python without the CLI: read → detect → rules → report.

Every function returns data; nothing here prints or exits.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from transcheck.config import Config
from transcheck.document import Document
from transcheck.findings import FileResult, Finding, Report, Severity, Span
from transcheck.inputs import (
    DEFAULT_INCLUDE,
    DEFAULT_MAX_FILE_SIZE,
    STDIN,
    InputError,
    InputSpec,
    expand_paths,
    read_bytes,
)
from transcheck.registry import BaseRule, RuleContext, RuleError, resolve_rules
from transcheck.suppress import Directives, parse_directives

log = logging.getLogger("transcheck")

UNDETERMINED = "und"
# A pathological line (one 8 MB "word word …") yields millions of findings: reporting the
# first ten thousand per rule keeps memory bounded and says the rest exist.
MAX_FINDINGS_PER_RULE = 10_000


class UsageError(ValueError):
    """A problem with the request as a whole (exit code 2)."""


@dataclass
class RunOptions:
    """Per-run settings that are not part of the configuration file."""

    source: str | None = None
    use_cache: bool = True
    jobs: int = 1  # worker processes; files are independent
    # The report that will be written ("json", "html"…), when known: the run then
    # prepares only what it reads (see `mt_segments`; `--jobs` workers write the JSON
    # report's MT table text). None: everything (`compare`, library callers).
    report_format: str | None = None
    progress: Callable[[int, int], None] | None = field(default=None, repr=False)

    @property
    def mt_segments(self) -> bool:
        """Whether to build the per-segment MT table: JSON, HTML and `compare` show it;
        the other reports read only the backends' scores (skipping it skips every pair's
        suspicion score)."""
        return self.report_format in (None, "json", "html")

    def mt_object(self, loaded: Loaded, comparison) -> bool:
        """Whether to build a file's "mt" object. Not for a catalogue (its units pair
        source and draft) that no MT backend or semantic model compared, unless the HTML
        report (its side-by-side view) or everything (None) is wanted: the JSON report
        gives null there (reporters.json.shown_mt), the others read no table from it."""
        if self.report_format in (None, "html"):
            return True
        return not restates_units(
            loaded.units, loaded.source, comparison.mt, comparison.semantic_model
        )


def restates_units(units: Sequence, source: Document | None, runs: Sequence, semantic) -> bool:
    """Whether a file's MT table would only restate its own pairing: a catalogue (units
    with a source side) compared by no MT backend and no semantic model. Its rows then
    hold no scores, only the units' spans and a length-based suspicion no rule reads."""
    return bool(units) and source is not None and not runs and not semantic


@dataclass
class ParagraphLanguage:
    span: Span
    line: int
    code: str
    confidence: float
    preview: str


@dataclass
class DetectResult:
    path: str
    code: str | None = None
    confidence: float = 0.0
    paragraphs: list[ParagraphLanguage] = field(default_factory=list)
    error: str | None = None


def make_detector(config: Config):  # -> transcheck.language.Detector
    from transcheck.language import get_detector

    try:
        return get_detector(config.detector, list(config.languages) or None)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def assign_language(document: Document, detector, fallback: str | None) -> None:
    """Detect the document language; fall back to the given one when undetermined.
    The given one (`--lang`) is taken when it holds a good share of the text, and a
    text mixing scripts takes the language of most letters (`main_language`)."""
    from transcheck.language import detect_document, main_language

    guess = main_language(document, detector, detect_document(document, detector), fallback)
    if guess.code != UNDETERMINED:
        document.lang, document.lang_confidence = guess.code, guess.confidence
    else:
        document.lang, document.lang_confidence = fallback or "en", None


# A declared language is checked against the detector on this much of the text (~0.3 ms
# with py3langid, against ~2-3 ms for the full document sample).
DECLARED_CHECK_CHARS = 600
# The detector must be this sure of another, non-confusable language to overrule it.
DECLARED_OVERRULE_CONFIDENCE = 0.9


def declared_language(raw: str | None, config: Config) -> str | None:
    """The ISO 639-1 code of a language a file declares (PO `Language: pt_BR`, XLIFF
    `target-language="es-ES"`), or None when it names no language the detectors know
    (or one outside `--languages`)."""
    if not raw or not raw.strip():
        return None
    from transcheck.language import is_known_code, normalize_code

    code = normalize_code(raw.split("@", 1)[0].split(".", 1)[0])  # sr@latin, de_DE.UTF-8
    if not is_known_code(code):
        return None
    if config.languages and code not in {normalize_code(c) for c in config.languages}:
        return None
    return code


def take_declared_language(
    document: Document, code: str, detector, fallback: str | None
) -> str | None:
    """Use the declared language unless a short sample of the text clearly reads as another
    (a header copied from a template): then detect as for any file. Returns a note when the
    declaration was overruled."""
    from transcheck.language import UNDETERMINED as UND
    from transcheck.rules.language import confusable

    text, parts, size = document.analysis_text, [], 0
    for span in document.paragraphs:
        parts.append(text[span.start : span.end])
        size += span.end - span.start
        if size >= DECLARED_CHECK_CHARS:
            break
    guess = detector.detect("\n".join(parts))
    if (
        guess.code in (UND, code)
        or confusable(guess.code, code)
        or guess.confidence < DECLARED_OVERRULE_CONFIDENCE
    ):
        document.lang, document.lang_confidence = code, 1.0
        return None
    assign_language(document, detector, fallback)
    return (
        f"the file declares language {code!r} but its text reads as {guess.code} "
        f"(confidence {guess.confidence:.2f}); checked as {document.lang}"
    )


def selected_rules(config: Config) -> list[type[BaseRule]]:
    from transcheck.rules import all_rules

    try:
        rules = resolve_rules(all_rules(), config.select, config.ignore)
        for name in [*config.severity, *config.rules]:
            if name not in {r.name for r in all_rules()}:
                raise RuleError(f"unknown rule {name!r} in configuration (see `transcheck rules`)")
    except RuleError as exc:
        raise UsageError(str(exc)) from None
    return rules


def instantiate(rules: Sequence[type[BaseRule]], config: Config) -> list[BaseRule]:
    try:
        return [rule(config.rules.get(rule.name)) for rule in rules]
    except RuleError as exc:
        raise UsageError(str(exc)) from None


def load_glossary(config: Config):  # -> transcheck.glossary.Glossary | None
    if config.glossary is None:
        return None
    from transcheck.glossary import GlossaryError, load_glossary

    try:
        return load_glossary(config.glossary)
    except GlossaryError as exc:
        raise UsageError(str(exc)) from None


def check_paths(paths: Sequence[str], config: Config, options: RunOptions | None = None) -> Report:
    """Check every input; bad inputs become FileResults with an error, the rest go on."""
    options = options or RunOptions()
    checker = Checker(config, options)
    specs = checker.expand(paths)
    if options.jobs > 1 and len(specs) > 1:
        # The results arrive with the cyclic GC off (see _check_in_pool); frozen rather
        # than handed to it, so that it does not walk them all, generation by generation,
        # during the project checks. Unfrozen at the end (a caller's own frozen objects
        # are left as they were). The workers stay up through the project checks, which
        # may hand them the name summaries to complete (see _Pool.name_summaries).
        freeze = gc.get_freeze_count() == 0
        try:
            with _Pool(config, options) as pool:
                files = _check_in_pool(specs, options, checker, pool, freeze=freeze)
                report = Report(files=files)
                with _gc_paused():
                    checker.check_project(report, name_summaries=pool.name_summaries)
        finally:
            if freeze:
                gc.unfreeze()
        return report
    # What a file leaves behind stays to the end of the run: the cyclic GC would walk
    # it again and again (~10 % of a serial check of 100 catalogues). After each file,
    # its own cyclic garbage (a comparison's pairs and spans, ~700 objects) is collected
    # from the young generations, then what is left is frozen; unfrozen at the end.
    freeze = gc.get_freeze_count() == 0 and len(specs) > 1 and gc.isenabled()
    threshold = gc.get_threshold()
    if freeze:
        _raise_gc_threshold()
    results = []
    try:
        for done, spec in enumerate(specs, 1):
            results.append(_kept(checker.check_spec(spec), checker))
            if freeze:
                gc.collect(1)
                gc.freeze()
            if options.progress:
                options.progress(done, len(specs))
        report = Report(files=results)
        with _gc_paused():
            checker.check_project(report)
    finally:
        if freeze:
            gc.unfreeze()
            gc.set_threshold(*threshold)
    return report


# Allocations (of objects the cyclic GC tracks) between two young collections while files
# are checked, rather than Python's 700: each file's leftovers are collected once at its
# end (serial) or die with the result sent (a worker), so collecting them again and again
# while the file is checked only walks its live objects (~1 % of a catalogue's check).
# Still bounded: a huge file's cyclic garbage is collected as it grows.
GC_YOUNG_THRESHOLD = 5000


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic GC off meanwhile (then as it was): for a stretch that builds many
    objects that hold no cycles and live to its end (the project checks build a tuple or
    two per unit of every file), which the GC would walk again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _raise_gc_threshold() -> None:
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, GC_YOUNG_THRESHOLD), *older)


def _kept(
    result: FileResult, checker: Checker, *, derived: bool = True, all_names: bool = False
) -> FileResult:
    """What a run keeps of a checked file until its report is written (a run over many
    files holds them all): not the bytes as read, which only `--fix` needs, and the
    document's span lists packed; and what the cross-file name pass needs of it (in a
    `--jobs` worker, so that the parent merges rather than extracts; with `all_names`,
    every name, see below). Without `derived`, not the document's paragraphs and
    sentences either (rebuilt if read), but for the sentences of a file whose name
    summary may have to be completed."""
    result.raw = None
    document = result.document
    if document is not None:
        names = None
        if checker.cross_file_names:
            from transcheck.project import file_name_summary

            # A file with no name written mid-sentence gets no occurrences: the pass
            # completes its summary only if another file has such a name (most
            # catalogues' strings name nothing but at their start). Once one has,
            # `all_names` says so: they will be needed.
            names = result.names = file_name_summary(
                document, checker.config.lang, complete=all_names
            )
        if not derived:
            document.__dict__.pop("paragraphs", None)
            if names is None or names.occurrences is not None:
                document.__dict__.pop("sentences", None)
        document.compact()
    return result


_WORKER: Checker | None = None
# Shared by the parent and its workers (a one-byte flag in shared memory): set once a file
# of the run names someone mid-sentence. The cross-file name pass will then want every
# file's names, so the workers extract them all from then on, in parallel, rather than
# have the pool complete them afterwards (each document sent back).
_NAMES_SEEN: Any = None


def _start_worker(config: Config, options: RunOptions, names_seen: Any) -> None:
    global _WORKER, _NAMES_SEEN
    gc.enable()  # a forked worker inherits the parent's disabled GC (see _check_in_pool)
    _raise_gc_threshold()
    _WORKER = Checker(config, options)
    _NAMES_SEEN = names_seen
    gc.freeze()  # what the worker starts with lives as long as it: never scan it again


def _check_in_worker(spec: InputSpec) -> FileResult:
    assert _WORKER is not None
    options = _WORKER.options
    # The text and JSON reports read no paragraphs or sentences (the findings are written
    # here): they do not travel; the parent rebuilds them for a file the project checks
    # add a finding to (its suppression comments are looked for by paragraph).
    derived = options.report_format not in ("json", "text")
    all_names = bool(_NAMES_SEEN.value)
    result = _kept(_WORKER.check_spec(spec), _WORKER, derived=derived, all_names=all_names)
    if not all_names and _named_mid_sentence(result):
        _NAMES_SEEN.value = 1
    for rule in _WORKER.rules:
        if getattr(rule, "project", False):
            rule.prepare(result)  # what the project checks read, computed in parallel
    if options.report_format in (None, "json") and result.mt is not None:
        # The JSON report's MT table (the largest part of a catalogue's report) is written
        # here, in parallel, rather than by the parent after the pool (~2 ms a PO file).
        from transcheck.reporters.json import encode_mt

        encode_mt(result)
    if options.report_format in ("json", "text") and result.findings:
        # Each finding as the report writes it, here in parallel (see FileResult).
        _report_module(options.report_format).prerender(result)
    document = result.document
    if result.findings and document is not None and result.findings_text is None:
        # The report gives each finding's line and column: the line index is built here,
        # in parallel, and travels with the document (cheaper to unpickle than to build).
        document.line_starts  # noqa: B018
        if result.source is not None and any(f.source_span is not None for f in result.findings):
            result.source.line_starts  # noqa: B018
    if options.report_format is not None:
        _unread_dropped(result, options.report_format)
    return result


def _named_mid_sentence(result: FileResult) -> bool:
    """Whether the file's lazy name summary (see _kept) holds names: it names someone
    mid-sentence."""
    return result.names is not None and result.names.occurrences is not None


def _check_chunk_in_worker(specs: list[InputSpec]) -> list[FileResult]:
    return [_check_in_worker(spec) for spec in specs]


_Item = TypeVar("_Item")

# Files per chunk at most: a chunk of typical files is well under a second.
MAX_CHUNK = 16


def _chunks(specs: list[_Item], jobs: int) -> list[list[_Item]]:
    """The files (or other work items) in chunks for the workers, in input order. Chunks
    amortise the IPC (one message per chunk each way); they shrink towards the end (each
    an eighth of what is left per worker, guided scheduling), so that the workers finish
    together rather than one checking a last chunk of 16 alone."""
    chunks, start = [], 0
    while start < len(specs):
        size = max(1, min(MAX_CHUNK, (len(specs) - start) // (jobs * 8)))
        chunks.append(specs[start : start + size])
        start += size
    return chunks


def _report_module(report_format: str):  # -> the transcheck.reporters module
    import importlib

    return importlib.import_module(f"transcheck.reporters.{report_format}")


def _unread_dropped(result: FileResult, report_format: str) -> None:
    """Leave out of a worker's result what neither the parent's project checks nor the
    report it will write read (pickling a catalogue's Unit objects was half the cost of
    sending a result back). Library callers that give no report format get everything."""
    # The units: the project checks read their digest (`unit_texts`, computed above when
    # a project rule runs), the JSON report its MT table's text (`mt_json`, written above).
    result.units = []
    if report_format in ("json", "text"):
        # Once every finding is written, these reports read of the source its path and
        # language, of the draft its language (and the baseline its text): their text,
        # masked regions and blocks travel, not what is derived from them (paragraphs,
        # sentences, line index), rebuilt if ever read (for a finding the project checks
        # add; theirs have no source span).
        for document in (result.document, result.source):
            if document is not None:
                for name in _DERIVED:
                    document.__dict__.pop(name, None)


# A document's cached properties (`del document.<name>` recomputes them when next read).
# (The masked text and its content regions are left out of any pickle by the document.)
_DERIVED = ("paragraphs", "sentences", "line_starts")


class _Pool:
    """The worker processes of a `--jobs` run, started on first use: they check the
    files, then stay up through the project checks for the name summaries the cross-file
    pass may ask them to complete."""

    def __init__(self, config: Config, options: RunOptions) -> None:
        import multiprocessing

        self._config = config
        self._options = replace(options, progress=None)
        self._executor = None  # a concurrent.futures.ProcessPoolExecutor once started
        self.names_seen = multiprocessing.RawValue("b", 0)  # see _NAMES_SEEN

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._executor is not None:
            self._executor.shutdown()

    def map(self, function: Callable, chunks: Sequence) -> Iterator:
        if self._executor is None:
            from concurrent.futures import ProcessPoolExecutor

            self._executor = ProcessPoolExecutor(
                max_workers=self._options.jobs,
                initializer=_start_worker,
                initargs=(self._config, self._options, self.names_seen),
            )
        return self._executor.map(function, chunks)

    def name_summaries(self, documents: Sequence[Document], lang: str | None) -> list:
        """`project.complete_name_summaries`, the documents shared out among the workers
        (each sent back with its text and packed sentences; the summaries are most of
        the work)."""
        from transcheck.project import complete_name_summaries

        if self._executor is None or len(documents) < 2:
            return complete_name_summaries(documents, lang)
        chunks = _chunks([(document, lang) for document in documents], self._options.jobs)
        return [s for summaries in self.map(_name_summaries_in_worker, chunks) for s in summaries]


def _name_summaries_in_worker(items: list[tuple[Document, str | None]]) -> list:
    from transcheck.project import file_name_summary

    return [file_name_summary(document, lang, complete=True) for document, lang in items]


def _check_in_pool(
    specs: list[InputSpec],
    options: RunOptions,
    checker: Checker,
    pool: _Pool,
    *,
    freeze: bool = False,
) -> list[FileResult]:
    # One small file checked here first loads what every check loads lazily (numpy and the
    # language model, rule data, compiled patterns): forked workers then share it instead
    # of each loading it again (~0.4 s of CPU per worker).
    total = len(specs)
    first = _warm_up_index(specs)
    warm: FileResult | None = None
    if first is not None:
        warm = _kept(checker.check_spec(specs[first]), checker)
        if _named_mid_sentence(warm):
            pool.names_seen.value = 1
        specs = specs[:first] + specs[first + 1 :]
        if options.progress:
            options.progress(1, total)
    if options.report_format in ("json", "text"):
        # The report's module (the text one imports rich), which the workers write the
        # findings with and the parent will write the report with: imported once, here,
        # rather than by each worker on its first file.
        _report_module(options.report_format)
    chunks = _chunks(specs, options.jobs)
    results: list[FileResult] = []
    # Unpickling the results creates many objects the parent keeps: the cyclic GC would
    # walk all of them again and again; they hold no cycles.
    with _gc_paused():
        for checked in pool.map(_check_chunk_in_worker, chunks):
            for result in checked:
                results.append(result)
                if options.progress:
                    options.progress(total - len(specs) + len(results), total)
        if freeze:
            gc.freeze()
    if warm is not None:
        assert first is not None
        results.insert(first, warm)
    return results


# The warm-up file: one of the first few inputs, and small enough not to keep the workers
# waiting (a file of this size takes well under a second).
WARM_UP_MAX_BYTES = 256 * 1024


def _warm_up_index(specs: Sequence[InputSpec]) -> int | None:
    for i, spec in enumerate(specs[:8]):
        if spec.error or spec.path == STDIN:
            continue
        try:
            if os.path.getsize(spec.path) <= WARM_UP_MAX_BYTES:
                return i
        except OSError:
            continue
    return None


def fix_paths(
    paths: Sequence[str],
    config: Config,
    options: RunOptions | None = None,
    *,
    unsafe: bool = False,
    write: bool = True,
) -> Report:
    """Apply fixes (safe ones, or all with `unsafe`) and re-check. With `write`, files
    are replaced atomically; stdin's fixed text is left in `FileResult.fixed_text`."""
    checker = Checker(config, options or RunOptions())
    results = []
    for spec in checker.expand(paths):
        result = checker.check_spec(spec) if spec.error else checker.fix_path(spec.path, unsafe)
        if write and result.fix is not None and result.fix.changed and spec.path != STDIN:
            from transcheck.fix import FixError, write_atomic

            try:
                write_atomic(spec.path, result.fix.text, result.document.bom, result.raw)
            except FixError as exc:  # nothing was fixed: report the text as read, not as fixed
                raw = result.raw
                assert raw is not None
                result = checker.check_document(
                    FileResult(path=spec.path, raw=raw), checker.load(spec.path, raw)
                )
                result.error = str(exc).removeprefix(f"{spec.path}: ")
        results.append(result)
    return Report(files=results)


class Checker:
    """One run's rules, detector and glossary, applied to one file at a time."""

    def __init__(self, config: Config, options: RunOptions) -> None:
        self.config = config
        self.options = options
        self.rules = instantiate(selected_rules(config), config)
        self.detector = make_detector(config)
        self.glossary = load_glossary(config)
        # `name-variant` also runs across files (transcheck.project).
        self.cross_file_names = any(r.name == "name-variant" for r in self.rules)

    def expand(self, paths: Sequence[str]) -> list[InputSpec]:
        specs = expand_paths(paths, self.config.include or DEFAULT_INCLUDE, self.config.exclude)
        if self.options.source and len(specs) > 1:
            raise UsageError("--source needs exactly one draft file")
        return specs

    def check_spec(self, spec: InputSpec) -> FileResult:
        if spec.error:
            return FileResult(path=spec.path, error=spec.error)
        return self.check_path(spec.path)

    def read(self, path: str) -> tuple[FileResult, Loaded | None]:
        result = FileResult(path=path)
        try:
            data = read_bytes(path, self.max_size)
            loaded = self.load(path, data)
        except InputError as exc:
            result.error = exc.message if exc.path == path else str(exc)
            return result, None
        result.raw = data
        return result, loaded

    @property
    def max_size(self) -> int:
        return self.config.max_file_size or DEFAULT_MAX_FILE_SIZE

    def load(self, path: str, content: bytes | str, bom: bool = False) -> Loaded:
        """Read one input in its format: the draft view, and the source when the file is
        bilingual (PO, XLIFF, JSON paired with --source) or given with --source."""
        from transcheck.formats import read_path

        fmt = self.format_of(path)
        json_source = self.options.source if fmt == "json" else None
        read = read_path(path, content, fmt, source_path=json_source, fuzzy=self.config.fuzzy)
        if isinstance(content, str):
            read.document.bom = bom
        loaded = Loaded(read.document, None, read.units, fmt=fmt)
        loaded.lang = declared_language(read.lang, self.config)
        declared_source = None
        # A JSON file is bilingual only when paired with its source file (--source): alone it
        # is monolingual, so the source-aware rules must not compare it with empty strings.
        bilingual = read.source_document is not None or json_source is not None
        if bilingual and read.units and any(u.target.end > u.target.start for u in read.units):
            loaded.source = unit_source_document(path, read, json_source)
            declared_source = declared_language(read.source_lang, self.config)
        elif self.options.source:
            loaded.source = self.load_source()
        if loaded.source is not None:
            if self.config.source_lang:  # given: no need to detect it
                loaded.source.lang = self.config.source_lang
            elif declared_source:
                note = take_declared_language(loaded.source, declared_source, self.detector, None)
                if note:
                    loaded.notes.append(f"source: {note}")
            else:
                assign_language(loaded.source, self.detector, None)
        return loaded

    def format_of(self, path: str) -> str:
        from transcheck.formats import detect_format

        try:
            return detect_format(path, self.config.input_format)
        except ValueError as exc:
            raise UsageError(str(exc)) from None

    def load_source(self) -> Document | None:
        from transcheck.formats import read_path

        path = self.options.source
        assert path is not None
        data = read_bytes(path, self.max_size)
        return read_path(path, data, self.format_of(path), fuzzy=self.config.fuzzy).document

    def check_path(self, path: str) -> FileResult:
        result, loaded = self.read(path)
        if loaded is not None:
            self.check_document(result, loaded)
        return result

    def check_document(self, result: FileResult, loaded: Loaded) -> FileResult:
        document, source = loaded.document, loaded.source
        if loaded.lang:
            note = take_declared_language(document, loaded.lang, self.detector, self.config.lang)
            if note:
                loaded.notes.append(note)
        else:
            assign_language(document, self.detector, self.config.lang)
        result.notes.extend(loaded.notes)
        result.document, result.units = document, loaded.units
        context = RuleContext(
            document=document,
            lang=document.lang or "en",
            detector=self.detector,
            expected_lang=self.config.lang,
            glossary=self.glossary,
            # `--source-lang` without a source file still says which language a
            # passage left untranslated would be in.
            source_lang=self.config.source_lang,
            units=loaded.units or None,  # a catalogue's units; None for a plain document
        )
        if source is not None:
            result.source = source
            context.source, context.source_lang = source, source.lang
            context.comparison = build_comparison(
                source, document, self.config, self.options, result, loaded.unit_spans()
            )
            if self.options.mt_object(loaded, context.comparison):
                result.mt = context.comparison.to_dict(segments=self.options.mt_segments)
        result.findings = run_rules(self.rules, context, result, self.config.severity)
        if context.comparison is not None:
            # Its pairs point back at it (`PairInfo.owner`): read by now (`result.mt`
            # holds what the reports show), they are freed here rather than left to the
            # cyclic GC (~170 objects a catalogue).
            context.comparison.pairs = []
        if loaded.fmt is not None and any(f.fix for f in result.findings):
            # Fixes as they must be written in this format (escapes, attribute quotes),
            # for --fix and for the fixes the reports offer alike.
            from transcheck.formats.fix_edits import encode_fixes

            result.findings = encode_fixes(loaded.fmt, document, result.findings)
        return result

    def check_project(self, report: Report, name_summaries: Callable | None = None) -> None:
        """Checks across files: a name spelled differently from one file to the next, and
        the project rules over translation units (inconsistent or reused translations).
        `name_summaries`: how to complete the files' name summaries when the name pass
        needs them (`project.complete_name_summaries` by default)."""
        from transcheck.project import complete_name_summaries, cross_file_name_variants

        added: list[tuple[FileResult, Finding]] = []
        if self.cross_file_names:
            added += cross_file_name_variants(
                report,
                self.config.lang,
                self.glossary,
                name_summaries=name_summaries or complete_name_summaries,
            )
        shared: dict = {}  # what several project rules compute, once per run
        for rule in self.rules:
            if getattr(rule, "project", False):
                added += rule.check_project(report.files, shared)
        parsed: dict[int, Directives] = {}  # a file's directives, parsed once
        for result, finding in added:
            directives = parsed.get(id(result))
            if directives is None:
                document = result.document
                assert document is not None
                directives = parsed[id(result)] = parse_directives(
                    document.text, document.paragraphs, masked=document.masked
                )
            for kept in directives.filter([finding]):
                result.findings.append(_with_severity(kept, self.config.severity.get(kept.rule)))
        for result in {id(r): r for r, _ in added}.values():
            texts = result.findings_text
            if texts is None:
                result.findings.sort(key=_finding_order)
                continue
            # A worker's texts stay with their findings (the added ones have none).
            texts.extend([None] * (len(result.findings) - len(texts)))
            pairs = sorted(zip(result.findings, texts, strict=True), key=_pair_order)
            result.findings[:] = [finding for finding, _ in pairs]
            texts[:] = [text for _, text in pairs]

    def fix_path(self, path: str, unsafe: bool) -> FileResult:
        from transcheck.fix import fix_text
        from transcheck.formats.fix_edits import invalid_po_escapes

        result, loaded = self.read(path)
        if loaded is None:
            return result
        bom = loaded.document.bom
        fmt = loaded.fmt
        # The last text read and not yet checked (checking changes a Loaded: read it once).
        reads: dict[str, Loaded] = {loaded.document.text: loaded}

        def findings_of(text: str) -> list[Finding]:
            read = reads.pop(text) if text in reads else self.load(path, text, bom)
            return self.check_document(FileResult(path=path), read).findings

        bad_before = (
            invalid_po_escapes(loaded.document.text, [u.target for u in loaded.units])
            if fmt == "po"
            else []
        )

        def unreadable(text: str) -> str | None:
            try:
                read = self.load(path, text, bom)
                reads.clear()
                reads[text] = read
            except InputError as exc:
                return exc.message
            if fmt == "po":  # the reader reads any `\X`; msgfmt does not
                bad = invalid_po_escapes(text, [u.target for u in read.units])
                if len(bad) > len(bad_before):  # one the file had already is no fix's doing
                    return f"invalid escape sequence {bad[-1]}"
            return None

        try:
            outcome = fix_text(
                loaded.document.text, findings_of, unsafe=unsafe, unreadable=unreadable
            )
            self.check_document(result, self.load(path, outcome.text, bom))
        except InputError as exc:  # a fix made the file unreadable in its format: keep it
            result.error = f"fixes would break the file ({exc.message}); nothing was changed"
            return result
        result.fix = outcome
        if outcome.refused:
            count = len(outcome.refused)
            result.notes.append(
                f"{count} fix{'es' if count > 1 else ''} left out: "
                f"{'they' if count > 1 else 'it'} would break the file ({outcome.refused_reason})"
            )
        if not outcome.converged:
            result.notes.append(
                f"fixes did not converge after {outcome.passes} passes; nothing was changed"
            )
        return result


@dataclass
class Loaded:
    """One input as read: the draft view, its source view (if any) and its units."""

    document: Document
    source: Document | None = None
    units: list = field(default_factory=list)  # formats.Unit, for bilingual files
    lang: str | None = None  # the draft language the file declares, if a known one
    notes: list[str] = field(default_factory=list)  # about the languages it declares
    fmt: str | None = None  # the format it was read as

    def unit_spans(self) -> tuple[list[Span], list[Span]] | None:
        """(source, target) spans of the translated units, or None for free text."""
        if not self.units or self.source is None:
            return None
        sources: list[Span] = []
        targets: list[Span] = []
        for unit in self.units:
            target = unit.target
            if target.end > target.start:
                sources.append(unit.source)
                targets.append(target)
        return sources, targets


def unit_source_document(path: str, read, json_source: str | None) -> Document:
    """The source side of a bilingual file. PO/XLIFF: the file's own source view. JSON: a
    document of the paired source strings, one per unit, so spans line up unit by unit."""
    if read.source_document is not None:
        return read.source_document
    texts = [u.source_text or "" for u in read.units]
    offsets, position = [], 0
    for text in texts:
        offsets.append(Span(position, position + len(text)))
        position += len(text) + 2
    document = Document(path=json_source or path, text="\n\n".join(texts))
    document.blocks = tuple(offsets)
    read.units[:] = [replace(u, source=span) for u, span in zip(read.units, offsets, strict=True)]
    return document


def build_comparison(
    source: Document,
    draft: Document,
    config: Config,
    options: RunOptions,
    result: FileResult,
    unit_spans: tuple[list[Span], list[Span]] | None = None,
):
    from transcheck.compare import build_comparison as build
    from transcheck.mt import make_translator
    from transcheck.mt.base import MTError

    src, tgt = source.lang or "und", draft.lang or "und"
    translators = []
    if config.mt != "none":
        try:
            translators = make_translator(config.mt, src, tgt, config.cache_dir, options.use_cache)
        except MTError as exc:  # MTUnavailable included: the other rules still run
            result.notes.append(str(exc))
        if config.mt == "auto" and not translators:
            result.notes.append(
                f"no MT backend for {src}→{tgt}; MT comparison skipped "
                "(see `transcheck models list`)"
            )
    comparison = build(
        source, draft, src, tgt, translators, unit_spans=unit_spans, semantic=config.semantic
    )
    result.notes.extend(getattr(comparison, "notes", []))
    return comparison


def run_rules(
    rules: Sequence[BaseRule],
    context: RuleContext,
    result: FileResult,
    severity_overrides: Mapping[str, Severity],
) -> list[Finding]:
    document = context.document
    has_mt = bool(context.comparison is not None and getattr(context.comparison, "mt", None))
    findings: list[Finding] = []
    for rule in rules:
        if rule.needs_source and context.source is None:
            continue
        if rule.needs_mt and not has_mt:
            continue
        try:
            found = list(islice(rule.check(context), MAX_FINDINGS_PER_RULE + 1))
            if len(found) > MAX_FINDINGS_PER_RULE:
                found.pop()
                result.notes.append(
                    f"rule {rule.name}: more than {MAX_FINDINGS_PER_RULE:,} findings; "
                    "only the first are reported"
                )
            findings.extend(found)
        except Exception as exc:  # a rule bug must not lose the other findings
            log.exception("rule %s failed on %s", rule.name, document.path)
            result.notes.append(f"internal error in rule {rule.name}: {exc!r}")
    from transcheck.formats import drop_markup_artifacts

    findings = drop_markup_artifacts(document, findings)
    # Directives live in HTML comments: a file without one (most) has none to parse, and
    # its masked regions need not be unpacked to tell a directive from code.
    if "<!--" in document.text:
        from transcheck.rules import all_rules

        names = [r.name for r in all_rules()]
        # The masked regions tell a directive from a comment shown in Markdown code.
        directives = parse_directives(document.text, document.paragraphs, names, document.masked)
        for span, name in directives.unknown_rules:
            line, column = document.position(span.start)
            result.notes.append(f"{line}:{column}: unknown rule {name!r} in a suppression comment")
        findings = directives.filter(findings)
    if severity_overrides:
        findings = [_with_severity(f, severity_overrides.get(f.rule)) for f in findings]
    return sorted(findings, key=_finding_order)


def _finding_order(finding: Finding) -> tuple[int, int, str]:
    return (finding.span.start, finding.span.end, finding.rule)


def _pair_order(pair: tuple[Finding, str | None]) -> tuple[int, int, str]:
    return _finding_order(pair[0])


def _with_severity(finding: Finding, severity: Severity | None) -> Finding:
    if severity is None or severity == finding.severity:
        return finding
    return replace(finding, severity=severity)


def detect_paths(paths: Sequence[str], config: Config) -> list[DetectResult]:
    from transcheck.formats import detect_format, read_path
    from transcheck.language import detect_document, detect_paragraphs, main_language

    detector = make_detector(config)
    results = []
    for spec in expand_paths(paths, config.include or DEFAULT_INCLUDE, config.exclude):
        if spec.error:
            results.append(DetectResult(spec.path, error=spec.error))
            continue
        try:
            data = read_bytes(spec.path, config.max_file_size or DEFAULT_MAX_FILE_SIZE)
            document = read_path(
                spec.path, data, detect_format(spec.path, config.input_format)
            ).document
        except InputError as exc:
            results.append(DetectResult(spec.path, error=exc.message))
            continue
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        # As `check` decides it: a text mixing scripts takes the language of most letters.
        guess = main_language(document, detector, detect_document(document, detector), None)
        result = DetectResult(spec.path, guess.code, guess.confidence)
        for span, guess in detect_paragraphs(document, detector):
            words = document.text[span.start : span.end].split()
            preview = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
            result.paragraphs.append(
                ParagraphLanguage(
                    span, document.position(span.start)[0], guess.code, guess.confidence, preview
                )
            )
        results.append(result)
    return results


def config_start(paths: Sequence[str]) -> Path:
    first = next((p for p in paths if p != "-"), None)
    return Path(first) if first else Path.cwd()
