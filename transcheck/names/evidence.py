"""What the names written next to two spellings say: one person or two.

The same first name before both (Ilya Ryabtsev / Ilya Riabtsev) says one person;
different first names (Dmitry Peskov / Dmitri Medvedev), or both written as full names
in one sentence, say two. `_given_name_pairs` finds the surnames written after one
first name that are alike enough to be clustered (Jamil Hameih / Jamil Hamiaeh).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from transcheck.names.alike import _core_light, _keys_alike, given_evidence_alike
from transcheck.names.extract import NameOccurrence
from transcheck.names.keys import fuzzy_related, light_key, name_key
from transcheck.names.lexicon import _TITLES, _given_rows
from transcheck.names.spellings import Spelling

if TYPE_CHECKING:  # (types only: the module that holds them imports this one)
    from transcheck.names.judge import _Env


def _people_evidence(a: Spelling, b: Spelling, env: _Env) -> str:
    """What the names next to both spellings say: "same" when one neighbour (a
    first name) comes with both (Ilya Ryabtsev / Ilya Riabtsev), "different" when
    both have neighbours and none is alike (Dmitry Peskov / Dmitri Medvedev,
    Michael Schumacher / Ralf Schuhmacher), else "unknown". Neighbours spelled a
    transliteration apart are alike (Ekaterina / Katerina Gubareva / Hubareva).
    Titles (President, Mr) and sentence-start words are no context."""
    verdict = "unknown"
    own = env.key_cluster.get(a.key)
    for sp in (a, b):
        for occ in sp.occurrences:
            for idx in (occ.prev, occ.next):
                if idx is not None:
                    key = name_key(env.occurrences[idx].surface)
                    if own is not None and env.key_cluster.get(key) == own:
                        # Next to a spelling of itself: two names (Mohamed Mahamoud).
                        return "different"
    for side in ("prev", "next"):
        sets = []
        compounds = []
        joined_sets: list[dict[str, str]] = []
        for sp in (a, b):
            ids: dict[str, str] = {}
            joined_ids: dict[str, str] = {}
            for occ in sp.occurrences:
                idx = getattr(occ, side)
                if idx is None:
                    continue
                neighbour = env.occurrences[idx]
                if not neighbour.strong and neighbour.surface not in env.names:
                    continue  # "Later Yermoshina"
                if neighbour.surface.lower().rstrip(".") in _TITLES:
                    continue
                key = name_key(neighbour.surface)
                ids[env.key_cluster.get(key, key)] = neighbour.surface
                first = env.occurrences[neighbour.prev] if neighbour.prev is not None else None
                if side == "prev" and first is not None and first.strong:
                    # A compound first name written in two words: Hamid Reza / Hamidreza,
                    # Abdel Malek / Abdelmalek.
                    # (Evidence of "same" only: joined words look alike too easily.)
                    joined = first.surface + neighbour.surface.lower()
                    key = name_key(joined)
                    joined_ids[env.key_cluster.get(key, key)] = joined
            sets.append(ids)
            compounds.append({**joined_ids, **ids})
            joined_sets.append(joined_ids)
        if not (sets[0] and sets[1]):
            continue
        shared = set(compounds[0]) & set(compounds[1])
        if any(_alike(compounds[0][c], compounds[1][c], env.lang) for c in shared):
            return "same"  # (one cluster may join two known names: Kamal / Kamil)
        # A first name in two words against one joined (Mohammed Reza / Mohammadreza)
        # is no contrary evidence either; but joined names share long heads (Abdulrahim
        # / Abdulrahman), so they must be a transliteration apart, not merely similar.
        if not any(
            _alike(x, y, env.lang) for x in sets[0].values() for y in sets[1].values()
        ) and not any(
            _keys_alike(x, y, env.lang)
            for x, y in (
                *((x, y) for x in joined_sets[0].values() for y in compounds[1].values()),
                *((x, y) for x in compounds[0].values() for y in joined_sets[1].values()),
            )
        ):
            if side == "prev" and _first_names(a, env) & _first_names(b, env):
                continue  # a full name and a shorter one: Latif Abdallah (Salih) Kuwari
            verdict = "different"
    return verdict


# Names looked at before a spelling when its first names are compared.
_CHAIN = 4
# Parts of so many names that sharing them says nothing about the person.
_UBIQUITOUS_TEXT = """
muhammad mohammed mohamed mohammad muhammed mohamad abd abdul abdel abu abou bin ben ibn al el
"""
_UBIQUITOUS = frozenset(_UBIQUITOUS_TEXT.split())


def _first_names(sp: Spelling, env: _Env) -> set[str]:
    """Clusters of the strong names that come before `sp`, up to `_CHAIN` back
    (Saeed Salih Abd-Rabbuh Al-Omqi: Saeed, Salih, Abd-Rabbuh), titles left out."""
    found: set[str] = set()
    for occ in sp.occurrences:
        idx = occ.prev
        for _ in range(_CHAIN):
            if idx is None:
                break
            name = env.occurrences[idx]
            lowered = name.surface.lower().rstrip(".")
            if name.strong and lowered not in _TITLES and lowered not in _UBIQUITOUS:
                key = name_key(name.surface)
                found.add(env.key_cluster.get(key, key))
            idx = name.prev
    return found


def _alike(form_x: str, form_y: str, lang: str) -> bool:
    """Two neighbours that may be one name (not proof, only no contrary evidence);
    two different known given names are not (Kamal / Kamil, Maria / Mario), unless
    one is the other shortened or lengthened (George / Georges, Alex / Alexey)."""
    x, y = name_key(form_x), name_key(form_y)
    if x.startswith(y) or y.startswith(x):
        return min(len(x), len(y)) >= 3  # Muhammad / Muhammadi; not Al / Alexei
    rows = _given_rows()
    row_x, row_y = rows.get(light_key(form_x)), rows.get(light_key(form_y))
    if row_x is not None and row_y is not None:
        return row_x == row_y
    from rapidfuzz.distance import Levenshtein

    if Levenshtein.normalized_similarity(x, y) >= 0.75:
        return True
    if fuzzy_related(x, y, lang):
        return True
    core_x, core_y = _theophoric_core(form_x), _theophoric_core(form_y)
    if (core_x, core_y) == (form_x, form_y):
        return False
    return name_key(core_x) == name_key(core_y)


# "Abd al-" and the article written before the second part of an Arabic name: 'Abd
# al-Rahman, Abdul-Rahman, Abdurrahman and al-Rahman all end in Rahman; Abdel Malek /
# Abdelmalek. (Only the article when a space or hyphen follows: not Alexander.)
_THEOPHORIC = re.compile(
    r"^['’]?(?:abd(?:[aeiou][lrsdntz]?)?[\s‐-]*)?(?:[aeu]l[\s‐-]+)?", re.IGNORECASE
)


def _theophoric_core(form: str) -> str:
    """The name after an "Abd al-" prefix or an article (at least four letters left),
    else the form itself."""
    m = _THEOPHORIC.match(form)
    rest = form[m.end() :] if m else form
    return rest if len(rest) >= 4 and m.end() else form


# Names that East Asian usage writes first (surname first): the word after them is a
# given name, and given names a vowel apart are different people (Li Peng / Li Ping,
# Wang Yi / Wang Yu), so they are no evidence for `_given_name_pairs`.
_SURNAME_FIRST_TEXT = """
li wang zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng
liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye
cheng wei su lu ding ren shen yao jin kim lee park choi jung jeong kang cho yoon yun jang
lim shin seo kwon hwang ahn oh nguyen tran pham hoang vu vo dang bui do ho ngo duong ly
"""
_SURNAME_FIRST = frozenset(_SURNAME_FIRST_TEXT.split())
# Most spellings compared after one first name; more means a list, not prose.
_GIVEN_GROUP_MAX = 16


def _first_name_id(occ: NameOccurrence, occurrences: list[NameOccurrence], cluster) -> str | None:
    """Who the first name just before a surname says the person is (its cluster of
    spellings); None when there is no such first name (a
    title, a sentence start, Muhammad, an East Asian surname written first)."""
    if occ.prev is None or occ.next is not None:
        return None
    first = occurrences[occ.prev]
    lowered = first.surface.lower().rstrip(".")
    if not first.strong or lowered in _TITLES or lowered in _UBIQUITOUS:
        return None
    if lowered in _SURNAME_FIRST:
        return None
    # Its cluster: spellings of one known given name are one (Omar / Umar), a
    # transliteration apart too (Jamill / Jamiel), two known names never.
    return cluster(name_key(first.surface))


def _given_name_pairs(
    occurrences: list[NameOccurrence], parent: dict[str, str], find
) -> Iterator[tuple[str, str, str, str]]:
    """Keys of surname spellings written after the same first name and alike by
    `given_evidence_alike` (Jamil Hameih / Jamil Hamiaeh), the pairs as light keys
    for `_keep`. Linear in the names plus small groups: a first name followed by
    more than `_GIVEN_GROUP_MAX` surnames is skipped."""

    def cluster(key: str) -> str:
        return find(key) if key in parent else key

    groups: dict[str, dict[str, str]] = {}
    for occ in occurrences:
        if not occ.strong or occ.prev is None or occ.next is not None:
            continue
        key = name_key(occ.surface)
        if key not in parent:
            continue
        first = _first_name_id(occ, occurrences, cluster)
        if first is not None:
            groups.setdefault(first, {})[light_key(occ.surface)] = occ.surface
    for lights in groups.values():
        if not 2 <= len(lights) <= _GIVEN_GROUP_MAX:
            continue
        items = sorted(lights.items())
        for i, (la, fa) in enumerate(items):
            for lb, fb in items[i + 1 :]:
                # An article on one spelling only (Muammar Qadhafi / Mu'ammar Al
                # Qathafi) when the rest is spelled differently too; the article alone
                # (Bashar Assad / Bashar al-Assad) is a house style, left alone.
                core_a, core_b = _core_light(fa), _core_light(fb)
                if given_evidence_alike(core_a, core_b):
                    yield la, lb, name_key(fa), name_key(fb)


def _one_first_name(sp: Spelling, top: Spelling, env: _Env) -> bool:
    """Every first name written before `sp` is written before `top` too (and at
    least one is written before `sp`)."""

    def cluster(key: str) -> str:
        return env.key_cluster.get(key, key)

    def firsts(s: Spelling) -> set[str | None]:
        return {
            _first_name_id(o, env.occurrences, cluster) for o in s.occurrences if o.prev is not None
        }

    own, other = firsts(sp) - {None}, firsts(top) - {None}
    return bool(own) and own <= other


def _side_by_side(sp: Spelling, top: Spelling) -> bool:
    """Both spellings as full names (each after another name) in one sentence:
    John Smith and John Smyth set side by side are two people."""
    full = {o.sentence for o in top.occurrences if o.prev is not None and o.sentence >= 0}
    return any(o.sentence in full for o in sp.occurrences if o.prev is not None)
