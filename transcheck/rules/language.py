"""Rules: the document is in the expected language; no passage was left untranslated."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar

from transcheck.findings import Finding, Severity, Span
from transcheck.language import (
    DECLARED_MIN_SHARE,
    DENSE_SCRIPT_RANGES,
    UNDETERMINED,
    Detector,
    LangGuess,
    Py3LangidDetector,
    declared_share,
    document_sample,
    get_detector,
    has_dense_script,
    normalize_code,
    strip_noise,
    unspaced_words,
    weighted_letters,
)
from transcheck.registry import BaseRule, Option, RuleContext

if TYPE_CHECKING:
    from transcheck.quotes import QuotePair


def _group(codes: str) -> frozenset[str]:
    return frozenset(codes.split())


# Languages whose short texts detectors mix up. A sentence of a Spanish document
# "detected" as Galician is far more likely Spanish than a left-over Galician passage,
# so within a group we only flag a language the user declared plausible.
CONFUSABLE_GROUPS: tuple[frozenset[str], ...] = (
    _group("es gl pt ca an ast ext oc lij vec it la"),
    _group("da no nn sv fo"),
    _group("cs sk"),
    _group("hr sr bs sl mk"),
    _group("id ms jv"),
    _group("ru uk be bg"),
    _group("fr wa ht gcf gcr"),
    _group("nl af fy lb"),
    _group("de lb"),
    _group("en sco"),
    # Japanese headlines of kanji alone read as Chinese.
    _group("zh ja"),
)

# Frequent function words (written for this project from general knowledge of each
# language). A sentence whose words are largely the document language's function words,
# clearly more than any other listed language's, is taken as native without running the
# detector: it keeps the rule fast (the detector walks every byte) and cannot add findings.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _group(
        "the of and to in is was for that with on as by it at from are be this have has an "
        "were which not or but his her their its they he she we will would been had who there "
        "can more also after than into about one all these those our you i"
    ),
    "es": _group(
        "el la los las de del que y en un una por con para se su sus es al lo como más pero "
        "fue ha son este esta entre también sobre sin ya desde muy hay le les porque cuando no a"
    ),
    "fr": _group(
        "le la les des du de et est un une que qui dans pour pas sur au aux avec ce cette il "
        "elle sont ont mais plus par se ne nous vous leur été être"
    ),
    "de": _group(
        "der die das und ist nicht ein eine den dem des zu mit sich auf für im von auch es als "
        "wird wurde sind bei aus nach wie oder werden hat noch"
    ),
    "it": _group(
        "il lo la gli le di del della che e è un una per con non sono nel alla anche si da come "
        "più dei delle questo ha essere ma a"
    ),
    "pt": _group(
        "o a os as de do da dos das que e em um uma para com não se por no na mais foi é como "
        "ao são ou pela pelo também"
    ),
    "ca": _group(
        "el la els les de del dels que i en un una per amb es és al als com més però va van "
        "ha han no hi ho seu seva seus aquest aquesta també són entre sobre fins quan perquè a"
    ),
    "gl": _group(
        "o a os as de do da dos das que e en un unha para con non se por no na nos nas máis "
        "foi é como ao aos á son ou pola polo polas polos tamén xa moi cun coa nun dun dunha lle"
    ),
    "nl": _group(
        "de het een van en is dat in op te voor met zijn niet aan die als ook er bij door naar "
        "maar wordt werd"
    ),
}

# Languages that capitalise their common nouns: a sentence of theirs can have more
# capitals than a list of names in another language. Such a sentence is recognised by
# its function words (Luxembourgish ones written for this project like the others).
NOUN_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": FUNCTION_WORDS["de"],
    "lb": _group(
        "an de den dat der dem vun mat ass net op fir och ze sinn gëtt huet hunn ech hien si "
        "mir eng en ee war wéi awer oder als bei"
    ),
}
# Letters a sentence needs before its language is judged at all: below that, detectors
# are wrong too often (see the rule's documentation and bench/accuracy_untranslated.py).
MIN_LETTERS = 30
# The fewest characters of a sentence in a script written without spaces (Chinese,
# Japanese, Thai…) that can hold MIN_LETTERS letters' worth (2.5 a character at most,
# see transcheck.language.weighted_letters).
MIN_UNSPACED_CHARS = MIN_LETTERS * 2 // 5
# A bracketed gloss written only in an unspaced script: "(工业和信息化部)", "《红高粱》".
# Besides the scripts' letters: digits, spaces, CJK and full-width punctuation.
_GLOSS = re.compile(
    r"[(（《〈「『【]"
    rf"[\s\d\u3000-\u303f\uff01-\uff0f{DENSE_SCRIPT_RANGES}·・,.、-]{{1,60}}"
    r"[)）》〉」』】]"
)


def _drop_gloss(match: re.Match[str]) -> str:
    return " " if has_dense_script(match.group()) else match.group()  # not "(2019)"


# Highest share of capitalised words in such a sentence (German news prose: about a
# third of the words are nouns or names).
NOUN_CAPITALISED = 0.8

# Lower-case words that join the capitalised words of one name ("Ministerio de Hacienda
# y Función Pública", "Bank of England", "Ursula von der Leyen"), or of a list of names.
_NAME_PARTICLES = _group(
    "de del della delle dei degli di da do dos das du des la las los le el lo "
    "of the for für van von der den zu al bin ibn para per pour y e i et and und"
)

# Close languages (a CONFUSABLE_GROUPS pair, both in FUNCTION_WORDS) are trusted without
# being declared when the sentence is this long, the detector this sure, and the
# sentence has at least this many function words of the other language that the
# document's language lacks, CLOSE_RATIO times as many as the reverse.
# Measured on langid_short_dev.tsv (bench/accuracy_untranslated.py, "close languages").
CLOSE_MIN_WORDS = 8
CLOSE_MIN_CONFIDENCE = 0.7
CLOSE_MIN_EVIDENCE = 2
CLOSE_RATIO = 2

_WORD = re.compile(r"[^\W\d_][^\W\d_]*(?:['’-][^\W\d_]+)*")
_WORD_ASCII = re.compile(r"[A-Za-z][A-Za-z]*(?:['-][A-Za-z]+)*")  # _WORD on ASCII text
# _WORD on a text without ' ’ or - (its repeated group, the costly part, never
# matches then): on any text; on Latin-1 text, the letters of `[^\W\d_]` below U+0100
# listed (a bitmap test instead of a Unicode lookup); on ASCII text. (Each pattern here
# starts with one character, not a repeat: `re` then skips to the next letter in a fast
# scan, where a pattern starting with a repeat is tried at every position.)
_LETTERS = re.compile(r"[^\W\d_][^\W\d_]*")
_LATIN1_LETTER = (
    "[A-Za-z\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00bc-\u00be"
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]"
)
_LETTERS_LATIN1 = re.compile(f"{_LATIN1_LETTER}{_LATIN1_LETTER}*")
_LETTERS_ASCII = re.compile(r"[A-Za-z][A-Za-z]*")


def _words(text: str, latin: bool) -> list[str]:
    """`_WORD.findall(text)`, by the cheapest pattern that finds the same words;
    `latin`: the text is known to be Latin-1 (see `_latin1`)."""
    if "'" in text or "’" in text or "-" in text:
        return (_WORD_ASCII if text.isascii() else _WORD).findall(text)
    if text.isascii():  # (O(1) to ask)
        return _LETTERS_ASCII.findall(text)
    return (_LETTERS_LATIN1 if latin else _LETTERS).findall(text)


def confusable(a: str, b: str) -> bool:
    return any(a in group and b in group for group in CONFUSABLE_GROUPS)


def _detector(ctx: RuleContext) -> Detector:
    return ctx.detector if ctx.detector is not None else get_detector()


def _rank(detector: Detector, text: str, languages: Sequence[str] | None) -> list[LangGuess]:
    """Candidates best first; restricted to `languages` when given (py3langid/langdetect)."""
    if languages is not None:
        try:
            detector = get_detector(detector.name, languages)
        except ValueError:
            return []
    rank = getattr(detector, "rank", None)
    if rank is not None:
        return list(rank(text))
    guess = detector.detect(text)
    return [guess] if guess.code != UNDETERMINED else []


def _first_paragraph(ctx: RuleContext) -> Span:
    paragraphs = ctx.document.paragraphs
    return paragraphs[0] if paragraphs else Span(0, len(ctx.text))


class WrongLanguage(BaseRule):
    """The document is not in the language given with `--lang`.

    What it flags:
        A document whose detected language (over the whole text, suppressed regions
        excluded) differs from the one expected with `check --lang xx`. The finding
        spans the first paragraph. Texts too short to detect reliably (fewer than
        about 30 letters) are never flagged. When the two languages are easily
        confused (es/gl/pt, da/no/sv, cs/sk, hr/sr/bs…), the detector is asked again
        with only those two and must still prefer the other language clearly.
        A half-translated text is no mismatch: when the paragraphs in the expected
        language hold a third of the letters or more, it is the document's language
        and the other paragraphs are reported by untranslated-passage.

    Why it matters:
        The wrong file was delivered (the source instead of the translation, or the
        translation into another language), and every language-specific rule then
        checks it with the wrong conventions.

    Example:
        `transcheck check --lang en informe.txt` on a Spanish text:
        "document language is es (confidence 0.99), expected en".

    Fix:
        Deliver the right file, or pass the right `--lang`.

    Options:
        min_confidence (0.8): the detector's confidence below which nothing is reported.
    """

    name = "wrong-language"
    summary = "The document is not in the language expected with --lang."
    default_severity = Severity.ERROR
    default_options: ClassVar[Mapping[str, Any]] = {"min_confidence": 0.8}
    option_types: ClassVar[Mapping[str, Option]] = {
        "min_confidence": Option("number", minimum=0, maximum=1)
    }

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        if not ctx.expected_lang:
            return
        expected = normalize_code(ctx.expected_lang)
        detector = _detector(ctx)
        sample = document_sample(ctx.document)
        guess = detector.detect(sample)
        if guess.code in (UNDETERMINED, expected):
            return
        if guess.confidence < float(self.options["min_confidence"]):
            return
        if confusable(guess.code, expected):
            ranked = _rank(detector, sample, [expected, guess.code])
            if not ranked or ranked[0].code != guess.code or ranked[0].confidence < 0.9:
                return
        if declared_share(ctx.document, detector, expected) >= DECLARED_MIN_SHARE:
            return  # a half-translated text: its other paragraphs are untranslated passages
        yield self.finding(
            _first_paragraph(ctx),
            f"document language is {guess.code} (confidence {guess.confidence:.2f}), "
            f"expected {expected}",
        )


class UntranslatedPassage(BaseRule):
    """A sentence or longer passage is in another language than the document.

    What it flags:
        Runs of sentences (often a whole paragraph) written in a language other than
        the document's, such as a paragraph left in Spanish inside an English article.
        Consecutive foreign sentences give one finding spanning the run.

        To stay quiet on ordinary text, a sentence is only judged when it has at least
        `min_words` words and 30 letters (below that, detectors are wrong too often:
        on lingua's test data py3langid reaches 95 % accuracy from about 6 words),
        is made mostly of lower-case ordinary words (not a list of names, a title,
        a reference or a table row; German and Luxembourgish sentences, recognised
        by their function words, may capitalise up to 80 % of their words), and
        when the detector, asked to choose only between the document language and
        the foreign one, is at least `min_margin` sure. URLs, e-mail addresses and
        inline code are ignored, and the words of names (runs of capitalised words
        and the particles joining them: "Ministerio de Hacienda y Función Pública")
        are not evidence of the sentence's language. The title in a bibliography
        entry ("López, M. (2019). Title." and the like) is never reported, nor a
        sentence that is more code than words (a command synopsis such as
        `tool shelf drop [-q|--quiet] [<name>]`, options, identifiers).

        In scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer,
        Burmese) a regex word is a whole clause, so words and letters are counted in
        Latin equivalents: two Chinese or Japanese characters make a word (12 of them
        are judged like 6 English words), a Han or kana character is 2.5 letters, a
        Hangul syllable 2. A name or title glossed in brackets in such a script
        ("the ministry (工业和信息化部)", "《红高粱家族》") is not evidence of the
        sentence's language. Japanese headlines of kanji alone read as Chinese: zh
        and ja are treated as close languages.

        A language easily confused with the document's (a Spanish text "detected"
        as Galician or Catalan, Danish as Norwegian…) is reported when it is the
        source language or listed in `languages`, or, among es, pt, it, ca and gl,
        when the evidence is strong: a sentence of 8 words or more, the detector
        70 % sure over all its languages, and at least two function words of that
        language that the document's lacks, twice as many as the reverse. On
        langid_short_dev.tsv that finds 30 % of such sentences of 8-9 words and
        89 % from 20 words, with no sentence of the document's own language
        reported (`bench/accuracy_untranslated.py --close-only`). Galician and
        Portuguese are the hardest pair (a quarter found either way), then Catalan
        in Spanish text (half).

    Why it matters:
        Untranslated passages are one of the most common defects of machine-assisted
        and hurried translation, and they are easy to miss when proofreading.

    Example:
        In an English article, the paragraph "El ayuntamiento aprobó ayer un nuevo plan
        para mejorar el transporte público." is reported as
        "passage in es (1 sentence), document is en".

    Fix:
        Translate the passage, or, when it is a deliberate quotation, suppress the
        finding with a suppression comment.

    Options:
        min_words (6): shortest sentence judged on its own.
        min_margin (0.95): the foreign language's probability against the document
            language alone.
        languages ([]): extra languages considered plausible (in addition to the
            source language), allowed even when confusable with the document's.
        max_capitalised (0.5): highest share of capitalised words (after the first)
            in a sentence; above it the sentence is taken as names or a title
            (unless German or Luxembourgish, see above).
    """

    name = "untranslated-passage"
    summary = "A sentence or paragraph is in another language than the document."
    default_severity = Severity.WARNING
    default_options: ClassVar[Mapping[str, Any]] = {
        "min_words": 6,
        "min_margin": 0.95,
        "languages": (),
        "max_capitalised": 0.5,
    }
    option_types: ClassVar[Mapping[str, Option]] = {
        "min_words": Option("integer", minimum=0),
        "min_margin": Option("number", minimum=0, maximum=1),
        "languages": Option("strings"),
        "max_capitalised": Option("number", minimum=0, maximum=1),
    }

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        doc_lang = normalize_code(ctx.lang or "")
        if not doc_lang or doc_lang == UNDETERMINED:
            return
        detector = _detector(ctx)
        plausible = {normalize_code(c) for c in self.options["languages"]}
        if ctx.source_lang:
            plausible.add(normalize_code(ctx.source_lang))
        plausible.discard(doc_lang)
        text = ctx.text
        judge = self._judge
        limits = (
            int(self.options["min_words"]),
            float(self.options["max_capitalised"]),
            float(self.options["min_margin"]),
        )
        native = _native_tables(doc_lang) if doc_lang in FUNCTION_WORDS else None
        # One C pass over the file instead of a search per sentence (most catalogues).
        latin = _latin1(text)

        starts = [p.start for p in ctx.document.paragraphs]
        # Verdicts are pure functions of the sentence (given the languages, the detector
        # and the options): catalogues repeat their strings from file to file.
        memo = self._verdicts(doc_lang, frozenset(plausible), detector)
        run: _Run | None = None

        def verdict_of(part: str) -> str | None:
            return judge(part, doc_lang, plausible, detector, limits, native, latin)

        for sent in ctx.document.sentences:
            para = bisect_right(starts, sent.start)
            if run is not None and run.para != para:
                yield self._report(run, doc_lang)
                run = None
            if sent.end - sent.start < MIN_LETTERS and (
                sent.end - sent.start < MIN_UNSPACED_CHARS
                or latin
                or not has_dense_script(text[sent.start : sent.end])
            ):
                continue  # too short to judge (`_judge`'s first test): most UI strings
            sentence = text[sent.start : sent.end]
            verdict = memo.get(sentence, _UNSEEN)
            if verdict is _UNSEEN:
                verdict = judge(sentence, doc_lang, plausible, detector, limits, native, latin)
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[sentence] = verdict
            part = sent
            if verdict is not None and verdict != doc_lang:
                # A foreign quotation in a sentence of the document's language is judged
                # (and reported) on its own.
                verdict, part, quoted = self._quotations(
                    ctx, sent, verdict, doc_lang, detector, verdict_of
                )
                for span, lang in quoted:
                    yield self.finding(
                        span, f"passage in {lang} (1 quotation), document is {doc_lang}"
                    )
            if verdict is None:
                # Too short or no opinion: neither extends nor breaks a run, so a short
                # sentence between two foreign ones ends up inside the reported span.
                continue
            if verdict != doc_lang and _in_reference_entry(
                text, sent.start, starts[para - 1] if para else 0
            ):
                continue  # the title of a cited work
            if run is not None and run.lang == verdict:
                run.end = part.end
                run.count += 1
                continue
            if run is not None:
                yield self._report(run, doc_lang)
                run = None
            if verdict != doc_lang:
                run = _Run(verdict, para, part.start, part.end)
        if run is not None:
            yield self._report(run, doc_lang)

    def _verdicts(
        self, doc_lang: str, plausible: frozenset[str], detector: Detector
    ) -> dict[str, str | None]:
        """This rule's memo of `_judge` verdicts for one document language, set of
        plausible languages and detector (a run has one of each, mostly)."""
        memos = self.__dict__.setdefault("_memos", {})
        key = (doc_lang, plausible, id(detector))
        memo = memos.get(key)
        if memo is None or memo[0] is not detector:
            if len(memos) >= 8:
                memos.clear()
            memo = memos[key] = (detector, {})
        return memo[1]

    @staticmethod
    def _quotations(
        ctx: RuleContext,
        sent: Span,
        verdict: str,
        doc_lang: str,
        detector: Detector,
        verdict_of: Callable[[str], str | None],
    ) -> tuple[str | None, Span, list[tuple[Span, str]]]:
        """A sentence found foreign (`verdict`) because of the quotations it holds: its
        verdict, the part of it a run reports, and quotations to report on their own.

        Each quotation is judged alone, and so is the rest of the sentence. A quotation
        glossed right after it (`« une exposition pudique » — a discreet exhibition`)
        is deliberate, and translated there: not reported. In a sentence of the
        document's language, a foreign quotation is reported alone (its span is the
        quotation's); in a sentence too short without it (`He said: « … »`), the
        quotation is the sentence's part of a run, so consecutive quoted sentences
        make one finding. When the sentence is foreign without its quotations too, or
        when neither part can be judged alone, it is reported whole as before."""
        text = ctx.text
        opens, top = _top_pairs(ctx)
        pairs = [
            p
            for p in top[bisect_left(opens, sent.start) : bisect_left(opens, sent.end)]
            # a closing mark after a space may be left out of the sentence: `jamais. »`
            if p.close is not None  # always (see _top_pairs): for the type checker
            and (p.close.offset < sent.end or not text[sent.end : p.close.offset].strip())
        ]
        if not pairs:
            return verdict, sent, []
        frame, pos = [], sent.start
        for p in pairs:
            assert p.close is not None
            frame.append(text[pos : p.open.offset])
            pos = p.close.offset + 1
        frame.append(text[pos : sent.end])
        frame_verdict = verdict_of(" ".join(part.strip() for part in frame if part.strip()))
        if frame_verdict is not None and frame_verdict != doc_lang:
            return verdict, sent, []  # foreign without its quotations too: the whole sentence
        found, foreign = [], False
        for p in pairs:
            assert p.close is not None
            lang = verdict_of(text[p.open.offset + 1 : p.close.offset])
            if lang is None or lang == doc_lang:
                continue
            foreign = True
            if _glossed(text, p.close.offset + 1, sent.end, doc_lang, lang, detector):
                continue
            found.append((Span(p.open.offset, p.close.offset + 1), lang))
        if frame_verdict is None and not foreign:
            # Neither part alone says anything (`"ETA está en las últimas", desveló el
            # grupo.`): the sentence's verdict stands.
            return verdict, sent, []
        if frame_verdict is None and found:
            # The quotations are the sentence's foreign part: they join its run.
            part = Span(found[0][0].start, found[-1][0].end)
            return found[0][1], part, []
        return frame_verdict, sent, found

    def _report(self, run: _Run, doc_lang: str) -> Finding:
        what = f"{run.count} sentence" + ("s" if run.count != 1 else "")
        return self.finding(
            Span(run.start, run.end), f"passage in {run.lang} ({what}), document is {doc_lang}"
        )

    def _judge(
        self,
        sentence: str,
        doc_lang: str,
        plausible: set[str],
        detector: Detector,
        limits: tuple[int, float, float],
        native: _Tables | None,
        latin: bool = False,
    ) -> str | None:
        """The sentence's language when it can be trusted, else None. `limits` are the
        options min_words, max_capitalised and min_margin; `native` is
        `_native_tables(doc_lang)` (None without function words for it); `latin` that
        the sentence is known to hold only Latin-1 characters (see `_latin1`)."""
        # Unspaced scripts (Chinese, Japanese, Thai…) and Hangul: a character is worth
        # several letters.
        dense = not latin and has_dense_script(sentence)
        if len(sentence) < (MIN_UNSPACED_CHARS if dense else MIN_LETTERS):
            return None  # strip_noise never lengthens: most UI strings stop here
        clean = strip_noise(sentence)
        if dense:
            # "the ministry (工业和信息化部)": a name or title glossed in its own script
            # says nothing about the language of the sentence around it.
            clean = _GLOSS.sub(_drop_gloss, clean)
            dense = has_dense_script(clean)
        if len(clean) < (MIN_UNSPACED_CHARS if dense else MIN_LETTERS):
            return None  # too few characters for letters enough, whatever they are
        # For ASCII text (O(1) to ask) the ASCII pattern finds the same words, faster.
        words = _words(clean, latin)
        count = len(words)
        if dense:
            count += unspaced_words(clean)
            letters = weighted_letters("".join(words))
        else:
            letters = sum(map(len, words))
        if count < limits[0] or letters < MIN_LETTERS:
            return None
        # str.split() splits at exactly the characters `\s` matches: len() of it is
        # the number of whitespace-separated tokens, without a regex.
        if count < 0.7 * len(clean.split()):  # numbers, symbols, table cells
            return None
        # Words never hold a space, so one lower() of the joined words lowers each word.
        lowered = " ".join(words).lower().split(" ")
        capitalised = sum(map(str.isupper, map(itemgetter(0), words[1:])))  # in C
        if capitalised >= 2:
            # The words of names ("Ministerio de Hacienda", "Bank of England") say
            # nothing about the language of the sentence around them.
            lowered = _outside_names(words, lowered)
            if not lowered:
                return None
        noun_lang = None
        if capitalised > limits[1] * (count - 1):
            # Names or a title, unless the language capitalises its nouns and its
            # function words (outside names: "Die Blechtrommel") say the sentence is
            # written in it.
            noun_lang = _noun_capitalising(lowered)
            if noun_lang is None or capitalised > NOUN_CAPITALISED * (count - 1):
                return None
        if native is not None and _looks_native(lowered, native):
            return doc_lang
        guess = detector.detect(clean)
        top = guess.code
        if top == doc_lang:
            return doc_lang
        if top == UNDETERMINED:
            return None
        if noun_lang is not None and top not in NOUN_FUNCTION_WORDS:
            return None  # many capitals and no German verdict: names after all
        if confusable(top, doc_lang):
            if top not in plausible and not _close_but_clear(
                lowered, top, doc_lang, guess.confidence
            ):
                return None
        elif top not in plausible:
            # A confusable sibling of a plausible language is reported as that language
            # (an English text's Spanish paragraph detected as Galician).
            sibling = next((p for p in sorted(plausible) if confusable(p, top)), None)
            if sibling is not None:
                top = sibling
        if _mostly_code(sentence):
            # A command synopsis, options, identifiers: no language's text. (Asked last
            # before the verdict: most sentences are settled above more cheaply.)
            return None
        if top == guess.code and _pair_settled(detector, guess.confidence, limits[2]):
            return top
        pair = _rank(detector, clean, [doc_lang, top])
        if not pair or pair[0].code != top or pair[0].confidence < limits[2]:
            return None
        return top


def _mostly_code(sentence: str) -> bool:
    from transcheck.ui_words import mostly_code

    return mostly_code(sentence)


def _latin1(text: str) -> bool:
    """Whether every character of `text` is Latin-1, so none is of a script written
    without spaces or Hangul (see `has_dense_script`). CPython encodes a string it
    stores one byte a character by a copy; any other holds a character above U+00FF,
    and the encoder stops at the first (articles: typographic quotes come early)."""
    if text.isascii():
        return True
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


# py3langid's probabilities round-off (float32 scores, a softmax, then `round(p, 4)`) is
# far below this; see `_pair_settled`.
_PAIR_SLACK = 0.001


def _pair_settled(detector: Detector, confidence: float, margin: float) -> bool:
    """Whether the full py3langid model's `confidence` in its top language already
    proves what ranking that language against the document's alone would say: first,
    with at least `margin`. The restricted model scores each language as the full one
    does (the same naive-Bayes columns), and a softmax over two of its languages gives
    the top one at least its share among all; so the two-language ranking, the cost of
    a second scoring, is only needed near the threshold."""
    return (
        type(detector) is Py3LangidDetector
        and detector.languages is None  # the full model: its top beats every language
        and confidence >= max(margin, 0.5) + _PAIR_SLACK
    )


_GLOSS_START = re.compile(r"[ \t\u00a0]*(?:[—–,:(]|-(?=\s))\s*")
_GLOSS_WORDS = 2  # fewest words of a gloss


def _glossed(text: str, after: int, end: int, doc_lang: str, lang: str, detector: Detector) -> bool:
    """Whether a quotation ending at `after` is followed, in its sentence, by a dash, a
    comma, a colon or a parenthesis and then a rendering in the document's language
    (the detector prefers `doc_lang` to the quotation's `lang` for it)."""
    m = _GLOSS_START.match(text, after, end)
    if m is None:
        return False
    gloss = text[m.end() : end]
    stop = re.search(r"[)—–]", gloss)
    if stop is not None:
        gloss = gloss[: stop.start()]
    if len(_WORD.findall(gloss)) < _GLOSS_WORDS:
        return False
    ranked = _rank(detector, gloss, [doc_lang, lang])
    return bool(ranked) and ranked[0].code == doc_lang


# A bibliography entry starts with its authors (or an organisation) and then the year:
# "López, M. (2019). Title." (APA, Harvard), "López, María. 2019. Title." (Chicago),
# or with "Surname, Given." and ends with the year or pages (MLA). Its title is the
# work's own and stays in its language. An optional list mark may come first.
_ENTRY_MARK = re.compile(r"\s*(?:\[\d{1,3}\]|\d{1,3}[.)]|[-*•–])?\s*")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
_ENTRY_YEAR = re.compile(
    rf"\(\s*(?:{_YEAR}|n\.\s?d\.)(?:[,;][^()\n]{{0,40}})?\)|(?<=\.)\s+{_YEAR}\."
)
_ENTRY_END = re.compile(rf"(?:{_YEAR}\)?|\d+\s*[-–]\s*\d+|https?://\S+)\.?\s*$")
_INITIAL = re.compile(r"\b[^\W\d_]\.")


def _in_reference_entry(text: str, pos: int, para_start: int) -> bool:
    """Whether the sentence at `pos` is inside a bibliography entry: its line, or its
    paragraph, starts as one (the head runs to before the sentence)."""
    line_start = text.rfind("\n", para_start, pos) + 1 or para_start
    if _reference_head(text, line_start, pos):
        return True
    return line_start != para_start and _reference_head(text, para_start, pos)


def _reference_head(text: str, start: int, pos: int) -> bool:
    """Whether the text from `start` begins with an entry's authors and year ending
    before `pos`: every word of the head a capitalised one, an initial or a particle."""
    start = _ENTRY_MARK.match(text, start, pos).end()
    year = _ENTRY_YEAR.search(text, start, min(pos, start + 250))
    if year is not None:
        head = text[start : year.start()]
        # "El Gobierno (2019)" in prose: a head has a comma or an initial, or the
        # year is followed by a full stop.
        if (
            "," not in head
            and not _INITIAL.search(head)
            and not text.startswith(".", year.end())
            and not year.group().endswith(".")
        ):
            return False
    else:  # MLA: "Surname, Given." first, the year or pages at the end of the line
        stop = text.find(". ", start, min(pos, start + 120))
        end = text.find("\n", pos)
        if stop < 0 or not _ENTRY_END.search(text, pos, len(text) if end < 0 else end):
            return False
        head = text[start:stop]
        if "," not in head:
            return False
    words = _WORD.findall(head)
    return bool(words) and all(w[0].isupper() or w in _NAME_PARTICLES for w in words)


def _outside_names(words: list[str], lowered: list[str]) -> list[str]:
    """The lower-cased words that are not part of a name: names are runs of two or
    more capitalised words, with the particles that join them."""
    kept: list[str] = []
    run: list[str] = []  # the current run of capitalised words and joining particles
    capitals = 0
    pending: list[str] = []  # particles after the run, not yet known to join it
    for word, low in zip(words, lowered, strict=True):
        if word[0].isupper():
            if pending:
                run += pending
                pending = []
            run.append(low)
            capitals += 1
        elif run and len(pending) < 3 and low in _NAME_PARTICLES:
            pending.append(low)
        else:
            if run:
                if capitals < 2:
                    kept += run
                kept += pending
                run, pending, capitals = [], [], 0
            kept.append(low)
    if capitals < 2:
        kept += run
    return kept + pending


def _noun_capitalising(lowered: list[str]) -> str | None:
    """The language among NOUN_FUNCTION_WORDS whose function words make at least a
    fifth of the sentence (three at least), if any."""
    for lang, words in NOUN_FUNCTION_WORDS.items():
        hits = sum(map(words.__contains__, lowered))
        if hits >= 3 and hits >= 0.2 * len(lowered):
            return lang
    return None


@cache
def _distinct_words(lang: str, other: str) -> frozenset[str]:
    return FUNCTION_WORDS[lang] - FUNCTION_WORDS[other]


def _close_but_clear(lowered: list[str], top: str, doc_lang: str, confidence: float) -> bool:
    """Whether a sentence detected as `top`, a language close to the document's, is
    clearly in it: long, detected with confidence, and with function words of `top`
    that `doc_lang` lacks (Spanish "el", "las", "con" in Portuguese text) far
    outnumbering the reverse."""
    if len(lowered) < CLOSE_MIN_WORDS or confidence < CLOSE_MIN_CONFIDENCE:
        return False
    if top not in FUNCTION_WORDS or doc_lang not in FUNCTION_WORDS:
        return False
    theirs = sum(map(_distinct_words(top, doc_lang).__contains__, lowered))
    ours = sum(map(_distinct_words(doc_lang, top).__contains__, lowered))
    return theirs >= CLOSE_MIN_EVIDENCE and theirs >= CLOSE_RATIO * ours


_UNSEEN = object()
# Sentences remembered per memo (cleared when full: bounded memory on long runs).
_MEMO_SIZE = 8192


def _looks_native(lowered: list[str], tables: _Tables) -> bool:
    """Whether function words clearly say the sentence (its words, lower-cased) is in
    the language whose `_native_tables` are given (see FUNCTION_WORDS)."""
    own_words, others_any, others, close = tables
    # Set look-ups in C (map over a set's __contains__): this runs on every sentence,
    # and a Python loop over its words was the rule's largest cost.
    own = sum(map(own_words.__contains__, lowered))
    if own < 2 or own / len(lowered) < 0.2:  # one function word says little
        return False
    # Words shared with the own list (Spanish and Portuguese "de") say nothing.
    hits = list(filter(others_any.__contains__, lowered))
    if not hits:
        return True
    if own < 2 * len(hits):  # else no other language can have more than all the hits
        other = max(sum(map(fw.__contains__, hits)) for fw in others)
        # own / n >= 2 * (other / n), in integers.
        if own < 2 * other:
            return False
    # Against a close language the words both share say nothing either: a Catalan
    # sentence has as many Spanish "el", "un", "que" as a Spanish one.
    for theirs_only, shared in close:
        theirs = sum(map(theirs_only.__contains__, hits))
        if theirs and own - sum(map(shared.__contains__, lowered)) < 2 * theirs:
            return False
    return True


# Own words; other languages' words not also own; each other language's words; for each
# close language (see `confusable`), its words not own and the words both have.
_Tables = tuple[
    frozenset[str],
    frozenset[str],
    tuple[frozenset[str], ...],
    tuple[tuple[frozenset[str], frozenset[str]], ...],
]


@cache
def _native_tables(lang: str) -> _Tables:
    """`lang`'s function words, the other languages' ones that are not also `lang`'s,
    each other language's list, and for close languages what `_looks_native` needs."""
    own = FUNCTION_WORDS[lang]
    others = tuple(fw for k, fw in FUNCTION_WORDS.items() if k != lang)
    close = tuple(
        (fw - own, fw & own)
        for k, fw in FUNCTION_WORDS.items()
        if k != lang and confusable(k, lang)
    )
    return own, frozenset().union(*others) - own, others, close


_TOP_PAIRS_KEY = "transcheck.untranslated.top_pairs"


def _top_pairs(ctx: RuleContext) -> tuple[list[int], list[QuotePair]]:
    """The document's closed top-level quotation pairs in order of their opening marks,
    and those marks' offsets: a sentence's quotations are found by bisection, not by a
    walk over the whole document's (which made the rule quadratic). Built once per
    quote analysis, memoised in `ctx.extra` beside it."""
    from transcheck.rules.quotes import analyse

    analysis = analyse(ctx)
    cached = ctx.extra.get(_TOP_PAIRS_KEY)
    if cached is not None and cached[0] is analysis:
        return cached[1], cached[2]
    # analysis.pairs is sorted by opening offset.
    top = [p for p in analysis.pairs if p.level == 0 and p.close is not None]
    opens = [p.open.offset for p in top]
    ctx.extra[_TOP_PAIRS_KEY] = (analysis, opens, top)
    return opens, top


@dataclass
class _Run:
    """Consecutive foreign sentences of one language in one paragraph."""

    lang: str
    para: int
    start: int
    end: int
    count: int = 1


RULES = (WrongLanguage, UntranslatedPassage)
