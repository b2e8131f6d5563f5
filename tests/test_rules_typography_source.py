"""Typography rules in bilingual files: a translation that mirrors its source's layout is
not flagged; one the translator introduced is, and plain documents are as before.

All texts are written for these tests.
"""

from __future__ import annotations

import json
import re
import time

import pytest

from transcheck.document import Document
from transcheck.formats import read_path
from transcheck.registry import BaseRule, RuleContext
from transcheck.rules.typography import (
    DoubleSpace,
    LowercaseSentenceStart,
    MissingSpaceAfterPunctuation,
    RepeatedWord,
    SpaceBeforePunctuation,
)
from transcheck.rules.typography_source import decoded

HEADER = 'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'


def _quoted(value: str | list[str]) -> str:
    """A PO string: one literal, or (a list) an empty first line and one per piece."""
    if isinstance(value, str):
        return f'"{value}"'
    return '""\n' + "\n".join(f'"{piece}"' for piece in value)


def po(*pairs: tuple[str | list[str], str | list[str]]) -> str:
    """A PO catalogue of (msgid, msgstr) pairs, written as in the file (escapes kept)."""
    entries = [f"msgid {_quoted(src)}\nmsgstr {_quoted(tgt)}\n" for src, tgt in pairs]
    return HEADER + "\n".join(entries)


def run_po(rule: type[BaseRule], text: str, lang: str = "es") -> list[str]:
    """What `rule` flags in the PO text: the flagged stretches of the file."""
    read = read_path("t.po", text, "po")
    ctx = RuleContext(document=read.document, lang=lang, units=read.units)
    return [read.document.slice(f.span) for f in rule().check(ctx)]


def gaps_po(text: str) -> list[str]:
    """The word after each run of spaces `double-space` flags in the PO text."""
    read = read_path("t.po", text, "po")
    ctx = RuleContext(document=read.document, lang="es", units=read.units)
    return [re.split(r'[\s"\\]', text[f.span.end :])[0] for f in DoubleSpace().check(ctx)]


def run_plain(rule: type[BaseRule], text: str, lang: str = "es") -> list[str]:
    doc = Document(path="t.txt", text=text, lang=lang)
    return [doc.slice(f.span) for f in rule().check(RuleContext(document=doc, lang=lang))]


# --- double-space ---------------------------------------------------------------------


def test_double_space_mirrored_from_the_source_columns_is_not_flagged() -> None:
    text = po(
        (
            "  -q, --quiet           print nothing at all\\n",
            "  -q, --quiet           no muestra nada en absoluto\\n",
        )
    )
    assert run_po(DoubleSpace, text) == []


def test_double_space_introduced_by_the_translator_is_flagged() -> None:
    text = po(("Save the open drawing", "Guarda el  dibujo abierto"))
    assert gaps_po(text) == ["dibujo"]


def test_double_space_source_run_after_a_colon_excuses_only_runs_after_marks() -> None:
    # The source spaces twice after its label only: the translation may do the same,
    # but a run between two words is the translator's.
    kept = po(("REASON:  %s\\n", "MOTIVO:  %s\\n"))
    slip = po(("REASON:  the disk is full\\n", "MOTIVO:  el disco  está lleno\\n"))
    assert run_po(DoubleSpace, kept) == []
    assert gaps_po(slip) == ["está"]


def test_double_space_indentation_after_an_escaped_line_break_is_no_source_run() -> None:
    # `\n  ` in the msgid is an indented next line, no run between words: the
    # translation's run between words is flagged, its indentation is not (nor in a PO
    # string without a source: the spaces after an escaped line break are an indentation).
    text = po(("Options:\\n  none yet", "Opciones:\\n  ninguna  todavía"))
    assert gaps_po(text) == ["todavía"]
    assert gaps_po(po(("Options:", "Opciones:\\n  ninguna"))) == []
    read = read_path("t.po", text, "po")
    found = DoubleSpace().check(RuleContext(document=read.document, lang="es"))
    assert [text[f.span.end :].split()[0] for f in found] == ['todavía"']


def test_double_space_after_the_term_of_an_indented_entry() -> None:
    # The source puts the description on its own line; the translation aligns it in a
    # column after the same term: the source's layout, kept.
    entry = po(
        (
            "  TIMEOUT\\n    seconds to wait for the reply\\n",
            "  TIMEOUT          segundos de espera de la respuesta\\n",
        ),
        ("  --log-dir=DIR\\n    where to write", "  --log-dir=DIR  dónde escribir"),
    )
    assert gaps_po(entry) == []
    # Not after the fourth word of a line, nor after another term than the source's
    # line starts with, nor when the source is not indented.
    late = po(
        (
            "  TIMEOUT\\n    seconds to wait for the reply\\n",
            "  TIMEOUT segundos de espera  de la respuesta\\n",
        )
    )
    assert gaps_po(late) == ["de"]
    other = po(("  Remote host: %s", "  Servidor  remoto: %s"))
    assert gaps_po(other) == ["remoto:"]
    flat = po(("TIMEOUT: seconds to wait", "  TIMEOUT          segundos de espera"))
    assert gaps_po(flat) == ["segundos"]


def test_double_space_keeping_the_column_of_the_source() -> None:
    # `Marks: %04x` is padded so that the value keeps its column in the source.
    same_word = po(("        Marks: %04x", "        Marc:  %04x"))
    assert run_po(DoubleSpace, same_word) == []
    label = po(("    process name: %s", "    nom proces  : %s"))  # the colon's column
    assert run_po(DoubleSpace, label) == []
    # Another word at that column: only for indented lines (an entry's description).
    entry = po(("   -k --key-file <file> Read the key", "   -k --key-file <fic>  Lee la clave"))
    assert run_po(DoubleSpace, entry) == []
    prose = po(("Marks are cleared on exit", "Las marcas  se borran"))
    assert gaps_po(prose) == ["se"]


def test_double_space_tab_and_spaces_in_the_source_are_a_layout() -> None:
    text = po(("<dir>\\t  write the output in <dir>", "<dir>\\t  escribe la salida en <dir>"))
    assert run_po(DoubleSpace, text) == []


def test_double_space_in_a_plain_document_is_unchanged() -> None:
    # The same line as a translation above: a plain document has no source to mirror.
    assert run_plain(DoubleSpace, "  -q, --quiet           no muestra nada") == ["           "]
    assert run_plain(DoubleSpace, "MOTIVO:  el disco está lleno") == ["  "]


def test_double_space_each_unit_answers_for_itself() -> None:
    # The runs of one entry's source excuse none in the next entry.
    text = po(
        ("  -a, --all      show all", "  -a, --all      muestra todo"),
        ("Show everything", "Muestra  todo"),
    )
    assert gaps_po(text) == ["todo"]


def test_double_space_on_a_huge_unit_is_linear() -> None:
    # Each run asks for its line in the translation: the walk continues from the last
    # run rather than decoding the unit from its start (quadratic: minutes here).
    target = "palabra  otra " * 20_000
    text = po(("one word then another", target))
    started = time.perf_counter()
    found = run_po(DoubleSpace, text)
    assert len(found) == 20_000
    assert time.perf_counter() - started < 20


# --- space-before-punctuation ----------------------------------------------------------


def test_space_before_a_mark_mirrored_from_the_source() -> None:
    text = po(
        ("Owner name : %s\\n", "Nombre del propietario : %s\\n"),
        ("Press ? for the list", "Pulse ? para ver la lista"),
    )
    assert run_po(SpaceBeforePunctuation, text) == []


def test_space_before_a_mark_introduced_by_the_translator() -> None:
    text = po(("Cannot open '%s': %s", "No se puede abrir «%s» : %s"))
    assert run_po(SpaceBeforePunctuation, text) == [" :"]


def test_space_before_a_mark_more_often_than_the_source() -> None:
    # One spaced colon in the source, two in the translation: the added one cannot be
    # told from the mirrored one, so both are flagged.
    text = po(("Size : %u, free: %u", "Tamaño : %u, libre : %u"))
    assert run_po(SpaceBeforePunctuation, text) == [" :", " :"]


def test_space_before_a_mark_by_line_and_column() -> None:
    # Line 1 of the source spaces its colon; line 2 is padded to keep the colon's
    # column; line 3 spaces one the source does not (flagged).
    text = po(
        (
            ["Owner name : %s\\n", "   group id: %u\\n", "Mode: %o\\n"],
            ["Nombre del propietario : %s\\n", "   id grupo: %u\\n", "Modo : %o\\n"],
        ),
        ("   entry count: %u\\n", "   núm entrad : %u\\n"),
    )
    assert run_po(SpaceBeforePunctuation, text) == [" :"]
    assert run_po(SpaceBeforePunctuation, text.replace("Modo :", "Modo:")) == []


def test_space_before_a_full_stop_where_a_po_string_is_wrapped_in_a_word() -> None:
    # msgmerge wraps `.cache_dir` after its full stop: the file reads `… ."` / `"cache…`.
    text = po(
        (
            "Remove the .cache_dir folder",
            ["Elimina la carpeta .", "cache_dir de su directorio personal"],
        )
    )
    assert run_po(SpaceBeforePunctuation, text) == []
    slip = po(("Done.", ["Hecho .", " Cierre la ventana"]))
    assert run_po(SpaceBeforePunctuation, slip) == [" ."]


def test_space_before_a_mark_in_a_plain_document_is_unchanged() -> None:
    assert run_plain(SpaceBeforePunctuation, "Nombre del propietario : Ana") == [" :"]


# --- missing-space-after-punctuation -----------------------------------------------------


def test_missing_space_mirrored_from_the_source() -> None:
    text = po(
        ("use the USER:GROUP of the file", "usa el USUARIO:GRUPO del fichero"),
        ("files;folders;documents", "ficheros;carpetas;documentos"),
    )
    assert run_po(MissingSpaceAfterPunctuation, text) == []


def test_missing_space_introduced_by_the_translator() -> None:
    text = po(("Swiss (French, legacy)", "Suizo (Francés,antiguo)"))
    assert run_po(MissingSpaceAfterPunctuation, text) == [","]


def test_missing_space_mirrored_from_a_msgid_that_reads_as_a_key() -> None:
    # `print:portrait` reads as a key (the reader gives it no source span), but it is
    # the string the translation mirrors.
    text = po(("print:portrait", "impresión:vertical"))
    assert run_po(MissingSpaceAfterPunctuation, text) == []


def test_missing_space_in_a_plain_document_is_unchanged() -> None:
    assert run_plain(MissingSpaceAfterPunctuation, "usa el USUARIO:GRUPO del fichero") == [":"]


# --- lowercase-sentence-start ---------------------------------------------------------


def test_lowercase_start_mirrored_from_the_source() -> None:
    text = po(("stay quiet. implies --no-log", "permanecer callado. implica --no-log"))
    assert run_po(LowercaseSentenceStart, text) == []


def test_lowercase_start_after_a_word_shortened_in_a_one_sentence_source() -> None:
    # `Tam.` shortens `Tamaño` to fit: the source is one sentence, so it ends none.
    text = po(("Maximum record size: %u", "Tam. máx. de registro: %u"))
    assert run_po(LowercaseSentenceStart, text) == []


def test_lowercase_start_where_the_source_starts_a_sentence() -> None:
    text = po(("The file was saved. It can be closed.", "Se guardó el fichero. puede cerrarse."))
    assert run_po(LowercaseSentenceStart, text) == ["puede"]


def test_lowercase_start_in_a_plain_document_is_unchanged() -> None:
    found = run_plain(LowercaseSentenceStart, "Tam. máx. de registro: 12", lang="es")
    assert found == ["máx", "de"]


# --- repeated-word ------------------------------------------------------------------------


def test_repeated_word_mirrored_from_the_source() -> None:
    text = po(
        ("started %s s ago", "empezó hace %s s"),
        ("Start    Start    End\\n", "Inicio   Inicio   Fin\\n"),
    )
    assert run_po(RepeatedWord, text) == []


def test_repeated_word_introduced_by_the_translator() -> None:
    text = po(("The list of open files", "La lista de de ficheros abiertos"))
    assert run_po(RepeatedWord, text) == ["de"]


def test_repeated_word_in_a_plain_document_is_unchanged() -> None:
    assert run_plain(RepeatedWord, "Inicio   Inicio   Fin") == ["Inicio"]


# --- other bilingual formats -----------------------------------------------------------


def _json_pair(tmp_path, source: dict[str, str], target: dict[str, str]):
    src = tmp_path / "en.json"
    src.write_text(json.dumps(source), encoding="utf-8")
    tgt = tmp_path / "es.json"
    tgt.write_text(json.dumps(target, ensure_ascii=False), encoding="utf-8")
    return read_path(str(tgt), tgt.read_bytes(), "json", source_path=str(src))


@pytest.mark.parametrize(
    ("rule", "source", "kept", "slip"),
    [
        (DoubleSpace, "NAME:  %s", "NOMBRE:  %s", "el  nombre"),
        (SpaceBeforePunctuation, "Type ? for help", "Pulse ? para ayuda", "ayuda ."),
        (MissingSpaceAfterPunctuation, "use KEY:VALUE", "usa CLAVE:VALOR", "lista,vacía"),
        (RepeatedWord, "%s s left", "quedan %s s", "la la lista"),
    ],
)
def test_a_json_pair_reads_its_source_from_the_other_file(
    tmp_path, rule: type[BaseRule], source: str, kept: str, slip: str
) -> None:
    read = _json_pair(tmp_path, {"a": source, "b": "Empty list"}, {"a": kept, "b": slip})
    ctx = RuleContext(document=read.document, lang="es", units=read.units)
    found = list(rule().check(ctx))
    assert len(found) == 1
    assert read.document.text.index(slip) <= found[0].span.start  # in "b" only
    # Alone (no source file), the JSON file's units have no source: both are flagged.
    alone = read_path("es.json", read.document.text, "json")
    ctx = RuleContext(document=alone.document, lang="es", units=alone.units)
    assert len(list(rule().check(ctx))) == 2


def test_an_xliff_unit_mirrors_its_source() -> None:
    text = (
        '<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" '
        'target-language="es" datatype="plaintext" original="x"><body>\n'
        '<trans-unit id="1"><source>Level :  %d</source><target>Nivel :  %d</target>'
        "</trans-unit>\n"
        '<trans-unit id="2"><source>Level</source><target>Nivel :  alto</target>'
        "</trans-unit>\n</body></file></xliff>\n"
    )
    read = read_path("t.xlf", text, "xliff")
    ctx = RuleContext(document=read.document, lang="es", units=read.units)
    for rule in (DoubleSpace, SpaceBeforePunctuation):
        found = list(rule().check(ctx))
        assert [f.span.start > text.index('id="2"') for f in found] == [True], rule.name


def test_the_checked_catalogue_end_to_end(tmp_path) -> None:
    # Through `check`: the rules get the file's units from the run.
    from transcheck.api import RunOptions, check_paths
    from transcheck.config import Config

    path = tmp_path / "t.es.po"
    path.write_text(
        po(
            ("  -v, --verbose      say more\\n", "  -v, --verbose      dice más\\n"),
            ("Say more", "Dice  más"),
        ),
        encoding="utf-8",
    )
    report = check_paths([str(path)], Config(mt="none", select=("double-space",)), RunOptions())
    (result,) = report.files
    assert [(f.rule, f.span.end) for f in result.findings] == [
        ("double-space", result.document.text.index("Dice  más") + 6)
    ]


def test_decoded_joins_po_strings_and_resolves_escapes() -> None:
    assert decoded('one "\n"two\\n\\tthree \\"x\\"') == 'one two\n\tthree "x"'
    assert decoded("plain") == "plain"
