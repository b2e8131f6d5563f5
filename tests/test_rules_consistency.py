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


def plural_po(lang: str, *entries: tuple[str, str, tuple[str, ...]]) -> str:
    """A catalogue of plural entries: (msgid, msgid_plural, msgstr[0..n])."""
    out = f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n\n'
    for singular, plural, forms in entries:
        out += f'msgid "{singular}"\nmsgid_plural "{plural}"\n'
        out += "".join(f'msgstr[{i}] "{form}"\n' for i, form in enumerate(forms)) + "\n"
    return out


RU_FILES = ("%d файл удалён", "%d файла удалены", "%d файлов удалено")


def test_plural_forms_of_one_entry_are_not_inconsistent(tmp_path):
    # msgstr[1] and msgstr[2] share msgid_plural but are different word forms
    got = findings(
        tmp_path,
        {
            "ru.po": plural_po(
                "ru",
                ("1 file was deleted", "%d files were deleted", RU_FILES),
                ("Only 1 item left", "Only %d items left", ("a b", "a c", "a d")),
            ),
            "pl.po": plural_po("pl", ("1 file", "%d files", ("%d plik", "%d pliki", "%d plików"))),
        },
    )
    assert got == []


def test_plural_forms_compared_index_by_index_across_entries(tmp_path):
    entry = ("1 file was deleted", "%d files were deleted", RU_FILES)
    drifted = ("1 file was deleted", "%d files were deleted", (*RU_FILES[:2], "%d файлов стёрто"))
    got = findings(
        tmp_path,
        {
            "a.po": plural_po("ru", entry),
            "b.po": plural_po("ru", entry),
            "c.po": plural_po("ru", drifted),
        },
    )
    # msgstr[2] of c.po (line 9) differs from the msgstr[2] of the others
    assert got == [("c.po", 9, "inconsistent-translation")]


def test_one_word_for_both_plural_forms_is_not_a_reused_translation(tmp_path):
    # Turkish: the noun after a number stays singular, so msgstr[0] == msgstr[1]
    same = "%d dosya silindi"
    got = findings(
        tmp_path,
        {
            "tr.po": plural_po("tr", ("1 file was deleted", "%d files were deleted", (same, same)))
            + f'msgid "All your old files were removed"\nmsgstr "{same}"\n',
        },
    )
    # only the other entry with that translation is flagged
    assert got == [("tr.po", 11, "reused-translation")]
