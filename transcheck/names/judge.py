"""Which spellings of a cluster are variants of one name, and which form is preferred.

Clustering joins spellings that may be one name; `_judge` picks the preferred form (the
glossary's, else the one written most often, counted with and without its article)
and `_keep` reports a spelling as its variant only when the relation between the two
and the evidence around them say one name, not an ordinary word or another person.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from transcheck.names.alike import (
    _core_light,
    _known_apart,
    _may_have_article,
    _skeleton_alike,
    _soft_g_related,
    _soft_key,
    digraph_alike,
)
from transcheck.names.evidence import _one_first_name, _people_evidence, _side_by_side
from transcheck.names.extract import NameOccurrence
from transcheck.names.keys import (
    _ending_swap,
    _silent_e,
    fuzzy_related,
    light_key,
    name_key,
    variant_cost,
)
from transcheck.names.languages import _INFLECTING_LANGS, _NOUN_CAPS_LANGS
from transcheck.names.lexicon import _TITLES, _established_rows, _given_rows, _given_table
from transcheck.names.spellings import Spelling, VariantGroup

CONTEXT_MIN = 7  # letters of key needed before a shared first name excuses a hard edit


def _feminine_e(sp: Spelling, pref_light: str, pref_key: str) -> bool:
    """Of two spellings a silent e apart, may the e be a French feminine ending?
    Yes if the shorter is a known given name (Christian / Christiane) or the longer
    a known feminine one (Pascale); not if the longer is a known masculine name
    (Souleymane / Souleman: the e is spelling)."""
    genders = _given_table()[1]
    if len(sp.key) < len(pref_key):
        short, long = sp.light, pref_light
    else:
        short, long = pref_light, sp.light
    return short in genders or genders.get(long) in ("f", "u")


@dataclass(slots=True)
class _Env:
    """What judging a cluster needs besides its spellings."""

    occurrences: list[NameOccurrence]
    key_cluster: dict[str, str]  # name key -> cluster id
    names: set[str]  # spellings attested mid-sentence
    words: Container[str]  # every word of the text, as written
    lang: str
    glossary: object | None
    # Key pairs written after one first name and alike enough (`_given_name_pairs`).
    evidence: set[frozenset[str]] = field(default_factory=set)
    # Spellings of a name written with an article and without, by the light key of the
    # name without it (Al Qathafi: qathafi), which count as support for it (`_support`).
    with_article: dict[str, list[Spelling]] = field(default_factory=dict)
    # Names from several files: only strong relations count (see `find_variants`).
    across_files: bool = False
    source: str = ""  # the source text, if any: its spelling wins a tie


def _article_support(spellings: Iterable[Spelling]) -> dict[str, list[Spelling]]:
    """The spellings of each name written with an article (Al Qathafi) and without
    (Qathafi), by the light key of the name without it (qathafi), most frequent first;
    only names written with an article at least once."""
    spellings = list(spellings)
    support: dict[str, list[Spelling]] = {}
    for sp in spellings:
        if _may_have_article(sp.form):
            core = _core_light(sp.form)
            if core != sp.light:
                support.setdefault(core, []).append(sp)
    for sp in spellings:
        if sp.light in support:
            support[sp.light].append(sp)
    for forms in support.values():
        forms.sort(key=lambda s: -s.count)
    return support


def _same_name(sp: Spelling, env: _Env) -> list[Spelling]:
    """The spellings of the name `sp` writes, with an article or not ([] if never
    with one): Mu'ammar Al Qathafi and Qathafi are two mentions of Qathafi."""
    forms = env.with_article.get(sp.light)
    if forms is None and _may_have_article(sp.form):
        forms = env.with_article.get(_core_light(sp.form))
    return forms or []


def _support(sp: Spelling, env: _Env) -> int:
    """How often a name is written, with an article or not (`_same_name`): Mu'ammar Al
    Qathafi and Qathafi are two mentions of Qathafi, against one of Qadafi; the form
    written most often of these is preferred (Al-Fadhli 2×, Fadhli 1×)."""
    forms = _same_name(sp, env)
    return sum(s.count for s in forms) if forms else sp.count


def _in_source(form: str, source: str) -> bool:
    """`form` written as a word of the source (not inside a longer word)."""
    at = source.find(form)
    while at >= 0:
        end = at + len(form)
        if not source[at - 1 : at].isalnum() and not source[end : end + 1].isalnum():
            return True
        at = source.find(form, at + 1)
    return False


def _judge(members: list[Spelling], env: _Env) -> VariantGroup | None:
    glossary = env.glossary
    members = sorted(
        members,
        key=lambda s: (
            -_support(s, env),
            -s.count,
            # A tie: the source's spelling (Andrés), else one with its diacritics.
            bool(env.source) and not _in_source(s.form, env.source),
            s.form.isascii(),
            s.light not in env.with_article and bool(_same_name(s, env)),  # bare first
            -s.strong,
            s.occurrences[0].start,
        ),
    )
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
    group = VariantGroup(preferred, pref_count, variants, kept, from_glossary)
    if top is not None:
        # The mentions that chose the preferred form (`_support`), shown with its count;
        # a spelling reported as a variant counts on that side only (`Al Kuwari` is not
        # also one of the mentions of `al-Kuwari`).
        group.other_forms = [
            (s.form, s.count)
            for s in _same_name(top, env)
            if s is not top and all(s is not v for v in variants)
        ]
    return group


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
    shortest_key = min(len(sp.key), len(pref_key))
    rows = _given_rows()
    row, pref_row = rows.get(sp.light), rows.get(pref_light)
    if sp.light == pref_light:
        relation = "light"  # case, diacritics, hyphens only
    elif row is not None and pref_row is not None:
        if row != pref_row:
            return False  # two known names: Maria / Mario, Louis / Luis, Lina / Lena
        relation = "lexicon"  # one known name: Umar / Omar, Jaber / Jabr
    elif sp.key == pref_key:
        relation = "key"
    elif fuzzy_related(sp.key, pref_key, env.lang):
        relation = "fuzzy"
        if _silent_e(sp.key, pref_key) and _feminine_e(sp, pref_light, pref_key):
            return False  # a feminine form of a known name: Christiane / Christian
    elif _soft_g_related(sp.light, pref_light, env.lang):
        relation = "fuzzy"  # Egyptian and Maghrebi g for j: Katrangi / Katranji
    elif shortest_key >= CONTEXT_MIN and fuzzy_related(sp.key, pref_key, env.lang, hard=1):
        relation = "context"  # one edit beyond transliteration: needs a shared neighbour
    elif row is None and pref_row is None and _ending_swap(sp.key, pref_key, env.lang):
        relation = "ending"  # unknown names a final vowel apart: Zamba / Zambo
    elif (
        shortest_key < 5
        and digraph_alike(sp.light, pref_light)
        and not _known_apart(sp.light, pref_light)
    ):
        relation = "digraph"  # Foz / Fouz, Joumaa / Jomaa: see `digraph_alike`
    elif top is not None and _skeleton_alike(sp.form, top.form):
        relation = "skeleton"  # Droukdel / Dourkdal: one spelling must be rare
    elif frozenset((sp.light, pref_light)) in env.evidence:
        relation = "given"  # Ali Hameih / Ali Hamiaeh: see `_given_name_pairs`
    else:
        return False
    shortest = min(len(sp.light), len(pref_light))
    # Short names: Li / Lee, Khan / Han, Bush / Busch, Jan / Yan are different
    # names; only doubled letters and a y between vowels count (Bazzi / Bazi), and
    # a vowel written long or as a digraph (Yak / Yaak, Saab / Sa'b).
    if (
        relation in ("key", "context")
        and shortest < 5
        and (shortest < 4 or _soft_key(sp.light) != _soft_key(pref_light))
    ):
        if (
            relation == "key"
            and digraph_alike(sp.light, pref_light)
            and not _known_apart(sp.light, pref_light)
        ):
            relation = "digraph"
        elif frozenset((sp.light, pref_light)) not in env.evidence:
            return False
        else:
            relation = "given"  # Samer Foz / Samer Fouz: a vowel apart after one first name
    if env.across_files and relation not in _ACROSS_FILE_RELATIONS:
        # Fuzzy relations pair unrelated names of different files: Boeing / Beijing,
        # Kristin / Christian, Germaine / Germany, and more pairs the more files.
        return False
    if env.lang in _INFLECTING_LANGS and top is not None:
        a, b = sp.form.lower(), top.form.lower()
        if relation == "light" and len(a) == len(b) and a[:-1] == b[:-1]:
            return False  # a case ending, not a spelling: Beata / Beatą, Kowalska / Kowalską
        if relation == "skeleton" and sp.light[-2:] != pref_light[-2:]:
            return False  # endings, vowels aside: Magdalenie / Magdalenę
    german = env.lang in _NOUN_CAPS_LANGS and relation == "light" and top is not None
    if german and _umlaut_fold(sp.form) == _umlaut_fold(top.form):
        return False  # German plurals: Vater / Väter
    if german and _unhyphenated(sp.form) == _unhyphenated(top.form):
        # A compound noun written with and without a hyphen (Login-Shell / Loginshell,
        # Such-Baum / Suchbaum): a spelling of a word, which German capitalises, not a
        # name. (A name's hyphen against a space, al-Assad / Al Assad, still counts.)
        return False
    if from_glossary or top is None:
        return True
    if relation != "light" and (sp.form.lower() in env.words or top.form.lower() in env.words):
        return False  # an ordinary word also written in lower case (Minister / Monster)
    if relation == "light" and sp.form.lower() in env.words and top.form.lower() in env.words:
        # Two ordinary words apart by an accent or case, both also written in lower case:
        # a verb and its participle, a word and its accented homonym (Termine / Terminé,
        # Si / Sí, Solo / Sólo) capitalised where a string starts, no name.
        return False
    if relation != "light" and (sp.form.lower() in _TITLES or top.form.lower() in _TITLES):
        return False  # a title is a word, not a spelling of a name: King / Qing
    if relation not in ("light", "lexicon"):
        established = _established_rows()
        row_x, row_y = established.get(sp.light), established.get(top.light)
        if row_x != row_y and (relation != "key" or (row_x and row_y)):
            # A name of a Latin-script language is written one way; a spelling close to
            # it is another name, not a transliteration (Walker / Welker, Boeing /
            # Beijing). One key: only two known names (Kyiv / Kiev are one row).
            return False
    people = _people_evidence(sp, top, env)
    if people == "different" or (relation != "light" and _side_by_side(sp, top)):
        return False
    if relation == "context":
        return people == "same"  # Ilya Ryabtsev / Ilya Riabtsev
    if relation == "given":
        return people == "same" and _one_first_name(sp, top, env)
    own, pref_support = _support(sp, env), _support(top, env)
    rare = (own == 1 and pref_support >= 2) or pref_support >= 3 * own
    if relation == "skeleton":
        return rare or people == "same"
    if relation in ("fuzzy", "lexicon", "ending", "digraph") and not rare:
        # Once each: nothing says which is the name, two people as likely. Both
        # frequent: one cheap edit in a long name (Yarmoshina 3× / Yermoshina 2×).
        # Either way the same first name before both settles it.
        if people == "same":
            return True
        cost, _ = variant_cost(sp.key, pref_key, env.lang)
        return sp.count >= 2 and cost <= 0.5 and shortest_key >= 7
    if relation == "key" and sp.count >= 2 and pref_count < 2 * sp.count:
        # Two frequent spellings of one key: Riabkov 3× / Ryabkov 2× is one man,
        # Smith / Smyth (short) two names.
        return people == "same" or shortest >= 6
    return True


# Relations strong enough to pair names of two different files: case, diacritics and
# hyphens, one transliteration key, and the weighted edit distance (established Latin-script
# names and titles being excluded before). Not the context, ending, digraph, skeleton or
# first-name relations, whose evidence is one document's. Cross-file recall on the bench's
# strict pairs (`bench/accuracy_names.py --cross-file`): 0.902 with this set, 0.449 without
# "fuzzy" (measured by editing the set); no clean-text FP either way.
_ACROSS_FILE_RELATIONS = frozenset({"light", "key", "fuzzy"})


def _unhyphenated(form: str) -> str:
    return form.lower().replace("-", "").replace("\u2010", "").replace("\u2011", "")


def _umlaut_fold(form: str) -> str:
    return form.lower().translate(str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}))
