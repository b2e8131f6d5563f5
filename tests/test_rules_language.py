"""wrong-language and untranslated-passage: what they must and must not flag."""

from __future__ import annotations

import re

import pytest

from transcheck.document import Document
from transcheck.language import get_detector
from transcheck.registry import RuleContext
from transcheck.rules.language import RULES, UntranslatedPassage, WrongLanguage

EN_1 = (
    "The council met on Tuesday evening to talk about the new bus routes. "
    "Most of the people who came were worried about the cost of the tickets."
)
EN_2 = (
    "The mayor said that the plan would be reviewed again in the spring. "
    "She added that nothing had been decided yet and that everyone could write to her."
)
ES_PARA = (
    "El ayuntamiento aprobó ayer un nuevo plan para mejorar el transporte de la ciudad. "
    "Según los vecinos, la medida llega tarde pero es necesaria."
)
ES_1 = (
    "El consejo se reunió el martes por la tarde para hablar de las nuevas líneas de autobús. "
    "La mayoría de los vecinos que vinieron estaban preocupados por el precio de los billetes."
)
ES_2 = (
    "La alcaldesa dijo que el plan se revisará otra vez en primavera. "
    "Añadió que todavía no se ha decidido nada y que todos pueden escribirle una carta."
)


def run(rule, text: str, lang: str, expected: str | None = None, source_lang=None):
    doc = Document("t.txt", text, lang=lang)
    ctx = RuleContext(
        document=doc,
        lang=lang,
        detector=get_detector(),
        expected_lang=expected,
        source_lang=source_lang,
    )
    return doc, list(rule.check(ctx))


def test_exports_and_docs() -> None:
    assert {r.name for r in RULES} == {"wrong-language", "untranslated-passage"}
    for rule in RULES:
        doc = rule.documentation()
        for section in ("What it flags", "Why it matters", "Example", "Fix", "Options"):
            assert section in doc


# --- wrong-language ------------------------------------------------------------------


def test_wrong_language_flags_spanish_document_expected_english() -> None:
    text = ES_1 + "\n\n" + ES_2
    doc, found = run(WrongLanguage(), text, "es", expected="en")
    assert len(found) == 1
    f = found[0]
    assert f.rule == "wrong-language"
    assert f.severity.label == "error"
    assert doc.position(f.span.start) == (1, 1)
    assert doc.slice(f.span) == ES_1  # the first paragraph
    assert re.fullmatch(
        r"document language is es \(confidence [01]\.\d\d\), expected en", f.message
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (EN_1 + "\n\n" + EN_2, "en"),  # right language
        (EN_1 + "\n\n" + EN_2, "EN"),  # case-insensitive code
        (EN_1 + "\n\n" + EN_2, None),  # no --lang: nothing to compare
        ("Hola, gracias.", "en"),  # too short to tell
        ("1234 5678 90", "en"),  # no letters
    ],
)
def test_wrong_language_quiet(text: str, expected: str | None) -> None:
    assert run(WrongLanguage(), text, "en", expected=expected)[1] == []


def test_wrong_language_confusable_needs_clear_preference() -> None:
    # A Spanish text expected to be Spanish is never "Galician" or "Portuguese".
    assert run(WrongLanguage(), ES_1 + "\n\n" + ES_2, "es", expected="es")[1] == []


# --- untranslated-passage --------------------------------------------------------------


def test_flags_spanish_paragraph_in_english_document() -> None:
    text = EN_1 + "\n\n" + ES_PARA + "\n\n" + EN_2
    doc, found = run(UntranslatedPassage(), text, "en")
    assert len(found) == 1  # one finding for the whole paragraph
    f = found[0]
    assert f.rule == "untranslated-passage"
    assert f.severity.label == "warning"
    assert doc.position(f.span.start) == (3, 1)
    assert doc.slice(f.span) == ES_PARA
    assert f.message == "passage in es (2 sentences), document is en"


def test_flags_foreign_sentence_inside_english_paragraph() -> None:
    sentence = "Die Stadt hat gestern einen neuen Plan für den Verkehr beschlossen."
    text = EN_1 + " " + sentence + " " + EN_2
    doc, found = run(UntranslatedPassage(), text, "en")
    assert [doc.slice(f.span) for f in found] == [sentence]
    assert found[0].message == "passage in de (1 sentence), document is en"


def test_flags_english_paragraph_in_spanish_document() -> None:
    text = ES_1 + "\n\n" + EN_1 + "\n\n" + ES_2
    doc, found = run(UntranslatedPassage(), text, "es", source_lang="en")
    assert len(found) == 1
    assert doc.position(found[0].span.start) == (3, 1)
    assert "passage in en" in found[0].message


def test_consecutive_foreign_sentences_across_a_short_one_merge() -> None:
    para = (
        "El ayuntamiento aprobó ayer un nuevo plan para la ciudad. Muy bien. "
        "Los vecinos dicen que la medida llega tarde pero que es necesaria."
    )
    doc, found = run(UntranslatedPassage(), EN_1 + "\n\n" + para, "en")
    assert len(found) == 1
    assert doc.slice(found[0].span) == para


@pytest.mark.parametrize(
    "text",
    [
        EN_1 + "\n\n" + EN_2,
        # names and organisations
        "Yesterday Juan Carlos Rodríguez, José Luis Martínez and María del Carmen Pérez "
        "met representatives of Banco Santander, Telefónica and El Corte Inglés.",
        # a list of proper nouns
        "Participants: Universidad Complutense de Madrid, Instituto Cervantes, "
        "Real Academia Española, Biblioteca Nacional de España.",
        # title of a work and a short quoted phrase inside English sentences
        "We watched the film Mujeres al borde de un ataque de nervios last week and loved it.",
        'The motto of the town, "Siempre adelante", is painted on the old gate.',
        # URLs, code and numbers
        "Download it from https://ejemplo.es/descargas/programa-nuevo-version-final today.",
        "Run `python -m transcheck check --lang es informe.txt` to check the report.",
        "2019 | 2020 | 2021 | 2022\n1.234 | 5.678 | 9.012 | 3.456\n7.890 | 1.234 | 5.678 | 9.012",
        # a foreign sentence shorter than min_words
        EN_1 + " Hasta luego, amigos. " + EN_2,
    ],
)
def test_untranslated_quiet_on_english(text: str) -> None:
    assert run(UntranslatedPassage(), text, "en")[1] == []


def test_spanish_document_not_flagged_as_its_neighbours() -> None:
    # Spanish prose that detectors sometimes call Galician, Catalan or Portuguese.
    text = (
        ES_1
        + "\n\n"
        + ES_2
        + "\n\nO sea, que a nadie le importa lo que pase en la plaza de abajo esta noche.\n\n"
        + "Os digo que en aquella época la vida no era tan fácil como ahora para nosotros."
    )
    assert run(UntranslatedPassage(), text, "es", source_lang="en")[1] == []


def test_confusable_language_short_sentence_reported_only_when_plausible() -> None:
    # Under eight words, a close language's sentence needs to be declared plausible.
    gl = "O concello aprobou onte o orzamento municipal."
    text = ES_1 + "\n\n" + gl + "\n\n" + ES_2
    assert run(UntranslatedPassage(), text, "es", source_lang="en")[1] == []
    _, found = run(UntranslatedPassage({"languages": ["gl"]}), text, "es", source_lang="en")
    assert len(found) == 1 and "passage in gl" in found[0].message
    _, found = run(UntranslatedPassage(), text, "es", source_lang="gl")
    assert len(found) == 1


def test_close_language_full_sentences_trusted_without_declaring() -> None:
    # Long, confidently detected, and full of Galician function words Spanish lacks.
    gl = (
        "O concello aprobou onte un novo plan para mellorar o transporte público da cidade. "
        "Segundo os veciños, a medida chega tarde pero é necesaria."
    )
    text = ES_1 + "\n\n" + gl + "\n\n" + ES_2
    doc, found = run(UntranslatedPassage(), text, "es", source_lang="en")
    assert [(doc.slice(f.span), f.message) for f in found] == [
        (gl, "passage in gl (2 sentences), document is es")
    ]


PT_1 = (
    "O primeiro-ministro disse na quarta-feira que o governo vai rever o plano de obras. "
    "A oposição pediu mais tempo para estudar as contas do município."
)
PT_2 = (
    "Os moradores do bairro queixam-se do barulho e da falta de transportes à noite. "
    "A câmara promete uma resposta até ao fim do mês."
)


def test_spanish_and_italian_sentences_in_portuguese_document() -> None:
    es = "El Gobierno aprobó el jueves una ley que reduce los impuestos de las familias con hijos."
    it = "Il consiglio comunale ha approvato ieri un piano per le scuole della città."
    text = PT_1 + "\n\n" + es + "\n\n" + PT_2 + " " + it + " " + PT_1
    doc, found = run(UntranslatedPassage(), text, "pt")
    assert [(doc.slice(f.span), f.message) for f in found] == [
        (es, "passage in es (1 sentence), document is pt"),
        (it, "passage in it (1 sentence), document is pt"),
    ]


@pytest.mark.parametrize(
    "extra",
    [
        # Portuguese prose with words shared with Spanish and Galician
        "A empresa, que tem sede em Lisboa, não quis comentar a decisão do tribunal.",
        "Segundo o INE, a economia cresceu 0,7% no terceiro trimestre deste ano.",
        # a short Spanish quotation and a Spanish title inside Portuguese sentences
        'O ministro respondeu apenas "no es el momento" e saiu da sala sem mais palavras.',
        "O filme Mujeres al borde de un ataque de nervios passou ontem na televisão pública.",
        # Galician-looking but Portuguese: the pair detectors mix up most
        "A proposta foi aprovada por unanimidade na reunião de ontem à tarde.",
    ],
)
def test_portuguese_document_not_flagged_as_its_neighbours(extra: str) -> None:
    text = PT_1 + "\n\n" + extra + "\n\n" + PT_2
    assert run(UntranslatedPassage(), text, "pt")[1] == []


def test_source_lang_without_source_makes_a_close_language_plausible(tmp_path) -> None:
    from transcheck.api import RunOptions, check_paths
    from transcheck.config import Config

    # Seven words: too short to trust Spanish in Portuguese text unless it is declared.
    es = "El Gobierno aprobó ayer la nueva ley."
    path = tmp_path / "artigo.txt"
    path.write_text(PT_1 + "\n\n" + es + "\n\n" + PT_2 + "\n", encoding="utf-8")
    config = Config(mt="none", lang="pt", select=("untranslated-passage",))
    assert check_paths([str(path)], config, RunOptions()).files[0].findings == []
    config = Config(mt="none", lang="pt", source_lang="es", select=("untranslated-passage",))
    found = check_paths([str(path)], config, RunOptions()).files[0].findings
    assert [f.message for f in found] == ["passage in es (1 sentence), document is pt"]


# --- German nouns, names, organisations, references ------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # more than half of the words capitalised: German nouns, not names
        "Die Stadtverwaltung Berlin hat gestern eine Studie über Mieten, Wohnungsbau und "
        "Verkehr im Bezirk Mitte vorgestellt.",
        "Dies bestätigte die Hamburger Behörde für Umwelt, Klima und Energie bei einer "
        "Pressekonferenz am Montag.",
    ],
)
def test_german_sentence_with_capitalised_nouns_flagged(sentence: str) -> None:
    doc, found = run(UntranslatedPassage(), EN_1 + "\n\n" + sentence + "\n\n" + EN_2, "en")
    assert [(doc.slice(f.span), f.message) for f in found] == [
        (sentence, "passage in de (1 sentence), document is en")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # German names and organisations in English sentences
        "Speakers included Olaf Scholz, Annalena Baerbock, Christian Lindner and the heads "
        "of Deutsche Bank, Deutsche Bahn and Siemens Energie.",
        "She worked for the Bundesamt für Migration und Flüchtlinge and later for the "
        "Bundesministerium der Finanzen in Berlin.",
        # titles of German works: their function words are the titles'
        "His favourite books are Der Zauberberg, Die Blechtrommel, Das Boot und Der Vorleser.",
        # a list of German places
        "Stops: Hamburg Hauptbahnhof, Berlin Ostbahnhof, Leipzig Messe, Dresden Neustadt.",
    ],
)
def test_german_names_in_english_not_flagged(text: str) -> None:
    assert run(UntranslatedPassage(), EN_1 + "\n\n" + text + "\n\n" + EN_2, "en")[1] == []


@pytest.mark.parametrize(
    "entry",
    [
        "López, M. (2019). La vivienda en España: un derecho pendiente. Madrid: Catarata.",
        "García, J. y Pérez, A. (2021). El impacto del turismo en los precios del alquiler "
        "en las ciudades españolas. Revista de Economía Aplicada, 29(2), 45–67.",
        "Ministerio de Vivienda y Agenda Urbana (2022). Informe sobre el mercado de la "
        "vivienda en las grandes ciudades. Madrid.",
        "[3] Martín, Ana. 2018. Las ciudades y el derecho a la vivienda en la España de hoy. "
        "Barcelona: Icaria.",
        "Ruiz Zafón, Carlos. La sombra del viento que nadie quiso leer en su tiempo. "
        "Barcelona: Planeta, 2001.",
        "Rodríguez, P. et al. (2020a). Los alquileres turísticos y la expulsión de los "
        "vecinos de los barrios céntricos. Madrid: Akal.",
    ],
)
def test_reference_entries_with_spanish_titles_not_flagged(entry: str) -> None:
    text = EN_1 + "\n\nReferences\n\n" + entry + "\n\n" + EN_2
    assert run(UntranslatedPassage(), text, "en")[1] == []
    # One entry per line inside a single paragraph, too.
    text = EN_1 + "\n\nReferences\n" + entry + "\nSmith, J. (2020). Housing. London.\n\n" + EN_2
    assert run(UntranslatedPassage(), text, "en")[1] == []


@pytest.mark.parametrize(
    "para",
    [
        # a year in parentheses inside prose is not a reference
        "El Gobierno aprobó en marzo (2019) un plan para mejorar el transporte de la ciudad.",
        # a dateline with a comma, then prose
        "Madrid, España. El Gobierno aprobó ayer un plan para mejorar el transporte de la "
        "ciudad y de los pueblos de alrededor.",
        # organisation names inside a Spanish sentence
        "El Ministerio de Hacienda y Función Pública aprobó ayer los presupuestos para el año "
        "que viene.",
    ],
)
def test_spanish_prose_resembling_references_or_names_flagged(para: str) -> None:
    _, found = run(UntranslatedPassage(), EN_1 + "\n\n" + para + "\n\n" + EN_2, "en")
    assert len(found) == 1 and found[0].message.startswith("passage in es")


def test_organisation_names_in_english_sentence_not_flagged() -> None:
    text = (
        "The new ministers include the heads of the Ministerio de Hacienda y Función "
        "Pública, the Ministerio de Asuntos Exteriores, Unión Europea y Cooperación, and "
        "the Ministerio para la Transición Ecológica y el Reto Demográfico."
    )
    assert run(UntranslatedPassage(), EN_1 + "\n\n" + text + "\n\n" + EN_2, "en")[1] == []


def test_unknown_option_is_rejected() -> None:
    from transcheck.registry import RuleError

    with pytest.raises(RuleError):
        UntranslatedPassage({"min_lenght": 3})


def test_untranslated_passage_skips_short_sentences_before_stripping_noise():
    from transcheck.language import get_detector
    from transcheck.rules.language import UntranslatedPassage

    rule = UntranslatedPassage()
    limits = (6, 0.5, 0.95)
    detector = get_detector()
    # Under 30 characters: never judged, whatever it holds.
    assert rule._judge("Guarda el archivo ahora.", "en", set(), detector, limits, None) is None
    # A long foreign sentence is still judged (and found Spanish).
    sentence = "El ayuntamiento aprobó ayer un nuevo plan para mejorar el transporte público."
    assert rule._judge(sentence, "en", {"es"}, detector, limits, None) == "es"


def test_outside_names_drops_capitalised_runs_and_their_particles() -> None:
    from transcheck.rules.language import _WORD, _outside_names

    def outside(sentence: str) -> list[str]:
        words = _WORD.findall(sentence)
        return _outside_names(words, [w.lower() for w in words])

    assert outside("The heads of the Ministerio de Hacienda y Función Pública met on Monday") == [
        "the", "heads", "of", "the", "met", "on", "monday"
    ]  # fmt: skip
    # a run needs two capitalised words; the sentence's first word alone is kept
    assert outside("El Gobierno aprobó un decreto de la Unión") == [
        "aprobó", "un", "decreto", "de", "la", "unión"
    ]  # fmt: skip
    assert outside("Ana, Pedro y Luis llegaron tarde") == ["llegaron", "tarde"]


def test_a_foreign_quotation_glossed_right_after_it_is_not_reported() -> None:
    text = (
        EN_1 + " Writing in Le Monde, Véronique Mortaigne described it as « une exposition "
        "pudique, à l'image de son sujet » — a discreet exhibition, like its subject. " + EN_2
    )
    assert run(UntranslatedPassage(), text, "en")[1] == []
    glossed = (
        EN_1
        + ' The paper called it "une exposition pudique, à l\'image de son sujet"'
        + " (a discreet show)."
    )
    assert run(UntranslatedPassage(), glossed, "en")[1] == []


def test_a_foreign_quotation_in_an_english_sentence_is_reported_alone() -> None:
    quote = "« Nous ne céderons jamais devant la menace terroriste, jamais. »"
    text = EN_1 + "\n\nThe president told reporters: " + quote + "\n\n" + EN_2
    doc, found = run(UntranslatedPassage(), text, "en")
    assert [doc.slice(f.span) for f in found] == [quote]
    assert found[0].message == "passage in fr (1 sentence), document is en"
    # in a sentence of the document's language, the quotation is reported on its own
    quote = "« une exposition pudique, à l'image de son sujet, et très réussie selon nous »"
    text = EN_1 + " In her review the critic wrote that it was " + quote + "."
    doc, found = run(UntranslatedPassage(), text, "en")
    assert [doc.slice(f.span) for f in found] == [quote]
    assert found[0].message == "passage in fr (1 quotation), document is en"
    # not glossed: what follows the dash is French too
    text = (
        EN_1 + " She wrote « une exposition pudique, à l'image de son sujet » — "
        "une réussite totale. " + EN_2
    )
    assert len(run(UntranslatedPassage(), text, "en")[1]) == 1


def test_each_sentence_holds_only_its_own_quotations() -> None:
    # Quotations are looked up per sentence (by bisection over the document's): each
    # one is reported in its own sentence and none is taken for another sentence's.
    quotes = [
        "« une exposition pudique, à l'image de son sujet, et très réussie selon nous »",
        "« le gouvernement ne changera pas de position sur la réforme des retraites cette année »",
        "« les habitants de la ville attendent toujours une réponse claire de la part du maire »",
    ]
    frame = "In her review the critic wrote that it was {}."
    text = " ".join([EN_1, *(frame.format(q) for q in quotes), EN_2])
    doc, found = run(UntranslatedPassage(), text, "en")
    assert [doc.slice(f.span) for f in found] == quotes
    assert {f.message for f in found} == {"passage in fr (1 quotation), document is en"}
    # must not flag: the same sentences quoting English
    english = [
        "“a modest exhibition, in the image of its subject, and a real success for us”",
        "“the government will not change its position on the pension reform this year”",
        "“the people of the city are still waiting for a clear answer from the mayor”",
    ]
    text = " ".join([EN_1, *(frame.format(q) for q in english), EN_2])
    assert run(UntranslatedPassage(), text, "en")[1] == []


def test_quoted_foreign_sentences_in_a_row_make_one_finding() -> None:
    first = '"Messreihen sind nur dann wertvoll, wenn sie lückenlos sind"'
    second = '"Eine Lücke von ein oder zwei Jahren lässt sich nicht mehr schließen."'
    text = EN_1 + "\n\n" + first + ", sagte Huss. " + second + "\n\n" + EN_2
    doc, found = run(UntranslatedPassage(), text, "en")
    assert [doc.slice(f.span) for f in found] == [first + ", sagte Huss. " + second]
    assert found[0].message == "passage in de (2 sentences), document is en"


def test_a_foreign_sentence_holding_a_quotation_is_reported_whole() -> None:
    sentence = (
        "El ministro dijo ayer en Madrid que «no habrá cambios en el gobierno» antes del verano."
    )
    doc, found = run(UntranslatedPassage(), EN_1 + "\n\n" + sentence + "\n\n" + EN_2, "en")
    assert [doc.slice(f.span) for f in found] == [sentence]
    assert found[0].message == "passage in es (1 sentence), document is en"


# --- unspaced scripts (Chinese, Japanese, Thai) and Hangul -------------------------------
# One character of these scripts is worth several Latin letters: a sentence of 12 Han
# characters is about 6 words, and must be judged like 6 English words.

ZH_1 = "董事会周二晚上开会讨论新的公交线路。"  # 17 characters
ZH_2 = "市长说这个计划将在春天再次审查，目前还没有做出任何决定。"


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        (ZH_1, "zh"),
        (ZH_1 + ZH_2, "zh"),
        ("東京都は来年から新しい制度を導入すると発表した。", "ja"),
        ("รัฐบาลไทยประกาศกฎหมายใหม่เมื่อวันจันทร์ที่ผ่านมา", "th"),
        ("정부는 월요일에 새로운 법안을 발표했다고 밝혔다.", "ko"),
    ],
)
def test_flags_unspaced_script_passage_in_english(sentence: str, lang: str) -> None:
    texts = [EN_1 + "\n\n" + sentence + "\n\n" + EN_2]
    if sentence.endswith(("。", ".")):  # Thai marks no sentence end: only a paragraph
        texts.append(EN_1 + " " + sentence + " " + EN_2)
    for text in texts:
        doc, found = run(UntranslatedPassage(), text, "en")
        assert [doc.slice(f.span) for f in found] == [sentence]
        assert found[0].message.startswith(f"passage in {lang} ")


@pytest.mark.parametrize(
    "sentence",
    [
        # names and titles glossed in their own script, bracketed or not
        "The Ministry of Industry and Information Technology (工业和信息化部) warned them.",
        "The ministry (中华人民共和国工业和信息化部) said on Monday it would act soon.",
        "His novel Red Sorghum (红高粱家族) was published in 1986.",
        "His novel Red Sorghum 《红高粱家族》 was published in 1986.",
        "The film Spirited Away (千と千尋の神隠し) won the award in 2003.",
        "The founder, Wang Chuanfu 王传福, spoke to analysts on Monday afternoon.",
        "The company, known at home as 比亚迪股份有限公司, sold more cars abroad.",
        # fewer characters than six words' worth
        "海外销量将继续增长",
        "公司董事长王传福。",
    ],
)
def test_unspaced_script_names_in_english_not_flagged(sentence: str) -> None:
    text = EN_1 + "\n\n" + sentence + "\n\n" + EN_2
    assert run(UntranslatedPassage(), text, "en")[1] == []


def test_japanese_kanji_headlines_not_flagged_as_chinese() -> None:
    # Kanji alone reads as Chinese to the detector: Chinese is reported in a Japanese
    # text only when it is plausible (the source language).
    text = "\n\n".join(
        [
            "首相は記者団に対し、早期の衆議院解散を否定した。",
            "国際連合安全保障理事会緊急会合開催決定。",
            "政府与党党首会談、経済対策実施方針合意。",
            "気象庁によると、台風十号は今夜九州南部に上陸する見込みだ。",
        ]
    )
    assert run(UntranslatedPassage(), text, "ja")[1] == []
    _, found = run(UntranslatedPassage(), text, "ja", source_lang="zh")
    assert found and all(f.message.startswith("passage in zh ") for f in found)


def test_chinese_document_judged_in_characters() -> None:
    # Chinese sentences (which py3langid splits between zh, wuu and yue) are the
    # document's own; an English one among them is reported.
    text = ZH_1 + ZH_2 + "\n\n" + EN_1 + "\n\n" + ZH_2 + ZH_1
    doc, found = run(UntranslatedPassage(), text, "zh", source_lang="en")
    assert [doc.slice(f.span) for f in found] == [EN_1]
    assert run(UntranslatedPassage(), ZH_1 + ZH_2 + "\n\n" + ZH_2, "zh")[1] == []


# --- a text split between two languages ------------------------------------------------
# Detected at once, half English and half Russian reads as Russian (Cyrillic letters
# take two bytes each in py3langid's byte n-grams). The declared language is the
# document's when it holds a third of the letters; undeclared, the one of most letters.

RU_1 = (
    "Совет собрался во вторник вечером, чтобы обсудить новые автобусные маршруты. "
    "Большинство пришедших жителей беспокоились о цене билетов."
)
AR_1 = "وقال رئيس البلدية إن الخطة ستراجع مرة أخرى في الربيع قبل أن يتخذ المجلس أي قرار."
EN_3 = (
    "The mayor thanked everyone who had come and promised to answer all the letters. "
    "A second meeting about the routes will take place in the town hall next month."
)


def _check(tmp_path, text: str, lang: str | None) -> list[str]:
    from transcheck.api import RunOptions, check_paths
    from transcheck.config import Config

    path = tmp_path / "brief.txt"
    path.write_text(text, encoding="utf-8")
    config = Config(mt="none", lang=lang, select=("wrong-language", "untranslated-passage"))
    return [f.message for f in check_paths([str(path)], config, RunOptions()).files[0].findings]


@pytest.mark.parametrize("lang", ["en", None])
@pytest.mark.parametrize(("foreign", "code"), [(RU_1, "ru"), (AR_1, "ar"), (ZH_1 + ZH_2, "zh")])
def test_half_translated_text_judged_against_the_main_language(tmp_path, lang, foreign, code):
    text = EN_1 + "\n\n" + foreign + "\n\n" + EN_3 + "\n"
    messages = _check(tmp_path, text, lang)
    assert len(messages) == 1
    assert messages[0].startswith(f"passage in {code} ") and messages[0].endswith("document is en")


def test_declared_language_with_a_third_of_the_text_is_no_mismatch(tmp_path):
    # Russian holds most of the letters (3 paragraphs), English (declared) 2 of 5.
    text = "\n\n".join([RU_1, EN_1 + " " + EN_3, RU_1, RU_1.replace("Совет", "Комитет")])
    messages = _check(tmp_path, text + "\n", "en")
    assert messages == ["passage in ru (2 sentences), document is en"] * 3
    # Undeclared: Russian, the English paragraph reported.
    assert _check(tmp_path, text, None) == ["passage in en (4 sentences), document is ru"]


def test_declared_language_a_small_minority_is_a_mismatch(tmp_path):
    # The source delivered: a Spanish text with one English sentence.
    text = ES_1 + "\n\n" + ES_2 + "\n\n" + "The mayor said nothing more about it." + "\n"
    messages = _check(tmp_path, text, "en")
    assert messages[0].startswith("document language is es")
    assert messages[1:] == ["passage in en (1 sentence), document is es"]


@pytest.mark.parametrize(
    "line",
    [
        # command synopses and identifiers read as some language by the detector
        "tool index-cache verify [--cache-dir <dir>] [--deep] [--[no-]progress]",
        "tool list-refs [-a | --all] [-l | --local] [--name-order | --time-order]",
        "tool mirror [-v | --verbose] update [-p | --prune] [(<grupo> | <espejo>)...]",
        "%P: %pB: read_symbol_table_entries falló: %E",
    ],
)
def test_untranslated_passage_skips_code(line: str) -> None:
    text = ES_1 + "\n\n" + line + "\n\n" + ES_2
    _, found = run(UntranslatedPassage(), text, "es", source_lang="en")
    assert found == []


def test_untranslated_passage_still_flags_prose_next_to_options() -> None:
    line = " -P, --pid-list <archivo>      read the process numbers from the file given here"
    text = ES_1 + "\n\n" + line + "\n\n" + ES_2
    _, found = run(UntranslatedPassage(), text, "es", source_lang="en")
    assert [f.message for f in found] == ["passage in en (1 sentence), document is es"]
