"""`--jobs` on PO catalogues: the same report as a serial run, in the same order, with the
warm-up file checked in the parent and the project rules fed from the workers' results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transcheck.api import WARM_UP_MAX_BYTES, RunOptions, _warm_up_index, check_paths
from transcheck.config import Config
from transcheck.findings import Report
from transcheck.inputs import STDIN, InputSpec
from transcheck.reporters.json import report_to_dict

# Written for these tests: "Save" translated two ways across files (inconsistent-
# translation), a doubled word, a lost number, an untranslated string.
ENTRIES = [
    ("Save", "Guardar"),
    ("The file could not be opened.", "No se pudo abrir el el archivo."),
    ("Only 3 photos left.", "Quedan solo 4 fotos."),
    (
        "Share your notes with friends before the trip.",
        "Share your notes with friends before the trip.",
    ),
    ("Your backup was restored at {time}.", "Tu copia de seguridad se restauró a las {time}."),
]


def write_catalogues(tmp_path, count: int = 5) -> None:
    for i in range(count):
        lines = ['msgid ""', 'msgstr ""', '"Language: es\\n"', ""]
        for msgid, msgstr in ENTRIES:
            if msgid == "Save" and i == 3:
                msgstr = "Salvar"
            lines += [
                f"#: src/screen{i}.c:{len(lines)}",
                f'msgid "{msgid}"',
                f'msgstr "{msgstr}"',
                "",
            ]
        lines += [
            'msgid "One folder"',
            'msgid_plural "%d folders"',
            'msgstr[0] "Una carpeta"',
            'msgstr[1] "%d carpetas"',
            "",
        ]
        (tmp_path / f"m{i}.es.po").write_text("\n".join(lines), encoding="utf-8")


def as_json(report) -> dict:
    return json.loads(json.dumps(report_to_dict(report)))


def test_jobs_report_equals_serial_report(tmp_path):
    write_catalogues(tmp_path)
    (tmp_path / "a-broken.po").write_text('msgid "unterminated\n', encoding="utf-8")
    config = Config(mt="none")
    serial = check_paths([str(tmp_path)], config, RunOptions())
    parallel = check_paths([str(tmp_path)], config, RunOptions(jobs=2))
    assert as_json(serial) == as_json(parallel)
    rules = {f.rule for r in parallel.files for f in r.findings}
    assert {"inconsistent-translation", "repeated-word", "number-mismatch"} <= rules
    assert parallel.files[0].error  # the broken file, first in order, is not the warm-up
    # Documents that crossed from a worker still answer positions and their spans.
    document = parallel.files[2].document
    assert document.paragraphs and document.masked
    assert document.position(document.paragraphs[0].start)[0] > 1


def test_jobs_progress_counts_every_file_once(tmp_path):
    write_catalogues(tmp_path, 6)
    seen: list[tuple[int, int]] = []
    options = RunOptions(jobs=2, progress=lambda done, total: seen.append((done, total)))
    check_paths([str(tmp_path)], Config(mt="none"), options)
    assert seen == [(i, 6) for i in range(1, 7)]


@pytest.mark.parametrize("jobs", [2, 3])
def test_jobs_keep_input_order_across_chunks(tmp_path, jobs):
    # More files than chunks in flight: the report still lists them in input order.
    write_catalogues(tmp_path, 12)
    config = Config(mt="none")
    serial = check_paths([str(tmp_path)], config, RunOptions(report_format="json"))
    parallel = check_paths([str(tmp_path)], config, RunOptions(jobs=jobs, report_format="json"))
    assert [r.path for r in parallel.files] == [r.path for r in serial.files]
    assert as_json(parallel) == as_json(serial)


def test_warm_up_file_is_a_small_readable_one(tmp_path):
    small = tmp_path / "small.po"
    small.write_text("x")
    big = tmp_path / "big.po"
    big.write_bytes(b"#" * (WARM_UP_MAX_BYTES + 1))
    specs = [
        InputSpec(str(tmp_path / "gone.po"), error="no such file"),
        InputSpec(STDIN),
        InputSpec(str(tmp_path / "vanished.po")),
        InputSpec(str(big)),
        InputSpec(str(small)),
    ]
    assert _warm_up_index(specs) == 4
    assert _warm_up_index(specs[:4]) is None


class Echo:
    """An MT backend for tests: gives the source back (scores are then low, and real)."""

    name = "echo"

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        return "echo:1"

    def pairs(self) -> set[tuple[str, str]]:
        return {("en", "es")}

    def translate(self, texts, src: str, tgt: str) -> list[str]:
        return list(texts)


@pytest.fixture
def echo_mt(monkeypatch) -> Config:
    """A run with the echo backend (forked `--jobs` workers inherit the patch)."""
    import transcheck.mt

    monkeypatch.setattr(transcheck.mt, "make_translator", lambda *args, **kwargs: [Echo()])
    return Config(mt="auto")


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_reports_without_the_segment_table_find_the_same() -> None:
    """Text/SARIF/GitHub/JUnit reports skip the MT segment table (and its scores); the
    findings and the backends' scores are the same."""
    draft, source = str(SAMPLES / "draft.en.txt"), str(SAMPLES / "source.es.txt")
    config = Config(mt="none")
    full = check_paths([draft], config, RunOptions(source=source)).files[0]
    slim = check_paths([draft], config, RunOptions(source=source, report_format="sarif"))
    slim_file = slim.files[0]
    assert full.mt is not None and full.mt["segments"]
    assert slim_file.mt is not None and slim_file.mt["segments"] == []
    assert {k: v for k, v in slim_file.mt.items() if k != "segments"} == {
        k: v for k, v in full.mt.items() if k != "segments"
    }
    assert [(f.rule, f.span, f.message) for f in slim_file.findings] == [
        (f.rule, f.span, f.message) for f in full.findings
    ]


def test_catalogue_without_mt_has_no_mt_object() -> None:
    """A catalogue's units pair source and draft: with no MT backend the JSON "mt" is null
    (and is not built); HTML and library callers (everything) still get the table."""
    sample = str(SAMPLES / "l10n" / "messages.es.po")
    config = Config(mt="none")
    for fmt in ("json", "sarif", "text", "github", "junit"):
        result = check_paths([sample], config, RunOptions(report_format=fmt)).files[0]
        assert result.source is not None and result.mt is None, fmt
    for fmt in (None, "html"):
        result = check_paths([sample], config, RunOptions(report_format=fmt)).files[0]
        assert result.mt is not None and result.mt["segments"], fmt
        assert as_json(Report(files=[result]))["files"][0]["mt"] is None


def test_catalogue_with_a_backend_keeps_its_table(echo_mt) -> None:
    sample = str(SAMPLES / "l10n" / "messages.es.po")
    result = check_paths([sample], echo_mt, RunOptions(report_format="json")).files[0]
    mt = as_json(Report(files=[result]))["files"][0]["mt"]
    assert mt["backend"] == "echo:1" and mt["segments"] and mt["scores"]


def test_text_pair_without_mt_keeps_its_table() -> None:
    """Source and draft as free text: the alignment is information, the table stays."""
    draft, source = str(SAMPLES / "draft.en.txt"), str(SAMPLES / "source.es.txt")
    options = RunOptions(source=source, report_format="json")
    result = check_paths([draft], Config(mt="none"), options).files[0]
    mt = as_json(Report(files=[result]))["files"][0]["mt"]
    assert mt["backend"] is None and mt["segments"]


@pytest.mark.parametrize("backend", ["none", "echo"])
def test_jobs_json_report_is_the_serial_text(tmp_path, backend, request):
    """Workers write each file's MT table and unit texts; the JSON report is the same text."""
    import io

    from transcheck.reporters import OutputFormat, render

    write_catalogues(tmp_path, 6)
    config = request.getfixturevalue("echo_mt") if backend == "echo" else Config(mt="none")
    texts = []
    for options in (RunOptions(), RunOptions(jobs=2), RunOptions(jobs=2, report_format="json")):
        report = check_paths([str(tmp_path)], config, options)
        if options.jobs == 1:
            assert all(r.mt_json is None and r.unit_texts is None for r in report.files)
        else:
            from_workers = report.files[1:]
            assert all(r.unit_texts is not None for r in from_workers)
            assert all(r.mt_json is not None for r in from_workers) == (
                backend == "echo" or options.report_format is None
            )
        out = io.StringIO()
        render(report, OutputFormat.JSON, out)
        texts.append(out.getvalue())
    assert texts[0] == texts[1] == texts[2]
    mt = json.loads(texts[1])["files"][1]["mt"]
    assert (mt is None) if backend == "none" else bool(mt["segments"])


def test_every_report_format_is_the_serial_text_with_jobs(tmp_path, echo_mt):
    """Told the report format, workers prepare only what it reads (the JSON report's
    MT table text for JSON alone); every format's report is the serial one."""
    import io

    from transcheck.reporters import OutputFormat, render

    write_catalogues(tmp_path, 6)
    config = echo_mt
    for fmt in OutputFormat:
        texts = []
        for jobs in (1, 2):
            options = RunOptions(jobs=jobs, report_format=fmt.value)
            report = check_paths([str(tmp_path)], config, options)
            if jobs == 2:
                assert any(r.mt is not None for r in report.files)
                encoded = [r.mt_json is not None for r in report.files[1:]]
                assert all(encoded) if fmt is OutputFormat.JSON else not any(encoded)
                # JSON and text findings are written by the workers; the project checks'
                # findings (added by the parent) are not, and sit among them in order.
                written = [r.findings_text for r in report.files[1:]]
                if fmt in (OutputFormat.JSON, OutputFormat.TEXT):
                    assert all(w is not None for w in written)
                    assert any(None in w and any(w) for w in written)
                else:
                    assert all(w is None for w in written)
            out = io.StringIO()
            render(report, fmt, out)
            texts.append(out.getvalue())
        assert texts[0] == texts[1], fmt


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_with_a_baseline_report_what_serial_does(tmp_path, fmt):
    """A baseline drops findings after the workers wrote their texts: the texts of the
    findings kept stay with them."""
    from typer.testing import CliRunner

    from transcheck.cli import app

    folder = tmp_path / "po"
    folder.mkdir()
    write_catalogues(folder, 6)
    (folder / "m5.es.po").unlink()  # a baseline of five files, checked with a sixth
    runner = CliRunner()
    baseline = tmp_path / "baseline.json"
    made = runner.invoke(app, ["baseline", str(folder), "--output", str(baseline), "--isolated"])
    assert made.exit_code == 0, made.output
    write_catalogues(folder, 6)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"report-{jobs}.{fmt}"
        args = ["check", str(folder), "--baseline", str(baseline), "--mt", "none", "--isolated"]
        done = runner.invoke(app, [*args, "--jobs", jobs, "-f", fmt, "--output", str(out)])
        assert done.exit_code == 1, done.output
        assert "hidden by the baseline" in done.stderr
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    if fmt == "text":  # only the new file's findings remain
        assert "m5.es.po:" in outputs[0] and "m1.es.po:" not in outputs[0]


def test_serial_run_leaves_the_gc_as_it_found_it(tmp_path):
    """A serial run freezes each file's leftovers (after collecting its young cycles) and
    unfreezes them at the end; a caller's own frozen objects are left frozen."""
    import gc

    write_catalogues(tmp_path, 3)
    serial = check_paths([str(tmp_path)], Config(mt="none"), RunOptions())
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        again = check_paths([str(tmp_path)], Config(mt="none"), RunOptions())
        assert 0 < gc.get_freeze_count() <= frozen  # (frozen objects may die meanwhile)
    finally:
        gc.unfreeze()
    assert as_json(serial) == as_json(again)


def test_findings_written_for_one_format_are_not_used_by_another(tmp_path):
    import io

    from transcheck.reporters import OutputFormat, render

    write_catalogues(tmp_path, 4)
    config = Config(mt="none")
    serial = check_paths([str(tmp_path)], config, RunOptions())
    for written, shown in (("json", OutputFormat.TEXT), ("text", OutputFormat.JSON)):
        report = check_paths([str(tmp_path)], config, RunOptions(jobs=2, report_format=written))
        assert all(r.findings_format == written for r in report.files[1:] if r.findings)
        texts = []
        for each in (serial, report):
            out = io.StringIO()
            render(each, shown, out)
            texts.append(out.getvalue())
        assert texts[0] == texts[1]


def test_jobs_results_hold_what_the_named_report_reads(tmp_path):
    """Told its report format, a `--jobs` run leaves out of the workers' results what that
    report and the project checks do not read: the units (their digest `unit_texts`
    travels). Library callers that name no format get the units as a serial run does;
    the documents' spans and line index left out are rebuilt when read, equal to serial."""
    write_catalogues(tmp_path, 4)
    config = Config(mt="none")
    serial = check_paths([str(tmp_path)], config, RunOptions())
    everything = check_paths([str(tmp_path)], config, RunOptions(jobs=2))
    for fmt in ("json", "text", "sarif", "html"):
        named = check_paths([str(tmp_path)], config, RunOptions(jobs=2, report_format=fmt))
        files = zip(serial.files[1:], everything.files[1:], named.files[1:], strict=True)
        for plain, full, slim in files:
            assert plain.units and full.units == plain.units
            assert slim.units == [] and slim.unit_texts is not None, fmt
            assert slim.source is not None and plain.source is not None
            assert slim.source.path == plain.source.path and slim.source.text == plain.source.text
            assert slim.source.lang == plain.source.lang
            assert slim.source.paragraphs == plain.source.paragraphs
            assert slim.source.sentences == plain.source.sentences
            end = len(plain.source.text) - 1
            assert slim.source.position(end) == plain.source.position(end)
            # The draft's paragraphs and sentences (not sent for JSON and text) too.
            assert slim.document is not None and plain.document is not None
            assert slim.document.paragraphs == plain.document.paragraphs
            assert slim.document.sentences == plain.document.sentences


def test_chunks_keep_order_and_shrink_towards_the_end():
    from transcheck.api import MAX_CHUNK, _chunks

    for count in (0, 1, 7, 40, 999):
        specs = [InputSpec(f"f{i}.po") for i in range(count)]
        chunks = _chunks(specs, 2)
        assert [s for chunk in chunks for s in chunk] == specs
        sizes = [len(chunk) for chunk in chunks]
        assert all(1 <= n <= MAX_CHUNK for n in sizes)
        assert sizes == sorted(sizes, reverse=True)  # the last ones are the smallest
    assert max(len(c) for c in _chunks([InputSpec("f.po")] * 999, 2)) == MAX_CHUNK


def test_jobs_workers_leave_out_names_no_file_needs(tmp_path):
    # As in a serial run, a file with no name written mid-sentence sends no occurrences,
    # and none of these catalogues names anyone mid-sentence: nobody completes them.
    write_catalogues(tmp_path, 6)
    report = check_paths(
        [str(tmp_path)], Config(mt="none"), RunOptions(jobs=2, report_format="json")
    )
    summaries = [r.names for r in report.files if r.document is not None]
    assert len(summaries) == 6 and all(s is not None for s in summaries)
    assert all(s.occurrences is None for s in summaries)


# Written for these tests: one file writes a name mid-sentence, the others spell it
# another way, each at the start of a string only (their summaries leave it out).
NAMED = [
    ("Ryabkov will call you tomorrow.", "Ryabkov te llamará mañana."),
    ("Ryabkov sent the report.", "Ryabkov envió el informe."),
    ("Ryabkov is away this week.", "Ryabkov está fuera esta semana."),
]
NAMED_MID_SENTENCE = ("Ask Riabkov for the keys.", "Pregunta a Riabkov por las llaves.")


def write_named(tmp_path, mid_sentence_first: bool) -> None:
    entries = [NAMED_MID_SENTENCE, *NAMED] if mid_sentence_first else [*NAMED, NAMED_MID_SENTENCE]
    for i, (msgid, msgstr) in enumerate(entries):
        lines = ['msgid ""', 'msgstr ""', '"Language: es\\n"', ""]
        lines += [f'msgid "{msgid}"', f'msgstr "{msgstr}"', "", 'msgid "Save"', 'msgstr "Guardar"']
        (tmp_path / f"{i}.po").write_text("\n".join(lines) + "\n", encoding="utf-8")


def serial_then_pooled(tmp_path, monkeypatch, forbidden: tuple[str, ...]) -> None:
    """The serial report, then the `--jobs 2` one with `forbidden` (dotted names of
    functions) failing if called, in the parent or in a worker forked after the patch."""
    serial = check_paths([str(tmp_path)], Config(mt="none"), RunOptions(report_format="json"))
    for name in forbidden:
        monkeypatch.setattr(name, lambda *args, called=name: pytest.fail(f"{called} called"))
    pooled = check_paths(
        [str(tmp_path)], Config(mt="none"), RunOptions(jobs=2, report_format="json")
    )
    assert report_to_dict(pooled) == report_to_dict(serial)
    found = [f for r in pooled.files for f in r.findings if f.rule == "name-variant"]
    assert [f.message.split(" (")[0] for f in found] == ["“Riabkov”"]
    assert all(r.names is not None and r.names.occurrences is not None for r in pooled.files)


def test_jobs_workers_complete_the_summaries_the_name_pass_needs(tmp_path, monkeypatch):
    # The name mid-sentence comes last: the files before it sent no names, and the
    # workers complete them, not the parent.
    write_named(tmp_path, mid_sentence_first=False)
    serial_then_pooled(tmp_path, monkeypatch, ("transcheck.project.complete_name_summaries",))


def test_jobs_workers_send_every_name_once_one_is_written_mid_sentence(tmp_path, monkeypatch):
    # The warm-up file names someone mid-sentence: from then on every file's names are
    # extracted where it is checked, and no summary is left to complete.
    write_named(tmp_path, mid_sentence_first=True)
    forbidden = (
        "transcheck.project.complete_name_summaries",
        "transcheck.api._name_summaries_in_worker",
    )
    serial_then_pooled(tmp_path, monkeypatch, forbidden)
