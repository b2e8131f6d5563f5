"""Case tables for the quote rules: what each MUST flag and what it MUST NOT flag.

Each case: (text, lang, expected findings as (rule, "line:col")). Every quote rule runs
on every case (quote-style-locale included), so an empty list means "nothing at all".
"""

from __future__ import annotations

import pytest

from transcheck.document import Document
from transcheck.findings import Finding
from transcheck.registry import RuleContext
from transcheck.rules.quotes import RULES

NBSP = "\u00a0"
NNBSP = "\u202f"


def run(text: str, lang: str, rules=RULES) -> list[Finding]:
    doc = Document("t.txt", text, lang)
    ctx = RuleContext(document=doc, lang=lang)
    return [f for rule in rules for f in rule().check(ctx)]


def located(text: str, lang: str) -> list[tuple[str, str]]:
    doc = Document("t.txt", text, lang)
    found = run(text, lang)
    return sorted((f.rule, "{}:{}".format(*doc.position(f.span.start))) for f in found)


def apply_fix(text: str, finding: Finding) -> str:
    assert finding.fix is not None
    for edit in sorted(finding.fix.edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
    return text


MUST_FLAG = [
    # quote-direction: an opening mark where the closing one belongs
    ("“There is no deal yet, “she added.", "en", [("quote-direction", "1:24")]),
    ("“There is no deal yet,“ she added.", "en", [("quote-direction", "1:23")]),
    ("“We discussed the matter “, he said.", "en", [("quote-direction", "1:26")]),
    (
        "“We want a moratorium, “he said. “It is urgent.”",
        "en",
        [("quote-direction", "1:24")],
    ),
    ("He said ”no deal” today.", "en", [("quote-direction", "1:9")]),
    ('"No deal yet, "she added.', "en", [("quote-direction", "1:15")]),
    ("«No hay acuerdo, «dijo ella.", "es", [("quote-direction", "1:18")]),
    ("“No hay acuerdo,“ dijo ella.", "es", [("quote-direction", "1:17")]),
    ("Er sagte: „Nein, „sagte er.", "de", [("quote-direction", "1:18")]),
    (f"«{NBSP}Non, «dit-il.", "fr", [("quote-direction", "1:8")]),
    # … with no opening mark before it: a turned closing mark, even when the next
    # paragraph opens with a quote (it cannot be a quotation continued there)
    ("The union had no deal on the moratorium, “he said.", "en", [("quote-direction", "1:42")]),
    (
        "The union said there was no deal yet, “she added.\n\n“We will fight on,” he said.",
        "en",
        [("quote-direction", "1:39")],
    ),
    (
        "The minister said the matter “, he said, was closed.\n\n“We will appeal,” he added.",
        "en",
        [("quote-direction", "1:30")],
    ),
    (
        "El portavoz no quiso comentar el asunto «, dijo.\n\n«Estamos listos», afirmó.",
        "es",
        [("quote-direction", "1:41")],
    ),
    (
        "Le porte-parole n’a rien dit sur l’affaire «, a-t-il dit.",
        "fr",
        [("quote-direction", "1:44")],
    ),
    ("Es el acuerdo, «dijo el portavoz. Después se fue.", "es", [("quote-direction", "1:16")]),
    # the same opening mark again after a space, glued to a lowercase word
    ("He said “we will win “and left the room.", "en", [("quote-direction", "1:22")]),
    # … in the present tense too (Spanish news style)
    ("No hay acuerdo todavía, «explica el portavoz.", "es", [("quote-direction", "1:25")]),
    ("No hay acuerdo todavía, «señala la ministra.", "es", [("quote-direction", "1:25")]),
    # quote-unbalanced
    ("“The talks will go on, he said.", "en", [("quote-unbalanced", "1:1")]),
    # a short lowercase quotation left open at the end of its paragraph: no speech verb,
    # so not a turned closing mark (a "fix" would turn the quotation into prose)
    (
        "Asked about the talks, the union leader replied, “no comment.\n\nThey resume on Monday.",
        "en",
        [("quote-unbalanced", "1:50")],
    ),
    ("The minister called the plan, “a total disaster.", "en", [("quote-unbalanced", "1:31")]),
    ("Er meinte, „na gut.", "de", [("quote-unbalanced", "1:12")]),
    ("El ministro respondió, «sin comentarios.", "es", [("quote-unbalanced", "1:24")]),
    ("The talks will go on,” he said.", "en", [("quote-unbalanced", "1:22")]),
    ("“First paragraph.\n\nSecond paragraph, no quote.", "en", [("quote-unbalanced", "1:1")]),
    ("Dijo: «no hay acuerdo. Nada más.", "es", [("quote-unbalanced", "1:7")]),
    ("Er sagte: „Nein. Dann ging er.", "de", [("quote-unbalanced", "1:11")]),
    ("He said: “I ‘will go.” Then he left.", "en", [("quote-unbalanced", "1:13")]),
    ("A disease called COVID-19 (Disease 2019”).", "en", [("quote-unbalanced", "1:40")]),
    # quote-spacing
    ("“We are part of the Alliance ”, he said.", "en", [("quote-spacing", "1:29")]),
    ("He said: “ We will win.”", "en", [("quote-spacing", "1:10")]),
    ("Dijo: « No hay acuerdo ».", "es", [("quote-spacing", "1:7"), ("quote-spacing", "1:23")]),
    ("Il a dit «Bonjour» hier.", "fr", [("quote-spacing", "1:10"), ("quote-spacing", "1:18")]),
    ("Er sagte: „ Nein“.", "de", [("quote-spacing", "1:11")]),
    # a closing mark after a space and glued to the next word
    ("He said “we will win ”and left the room.", "en", [("quote-spacing", "1:21")]),
    ('He said "we will win "and left the room.', "en", [("quote-spacing", "1:21")]),
    ("Dijo «no hay acuerdo »y se fue.", "es", [("quote-spacing", "1:21")]),
    # quote-style-mixed: one straight pair among typographic ones
    (
        '“One,” she said.\n\n“Two,” she said.\n\n“Three.”\n\nThen "four" came.',
        "en",
        [("quote-style-mixed", "7:6")],
    ),
    (
        "Dijo «uno» y «dos».\n\nLuego «tres».\n\nY después “cuatro”.",
        "es",
        [("quote-style-mixed", "5:11")],
    ),
    # one quotation opened in one style and closed in the other: one finding, not two
    ('He said: "We will win” and left.', "en", [("quote-style-mixed", "1:10")]),
    ('He said: “We will win" and left.', "en", [("quote-style-mixed", "1:10")]),
    ('“One,” she said. “Two,” she said. "Three” and more.', "en", [("quote-style-mixed", "1:35")]),
    # quote-style-locale (info, off by default): English marks in German
    ("Er sagte “nein”.", "de", [("quote-style-locale", "1:10")]),
    ("Il a dit „non“.", "fr", [("quote-style-locale", "1:10")]),
    # „…” (a frequent slip in German) pairs: a style note, not an unbalanced quote
    ("Er sagte „nein”.", "de", [("quote-style-locale", "1:10")]),
]


MUST_NOT_FLAG = [
    # apostrophes in any language
    ("The country’s ’90s were rock ’n’ roll for O’Neill.", "en"),
    ("I don't know; the players’ union met in the ’80s.", "en"),
    ("“The players’ union is strong,” she said of “the deal.”", "en"),
    ("‘The players’ union is strong,’ he said.", "en"),
    ("The drivers' union and the Thirty Years' War.", "en"),
    ("L’État a dit « oui » à l’Europe.", "fr"),
    ("Nell’anno dell’unità, «ciao».", "it"),
    ("Ya’ll rock'n'roll and 'em.", "en"),
    # a straight ' before a word after a space: an ayn or an elision, not a turned closer
    ("The scholar 'Abd al-Rahman spoke, and the imam 'Ali nodded.", "en"),
    ("They danced 'til dawn and sang 'em all.", "en"),
    # nested quotes alternating correctly
    ("“He said ‘no’ twice,” she said.", "en"),
    ("«Dijo “no” dos veces», contó ella.", "es"),
    ("„Er sagte ‚nein‘ zweimal“, sagte sie.", "de"),
    ("« Il a dit “non” deux fois », dit-elle.", "fr"),
    # inch and foot marks
    ("He is 5' 11\" tall; she is 6'2\".", "en"),
    ("A 27\" screen and a 2' cable.", "en"),
    ('He said, "I\'m 6\'2", you know."', "en"),
    # a period after the closing mark
    ("Es, aseguran las fuentes, «100% Cospedal».", "es"),
    ("He called it “a merit system”.", "en"),
    ("He called it “a merit system.”", "en"),
    # straight quotes in code and URLs
    ('See https://x.org/?q="a" for details.', "en"),
    ('Set `a="b"` in the file.', "en"),
    ('Use <a href="x.html">this</a> link.', "en"),
    ('"See https://x.org" for details.', "en"),
    # language conventions
    ("Er sagte: „Nein“, und ging.", "de"),
    ("Er sagte: »Nein«, und ging.", "de"),
    ("Han sa ”nej” till mig.", "sv"),
    ("Hän sanoi ”ei” minulle.", "fi"),
    (f"Il a dit «{NBSP}Bonjour{NBSP}» hier.", "fr"),
    (f"Il a dit «{NNBSP}Bonjour{NNBSP}» hier.", "fr"),
    ("Il a dit « Bonjour » hier.", "fr"),
    ("Dijo «no, “sí” y ‘quizá’».", "es"),
    ("He said ‘no’ and ‘yes’.", "en"),
    ("Hun sagde ”nej” til mig.", "da"),
    ("Rekel je »nič«, in odšel.", "sl"),
    # separators with a space on both sides are not quotes
    ("Hjem » Nyheder » Sport » Fodbold", "da"),
    ("Home › News › Sport", "en"),
    # multi-paragraph quotations (news convention)
    ("“First paragraph of a long quote.\n\n“Second paragraph.\n\n“Last one,” he said.", "en"),
    ("«Primer párrafo.\n\n«Segundo párrafo.\n\n«Último».", "es"),
    ("> “First part.\n\n> “Second part.”", "en"),
    ("«Primer párrafo.\n\n»Segundo párrafo.\n\n»Último».", "es"),
    # a continued quotation reopened with » in French, with its usual spaces
    (f"«{NBSP}Nous avons écouté, a-t-il dit.\n\n»{NBSP}Et c’est ce qu’ils auront.{NBSP}»", "fr"),
    ("« Nous avons écouté, a-t-il dit.\n\n» Et c’est ce qu’ils auront. »", "fr"),
    # a German text using „…” throughout, also across paragraphs (style from its closing mark)
    (
        "„Wir haben verhandelt”, sagte er. „Das Ergebnis ist gut.\n\n„Alle profitieren.”\n\n"
        "„Und weiter”, sagte sie.",
        "pl",
    ),
    ("„Wir haben verhandelt“, sagte er. „Das ist gut.\n\n„Alle profitieren.“", "de"),
    # a quotation that starts in lower case and continues in the next paragraph
    ("He said, “we will win.\n\n“And we will win again, whatever they say,” he said.", "en"),
    ("Dijo que, «el plan está muerto.\n\n«Y nadie lo va a revivir», añadió.", "es"),
    # a lowercase quotation closed later, punctuation quoted as a sign, a new quotation
    ("“We expect growth,” she said, “but not this year.”", "en"),
    ("It was, he said, “a mess,” and then he left.", "en"),
    ("The “,” sign and the “.” sign.", "en"),
    # quoted punctuation with its space: the space is the quoted text
    ("The field delimiter is “, ” (a comma and a space), not a tab.", "en"),
    ("Separate the items with “; ” and end the list with “. ” as usual.", "en"),
    ("He wrote about “.NET” yesterday.", "en"),
    ("“It is over,” he said. “We lost.”", "en"),
    ("He said “yes” and “no” and left.", "en"),
    ('He said "yes" and "no" and left.', "en"),
    ("“He called it “nonsense” and left,” she said.", "en"),
    ('He said, “I like the "new" plan.”', "en"),
    # straight quotes used consistently, and Spanish dialogue
    ('He said "no" and "yes," then "maybe".', "en"),
    ("—“Hola”, dijo. ¿“Qué”?", "es"),
    ("“¿Qué pasa?”, preguntó.", "es"),
    ("“I was—” he began.", "en"),
    ("He wrote (“see below”) and left.", "en"),
    ("“…and then,” he said.", "en"),
    ("A “quote”’s end.", "en"),
    # a nested same-mark quotation that is closed (wrong style, not a direction error)
    ("“Tell them, “the deal is off,” he said.”", "en"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), MUST_FLAG)
def test_must_flag(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert located(text, lang) == sorted(expected)


@pytest.mark.parametrize(("text", "lang"), MUST_NOT_FLAG)
def test_must_not_flag(text: str, lang: str) -> None:
    assert located(text, lang) == []


FIXES = [
    ("“There is no deal yet, “she added.", "en", "“There is no deal yet,” she added."),
    ("“There is no deal yet,“ she added.", "en", "“There is no deal yet,” she added."),
    ("“We discussed the matter “, he said.", "en", "“We discussed the matter”, he said."),
    ("He said ”no deal” today.", "en", "He said “no deal” today."),
    ('"No deal yet, "she added.', "en", '"No deal yet," she added.'),
    ("Er sagte: „Nein, „sagte er.", "de", "Er sagte: „Nein,“ sagte er."),
    ("“We are part of the Alliance ”, he said.", "en", "“We are part of the Alliance”, he said."),
    ("He said: “ We will win.”", "en", "He said: “We will win.”"),
    ("He said “we will win “and left.", "en", "He said “we will win” and left."),
    ("He said “we will win ”and left.", "en", "He said “we will win” and left."),
]


@pytest.mark.parametrize(("text", "lang", "fixed"), FIXES)
def test_safe_fix(text: str, lang: str, fixed: str) -> None:
    findings = [f for f in run(text, lang) if f.fix is not None and f.fix.safe]
    assert len(findings) == 1
    assert apply_fix(text, findings[0]) == fixed
    assert located(fixed, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "fixed"),
    [
        ("The union had no deal yet, “she added.", "en", "The union had no deal yet,” she added."),
        ("The matter “, he said, was closed.", "en", "The matter”, he said, was closed."),
        ("El asunto «, dijo.", "es", "El asunto», dijo."),
    ],
)
def test_turned_mark_without_opening_one(text: str, lang: str, fixed: str) -> None:
    """The mark is turned; the opening mark is still missing, and then says so."""
    (finding,) = run(text, lang)
    assert finding.rule == "quote-direction" and finding.related == ()
    assert apply_fix(text, finding) == fixed
    (after,) = run(fixed, lang)
    assert after.rule == "quote-unbalanced" and "without an opening" in after.message


def test_mixed_pair_fix_uses_the_document_style() -> None:
    text = '“One,” she said. "Two” and more.'
    (finding,) = run(text, "en")
    assert finding.rule == "quote-style-mixed" and finding.suggestion == "“”"
    assert finding.fix is not None and not finding.fix.safe
    assert apply_fix(text, finding) == "“One,” she said. “Two” and more."


def test_french_fix_inserts_no_break_spaces() -> None:
    text = "Il a dit «Bonjour» hier."
    for finding in sorted(run(text, "fr"), key=lambda f: -f.span.start):
        text = apply_fix(text, finding)
    assert text == f"Il a dit «{NBSP}Bonjour{NBSP}» hier."


def test_direction_suggestion_is_the_corrected_mark() -> None:
    (finding,) = run("“There is no deal yet, “she added.", "en")
    assert finding.suggestion == "”"
    assert finding.severity.label == "error"
    assert finding.related  # points at the opening mark


def test_unbalanced_is_not_reported_twice_with_direction() -> None:
    rules = [f.rule for f in run("“We want a moratorium, “he said.", "en")]
    assert rules == ["quote-direction"]


def test_style_mixed_names_majority_and_groups_per_paragraph() -> None:
    text = '“A” and “B” and “C”.\n\nThen "d" and "e".'
    (finding,) = [f for f in run(text, "en") if f.rule == "quote-style-mixed"]
    assert "“…”" in finding.message
    assert len(finding.related) == 3  # the closing " and the second pair
    assert finding.fix is not None and not finding.fix.safe


def test_style_mixed_ignores_attribute_quotes_in_escaped_tags() -> None:
    # PO/JSON strings show attribute quotes escaped (\\"): markup, not the document's style
    text = (
        'Lesen Sie das <a href=\\"%s\\">Handbuch</a>.\n\n'
        'Siehe <img src=\\"x.png\\" alt=\\"Symbol\\"> hier.\n\n'
        "Die Schaltfläche „Speichern“.\n\nDie Schaltfläche „Öffnen“."
    )
    assert run(text, "de") == []
    # a real straight quotation among them is still a mixed style
    mixed = text + '\n\nDie Schaltfläche \\"Schließen\\" und <a href=\\"x\\">„Hilfe“</a>.'
    flagged = [f for f in run(mixed, "de") if f.rule == "quote-style-mixed"]
    assert len(flagged) == 1 and flagged[0].suggestion == "„“"


def test_style_mixed_ignores_different_levels() -> None:
    text = "«Dijo “no” dos veces», contó.\n\n«Y “sí” también»."
    assert [f for f in run(text, "es") if f.rule == "quote-style-mixed"] == []


def test_style_locale_is_off_by_default() -> None:
    from transcheck.rules.quotes import QuoteStyleLocale

    assert QuoteStyleLocale.enabled_by_default is False


@pytest.mark.parametrize("rule", RULES)
def test_docstrings_have_required_sections(rule) -> None:
    doc = rule.documentation()
    for section in ("What it flags", "Why it matters", "Example", "Fix"):
        assert section in doc


@pytest.mark.parametrize(
    ("text", "lang", "suggestions"),
    [
        ("He said: “ We will win.”", "en", [("“ ", "“")]),
        ("“We are part of the Alliance ”, he said.", "en", [(" ”", "”")]),
        ("Il a dit «Bonjour» hier.", "fr", [("«", f"«{NBSP}"), ("»", f"{NBSP}»")]),
    ],
)
def test_spacing_suggestion_replaces_the_span(text, lang, suggestions) -> None:
    found = [f for f in run(text, lang) if f.rule == "quote-spacing"]
    assert [(text[f.span.start : f.span.end], f.suggestion) for f in found] == suggestions


def test_style_mixed_takes_a_continued_quotation_style_from_its_closing_mark() -> None:
    # German text consistently using „…” (a slip quote-style-locale notes, not a mix)
    text = "„Wir haben verhandelt”, sagte er. „Das ist gut.\n\n„Alle profitieren.”"
    assert [f for f in run(text, "de") if f.rule == "quote-style-mixed"] == []
    # the same with one real „…“ among „…”: that one is flagged
    text += "\n\n„Eins”, „zwei” und „drei“."
    found = [f for f in run(text, "de") if f.rule == "quote-style-mixed"]
    assert [f.message.split(";")[0] for f in found] == ["quotation marks „…“ here"]


# --- foreign quotations in guillemets (French spacing inside another language) ---------


@pytest.mark.parametrize(
    "text",
    [
        "The exhibition opens under the title « Tous les garçons et les filles » on Friday.",
        "The French daily asked: « Pourquoi maintenant ? » Nobody answered.",
        f"The paper called it «{NBSP}une exposition pudique{NBSP}», a discreet show.",
    ],
)
def test_french_spaced_guillemets_in_english_are_a_french_quotation(text: str) -> None:
    assert [f for f in run(text, "en") if f.rule == "quote-spacing"] == []


def test_half_spaced_foreign_guillemets_are_flagged_without_a_safe_fix() -> None:
    text = "The exhibition opens under the title « Tous les garçons et les filles» on Friday."
    (found,) = [f for f in run(text, "en") if f.rule == "quote-spacing"]
    assert found.fix is not None and not found.fix.safe
    # English marks with a space inside keep their safe fix
    (plain,) = [f for f in run("He said: “ We will win.” Then left.", "en")]
    assert plain.fix is not None and plain.fix.safe


def test_spaced_guillemets_stay_flagged_where_the_language_uses_guillemets() -> None:
    # Russian writes «…» without spaces: spaces inside are an error there, not French
    found = [f for f in run("Он сказал: « Мы победим » и ушёл.", "ru") if f.rule == "quote-spacing"]
    assert len(found) == 2 and all(f.fix is not None and f.fix.safe for f in found)


def test_style_mixed_skips_a_quotation_in_its_own_language_marks() -> None:
    text = (
        "“We are proud,” the curator said. “It took years.”\n\n"
        "The show is called « Tous les garçons et les filles » after the song.\n\n"
        "Critics called it «une exposition pudique et très réussie» in Le Monde."
    )
    assert [f for f in run(text, "en") if f.rule == "quote-style-mixed"] == []


def test_style_mixed_still_flags_english_in_guillemets() -> None:
    text = (
        "“We are proud,” she said. “It took years.”\n\nThen he said «we will stay here» and left."
    )
    (found,) = [f for f in run(text, "en") if f.rule == "quote-style-mixed"]
    assert found.suggestion == "“”"


def test_style_mixed_tie_prefers_the_language_style() -> None:
    text = "He said «we will stay here» today.\n\nShe said “we will leave” later."
    (found,) = [f for f in run(text, "en") if f.rule == "quote-style-mixed"]
    assert found.suggestion == "“”" and "«…» here" in found.message


def test_mixed_style_over_two_paragraphs_is_reported_once_on_the_closing_pair() -> None:
    # The first paragraph's open-ended pair takes the style of the pair that closes the
    # quotation (straight open, curly close): one finding, on the closing pair; the rule
    # failed on the open-ended pair before.
    from transcheck.rules.quotes import QuoteStyleMixed

    text = 'He said: "We will win.\n\n"And we will stay,” he added.'
    (finding,) = run(text, "en", [QuoteStyleMixed])
    assert finding.span.start == text.index('"And')
    assert "closed with ”" in finding.message
    # the same quotation in one style: nothing mixed
    assert run(text.replace("”", '"'), "en", [QuoteStyleMixed]) == []


# -- catalogues: the source's own quotations ------------------------------------------

PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
# The catalogue's own style: « » around what the translator quoted.
PO_STYLE = "".join(
    f'msgid "Cannot open `%s\' for {w}"\nmsgstr "No se puede abrir «%s» para {t}"\n\n'
    for w, t in [("reading", "leer"), ("writing", "escribir"), ("append", "añadir")]
)


def po_messages(tmp_path, entries: str, rule: str = "quote-style-mixed") -> list[str]:
    """The messages of `rule` on a Spanish PO file made of `entries`."""
    from transcheck.api import RunOptions, check_paths
    from transcheck.config import Config

    path = tmp_path / "x.es.po"
    path.write_text(PO_HEAD + PO_STYLE + entries, encoding="utf-8")
    report = check_paths([str(path)], Config(mt="none"), RunOptions())
    return [f.message for r in report.files for f in r.findings if f.rule == rule]


@pytest.mark.parametrize(
    "entry",
    [
        # the source's quotation, marks and text alike: a literal, a value, code
        'msgid "Unknown directive \\".%s\\" ignored"\nmsgstr "Se ignora la directiva \\".%s\\""\n',
        'msgid "Use “rgba” or “bgr” here"\nmsgstr "Use “rgba” o “bgr” aquí"\n',
        # ... wrapped at another place than in the source
        'msgid ""\n"A long message about the value \\"@(base, "\n"index)\\" that wraps"\n'
        'msgstr ""\n"Un mensaje largo sobre el valor \\"@(base, index)\\" "\n"que se parte"\n',
    ],
)
def test_style_mixed_skips_a_quotation_copied_from_the_source(tmp_path, entry: str) -> None:
    assert po_messages(tmp_path, entry) == []


@pytest.mark.parametrize(
    "entry",
    [
        # the translator chose the marks: the source quotes nothing
        'msgid "Bad value for the limit"\nmsgstr "Valor no válido para el “limit”"\n',
        # the source's marks around translated text
        'msgid "Missing \\"value\\" key"\nmsgstr "Falta la clave \\"valor\\""\n',
        # the source's text in other marks than the source's
        'msgid "Set it to “always”"\nmsgstr "Establézcalo a \\"always\\""\n',
    ],
)
def test_style_mixed_flags_a_quotation_the_translation_styled(tmp_path, entry: str) -> None:
    assert len(po_messages(tmp_path, entry)) == 1


@pytest.mark.parametrize(
    "text",
    [
        'The closing «"» is missing.',
        "Type the '\"' character.",
        "No closing “'” found.",
    ],
)
def test_a_quote_character_quoted_is_no_mark(text: str) -> None:
    assert run(text, "es") == []


def test_a_quote_character_quoted_in_a_catalogue(tmp_path) -> None:
    entry = 'msgid "missing closing \'\\"\'"\nmsgstr "falta el «\\"» de cierre"\n'
    assert po_messages(tmp_path, entry) == []
    assert po_messages(tmp_path, entry, "quote-unbalanced") == []


def test_escaped_quotes_nest_inside_guillemets(tmp_path) -> None:
    # `\"` in a PO string: the backslash belongs to the mark, the [ before it opens
    entry = (
        'msgid "cannot use `%s[\\"%s\\"]\' here"\nmsgstr "no se puede usar «%s[\\"%s\\"]» aquí"\n'
    )
    assert po_messages(tmp_path, entry) == []
    assert po_messages(tmp_path, entry, "quote-unbalanced") == []


def test_gnu_quotes_around_a_quote_character(tmp_path) -> None:
    entry = 'msgid "unexpected `\\"\' here"\nmsgstr "`«\' o `»\' inesperado aquí"\n'
    assert po_messages(tmp_path, entry, "quote-unbalanced") == []


@pytest.mark.parametrize(
    "entry",
    [
        # the source's own odd mark, kept: an escape sequence named in a help text
        'msgid "  \\\\\\"   a double quote\\n"\nmsgstr "  \\\\\\"   unas comillas dobles\\n"\n',
        'msgid "A lone \\" ends the field"\nmsgstr "Un \\" solo termina el campo"\n',
    ],
)
def test_unbalanced_skips_the_source_odd_mark(tmp_path, entry: str) -> None:
    assert po_messages(tmp_path, entry, "quote-unbalanced") == []


@pytest.mark.parametrize(
    "entry",
    [
        # a mark the source does not have, or one fewer than it has
        'msgid "could not read the file"\nmsgstr "no se pudo leer el archivo»"\n',
        'msgid "run \\"%s -c %s\\""\nmsgstr "ejecutar \\"%s -c %s"\n',
        'msgid "Stop the service now"\nmsgstr "Detener el \\"servicio ahora"\n',
    ],
)
def test_unbalanced_still_flags_a_mark_the_translation_added_or_lost(tmp_path, entry: str) -> None:
    assert len(po_messages(tmp_path, entry, "quote-unbalanced")) == 1
