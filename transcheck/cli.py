"""The command line: parse, call `transcheck.api`, render, choose the exit code.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/input/backend error.
Only reports go to stdout; errors and notes go to stderr.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO

import typer

from transcheck.config import Config, ConfigError, resolve_config
from transcheck.findings import Report, Severity
from transcheck.reporters import OutputFormat


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class MTChoice(StrEnum):
    AUTO = "auto"
    ARGOS = "argos"
    APERTIUM = "apertium"
    NONE = "none"


class SemanticChoice(StrEnum):
    OFF = "off"
    ON = "on"
    AUTO = "auto"


class FuzzyChoice(StrEnum):
    CHECK = "check"
    SKIP = "skip"


class DetectorChoice(StrEnum):
    PY3LANGID = "py3langid"
    LANGDETECT = "langdetect"


app = typer.Typer(
    name="transcheck",
    help="Find translation artifacts in translated text.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from transcheck import __version__

        typer.echo(f"transcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Find translation artifacts: name variants, misplaced quotes, untranslated
    passages, lost numbers, with offline machine translation as a second opinion."""


def fail(message: str) -> NoReturn:
    typer.echo(f"transcheck: error: {message}", err=True)
    raise typer.Exit(ExitCode.ERROR)


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    """Accept repeated options and comma-separated lists alike."""
    if not values:
        return None
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def reported_overrides(
    *,
    lang: str | None,
    source_lang: str | None,
    select: list[str] | None,
    ignore: list[str] | None,
    glossary: Path | None,
    detector: DetectorChoice | None,
    languages: list[str] | None,
    include: list[str] | None,
    exclude: list[str] | None,
    mt: MTChoice | None,
    semantic: SemanticChoice | None,
    max_file_size: int | None,
    input_format: str | None,
    fuzzy: FuzzyChoice | None,
) -> dict[str, Any]:
    """The command-line options that decide which findings a run reports, as config
    overrides: `check` and `baseline` take them alike, so that a baseline records
    exactly what `check` with the same options reports."""
    return {
        "lang": lang.lower() if lang else None,
        "source_lang": source_lang.lower() if source_lang else None,
        "select": _split(select),
        "ignore": _split(ignore),
        "glossary": glossary,
        "detector": detector.value if detector else None,
        "languages": _split(languages),
        "include": _split(include),
        "exclude": _split(exclude),
        "mt": mt.value if mt else None,
        "semantic": semantic.value if semantic else None,
        "max_file_size": max_file_size,
        "input_format": input_format,
        "fuzzy": fuzzy.value if fuzzy else None,
    }


def load_config(paths: list[str], config_file: Path | None, isolated: bool) -> Config:
    from transcheck.api import config_start

    if isolated and config_file is not None:  # as ruff: one says use X, the other use none
        fail("--config and --isolated cannot be used together")
    try:
        return resolve_config(config_start(paths), config_file, isolated)
    except ConfigError as exc:
        fail(str(exc))


def check_run_config(config: Config) -> None:
    """Usage errors a run (check, compare, baseline) would otherwise meet mid-way: a
    language code no detector knows (it would become a bogus wrong-language finding), a
    bad TRANSCHECK_SEMANTIC."""
    from transcheck.language import is_known_code, normalize_code

    for option, code in (("--lang", config.lang), ("--source-lang", config.source_lang)):
        if code and not is_known_code(normalize_code(code)):
            fail(
                f"unknown language code {code!r} for {option} (or the config's"
                f" {option[2:]!r}): use an ISO 639-1 code such as en, es, fr"
            )
    check_semantic_env(config)


def check_semantic_env(config: Config) -> None:
    """A bad TRANSCHECK_SEMANTIC is a usage error now, not a traceback mid-run. It counts
    only when neither --semantic nor the config's `semantic` key says otherwise."""
    if config.semantic is not None:
        return
    from transcheck.semantic import mode_from_env

    try:
        mode_from_env()
    except ValueError as exc:
        fail(str(exc))


@contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8", newline="\n")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    with handle:
        yield handle


@contextmanager
def progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for long runs, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(file=sys.stderr)) as bar:
        task = bar.add_task("checking", total=None)

        def update(done: int, total: int) -> None:
            if total >= 20:  # a few files finish before a bar is worth drawing
                bar.update(task, completed=done, total=total)

        yield update


def report_problems(report: Report) -> None:
    for result in report.files:
        if result.error:
            typer.echo(f"transcheck: error: {result.path}: {result.error}", err=True)
        for note in result.notes:
            typer.echo(f"transcheck: note: {result.path}: {note}", err=True)


def exit_code(report: Report, fail_on: Severity, exit_zero: bool = False) -> ExitCode:
    if report.errors:
        return ExitCode.ERROR
    worst = report.max_severity()
    if worst is not None and worst >= fail_on and not exit_zero:
        return ExitCode.FINDINGS
    return ExitCode.OK


PathsArg = Annotated[
    list[str], typer.Argument(help="Files, directories, globs, or - for standard input.")
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="Use this config file instead of discovery.")
]
IsolatedOpt = Annotated[bool, typer.Option("--isolated", help="Ignore every config file.")]
DetectorOpt = Annotated[
    DetectorChoice | None,
    typer.Option("--detector", help="Language detector [default: py3langid]."),
]
CacheDirOpt = Annotated[
    Path | None,
    typer.Option("--cache-dir", envvar="TRANSCHECK_CACHE_DIR", help="Translation cache folder."),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not use the translation cache.")]
MTOpt = Annotated[
    MTChoice | None,
    typer.Option("--mt", help="MT backend for source comparison [default: auto]."),
]
SemanticOpt = Annotated[
    SemanticChoice | None,
    typer.Option(
        "--semantic",
        help="Cross-lingual similarity in the MT comparison: needs transcheck[semantic] "
        "(docs/semantic.md) [default: off, or TRANSCHECK_SEMANTIC].",
    ),
]
LanguagesOpt = Annotated[
    list[str] | None,
    typer.Option("--languages", help="Restrict detection to these languages (e.g. en,es,fr)."),
]
# Options that decide what `check` reports, shared with `baseline` (which must record it).
SourceLangOpt = Annotated[
    str | None, typer.Option("--source-lang", help="Language of the source (ISO 639-1).")
]
IncludeOpt = Annotated[
    list[str] | None, typer.Option("--include", help="File patterns to take from directories.")
]
ExcludeOpt = Annotated[
    list[str] | None, typer.Option("--exclude", help="File or folder patterns to skip.")
]
MaxFileSizeOpt = Annotated[
    int | None,
    typer.Option("--max-file-size", min=1, help="Refuse inputs larger than this (bytes)."),
]
InputFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--input-format",
        help="Read inputs as text, markdown, html, po, xliff, json or srt [default: by extension].",
    ),
]
FuzzyOpt = Annotated[
    FuzzyChoice | None,
    typer.Option("--fuzzy", help="Fuzzy PO entries: check them or skip them [default: check]."),
]


@app.command()
def check(
    paths: PathsArg,
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="The source text the draft translates.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Expected language of the draft (ISO 639-1).")
    ] = None,
    source_lang: SourceLangOpt = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Run only these rules (or ALL).")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Skip these rules.")] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Lowest severity that fails the run [default: warning]."),
    ] = None,
    output_format: FormatOpt = OutputFormat.TEXT,
    output: OutputOpt = None,
    glossary: Annotated[
        Path | None, typer.Option("--glossary", help="Glossary file (TSV or TOML).")
    ] = None,
    detector: DetectorOpt = None,
    languages: LanguagesOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    mt: MTOpt = None,
    semantic: SemanticOpt = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    max_file_size: MaxFileSizeOpt = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when findings are reported.")
    ] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes to the files.")] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the fixes as a unified diff; write nothing.")
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Report only findings not recorded in this baseline."),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Worker processes (0: one per CPU).", min=0)
    ] = 1,
    input_format: InputFormatOpt = None,
    fuzzy: FuzzyOpt = None,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Check translated text for artifacts (and against its source with --source)."""
    from transcheck.api import RunOptions, UsageError, check_paths, fix_paths

    config = load_config(paths, config_file, isolated).with_overrides(
        **reported_overrides(
            lang=lang,
            source_lang=source_lang,
            select=select,
            ignore=ignore,
            glossary=glossary,
            detector=detector,
            languages=languages,
            include=include,
            exclude=exclude,
            mt=mt,
            semantic=semantic,
            max_file_size=max_file_size,
            input_format=input_format,
            fuzzy=fuzzy,
        ),
        fail_on=Severity.parse(fail_on.value) if fail_on else None,
        cache_dir=cache_dir,
        baseline=baseline,
    )
    check_run_config(config)
    run_options = RunOptions(
        source=source,
        use_cache=not no_cache,
        jobs=jobs or os.cpu_count() or 1,
        report_format=output_format.value,
    )
    try:
        if fix or diff:
            report = fix_paths(paths, config, run_options, unsafe=unsafe_fixes, write=not diff)
        else:
            with progress_bar() as progress:
                run_options.progress = progress
                report = check_paths(paths, config, run_options)
    except UsageError as exc:
        fail(str(exc))
    if config.baseline is not None:
        apply_baseline_file(report, config.baseline)
    report_problems(report)
    if diff:
        raise typer.Exit(print_diffs(report))
    fixed_stdin = fix and any(r.path == "-" for r in report.files)
    with output_stream(output) as out:
        from transcheck.reporters import render

        # With `--fix` on stdin, stdout carries the fixed text; the report goes to stderr.
        stream = sys.stderr if fixed_stdin and output is None else out
        render(report, output_format, stream, fail_on=config.fail_on)
    if fixed_stdin:
        for result in report.files:
            if result.path == "-" and result.document is not None:
                sys.stdout.write(result.document.text)
    raise typer.Exit(exit_code(report, config.fail_on, exit_zero))


def apply_baseline_file(report: Report, path: Path) -> None:
    from transcheck.baseline import BaselineError, apply_baseline, load_baseline

    try:
        dropped = apply_baseline(report, load_baseline(path), path.parent)
    except BaselineError as exc:
        fail(str(exc))
    if dropped:
        typer.echo(f"transcheck: {dropped} finding(s) hidden by the baseline {path}", err=True)


@app.command("baseline")
def make_baseline(
    paths: PathsArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the baseline.")
    ] = Path(".transcheck-baseline.json"),
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="The source text the draft translates.")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Expected language.")] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="Rules to run.")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Rules to skip.")] = None,
    glossary: Annotated[Path | None, typer.Option("--glossary", help="Glossary file.")] = None,
    mt: MTOpt = None,
    semantic: SemanticOpt = None,
    source_lang: SourceLangOpt = None,
    detector: DetectorOpt = None,
    languages: LanguagesOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    max_file_size: MaxFileSizeOpt = None,
    input_format: InputFormatOpt = None,
    fuzzy: FuzzyOpt = None,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Record the current findings so that `check --baseline FILE` reports only new ones."""
    from transcheck.api import RunOptions, UsageError, check_paths
    from transcheck.baseline import BaselineError, write_baseline

    config = load_config(paths, config_file, isolated).with_overrides(
        **reported_overrides(
            lang=lang,
            source_lang=source_lang,
            select=select,
            ignore=ignore,
            glossary=glossary,
            detector=detector,
            languages=languages,
            include=include,
            exclude=exclude,
            mt=mt,
            semantic=semantic,
            max_file_size=max_file_size,
            input_format=input_format,
            fuzzy=fuzzy,
        )
    )
    check_run_config(config)
    try:
        report = check_paths(paths, config, RunOptions(source=source))
    except UsageError as exc:
        fail(str(exc))
    report_problems(report)
    if report.errors:
        fail("some inputs could not be checked; baseline not written")
    try:
        count = write_baseline(report, output)
    except BaselineError as exc:
        fail(str(exc))
    typer.echo(f"Recorded {count} finding(s) in {output}.")


def print_diffs(report: Report) -> ExitCode:
    """`--diff`: unified diffs on stdout, a summary on stderr; exit 1 if anything would change."""
    from transcheck.fix import unified_diff

    changed = 0
    for result in report.files:
        outcome = result.fix
        if outcome is not None and outcome.changed:
            changed += 1
            bom = result.document is not None and result.document.bom
            sys.stdout.write(unified_diff(result.path, outcome.original, outcome.text, bom))
    fixes = sum(len(r.fix.applied) for r in report.files if r.fix and r.fix.changed)
    typer.echo(f"{fixes} fix(es) would change {changed} file(s); nothing was written.", err=True)
    if report.errors:
        return ExitCode.ERROR
    return ExitCode.FINDINGS if changed else ExitCode.OK


@app.command()
def detect(
    paths: PathsArg,
    output_format: FormatOpt = OutputFormat.TEXT,
    detector: DetectorOpt = None,
    languages: LanguagesOpt = None,
    output: OutputOpt = None,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Detect the language of each document and of each paragraph."""
    from transcheck.api import UsageError, detect_paths
    from transcheck.reporters.detect import render_detect

    config = load_config(paths, config_file, isolated).with_overrides(
        detector=detector.value if detector else None, languages=_split(languages)
    )
    try:
        results = detect_paths(paths, config)
    except UsageError as exc:
        fail(str(exc))
    for result in results:
        if result.error:
            typer.echo(f"transcheck: error: {result.path}: {result.error}", err=True)
    with output_stream(output) as out:
        render_detect(results, output_format, out)
    raise typer.Exit(ExitCode.ERROR if any(r.error for r in results) else ExitCode.OK)


@app.command("rules")
def list_rules(output_format: FormatOpt = OutputFormat.TEXT) -> None:
    """List every rule: name, default severity, what it flags, what it needs."""
    from transcheck.reporters.catalogue import render_rules
    from transcheck.rules import all_rules

    render_rules(all_rules(), output_format, sys.stdout)


@app.command("rule")
def show_rule(name: Annotated[str, typer.Argument(help="A rule name, e.g. name-variant.")]) -> None:
    """Show a rule's full documentation with an example."""
    from transcheck.reporters.catalogue import render_rule_doc
    from transcheck.rules import all_rules, rule_by_name

    rule = rule_by_name(name)
    if rule is None:
        known = ", ".join(r.name for r in all_rules())
        fail(f"unknown rule {name!r} (known rules: {known})")
    render_rule_doc(rule, sys.stdout)


@app.command()
def compare(
    source: Annotated[str, typer.Argument(help="The source text.")],
    draft: Annotated[str, typer.Argument(help="The translated draft.")],
    source_lang: SourceLangOpt = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the draft (ISO 639-1).")
    ] = None,
    mt: MTOpt = None,
    semantic: SemanticOpt = None,
    output_format: FormatOpt = OutputFormat.TEXT,
    output: OutputOpt = None,
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Lowest severity that fails the run.")
    ] = None,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    config_file: ConfigOpt = None,
    isolated: IsolatedOpt = False,
) -> None:
    """Compare a draft with offline MT of its source: chrF/BLEU/TER, aligned sentences, findings."""
    from transcheck.api import RunOptions, UsageError, check_paths

    config = load_config([draft], config_file, isolated).with_overrides(
        lang=lang.lower() if lang else None,
        source_lang=source_lang.lower() if source_lang else None,
        mt=mt.value if mt else None,
        semantic=semantic.value if semantic else None,
        cache_dir=cache_dir,
        fail_on=Severity.parse(fail_on.value) if fail_on else None,
    )
    check_run_config(config)
    try:
        report = check_paths([draft], config, RunOptions(source=source, use_cache=not no_cache))
    except UsageError as exc:
        fail(str(exc))
    report_problems(report)
    with output_stream(output) as out:
        if output_format == OutputFormat.TEXT:
            from transcheck.reporters.compare import render as render_compare

            render_compare(report, out)
        else:
            from transcheck.reporters import render

            render(report, output_format, out, fail_on=config.fail_on)
    raise typer.Exit(exit_code(report, config.fail_on))


models_app = typer.Typer(
    help="Manage offline MT models (argos packages, Apertium modes).", no_args_is_help=True
)
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list(output_format: FormatOpt = OutputFormat.TEXT) -> None:
    """List installed argos models and Apertium modes."""
    from transcheck.mt.base import MTError
    from transcheck.mt.models import list_models

    try:
        models = list_models()
    except MTError as exc:
        fail(str(exc))
    if output_format == OutputFormat.JSON:
        import json

        typer.echo(json.dumps({"version": 1, "models": models}, ensure_ascii=False, indent=2))
        return
    if not models:
        typer.echo(
            "No MT models installed. Install argos models with `transcheck models install "
            "FROM TO`, or Apertium pairs with apt (e.g. apertium-eng-spa)."
        )
        return
    for model in models:
        detail = model.get("package") or model.get("mode") or ""
        typer.echo(f"{model['backend']:<9} {model['from']}→{model['to']}  {detail}")


@models_app.command("install")
def models_install(
    from_code: Annotated[str | None, typer.Argument(help="Source language code.")] = None,
    to_code: Annotated[str | None, typer.Argument(help="Target language code.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="Install a local .argosmodel file.")
    ] = None,
) -> None:
    """Install an argos model: from the argos package index (downloads) or from a file."""
    from transcheck.mt.base import MTError
    from transcheck.mt.models import install_file, install_pair

    if (file is None) == (from_code is None or to_code is None):
        fail("give either FROM TO (download from the argos index) or --file X.argosmodel")
    try:
        if file is not None:
            summary = install_file(file)
        else:
            typer.echo(f"Downloading the argos model {from_code}→{to_code} …", err=True)
            summary = install_pair(from_code.lower(), to_code.lower())
    except MTError as exc:
        fail(str(exc))
    typer.echo(f"installed {summary}")


@models_app.command("remove")
def models_remove(
    from_code: Annotated[str, typer.Argument(help="Source language code.")],
    to_code: Annotated[str, typer.Argument(help="Target language code.")],
) -> None:
    """Remove an installed argos model."""
    from transcheck.mt.base import MTError
    from transcheck.mt.models import remove

    try:
        typer.echo(remove(from_code.lower(), to_code.lower()))
    except MTError as exc:
        fail(str(exc))


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="transcheck: %(levelname)s: %(message)s")
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("transcheck: interrupted", err=True)
        sys.exit(130)
    finally:
        # The process exits next: the interpreter's last cyclic collection would walk every
        # object still alive, a run's results included (~0.5 M instructions a 100-unit
        # catalogue, serial after a `--jobs` pool). Frozen, they are left to the exit.
        # Here only, in the console entry point: not for in-process callers of `app`.
        gc.freeze()
