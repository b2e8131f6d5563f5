"""`--jobs` on PO catalogues: the same report as a serial run, in the same order, with the
warm-up file checked in the parent and the project rules fed from the workers' results."""

from __future__ import annotations

import json

from transcheck.api import WARM_UP_MAX_BYTES, RunOptions, _warm_up_index, check_paths
from transcheck.config import Config
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


def test_reports_without_the_segment_table_find_the_same(tmp_path) -> None:
    """Text/SARIF/GitHub/JUnit reports skip the MT segment table (and its scores); the
    findings and the backends' scores are the same."""
    from pathlib import Path

    sample = str(Path(__file__).resolve().parents[1] / "samples" / "l10n" / "messages.es.po")
    config = Config(mt="none")
    full = check_paths([sample], config, RunOptions()).files[0]
    slim = check_paths([sample], config, RunOptions(report_format="sarif")).files[0]
    assert full.mt is not None and full.mt["segments"]
    assert slim.mt is not None and slim.mt["segments"] == []
    assert {k: v for k, v in slim.mt.items() if k != "segments"} == {
        k: v for k, v in full.mt.items() if k != "segments"
    }
    assert [(f.rule, f.span, f.message) for f in slim.findings] == [
        (f.rule, f.span, f.message) for f in full.findings
    ]


def test_jobs_json_report_is_the_serial_text(tmp_path):
    """Workers write each file's MT table and unit texts; the JSON report is the same text."""
    import io

    from transcheck.reporters import OutputFormat, render

    write_catalogues(tmp_path, 6)
    config = Config(mt="none")
    serial = check_paths([str(tmp_path)], config, RunOptions())
    parallel = check_paths([str(tmp_path)], config, RunOptions(jobs=2))
    from_workers = [r for r in parallel.files if r.mt_json is not None]
    assert from_workers and all(r.unit_texts is not None for r in from_workers)
    assert all(r.mt_json is None and r.unit_texts is None for r in serial.files)
    texts = []
    for report in (serial, parallel):
        out = io.StringIO()
        render(report, OutputFormat.JSON, out)
        texts.append(out.getvalue())
    assert texts[0] == texts[1]
    assert json.loads(texts[1])["files"][1]["mt"]["segments"]


def test_every_report_format_is_the_serial_text_with_jobs(tmp_path):
    """Told the report format, workers prepare only what it reads (the JSON report's
    MT table text for JSON alone); every format's report is the serial one."""
    import io

    from transcheck.reporters import OutputFormat, render

    write_catalogues(tmp_path, 6)
    config = Config(mt="none")
    for fmt in OutputFormat:
        texts = []
        for jobs in (1, 2):
            options = RunOptions(jobs=jobs, report_format=fmt.value)
            report = check_paths([str(tmp_path)], config, options)
            if jobs == 2:
                assert any(r.mt is not None for r in report.files)
                encoded = [r.mt_json is not None for r in report.files[1:]]
                assert all(encoded) if fmt is OutputFormat.JSON else not any(encoded)
            out = io.StringIO()
            render(report, fmt, out)
            texts.append(out.getvalue())
        assert texts[0] == texts[1], fmt
