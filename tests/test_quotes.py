"""The quote model: language data, mark roles, pairing, levels and problems."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transcheck.document import Document
from transcheck.findings import Span
from transcheck.quotes import pair_quotes, quote_marks, quote_style


def roles(text: str, lang: str) -> list[tuple[str, str]]:
    doc = Document("t", text, lang)
    return [(m.char, m.role) for m in quote_marks(text, lang, doc.paragraphs)]


def kinds(text: str, lang: str) -> list[str]:
    doc = Document("t", text, lang)
    return [p.kind for p in pair_quotes(text, doc.paragraphs, lang).problems]


# --- language data -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "primary", "alternate"),
    [
        ("en", "“”", "‘’"),
        ("es", "“”", "‘’"),
        ("fr", "«»", "«»"),
        ("de", "„“", "‚‘"),
        ("sv", "””", "’’"),
        ("fi", "””", "’’"),
        ("ja", "「」", "『』"),
    ],
)
def test_cldr_pairs(lang: str, primary: str, alternate: str) -> None:
    style = quote_style(lang)
    assert (style.primary, style.alternate) == (primary, alternate)
    assert primary in style.accepted and '""' in style.accepted and "''" in style.accepted


def test_regional_locale_and_fallbacks() -> None:
    assert quote_style("fr-CH").alternate == "‹›"
    assert quote_style("pt_PT").primary == "«»"
    assert quote_style("xx").primary == "“”"  # unknown language: CLDR root-like default
    assert quote_style(None).lang == "en"


def test_common_alternatives() -> None:
    assert {"«»", "“”"} <= quote_style("es").accepted
    assert "‘’" in quote_style("en").accepted
    assert "»«" in quote_style("de").accepted
    assert "“”" not in quote_style("de").accepted  # pairs, but is not German style
    assert quote_style("fr").spaced and not quote_style("es").spaced


# --- roles ----------------------------------------------------------------------------


def test_same_glyph_opens_in_english_and_closes_in_german() -> None:
    assert roles("He said “yes” today.", "en") == [("“", "open"), ("”", "close")]
    assert roles("Er sagte „ja“ heute.", "de") == [("„", "open"), ("“", "close")]


def test_swedish_mark_opens_and_closes() -> None:
    assert roles("Han sa ”ja” i dag.", "sv") == [("”", "open"), ("”", "close")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("the country’s", "en"),
        ("the ’90s and '80s", "en"),
        ("rock ’n’ roll", "en"),
        ("l’État", "fr"),
        ("dell’anno", "it"),
        ("O’Neill", "en"),
        ("don't", "en"),
        ("the players’ union", "en"),
        ("the drivers' union", "en"),
        ("’em and ’tis", "en"),
    ],
)
def test_apostrophes(text: str, lang: str) -> None:
    assert {role for _, role in roles(text, lang)} == {"apostrophe"}


def test_inch_and_foot_marks_are_primes() -> None:
    assert [r for _, r in roles("5' 11\" and 6'2\"", "en")] == [
        "prime",
        "prime",
        "prime",
        "prime",
    ]
    assert [r for _, r in roles("a 27” screen", "en")] == ["prime"]


def test_closing_single_quote_versus_possessive() -> None:
    text = "‘The players’ union is strong,’ he said."
    assert roles(text, "en") == [("‘", "open"), ("’", "apostrophe"), ("’", "close")]


def test_straight_quotes_by_context() -> None:
    assert roles('He said "yes" and "no".', "en") == [
        ('"', "open"),
        ('"', "close"),
        ('"', "open"),
        ('"', "close"),
    ]


def test_code_and_urls_are_skipped() -> None:
    assert roles('Go to https://x.org/?q="a" or `a="b"` or <a href="x">.', "en") == []
    # the closing quote after a URL is not part of it
    assert roles('"See https://x.org" now.', "en") == [('"', "open"), ('"', "close")]


def test_marks_inside_tags_are_skipped_escaped_or_not() -> None:
    # PO and JSON strings show escaped attribute quotes as written: \"
    assert roles('Lesen Sie das <a href=\\"%s\\">Handbuch</a>.', "de") == []
    assert roles("See <img src=\\\"x.png\\\" alt='icon' /> here.", "en") == []
    assert roles('<a title = "x" data-y=z href="#">go</a>', "en") == []
    # quotations next to or between tags are still quotations
    assert roles('Die <b>„Speichern“</b> und <a href=\\"x\\">„Öffnen“</a>.', "de") == [
        ("„", "open"),
        ("“", "close"),
        ("„", "open"),
        ("“", "close"),
    ]
    # prose between < and > is not a tag: its quotes count
    assert roles('Type <Note "a"> here, x < y and "b" = 2.', "en") == [
        ('"', "open"),
        ('"', "close"),
        ('"', "open"),
        ('"', "close"),
    ]
    assert roles('He said "yes" to <b>"no"</b>.', "en") == [
        ('"', "open"),
        ('"', "close"),
        ('"', "open"),
        ('"', "close"),
    ]


# --- levels and styles ----------------------------------------------------------------


def test_levels_and_styles() -> None:
    text = "“He said ‘no’ twice,” she said."
    marks = quote_marks(text, "en")
    assert [(m.level, m.style) for m in marks] == [(0, "“”"), (1, "‘’"), (1, "‘’"), (0, "“”")]


def test_pairs_record_paragraph_and_continuation() -> None:
    text = "“One.\n\n“Two.\n\n“Three.”"
    doc = Document("t", text, "en")
    analysis = pair_quotes(text, doc.paragraphs, "en")
    assert analysis.problems == []
    assert [(p.paragraph, p.continued, p.close is not None) for p in analysis.pairs] == [
        (0, True, False),
        (1, True, False),
        (2, False, True),
    ]


def test_spanish_continuation_with_closing_mark() -> None:
    assert kinds("«Uno.\n\n»Dos.\n\n»Tres».", "es") == []


def test_unclosed_before_a_paragraph_that_does_not_continue() -> None:
    assert kinds("“One.\n\nTwo.\n\n“Three.”", "en") == ["unclosed"]


def test_whole_text_is_one_paragraph_without_spans() -> None:
    analysis = pair_quotes("“a\n\nb”", None, "en")
    assert analysis.problems == []


# --- problems ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("“No deal yet, “she added.", "en", ["direction"]),
        ("“No deal yet,“ she added.", "en", ["direction"]),
        ("“The matter “, he said.", "en", ["direction"]),
        ("He said ”no” today.", "en", ["direction"]),
        ("“Open and never closed.", "en", ["unclosed"]),
        ("Closed and never opened.”", "en", ["unopened"]),
        ("“The Alliance ”, he said.", "en", ["space-inside"]),
        ("Il a dit «oui».", "fr", ["space-missing", "space-missing"]),
        ("“Tell them, “the deal is off,” he said.”", "en", []),
    ],
)
def test_problem_kinds(text: str, lang: str, expected: list[str]) -> None:
    assert kinds(text, lang) == expected


def test_direction_edit_moves_the_space() -> None:
    text = "“No deal yet, “she added."
    (problem,) = pair_quotes(text, None, "en").problems
    assert problem.span == Span(14, 15)
    assert problem.suggestion == "”"
    (edit,) = problem.edits
    assert text[: edit.span.start] + edit.replacement + text[edit.span.end :] == (
        "“No deal yet,” she added."
    )


def test_long_quote_dense_document() -> None:
    # speed is measured by bench/accuracy_quotes.py; here: nothing drifts over many paragraphs
    text = ("“He said ‘no’ to the players’ union,” she added. " * 20 + "\n\n") * 200
    analysis = pair_quotes(text, Document("t", text, "en").paragraphs, "en")
    assert analysis.problems == []
    assert len(analysis.pairs) == 200 * 20 * 2


def test_separators_are_ambiguous_not_quotes() -> None:
    assert roles("Hjem » Nyheder » Sport", "da") == [("»", "ambiguous"), ("»", "ambiguous")]
    assert kinds("Hjem » Nyheder » Sport", "da") == []


def test_feet_and_inches_inside_a_quotation() -> None:
    text = 'He said, "I\'m 6\'2", you know."'
    assert [r for _, r in roles(text, "en")] == ["open", "apostrophe", "prime", "prime", "close"]


def test_many_unclosed_marks_in_one_paragraph_pair_in_linear_time():
    # Found by bench/fuzz.py: with thousands of marks left open in one paragraph, each
    # closing mark searched (and compared field by field) the whole stack: 11k characters
    # took 6 s. Now the search is bounded and removal is by identity from the top.
    # Time is measured by bench/hostile.py and bench/fuzz.py (long), not asserted here.
    unit = "!„›=\"\u00a0‚‘'«'”‚„)"
    large = unit * 4000
    analysis = pair_quotes(large, [Span(0, len(large))], "en")
    assert analysis.problems


# --- audit fixes (session 4) ---------------------------------------------------------


def test_continued_quotation_takes_the_style_of_its_closing_pair() -> None:
    text = "„Wir haben verhandelt”, sagte er. „Das ist gut.\n\n„Alle profitieren.”"
    doc = Document("t", text, "de")
    pairs = pair_quotes(text, doc.paragraphs, "de").pairs
    assert [(p.style, p.continued) for p in pairs] == [
        ("„”", False),
        ("„”", True),
        ("„”", False),
    ]


def test_straight_and_typographic_marks_make_one_mixed_pair() -> None:
    text = 'He said: "We will win” and left.'
    doc = Document("t", text, "en")
    analysis = pair_quotes(text, doc.paragraphs, "en")
    assert [p.style for p in analysis.pairs] == ['"”']
    assert analysis.problems == []


@pytest.mark.parametrize(
    "text",
    [
        "The union said there was no deal yet, “she added.\n\n“We will fight on,” he said.",
        "The matter “, he said, was closed.\n\n“We will appeal,” he added.",
    ],
)
def test_turned_mark_is_not_a_continued_quotation(text: str) -> None:
    doc = Document("t", text, "en")
    analysis = pair_quotes(text, doc.paragraphs, "en")
    assert [p.kind for p in analysis.problems] == ["direction"]
    assert not any(p.continued for p in analysis.pairs)
    assert analysis.marks[0].role == "close"


def test_french_continuation_reopened_with_closing_guillemet() -> None:
    text = "« Nous avons écouté.\n\n» Et c’est fini. »"
    doc = Document("t", text, "fr")
    analysis = pair_quotes(text, doc.paragraphs, "fr")
    assert analysis.problems == []
    assert [p.continued for p in analysis.pairs] == [True, False]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The union leader replied, “no comment.", "en"),
        ("The minister called the plan, “a total disaster.", "en"),
        ("Er meinte, „na gut.", "de"),
    ],
)
def test_open_lowercase_quotation_without_speech_verb_stays_unclosed(text: str, lang: str) -> None:
    analysis = pair_quotes(text, Document("t", text, lang).paragraphs, lang)
    assert [p.kind for p in analysis.problems] == ["unclosed"]


def test_quoted_punctuation_is_not_a_turned_mark() -> None:
    text = "The field delimiter is “, ” (a comma and a space), not a tab."
    analysis = pair_quotes(text, None, "en")
    assert analysis.problems == []
    assert [p.style for p in analysis.pairs] == ["“”"]


def test_marks_left_in_the_paragraph_are_counted_per_paragraph() -> None:
    # A closing mark later in the paragraph (not in the next one) keeps the speech tag
    # an opening mark; the count is per paragraph, from the paragraph's own marks.
    text = "No deal, “she said. It closes here”.\n\nNo deal, “she said."
    doc = Document("t", text, "en")
    problems = pair_quotes(text, doc.paragraphs, "en").problems
    assert [(p.kind, p.span.start) for p in problems] == [("direction", text.rindex("“"))]


# --- audit fixes (session 5) ---------------------------------------------------------


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_french_nested_guillemets_with_french_spacing(space: str) -> None:
    # CLDR's French uses « » at both levels: a spaced « inside an open « is nested.
    s = space
    text = f"Il a ajouté : «{s}La réforme est «{s}nécessaire{s}» selon les experts.{s}»"
    analysis = pair_quotes(text, Document("t", text, "fr").paragraphs, "fr")
    assert analysis.problems == []
    assert sorted(p.level for p in analysis.pairs) == [0, 1]


def test_french_nested_guillemets_over_paragraphs() -> None:
    text = "« Il a dit « oui » puis il a continué.\n\n« Il est parti. »\n\nFin « du » récit."
    assert kinds(text, "fr") == []


@pytest.mark.parametrize(
    "text",
    [
        "Il a dit « oui « et il est parti.",  # no closer left for a nested quotation
        "« Il a dit « oui » et il est parti.",  # closers for one quotation only
        "« A « B » C. »\n\nIl a dit « oui « et il est parti.",  # the stray one is later
    ],
)
def test_french_stray_guillemet_is_still_reported(text: str) -> None:
    assert "direction" in kinds(text, "fr")


# --- the scan by glyph, against the regex scan --------------------------------------

_QUOTED = st.text(
    alphabet="\"'“”‘’«»„‚‹›「」『』 \n\n\t\u00a0aZ9.,—:/=`w",
    max_size=80,
)


def _paragraph_spans(text: str) -> list[Span]:
    return list(Document("t", text, "en").paragraphs)


@settings(max_examples=600, deadline=None)
@given(_QUOTED, st.integers(0, 3))
@example("«a» \n\n “b” 'c'", 0)
@example("x\n\n\n«", 1)
def test_scan_by_glyph_as_the_regex_scan(text: str, spans: int) -> None:
    """`_scan` finds, glyph by glyph, the marks the regex scan finds, in the same
    paragraphs (each kind of paragraph list: the document's, one, none, overlapping
    none but with gaps), also when a skip literal sends it to the regex."""
    from transcheck.quotes import _scan, _scan_regex

    choices = [
        _paragraph_spans(text),
        [Span(0, len(text))],
        [],
        [Span(min(k, len(text)), min(k + 3, len(text))) for k in range(0, len(text), 5)],
    ]
    paras = choices[spans]
    assert _scan(text, paras) == _scan_regex(text, paras)


def test_scan_past_the_paragraph_limit_keeps_memory_bounded(monkeypatch) -> None:
    """Past MAX_PARAGRAPH_MARKS marks the regex scan runs, which keeps one mark more
    than the limit per paragraph (and pairs none of them)."""
    import transcheck.quotes as quotes

    monkeypatch.setattr(quotes, "MAX_PARAGRAPH_MARKS", 5)
    text = '"' * 8 + " \n\n «a»"
    paras = _paragraph_spans(text)
    assert quotes._mark_offsets(text) is None
    assert quotes._scan(text, paras) == {0: list(range(6)), 1: [12, 14]}
    analysis = quotes.pair_quotes(text, paras, "es")
    assert [(p.open.offset, p.close.offset) for p in analysis.pairs] == [(12, 14)]


def _pair_every_paragraph(text: str, paras: list[Span], lang: str):
    """pair_quotes as it was: the stack machine called for every paragraph in turn."""
    from transcheck.quotes import (
        MAX_PARAGRAPH_MARKS,
        QuoteAnalysis,
        _Pairer,
        _scan,
        spacing_problems,
    )

    style = quote_style(lang)
    by_para = _scan(text, paras)
    pairer = _Pairer(text, style)
    carried = None
    for index, para in enumerate(paras):
        offsets = by_para.get(index)
        if not offsets or len(offsets) > MAX_PARAGRAPH_MARKS:
            carried = None
            continue
        next_para = paras[index + 1] if index < len(paras) - 1 else None
        carried = pairer.paragraph(index, para, offsets, carried, next_para)
    analysis = QuoteAnalysis(lang=style.lang, style=style)
    analysis.marks = sorted(pairer.marks.values(), key=lambda m: m.offset)
    analysis.pairs = sorted(pairer.pairs, key=lambda p: p.open.offset)
    problems = pairer.problems + spacing_problems(text, analysis.pairs, style, pairer.fixed)
    analysis.problems = sorted(problems, key=lambda p: (p.span.start, p.kind))
    return analysis


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["«Sí»", "“Yes", "no”", "„Ja“", "— «Hola", "adiós»", "l’app", "6'2\"", "word", "", "\n"]
        ),
        max_size=12,
    ),
    st.sampled_from(["en", "es", "fr", "de", "sv"]),
)
def test_pairing_only_the_paragraphs_with_marks(pieces: list[str], lang: str) -> None:
    """pair_quotes, which runs the stack machine only on the paragraphs that have marks
    (a paragraph without any ends a quote carried into it), gives what running it on
    every paragraph gave: marks, pairs and problems."""
    text = "\n\n".join(" ".join(pieces[i : i + 2]) for i in range(0, len(pieces), 2))
    paras = _paragraph_spans(text)
    new, old = pair_quotes(text, paras, lang), _pair_every_paragraph(text, paras, lang)
    assert (new.marks, new.pairs, new.problems) == (old.marks, old.pairs, old.problems)
