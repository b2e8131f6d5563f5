"""The comparison pipeline, with fake translators and (marked) real Apertium."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

import pytest
from conftest import require

from transcheck.compare import build_comparison
from transcheck.document import Document
from transcheck.mt.base import MTUnavailable

SOURCE = (
    "El alcalde Tomás Herrero inauguró ayer el nuevo puente. "
    "La obra costó 12 millones de euros. "
    "Los vecinos celebraron la apertura con una fiesta."
)
DRAFT = (
    "Mayor Tomás Herrero opened the new bridge yesterday. "
    "The work cost 12 million euros. "
    "Residents celebrated the opening with a party."
)
MT = [
    "The mayor Tomás Herrero opened yesterday the new bridge.",
    "The work cost 12 million euros.",
    "The neighbours celebrated the opening with a party.",
]


class FakeTranslator:
    name = "fake"

    def __init__(self, outputs: Sequence[str]) -> None:
        self.outputs = list(outputs)
        self.calls = 0

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        return "fake:1"

    def pairs(self) -> set[tuple[str, str]]:
        return {("es", "en")}

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        self.calls += 1
        assert len(texts) == len(self.outputs)
        return list(self.outputs)


class Broken(FakeTranslator):
    name = "broken"

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        raise MTUnavailable("no es-en pair installed")


def docs() -> tuple[Document, Document]:
    return Document("src.txt", SOURCE, "es"), Document("draft.txt", DRAFT, "en")


def test_comparison_with_fake_mt() -> None:
    fake = FakeTranslator(MT)
    comp = build_comparison(*docs(), "es", "en", [fake])
    assert fake.calls == 1  # one batch per translator
    assert [(p.src, p.tgt) for p in comp.pairs] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert comp.mt[0].ident == "fake:1"
    assert set(comp.mt[0].scores) == {"chrf", "bleu", "ter"}
    assert "nrefs:1" in comp.mt[0].signature
    assert comp.pairs[1].chrf == 100.0
    assert all(p.length_ratio is not None for p in comp.pairs)
    assert comp.notes == []


def test_failing_backend_becomes_a_note() -> None:
    comp = build_comparison(*docs(), "es", "en", [Broken(MT), FakeTranslator(MT)])
    assert len(comp.mt) == 1 and comp.mt[0].ident == "fake:1"
    assert comp.notes and "broken" in comp.notes[0] and "no es-en pair" in comp.notes[0]


def test_without_mt_aligns_by_length() -> None:
    comp = build_comparison(*docs(), "es", "en", [])
    assert [(p.src, p.tgt) for p in comp.pairs] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert comp.mt == [] and all(p.chrf is None for p in comp.pairs)
    data = comp.to_dict()
    assert data["backend"] is None and data["scores"] is None and len(data["segments"]) == 3


def test_to_dict_is_json() -> None:
    import json

    comp = build_comparison(*docs(), "es", "en", [FakeTranslator(MT)])
    data = json.loads(json.dumps(comp.to_dict()))
    assert data["backend"] == "fake:1"
    assert set(data["scores"]) == {"chrf", "bleu", "ter"}
    seg = data["segments"][1]
    assert seg["source"] == [1] and seg["draft"] == [1] and seg["chrf"] == 100.0
    start, end = seg["draft_span"]
    assert DRAFT[start:end] == "The work cost 12 million euros."
    assert seg["mt"] == MT[1]


@pytest.mark.apertium
def test_end_to_end_with_apertium() -> None:
    require(shutil.which("apertium") is not None, "apertium (apt-get install apertium)")
    from transcheck.mt.apertium import ApertiumTranslator

    source = Document(
        "src.txt",
        "La ciudad de Villaseca tiene 4.500 habitantes. El puente nuevo se abrió el martes. "
        "Costó dos millones de euros. Los comerciantes están contentos con el resultado.",
        "es",
    )
    draft = Document(
        "draft.txt",
        "The town of Villaseca has 4,500 inhabitants. The new bridge opened on Tuesday "
        "and cost two million euros. Shopkeepers are happy with the result.",
        "en",
    )
    comp = build_comparison(source, draft, "es", "en", [ApertiumTranslator()])
    assert comp.notes == []
    assert comp.mt[0].ident.startswith("apertium:")
    assert [(p.src, p.tgt) for p in comp.pairs] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    scores = comp.mt[0].scores
    assert 30 < scores["chrf"] < 100 and 0 < scores["bleu"] < 100
    assert "Villaseca" in comp.mt[0].sentences[0]


def test_suspicion_weights_and_features() -> None:
    from transcheck.compare import SUSPICION_WEIGHTS, suspicion, suspicion_features

    src = "La obra costó 12 millones de euros y duró tres años."
    mt = "The work cost 12 million euros and lasted three years."
    good = "The work cost 12 million euros and took three years."
    feats = suspicion_features(src, good, mt, 80.0, "es", "en")
    assert set(feats) == set(SUSPICION_WEIGHTS)
    assert all(w >= 0 for w in SUSPICION_WEIGHTS.values())  # documented as evidence for
    assert feats["missing_numbers"] == 0 and feats["short_vs_mt"] < 0.1
    short = "The work cost money."
    assert suspicion_features(src, short, mt, 30.0, "es", "en")["missing_numbers"] == 1
    assert suspicion(src, short, mt, 30.0, None, "es", "en") > 2 * suspicion(
        src, good, mt, 80.0, None, "es", "en"
    )
    # Left untranslated: at least the documented floor.
    assert suspicion(src, src, mt, 20.0, None, "es", "en") >= 0.8
    # Without MT the length features fall back on the source.
    assert 0 < suspicion(src, short, None, None, None, "es", "en") < 1


def test_suspicion_is_computed_on_first_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import transcheck.compare as compare

    calls: list[str] = []
    real = compare._pair_suspicion.__wrapped__

    def counting(*args: object) -> float:
        calls.append(str(args[1]))
        return real(*args)

    monkeypatch.setattr(compare, "_pair_suspicion", counting)
    src, draft = docs()
    comp = build_comparison(src, draft, "es", "en", [FakeTranslator(MT)])
    assert calls == []  # building the comparison (what rules read) scores nothing
    first = comp.pairs[0].suspicion
    assert len(calls) == 1 and 0 < first < 1
    assert comp.pairs[0].suspicion == first and len(calls) == 1  # cached on the pair
    segments = comp.to_dict()["segments"]
    # The JSON report still shows every pair's score, the same value as the pair's.
    assert [s["suspicion"] for s in segments] == [round(p.suspicion, 4) for p in comp.pairs]
    assert len(calls) == len(comp.pairs)


def test_suspicion_of_unpaired_side_is_one() -> None:
    from transcheck.compare import PairInfo

    src, draft = docs()
    comp = build_comparison(src, draft, "es", "en", [FakeTranslator(MT)])
    assert PairInfo((0,), (), 0.0, owner=comp).suspicion == 1.0
    assert PairInfo((), (1,), 0.0, owner=comp).suspicion == 1.0
    assert PairInfo((0,), (0,), 1.0).suspicion == 0.0  # not part of a comparison
    pair = PairInfo((0,), (0,), 1.0, owner=comp)
    pair.suspicion = 0.25  # an explicit value wins
    assert pair.suspicion == 0.25


def test_divergent_chars_weighs_how_much_text_differs() -> None:
    from transcheck.compare import suspicion, suspicion_features

    short_src = "Se cerró la puerta."
    long_src = (
        "La comisión aprobó ayer el nuevo reglamento de tráfico, que entrará en vigor el mes "
        "que viene y obligará a los conductores a reducir la velocidad en el centro."
    )
    short = suspicion_features(
        short_src, "The door shut.", "The door was closed.", 40.0, "es", "en"
    )
    long = suspicion_features(long_src, "x" * 150, "y" * 150, 40.0, "es", "en")
    # The same share of differing text: more of it in the long sentence.
    assert long["low_chrf"] == short["low_chrf"] == 0.6
    assert long["divergent_chars"] > short["divergent_chars"] > 0
    # A draft identical to the MT, or no MT at all: nothing differs from the MT.
    assert suspicion_features(long_src, "same", "same", 100.0, "es", "en")["divergent_chars"] == 0
    assert suspicion_features(long_src, "draft", None, None, "es", "en")["divergent_chars"] == 0
    # A long sentence far from the MT is more suspicious than a short one as far from it
    # (the fit now weighs that through mt_words_missing rather than chrF).
    mt = (
        "The commission approved yesterday the new regulation of traffic, that will enter in "
        "force next month and will force drivers to reduce the speed in the centre."
    )
    draft = (
        "Yesterday the commission passed the new traffic rules, which take effect next month "
        "and make drivers slow down in the town centre."
    )
    far = suspicion(long_src, draft, mt, 35.0, None, "es", "en")
    assert far > suspicion(
        short_src, "The door shut.", "The door was closed.", 35.0, None, "es", "en"
    )
    # ... and than a draft that carries the MT's words.
    assert far > suspicion(long_src, mt, mt, 100.0, None, "es", "en")


_WHO_SRC = (
    "El SARS-CoV-2 es el agente causal de una nueva enfermedad denominada COVID-19 por la "
    "Organización Mundial de la Salud."
)
_WHO_MT = (
    "The SARS-CoV-2 is the causal agent of a new illness called COVID-19 by the World "
    "Health Organisation."
)


def test_mt_words_missing_flags_a_dropped_clause() -> None:
    from transcheck.compare import suspicion, suspicion_features

    full = (
        "SARS-CoV-2 is the causative agent of a new disease named COVID-19 by the World "
        "Health Organization."
    )
    cut = "SARS-CoV-2 is the causative agent of a new disease named COVID-19."
    full_f = suspicion_features(_WHO_SRC, full, _WHO_MT, 60.0, "es", "en")
    cut_f = suspicion_features(_WHO_SRC, cut, _WHO_MT, 55.0, "es", "en")
    # causal/illness/called differ in both drafts; World, Health, Organisation only in the cut.
    assert cut_f["mt_words_missing"] > full_f["mt_words_missing"] > 0
    assert suspicion(_WHO_SRC, cut, _WHO_MT, 55.0, None, "es", "en") > 1.5 * suspicion(
        _WHO_SRC, full, _WHO_MT, 60.0, None, "es", "en"
    )


@pytest.mark.parametrize(
    ("draft", "mt"),
    [
        # Inflection and spelling (first five letters), accents, capitals, word order.
        ("The data were analysed in two hospitals.", "The data was analyzed in two hospital."),
        ("El síndrome afectó a los pacientes.", "El sindrome afecto a los Pacientes."),
        ("In two hospitals the data were analysed.", "The data were analysed in two hospitals."),
        # Short function words (under four letters) are not content.
        ("Data analysed.", "The data is analysed."),
        # No MT: nothing to compare with.
        ("Anything at all.", None),
        # A script without spaces: a letter run is a clause, not a word.
        ("患者の平均年齢は七十四歳であった。", "患者は平均して七十四歳でした。"),
    ],
)
def test_mt_words_missing_ignores_form_differences(draft: str, mt: str | None) -> None:
    from transcheck.compare import suspicion_features

    assert suspicion_features("x", draft, mt, None)["mt_words_missing"] == 0


def test_mt_words_missing_counts_a_kept_acronym() -> None:
    from transcheck.compare import suspicion_features

    mt = "The patients had a mean age of 74 (DT) years."
    feats = suspicion_features("x", "The patients had a mean age of 74 years.", mt, None)
    assert feats["mt_words_missing"] > 0


def test_missing_codes_flags_lost_or_altered_codes() -> None:
    from transcheck.compare import suspicion_features

    def codes(source: str, draft: str, mt: str | None) -> float:
        return suspicion_features(source, draft, mt, None, "es", "en")["missing_codes"]

    altered = _WHO_MT.replace("COVID-19", "CARDIOLOG-19")
    assert codes(_WHO_SRC, altered, _WHO_MT) == 1
    src = "Los pacientes tenían una edad media de 74,41 ± 6,78 (DT) años."
    mt = "The patients had a mean age of 74.41 ± 6.78 (DT) years."
    assert codes(src, "The patients had a mean age of 74.41 ± 6.78 years.", mt) == 1
    # An acronym the draft brings of its own offsets one lost, not two.
    src3 = "Body mass index (BMI) and ADL were measured."
    mt3 = "Índice de masa corporal (BMI) y ADL estuvieron medidos."
    assert codes(src3, "Se midió el índice de masa corporal (IMC).", mt3) == 1
    # Capped at 2, and without MT a code with a digit still counts.
    src2 = "Conocido como nCoV-2019 o 2019-nCoV, causa la COVID-19 (OMS)."
    assert codes(src2, "Known as the new virus, it causes the disease.", None) == 2


@pytest.mark.parametrize(
    ("source", "draft", "mt"),
    [
        # Kept, in another case or with punctuation around it.
        (_WHO_SRC, _WHO_MT.replace("COVID-19", "Covid-19"), _WHO_MT),
        (
            "Los pacientes (DT) mejoraron.",
            "Patients (DT.) improved.",
            "The patients (DT) improved.",
        ),
        # An all-capital word the MT translates is a word, not a code.
        ("RESULTADOS: mejoraron.", "RESULTS: they improved.", "RESULTS: they improved."),
        # Translated acronyms (CS -> SC) cannot be told from lost ones without the MT.
        ("La cesárea (CS) salva vidas.", "Caesarean section (SC) saves lives.", None),
        # With it, a translated acronym offsets the one the MT kept (BMI -> IMC).
        (
            "Body mass index (BMI) and ADL were measured.",
            "Se midieron el índice de masa corporal (IMC) y las AVD.",
            "Índice de masa corporal (BMI) y ADL estuvieron medidos.",
        ),
        # Bare numbers are missing_numbers' business; capitalised words are not codes.
        ("En 2019 llegó López.", "Lopez arrived.", "In 2019 López arrived."),
    ],
)
def test_missing_codes_ignores_kept_or_translated_tokens(
    source: str, draft: str, mt: str | None
) -> None:
    from transcheck.compare import suspicion_features

    assert suspicion_features(source, draft, mt, None, "es", "en")["missing_codes"] == 0


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("Llegaron tres barcos y dos botes.", "Three ships and two boats arrived."),
        ("El capítulo IV trata del siglo XX.", "Chapter four is about the century."),
        ("Quedan doce plazas libres.", "Only a dozen seats are left."),
        ("", "One more thing."),
    ],
)
def test_number_features_without_digits_match_missing_numbers(source: str, draft: str) -> None:
    from transcheck.compare import suspicion_features
    from transcheck.numbers import missing_numbers

    # Only digits are required (or extra) numbers: the digit-free shortcut agrees.
    assert missing_numbers(source, "es", draft, "en") == ([], [])
    feats = suspicion_features(source, draft, None, None, "es", "en")
    assert feats["missing_numbers"] == feats["extra_numbers"] == 0


def test_number_features_with_digits() -> None:
    from transcheck.compare import suspicion_features

    feats = suspicion_features(
        "Quedan 12 plazas.", "There are 13 seats left.", None, None, "es", "en"
    )
    assert feats["missing_numbers"] == 1 and feats["extra_numbers"] == 1
    feats = suspicion_features(
        "Quedan doce plazas.", "There are 12 seats left.", None, None, "es", "en"
    )
    assert feats["missing_numbers"] == 0


def test_shortfall_counts_missing_characters_not_the_share() -> None:
    from transcheck.compare import suspicion_features

    src = "El consejo aprobó el plan."
    mt = "The council approved the plan " * 6
    # Both drafts are ~20 % shorter than their MT; the long one lacks far more text.
    short = suspicion_features(src, "The council approved.", "The council approved it.", 80.0)
    long = suspicion_features(src, mt[: int(len(mt) * 0.8)], mt, 80.0)
    assert 0 < short["shortfall_vs_mt"] < long["shortfall_vs_mt"]
    # As long as the MT or longer: nothing missing.
    assert suspicion_features(src, mt + " too", mt, 80.0)["shortfall_vs_mt"] == 0
    # Without MT the expected length comes from the source.
    assert suspicion_features(src * 4, "Short.", None, None, "es", "en")["shortfall_vs_mt"] > 1
    assert suspicion_features(src, src, None, None, "es", "en")["shortfall_vs_mt"] == 0


def test_suspicion_without_mt_equals_the_weighted_features() -> None:
    """The no-MT shortcut computes only the weighted features: the same float as the
    logistic over all of `suspicion_features`, untranslated floor included."""
    import itertools
    import math

    from transcheck import compare

    def reference(src: str, draft: str, sl: str | None, tl: str | None) -> float:
        feats = compare.suspicion_features(src, draft, None, None, sl, tl)
        weights = compare.SUSPICION_WEIGHTS
        z = compare.SUSPICION_BIAS + sum(weights[k] * v for k, v in feats.items())
        score = 1.0 / (1.0 + math.exp(-z))
        if feats["untranslated"] >= 0.5 and compare._copied_common_words(src, draft, None) >= 2:
            score = max(score, compare._UNTRANSLATED_FLOOR)
        return score

    texts = [
        "",
        "Delete file",
        "Eliminar archivo",
        "Only 3 files left (about 10 mg).",
        "Quedan solo 4 archivos: ¿seguro?",
        "The WHO reported COVID-19 cases in 2020; BMI rose.",
        "La OMS notificó casos de COVID-19 en 2020; el IMC subió.",
        "Save the report before you close the app.",
        "Guardar el informe «%s» — 3 million, tres millones",
    ]
    for (src, draft), (sl, tl) in itertools.product(
        itertools.product(texts, repeat=2), [("en", "es"), ("es", "en"), (None, None)]
    ):
        expected = reference(src, draft, sl, tl)
        assert compare.suspicion(src, draft, None, None, None, sl, tl) == expected
        assert compare.suspicion(src, draft, "", None, None, sl, tl) == expected
