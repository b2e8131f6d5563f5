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

from bisect import bisect_right
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from transcheck.names.alike import (
    _NO_VOWELS_Y,
    SKELETON_MIN,
    _core_light,
    _cores_alike,
    _known_apart,
    _may_have_article,
    _skeleton,
    _skeleton_alike,
    _soft_g_related,
    _soft_key,
    _undouble,
    digraph_alike,
)
from transcheck.names.evidence import (
    _given_name_pairs,
    _one_first_name,
    _people_evidence,
    _side_by_side,
)
from transcheck.names.extract import NameOccurrence, extract_names
from transcheck.names.keys import (
    _VOWELS,
    _allowed_cost,
    _ending_swap,
    _first_class,
    _max_edits,
    _silent_e,
    _vowel_cluster_edit,
    fuzzy_related,
    light_key,
    name_key,
    variant_cost,
)
from transcheck.names.languages import _GENDER_ENDING_LANGS, _INFLECTING_LANGS, _NOUN_CAPS_LANGS
from transcheck.names.lexicon import (
    _TITLES,
    _established_rows,
    _given_rows,
    _given_table,
    given_name_row,
)
from transcheck.names.midsentence import _names_mid_sentence
from transcheck.names.spellings import Spelling, VariantGroup, _spellings
from transcheck.names.summary import NameSummary, merge_summaries, name_summary
from transcheck.names.words import WordLookup

__all__ = [
    "NameOccurrence",
    "NameSummary",
    "VariantGroup",
    "WordLookup",
    "extract_names",
    "find_variants",
    "given_name_row",
    "merge_summaries",
    "name_summary",
    "variant_groups",
]
CONTEXT_MIN = 7  # letters of key needed before a shared first name excuses a hard edit


def _rows_clash(row_a: object, row_b: object) -> bool:
    """Two known given names on different rows: two names (Mohamed / Mahmoud)."""
    return row_a is not None and row_b is not None and row_a != row_b


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


def find_variants(
    occurrences: list[NameOccurrence],
    words: Container[str],
    lang: str | None = None,
    glossary=None,  # transcheck.glossary.Glossary | None
    across_files: bool = False,
    source: str | None = None,
) -> list[VariantGroup]:
    """Clusters of spellings of one name with the spellings to change, in text order.

    `across_files`: the occurrences come from several unrelated files (the cross-file
    pass), where two similar names are seldom one person: only the relations of
    `_ACROSS_FILE_RELATIONS` make variants. `source`: the text translated, whose
    spelling wins a tie of counts."""
    lang = (lang or "en").split("-")[0].lower()
    spellings = _spellings(occurrences, words)
    by_key: dict[str, list[Spelling]] = {}
    for sp in spellings.values():
        by_key.setdefault(sp.key, []).append(sp)
    # Only names attested mid-sentence count; weak spellings ride along by key.
    keys = [k for k, group in by_key.items() if any(s.strong for s in group)]
    if not keys:
        return []  # no cluster to judge (most UI catalogues: no name mid-sentence)
    parent = {k: k for k in keys}
    evidence: set[frozenset[str]] = set()

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    if lang not in _NOUN_CAPS_LANGS:
        rows = _given_rows()
        # Known given names of different rows never join (Mohamed / Mahmoud): a
        # cluster joining them would make "Mohamed Mahmoud" a name next to itself.
        key_row = {k: rows.get(by_key[k][0].light) for k in keys}
        # Pairs only within a bucket (first-letter class) and a length window.
        buckets: dict[str, list[str]] = {}
        for k in keys:
            if len(k) >= 5:
                for cls in _first_class(k):
                    buckets.setdefault(cls, []).append(k)
        for bucket in buckets.values():
            bucket.sort(key=len)
            for a, b in _near_pairs(bucket):
                # One hard edit is allowed here; `_keep` asks for context then.
                if _rows_clash(key_row[a], key_row[b]):
                    continue
                if find(a) != find(b) and fuzzy_related(a, b, lang, hard=1):
                    parent[find(b)] = find(a)
        # 4-letter keys: a vowel next to a vowel (Kluev / Klyuev, Akil / Akiel; see
        # `fuzzy_related`), found by dropping such vowels from 5-letter keys.
        fours = {k for k in keys if len(k) == 4}
        for k in keys if fours else ():
            if len(k) == 5:
                for i in (1, 2, 3):
                    if k[i] in _VOWELS and (k[i - 1] in _VOWELS or k[i + 1] in _VOWELS):
                        short = k[:i] + k[i + 1 :]
                        if (
                            short in fours
                            and find(short) != find(k)
                            and _vowel_cluster_edit(short, k)
                        ):
                            parent[find(k)] = find(short)
        # Short keys: vowels written long or as a digraph (Foz / Fouz), see
        # `digraph_alike`; compared within groups of the same consonants.
        shorts: dict[str, list[tuple[str, str]]] = {}
        for k in keys:
            if len(k) < 5:
                for sp in by_key[k]:
                    if len(sp.light) >= 3:
                        consonants = _undouble(sp.light.translate(_NO_VOWELS_Y))
                        shorts.setdefault(consonants, []).append((sp.light, k))
        for group in shorts.values():
            for i, (la, ka) in enumerate(group):
                for lb, kb in group[i + 1 :]:
                    if find(ka) == find(kb) or not digraph_alike(la, lb):
                        continue
                    if not _known_apart(la, lb):
                        parent[find(kb)] = find(ka)
        # Longer names with one consonant skeleton (Droukdel / Dourkdal), grouped by
        # the skeleton of the name without its article (al-Droukdel / Dourkdal, as
        # `_skeleton_alike` compares them): `_keep` asks one spelling to be rare.
        skeletons: dict[str, list[tuple[str, str]]] = {}
        for k in keys:
            for sp in by_key[k]:
                core = _core_light(sp.form)
                if len(core) < SKELETON_MIN:
                    continue
                core_key = name_key(core)
                # A key may be a letter shorter than its name (a doubled letter, kh or
                # ou as one); shorter still, the name is short to the ear (Joumaa is
                # juma) and its few consonants match too many names (Joumha).
                if len(core_key) >= SKELETON_MIN - 1:
                    skeletons.setdefault(_skeleton(core_key), []).append((core, k))
        for group in skeletons.values():
            if not 2 <= len(group) <= SKELETON_GROUP_MAX:
                continue
            for i, (la, ka) in enumerate(group):
                for lb, kb in group[i + 1 :]:
                    if (
                        find(ka) != find(kb)
                        and _cores_alike(la, lb)
                        and not _rows_clash(key_row[ka], key_row[kb])
                    ):
                        parent[find(kb)] = find(ka)
        # Spellings of one known given name (Umar / Omar, Jaber / Jabr) and unknown
        # names a final vowel apart (Zamba / Zambo): `_keep` decides.
        seen: dict[object, str] = {}
        ending_ok = lang not in _GENDER_ENDING_LANGS
        for k in keys:
            for sp in by_key[k]:
                row = rows.get(sp.light)
                if row is not None:
                    other = seen.setdefault(row, k)
                    if find(other) != find(k):
                        parent[find(k)] = find(other)
            if ending_ok and len(k) >= 5 and k[-1] in _VOWELS:
                other = seen.setdefault(k[:-1], k)
                if find(other) != find(k) and _ending_swap(other, k, lang):
                    parent[find(k)] = find(other)
        if lang not in _INFLECTING_LANGS:
            # Spellings further apart, each written after the same first name: `_keep`
            # asks that first name to be the only one either comes with.
            for light_a, light_b, a, b in _given_name_pairs(occurrences, parent, find):
                evidence.add(frozenset((light_a, light_b)))
                if find(a) != find(b):
                    parent[find(b)] = find(a)

    clusters: dict[str, list[Spelling]] = {}
    for k in keys:
        clusters.setdefault(find(k), []).extend(by_key[k])
    env = _Env(
        occurrences,
        {k: find(k) for k in keys},
        {o.surface for o in occurrences if o.strong},
        words,
        lang,
        glossary,
        evidence,
        _article_support(spellings.values()),
        across_files,
        source or "",
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


# Keys compared per C call in `_near_pairs`: bounds the distance matrix of a huge text.
_PAIR_BLOCK = 256


def _near_pairs(bucket: list[str]) -> Iterator[tuple[str, str]]:
    """Pairs (a, b) of a bucket sorted by length, a before b, within the Levenshtein
    bound of `fuzzy_related` (a is the shorter key), in order of a then b.

    One C call (a distance matrix) per block of keys of one length instead of one
    per key: this ran for every distinct name.
    """
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    lengths = [len(k) for k in bucket]
    lo = 0
    while lo < len(bucket):
        # Keys of one length share one bound; the block is capped to bound the matrix.
        hi = min(bisect_right(lengths, lengths[lo], lo), lo + _PAIR_BLOCK)
        limit = _max_edits(_allowed_cost(bucket[lo], bucket[lo]))
        stop = bisect_right(lengths, lengths[lo] + limit, lo + 1)
        if stop > lo + 1:
            matrix = process.cdist(
                bucket[lo:hi],
                bucket[lo + 1 : stop],
                scorer=Levenshtein.distance,
                score_cutoff=limit,
                workers=1,
            )
            # Row r is key lo + r, column c key lo + 1 + c: keep c >= r (b after a).
            rows = np.arange(hi - lo)[:, None]
            cols = np.arange(stop - lo - 1)[None, :]
            for r, c in zip(*np.nonzero((matrix <= limit) & (cols >= rows)), strict=True):
                yield bucket[lo + int(r)], bucket[lo + 1 + int(c)]
        lo = hi


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
    if from_glossary or top is None:
        return True
    if relation != "light" and (sp.form.lower() in env.words or top.form.lower() in env.words):
        return False  # an ordinary word also written in lower case (Minister / Monster)
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


def _umlaut_fold(form: str) -> str:
    return form.lower().translate(str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}))


def variant_groups(
    text: str,
    sentences: Sequence[tuple[int, int]],
    lang: str | None = None,
    glossary=None,
    source: str | None = None,
    regions: Sequence[tuple[int, int]] | None = None,
) -> list[VariantGroup]:
    """Convenience: extract names from `text` and cluster their spellings (`regions`:
    see `extract_names`)."""
    if not _names_mid_sentence(text, sentences):
        return []  # find_variants would have no spelling to compare (`_spellings`)
    occurrences, words = extract_names(text, sentences, lang, regions)
    return find_variants(occurrences, words, lang, glossary, source=source)


# Most spellings compared within one consonant skeleton: a skeleton shared by more is a
# common consonant frame of many names, not one name's spellings, and its pairs grow
# with the square of the group.
SKELETON_GROUP_MAX = 16
