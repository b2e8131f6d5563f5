"""Document.compact and pickling share one packed array between span collections made
of the very same Spans (a catalogue's blocks, paragraphs and sentences); what the
document answers afterwards is unchanged."""

from __future__ import annotations

import pickle

from transcheck.formats.po import read

_PO = """msgid ""
msgstr ""
"Language: es\\n"

msgid "Save the file"
msgstr "Guardar el archivo"

msgid "Two sentences. Here."
msgstr "Dos frases. Aquí."

msgid "Padded"
msgstr " relleno "

msgid "One device"
msgid_plural "%d devices"
msgstr[0] "Un dispositivo"
msgstr[1] "%d dispositivos"
"""


def _views():
    result = read("x.po", _PO)
    for doc in (result.document, result.source_document):
        doc.lang = "es"
        yield doc


def _answers(doc) -> tuple:
    names = ("masked", "blocks", "paragraphs", "sentences")
    return tuple(doc.bounds(n) for n in names) + tuple(list(getattr(doc, n) or ()) for n in names)


def test_compact_and_pickle_give_the_same_spans() -> None:
    for doc in _views():
        before = _answers(doc)
        copy = pickle.loads(pickle.dumps(doc))
        doc.compact()
        assert _answers(doc) == before
        assert _answers(copy) == before
        doc.compact()  # again, after the spans were rebuilt
        assert _answers(doc) == before


def test_collections_of_the_same_spans_share_their_array() -> None:
    draft, source = _views()
    for doc, shared in ((draft, False), (source, True)):  # the draft trims " relleno "
        doc.sentences  # noqa: B018 - computed before packing
        assert (doc.paragraphs == list(doc.blocks)) == shared
        doc.compact()
        packed = doc.__dict__["_packed"]
        assert (packed["paragraphs"][1] is packed["blocks"][1]) == shared
        assert packed["sentences"][1] is not packed["paragraphs"][1]  # one was split
