"""The language a PO file declares in its header (`Language:`, `X-Source-Language:`)."""

from __future__ import annotations

import pytest

from transcheck.api import RunOptions, check_paths, declared_language
from transcheck.config import Config

SPANISH = [
    ("Save the file before closing the window.", "Guarda el archivo antes de cerrar la ventana."),
    (
        "The folder could not be opened because it no longer exists.",
        "No se pudo abrir la carpeta porque ya no existe.",
    ),
    (
        "Your changes will be lost if you leave this page now.",
        "Tus cambios se perderán si sales de esta página ahora.",
    ),
    (
        "We could not connect to the server; please try again later.",
        "No hemos podido conectar con el servidor; inténtalo de nuevo más tarde.",
    ),
    (
        "The backup was restored and all your messages are back.",
        "La copia de seguridad se ha restaurado y todos tus mensajes han vuelto.",
    ),
    (
        "Choose the photos you want to share with your friends.",
        "Elige las fotos que quieres compartir con tus amigos.",
    ),
    (
        "This account has been locked after too many failed attempts.",
        "Esta cuenta se ha bloqueado después de demasiados intentos fallidos.",
    ),
    (
        "The invoice will be sent to the address you gave us.",
        "La factura se enviará a la dirección que nos diste.",
    ),
    (
        "Downloads are paused while the device is using mobile data.",
        "Las descargas se detienen mientras el dispositivo usa datos móviles.",
    ),
    (
        "Delete every note in this list? This cannot be undone.",
        "¿Borrar todas las notas de esta lista? No se puede deshacer.",
    ),
]


def write_po(tmp_path, header: list[str], pairs=SPANISH, name="messages.po"):
    lines = ['msgid ""', 'msgstr ""', *(f'"{h}\\n"' for h in header), ""]
    for msgid, msgstr in pairs:
        lines += [f'msgid "{msgid}"', f'msgstr "{msgstr}"', ""]
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def check(path: str, **config) -> object:
    report = check_paths([path], Config(mt="none", **config), RunOptions())
    (result,) = report.files
    assert result.error is None, result.error
    return result


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("es", "es"),
        ("pt_BR", "pt"),
        ("pt-BR", "pt"),
        ("sr@latin", "sr"),
        ("de_DE.UTF-8", "de"),
        (" ES ", "es"),
        ("", None),
        ("   ", None),
        (None, None),
        ("xx", None),  # not a language any detector knows
        ("Spanish", None),  # a name, not a code
        ("tlh", None),
    ],
)
def test_declared_language_codes(raw, code):
    assert declared_language(raw, Config()) == code


def test_declared_language_outside_languages_is_ignored():
    assert declared_language("es", Config(languages=("en", "fr"))) is None
    assert declared_language("es", Config(languages=("en", "es"))) == "es"


def test_header_language_is_taken_with_full_confidence(tmp_path):
    result = check(write_po(tmp_path, ["Language: es", "Content-Type: text/plain; charset=UTF-8"]))
    assert (result.document.lang, result.document.lang_confidence) == ("es", 1.0)
    assert not any("declares" in n for n in result.notes)


def test_header_region_is_reduced_to_the_language(tmp_path):
    result = check(write_po(tmp_path, ["Language: es_ES"]))
    assert (result.document.lang, result.document.lang_confidence) == ("es", 1.0)


def test_no_header_language_detects_as_before(tmp_path):
    result = check(write_po(tmp_path, ["Content-Type: text/plain; charset=UTF-8"]))
    assert result.document.lang == "es"
    assert result.document.lang_confidence is not None and result.document.lang_confidence < 1.0


@pytest.mark.parametrize("header", ["Language: ", "Language: xx", "Language: Spanish"])
def test_unknown_or_empty_header_language_detects(tmp_path, header):
    result = check(write_po(tmp_path, [header]))
    assert result.document.lang == "es"
    assert result.document.lang_confidence != 1.0


def test_wrong_header_language_is_overruled_with_a_note(tmp_path):
    # A header copied from a template: it says German, the text is plainly Spanish.
    result = check(write_po(tmp_path, ["Language: de"]))
    assert result.document.lang == "es"
    assert result.document.lang_confidence is not None and result.document.lang_confidence < 1.0
    (note,) = [n for n in result.notes if "declares" in n]
    assert "'de'" in note and "es" in note


def test_confusable_header_language_is_kept(tmp_path):
    # Galician and Spanish are easily confused on short samples: the header decides.
    result = check(write_po(tmp_path, ["Language: gl"]))
    assert (result.document.lang, result.document.lang_confidence) == ("gl", 1.0)


def test_header_language_of_an_untranslated_catalogue(tmp_path):
    pairs = [(msgid, "") for msgid, _ in SPANISH]
    result = check(write_po(tmp_path, ["Language: es"], pairs))
    assert (result.document.lang, result.document.lang_confidence) == ("es", 1.0)


def test_source_language_header(tmp_path):
    result = check(write_po(tmp_path, ["Language: es", "X-Source-Language: en"]))
    assert (result.source.lang, result.source.lang_confidence) == ("en", 1.0)


def test_source_lang_option_wins_over_the_header(tmp_path):
    result = check(
        write_po(tmp_path, ["Language: es", "X-Source-Language: en"]), source_lang="en-GB"
    )
    assert result.source.lang == "en-GB"


def test_header_language_gives_the_same_findings_as_detection(tmp_path):
    pairs = [*SPANISH, ("Only 3 files left.", "Quedan solo 4 archivos.")]
    declared = check(write_po(tmp_path, ["Language: es"], pairs, "a.po"))
    detected = check(write_po(tmp_path, [], pairs, "b.po"))
    assert [(f.rule, declared.document.slice(f.span)) for f in declared.findings] == [
        (f.rule, detected.document.slice(f.span)) for f in detected.findings
    ]
    assert declared.findings


# --- XLIFF declares its languages as attributes -------------------------------------------


def write_xliff(tmp_path, version: str, pairs=SPANISH, name="app.xlf", **langs) -> str:
    units = []
    for i, (source, target) in enumerate(pairs):
        if version == "1.2":
            units.append(
                f'<trans-unit id="u{i}"><source>{source}</source>'
                f"<target>{target}</target></trans-unit>"
            )
        else:
            units.append(
                f'<unit id="u{i}"><segment><source>{source}</source>'
                f"<target>{target}</target></segment></unit>"
            )
    body = "\n".join(units)
    if version == "1.2":
        files = langs.get("files") or [(langs.get("src"), langs.get("tgt"))]
        parts = []
        for src, tgt in files:
            attrs = "".join(
                f' {k}="{v}"' for k, v in (("source-language", src), ("target-language", tgt)) if v
            )
            parts.append(
                f'<file original="a"{attrs} datatype="plaintext"><body>\n{body}\n</body></file>'
            )
        text = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n' + "\n".join(parts) + "\n</xliff>\n"
        )
    else:
        attrs = "".join(
            f' {k}="{v}"'
            for k, v in (("srcLang", langs.get("src")), ("trgLang", langs.get("tgt")))
            if v
        )
        text = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" '
            f'xmlns="urn:oasis:names:tc:xliff:document:2.0"{attrs}>\n'
            f'<file id="f1">\n{body}\n</file>\n</xliff>\n'
        )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_xliff_declared_languages(tmp_path, version):
    result = check(write_xliff(tmp_path, version, src="en-US", tgt="es-ES"))
    assert (result.document.lang, result.document.lang_confidence) == ("es", 1.0)
    assert (result.source.lang, result.source.lang_confidence) == ("en", 1.0)


def test_xliff_files_that_disagree_declare_nothing(tmp_path):
    path = write_xliff(tmp_path, "1.2", files=[("en", "es"), ("en", "fr")])
    result = check(path)
    assert result.document.lang == "es" and result.document.lang_confidence != 1.0
    assert (result.source.lang, result.source.lang_confidence) == ("en", 1.0)


def test_xliff_wrong_target_language_is_overruled(tmp_path):
    result = check(write_xliff(tmp_path, "1.2", src="en", tgt="de"))
    assert result.document.lang == "es"
    assert any("declares language 'de'" in n for n in result.notes)


def test_wrong_source_language_is_overruled(tmp_path):
    result = check(write_xliff(tmp_path, "1.2", src="fi", tgt="es"))
    assert result.source.lang == "en"
    assert any(n.startswith("source: the file declares language 'fi'") for n in result.notes)
    assert (result.document.lang, result.document.lang_confidence) == ("es", 1.0)
