"""Proper-name occurrences in a text and clusters of spellings of one name.

Two steps, both linear in the text plus work over *distinct* names only:

1. `extract_names` finds capitalised words (and `al-`/`Al ` particle names)
   and says whether each one is *strong* evidence of a name (capitalised in
   the middle of a running sentence) or *weak* (sentence start, after a quote
   or colon, in a title-case headline), where capitals say nothing.
2. `find_variants` groups the distinct spellings by a transliteration-aware
   key (`name_key`: Ryabkov = Riabkov, Gaddafi = Qaddafi = Kadhafi,
   Zelensky = Zelenskyy = Zelenskiy) and, for longer names, by a vowel-only
   edit (Yarmoshina / Yermoshina), then drops the pairs that are more likely
   two words or two people than one name spelled twice: short names, suffix
   differences (inflection, Ivanov / Ivanova), names followed or preceded by
   different names (Dmitry Peskov / Dmitri Medvedev), and rare vowel edits
   between two frequent spellings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# A word: letters, joined by inner apostrophes or hyphens (O'Brien, al-Assad).
_WORD = re.compile(r"[^\W\d_]+(?:['’‐-][^\W\d_]+)*")
_APOSTROPHES = "'’"
_JOINERS = frozenset("'’‐-")
# Characters after which a capital says nothing about being a name.
_START_MARKS = set('"“”‘«»„‚‹›([{¿¡—–-:•*#>|')
_TERMINAL = set('.!?…:;"”’»)]')
# Arabic article particles written before names: al-Assad, el-Sisi, ash-Shaykh.
_PARTICLES = frozenset({"al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn"})
# Languages where a lower-case "al"/"el" followed by a name is an article, not a particle.
_ARTICLE_AL_LANGS = frozenset({"es", "pt", "ca", "it", "gl", "fr", "ro"})
# Languages that capitalise every noun: capitals are no evidence of a name.
_NOUN_CAPS_LANGS = frozenset({"de", "lb"})
# Sentence-start words that are never names (checked only for weak, start-of-sentence
# words whose lower-case form does not occur elsewhere in the text).
_STOPWORD_TEXT = """
    a an the this that these those it its he she we they you i there here what when where
    who why how which will would may might can could should must shall but and or so if in
    on at for with as by from of to after before while although though however then also
    not no yes one all some many most more such only even just still yet both each every
    el la los las lo un una unos unas en de del al por para con sin pero y o que como cuando
    este esta estos estas ese esa su sus se según tras desde hasta entre sobre ya también
    le les des une et ou mais dans pour avec sur il elle ils nous vous ce cette ces
    der die das ein eine und oder aber mit für auf von zu im am er sie wir es
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_VOWELS = frozenset("aeiou")


@dataclass(slots=True)
class NameOccurrence:
    """One occurrence of a capitalised word or particle name in the text."""

    start: int
    end: int
    surface: str  # as written, without a possessive 's or an elided l'/d' prefix
    strong: bool  # capitalised mid-sentence: evidence that it is a name
    initial: bool  # sentence start (or after a quote/colon/line break)
    prev: int | None = None  # index of an adjacent name just before (first-name context)
    next: int | None = None  # index of an adjacent name just after


@dataclass(slots=True)
class Spelling:
    form: str
    key: str
    light: str
    occurrences: list[NameOccurrence] = field(default_factory=list)
    strong: int = 0

    @property
    def count(self) -> int:
        return len(self.occurrences)


@dataclass(slots=True)
class VariantGroup:
    """One name written several ways: the form to use and the spellings to change."""

    preferred: str
    preferred_count: int  # occurrences of `preferred` in the text (0 if only in the glossary)
    variants: list[Spelling]  # minority spellings, most frequent first
    spellings: list[Spelling]  # every spelling in the cluster, including the preferred one
    from_glossary: bool

    @property
    def occurrences(self) -> list[NameOccurrence]:
        occ = [o for s in self.spellings for o in s.occurrences]
        return sorted(occ, key=lambda o: o.start)

    @property
    def minority_occurrences(self) -> list[NameOccurrence]:
        occ = [o for s in self.variants for o in s.occurrences]
        return sorted(occ, key=lambda o: o.start)


# ---------------------------------------------------------------- extraction


def extract_names(
    text: str, sentences: Sequence[tuple[int, int]], lang: str | None = None
) -> tuple[list[NameOccurrence], set[str]]:
    """Capitalised words and particle names, plus the set of lower-case words seen.

    `sentences` are (start, end) offsets, sorted; words outside every sentence
    count as sentence starts.
    """
    lang = (lang or "en").split("-")[0].lower()
    lower_article_al = lang in _ARTICLE_AL_LANGS
    headline = _headline_flags(text, sentences)
    # Offsets of the first word of each sentence: capitals there say nothing.
    firsts = set()
    for s_start, s_end in sentences:
        first = _WORD.search(text, s_start, s_end)
        if first is not None:
            firsts.add(first.start())
    occurrences: list[NameOccurrence] = []
    lower_words: set[str] = set()
    n_sent = len(sentences)
    si = 0
    last: NameOccurrence | None = None  # the name just before, if nothing came between

    for m in _WORD.finditer(text):
        word = m.group()
        # Most words are plain lower-case: record and move on (the hot path).
        if word[0].islower() and not _JOINERS.intersection(word):
            lower_words.add(word)
            if word in ("al", "el") and not lower_article_al:
                # Perhaps the particle of "al Assad"; kept only if a name follows.
                last = NameOccurrence(m.start(), m.end(), word, False, False)
            else:
                last = None
            continue
        start, end = m.span()
        first_of_sentence = start in firsts
        if "'" in word or "’" in word:
            start, end, word = _trim_word(word, start, end)
        if word[0].islower() and not _is_particle_name(word):
            lower_words.add(word.lower())
            last = None
            continue
        if len(word) < 2 or word.isupper():
            # An initial, an acronym (NATO, UN) or a shouted word: nothing to check.
            last = None
            continue
        while si < n_sent and sentences[si][1] <= start:
            si += 1
        in_sentence = si < n_sent and sentences[si][0] <= start
        initial = first_of_sentence or not in_sentence or _after_start_mark(text, start)
        strong = not initial and not (in_sentence and headline[si])
        gap = text[last.end : start] if last is not None else ""
        # "Al Assad", "El Baradei": a capitalised (or, outside Romance
        # languages, lower-case) particle and a name with one space between.
        if (
            last is not None
            and gap in (" ", "\u00a0")
            and last.surface in ("Al", "El", "al", "el")
            and word[0].isupper()
        ):
            merged = last.surface[0].islower()
            last.surface = f"{last.surface}{gap}{word}"
            last.end = end
            last.strong = strong if merged else last.strong and strong
            if merged:  # a lower-case particle was not yet a stored occurrence
                last.initial = initial
                occurrences.append(last)
            continue
        occ = NameOccurrence(start, end, word, strong, initial)
        if last is not None and gap in (" ", "\u00a0") and last.surface[0].isupper():
            occ.prev = len(occurrences) - 1
            last.next = len(occurrences)
        occurrences.append(occ)
        last = occ
    return occurrences, lower_words


def _trim_word(word: str, start: int, end: int) -> tuple[int, int, str]:
    """Drop a possessive ('s, ’s) and an elided article (l', d', dell') from a word."""
    if len(word) > 2 and word[-2] in _APOSTROPHES and word[-1] in "sS":
        word, end = word[:-2], end - 2
    for i, ch in enumerate(word[:5]):
        if ch in _APOSTROPHES:
            prefix = word[:i]
            if prefix.islower() and i + 1 < len(word) and word[i + 1].isupper():
                return start + i + 1, end, word[i + 1 :]
            break
    return start, end, word


def _is_particle_name(word: str) -> bool:
    parts = re.split(r"[‐-]", word)
    return (
        len(parts) > 1
        and parts[0].lower() in _PARTICLES
        and any(p[:1].isupper() for p in parts[1:])
    )


def _after_start_mark(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in "\r\n" or text[i] in _START_MARKS


def _headline_flags(text: str, sentences: Sequence[tuple[int, int]]) -> list[bool]:
    """True for title-case lines without final punctuation (headlines, captions)."""
    flags = []
    for start, end in sentences:
        if end > start and text[end - 1] in _TERMINAL:
            flags.append(False)
            continue
        words = [w for w in _WORD.findall(text, start, end) if len(w) >= 4]
        caps = sum(1 for w in words if w[0].isupper())
        flags.append(len(words) >= 2 and caps >= 0.6 * len(words))
    return flags


# ---------------------------------------------------------------- keys

_KEY_RULES = [
    (re.compile(r"tch"), "ch"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"(?<=.)kh"), "h"),
    (re.compile(r"(?<=.)gh"), "g"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"oo|ou"), "u"),
    (re.compile(r"(?<=[ou])e"), ""),  # Schroeder / Schröder, Mueller / Müller
    (re.compile(r"(?<=.)w"), "v"),  # Zimowski / Zimovsky
    (re.compile(r"(?<=[aeiou])y(?=e)"), ""),  # Timofeyev / Timofeev
    (re.compile(r"^[yj](?=[aeiou])"), "J"),  # Yuri / Juri (kept apart from Ian)
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"^(?:gh|[gqk])"), "k"),  # Gaddafi / Qaddafi / Kadhafi
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters; -iy, -yy, -ii end as -i
    (re.compile(r"(?<=[aeiou])h$"), ""),  # Hamieh / Hamie
]


def light_key(form: str) -> str:
    """Case, diacritics, hyphens, spaces and apostrophes removed."""
    from anyascii import anyascii

    return "".join(ch for ch in anyascii(form).lower() if ch.isalpha())


def name_key(form: str) -> str:
    """Transliteration-aware key: spellings of one name usually share it.

    A leading particle (al-, el-, Al ) is kept as `al` so that Al-Assad,
    al-Assad and Al Assad share a key that plain Assad does not.
    """
    parts = re.split(r"[\s‐-]+", form, maxsplit=1)
    prefix = ""
    if len(parts) == 2 and parts[0].lower() in _PARTICLES:
        prefix = "al" if parts[0].lower() in ("al", "el", "ul") else parts[0].lower()
        form = parts[1]
    key = light_key(form)
    for pattern, repl in _KEY_RULES:
        key = pattern.sub(repl, key)
    return prefix + key.lower()


def _skeleton(key: str) -> str:
    return "".join(ch for ch in key if ch not in _VOWELS)


def fuzzy_related(a: str, b: str) -> bool:
    """Two different keys that differ only in inner vowels (Yarmoshina / Yermoshina).

    Consonant edits are real letters (Johnson / Johnston); an edit at the end is
    an ending (Maria / Mario, Putina / Putinie); a prefix is a suffix (Ivanov /
    Ivanova).
    """
    if a == b or min(len(a), len(b)) < 6 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    if a.startswith(b) or b.startswith(a) or _skeleton(a) != _skeleton(b):
        return False
    from rapidfuzz.distance import Levenshtein

    limit = 2 if min(len(a), len(b)) >= 8 else 1
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit


# ---------------------------------------------------------------- clustering


def find_variants(
    occurrences: list[NameOccurrence],
    lower_words: set[str],
    lang: str | None = None,
    glossary=None,  # transcheck.glossary.Glossary | None
) -> list[VariantGroup]:
    """Clusters of spellings of one name with the spellings to change, in text order."""
    lang = (lang or "en").split("-")[0].lower()
    spellings = _spellings(occurrences, lower_words)
    by_key: dict[str, list[Spelling]] = {}
    for sp in spellings.values():
        by_key.setdefault(sp.key, []).append(sp)
    # Only names attested mid-sentence count; weak spellings ride along by key.
    keys = [k for k, group in by_key.items() if any(s.strong for s in group)]
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    if lang not in _NOUN_CAPS_LANGS:
        buckets: dict[str, list[str]] = {}
        for k in keys:
            if len(k) >= 6:
                buckets.setdefault(k[0], []).append(k)
        for bucket in buckets.values():
            bucket.sort(key=len)
            for i, a in enumerate(bucket):
                for b in bucket[i + 1 :]:
                    if len(b) - len(a) > 2:
                        break
                    if fuzzy_related(a, b):
                        parent[find(b)] = find(a)

    clusters: dict[str, list[Spelling]] = {}
    for k in keys:
        clusters.setdefault(find(k), []).extend(by_key[k])
    env = _Env(
        occurrences,
        {k: find(k) for k in keys},
        {o.surface for o in occurrences if o.strong},
        lang,
        glossary,
    )
    groups = []
    for members in clusters.values():
        if len(members) < 2:
            continue
        group = _judge(members, env)
        if group is not None:
            groups.append(group)
    groups.sort(key=lambda g: g.minority_occurrences[0].start)
    return groups


def _spellings(occurrences: list[NameOccurrence], lower_words: set[str]) -> dict[str, Spelling]:
    strong_forms = {o.surface for o in occurrences if o.strong}
    result: dict[str, Spelling] = {}
    for occ in occurrences:
        form = occ.surface
        if not occ.strong and form not in strong_forms:
            lowered = form[0].lower() + form[1:]
            if lowered in strong_forms:
                form = lowered  # "Al-Assad" opening a sentence is "al-Assad"
            elif form.lower() in lower_words or form.lower() in _STOPWORDS:
                continue  # an ordinary word that happens to start a sentence
        sp = result.get(form)
        if sp is None:
            sp = result[form] = Spelling(form, name_key(form), light_key(form))
        sp.occurrences.append(occ)
        sp.strong += occ.strong
    return result


@dataclass(slots=True)
class _Env:
    """What judging a cluster needs besides its spellings."""

    occurrences: list[NameOccurrence]
    key_cluster: dict[str, str]  # name key -> cluster id
    names: set[str]  # spellings attested mid-sentence
    lang: str
    glossary: object | None


def _judge(members: list[Spelling], env: _Env) -> VariantGroup | None:
    glossary = env.glossary
    members = sorted(members, key=lambda s: (-s.count, -s.strong, s.occurrences[0].start))
    preferred = None
    if glossary is not None:
        for sp in members:
            preferred = glossary.preferred_for(sp.form)
            if preferred is not None:
                break
    from_glossary = preferred is not None
    top = next((s for s in members if s.form == preferred), None) if from_glossary else members[0]
    if preferred is None:
        preferred = top.form
    pref_key, pref_light = name_key(preferred), light_key(preferred)
    pref_count = top.count if top is not None else 0

    variants = []
    for sp in members:
        if sp is top or sp.form == preferred:
            continue
        if from_glossary and glossary.is_variant(sp.form):
            continue  # the glossary-variant rule reports it, with a safe fix
        if _keep(sp, top, pref_key, pref_light, pref_count, env, from_glossary):
            variants.append(sp)
    if not variants:
        return None
    kept = [s for s in members if s is top or s in variants]
    return VariantGroup(preferred, pref_count, variants, kept, from_glossary)


def _keep(
    sp: Spelling,
    top: Spelling | None,
    pref_key: str,
    pref_light: str,
    pref_count: int,
    env: _Env,
    from_glossary: bool,
) -> bool:
    """Is `sp` a variant spelling of the preferred form (and not another word or person)?"""
    if sp.light == pref_light:
        relation = "light"  # case, diacritics, hyphens only
    elif sp.key == pref_key:
        relation = "key"
    elif fuzzy_related(sp.key, pref_key):
        relation = "fuzzy"
    else:
        return False
    if relation != "light" and min(len(sp.light), len(pref_light)) < 5:
        return False  # short names: Li / Lee, Khan / Han, Bush / Busch
    german = env.lang in _NOUN_CAPS_LANGS and relation == "light" and top is not None
    if german and _umlaut_fold(sp.form) == _umlaut_fold(top.form):
        return False  # German plurals: Vater / Väter
    if from_glossary or top is None:
        return True
    if (
        relation == "fuzzy"
        and not (sp.count == 1 and pref_count >= 2)
        and (pref_count < 3 * sp.count)
    ):
        return False  # two frequent spellings a vowel apart: two people
    if relation == "key" and sp.count >= 2 and pref_count < 2 * sp.count:
        return False  # two frequent spellings (Smith / Smyth): probably two names
    return not _different_people(sp, top, env)


def _umlaut_fold(form: str) -> str:
    return form.lower().translate(str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}))


def _different_people(
    a: Spelling,
    b: Spelling,
    env: _Env,
) -> bool:
    """Every occurrence of both spellings has a neighbouring name, and those differ:
    Dmitry Peskov / Dmitri Medvedev, Michael Schumacher / Ralf Schuhmacher."""
    for side in ("prev", "next"):
        sets = []
        for sp in (a, b):
            ids = set()
            for occ in sp.occurrences:
                idx = getattr(occ, side)
                if idx is None:
                    break
                neighbour = env.occurrences[idx]
                if not neighbour.strong and neighbour.surface not in env.names:
                    break  # "Later Yermoshina": a sentence-start word is no context
                key = name_key(neighbour.surface)
                ids.add(env.key_cluster.get(key, key))
            else:
                sets.append(ids)
                continue
            break
        if len(sets) == 2 and not (sets[0] & sets[1]):
            return True
    return False


def variant_groups(
    text: str,
    sentences: Sequence[tuple[int, int]],
    lang: str | None = None,
    glossary=None,
) -> list[VariantGroup]:
    """Convenience: extract names from `text` and cluster their spellings."""
    occurrences, lower_words = extract_names(text, sentences, lang)
    return find_variants(occurrences, lower_words, lang, glossary)
