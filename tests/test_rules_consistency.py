"""Project rules over translation units: inconsistent and reused translations."""

import json

from typer.testing import CliRunner

from transcheck.cli import app

runner = CliRunner()
HEADER = 'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'


def po(*entries: tuple[str, str], context: str | None = None) -> str:
    ctx = f'msgctxt "{context}"\n' if context else ""
    return HEADER + "".join(f'{ctx}msgid "{s}"\nmsgstr "{t}"\n\n' for s, t in entries)


def findings(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = runner.invoke(
        app,
        [
            "check",
            str(tmp_path),
            "--isolated",
            "--mt",
            "none",
            "-f",
            "json",
            "--select",
            "inconsistent-translation,reused-translation",
        ],
    )
    assert result.exit_code in (0, 1), result.output
    return sorted(
        (file["path"].rsplit("/", 1)[-1], f["line"], f["rule"])
        for file in json.loads(result.stdout)["files"]
        for f in file["findings"]
    )


def test_same_source_translated_differently_across_files(tmp_path):
    got = findings(
        tmp_path,
        {
            "a.po": po(("Save the route", "Guardar la ruta"), ("Open the map", "Abrir el mapa")),
            "b.po": po(("Save the route", "Salvar la ruta")),
            "c.po": po(("Save the route", "Guardar la ruta")),
        },
    )
    assert got == [("b.po", 6, "inconsistent-translation")]


def test_consistent_files_and_different_contexts_are_not_flagged(tmp_path):
    got = findings(
        tmp_path,
        {
            "a.po": po(("Open", "Abrir"), ("Save the route", "Guardar la ruta")),
            "b.po": po(("Save the route", "Guardar la ruta")),
            "c.po": po(("Save the route", "Grabar la ruta"), context="audio"),
        },
    )
    assert got == []


def test_one_translation_for_two_sources(tmp_path):
    got = findings(
        tmp_path,
        {
            "a.po": po(
                ("Delete the route", "Borrar la ruta"), ("Rename the route", "Borrar la ruta")
            ),
        },
    )
    assert got == [("a.po", 9, "reused-translation")]


def test_short_or_case_only_reuse_is_not_flagged(tmp_path):
    got = findings(
        tmp_path,
        {
            "a.po": po(
                ("Close", "Cerrar"),
                ("Exit", "Cerrar"),
                ("Save the route", "Guardar la ruta"),
                ("save the route", "Guardar la ruta"),
            ),
        },
    )
    assert got == []
