"""Relations between two spellings beyond one key or a small edit distance.

Short names a long vowel or a digraph apart (Foz / Fouz), longer names with one
consonant skeleton (Droukdel / Dourkdal), the Egyptian g for j (Katrangi / Katranji),
a name with and without its article (Al Qathafi / Qathafi), and surnames alike enough
to be one name once both follow the same first name (`given_evidence_alike`). Each is
weaker than a shared key: clustering joins spellings by them, and the judge asks for
more evidence before it reports one.
"""

from __future__ import annotations

import re

from transcheck.names.keys import _NAME_SUFFIXES, _PARTICLES, fuzzy_related, light_key, name_key
from transcheck.names.lexicon import _established_rows, _given_rows

# Letters of a name (article aside) before its consonants alone may match: a skeleton of
# a shorter name has two or three consonants, shared by many unrelated names.
SKELETON_MIN = 6
# The share of letters written alike two skeleton-alike names need (see
# `_letters_alike`): a skeleton drops vowels, h, y and j, which leaves names as far
# apart as Mojmir / Muammar alike.
SKELETON_SIMILARITY = 0.6


# A j that Egyptian and Levantine spellings write g after n, before e or i (Katrangi /
# Katranji, the -ji / -gi of trade names). After a vowel or before a, o, u, j is the y of
# Slavic and German names too often (Majer / Mager, Bojan / Bogan are two names), so
# Tageddine / Tajeddine stay apart. Gamal / Jamal are given names the list knows.
_SOFT_J = re.compile(r"(?<=n)j(?=[ei])")


def _soft_g_related(light_a: str, light_b: str, lang: str) -> bool:
    """Two spellings that are one name once j is written g (see `_SOFT_J`)."""
    if ("j" in light_a) == ("j" in light_b) or "g" not in light_a + light_b:
        return False  # only one of them may have the j
    a, b = _SOFT_J.sub("g", light_a), _SOFT_J.sub("g", light_b)
    if (a, b) == (light_a, light_b):
        return False
    return _keys_alike(a, b, lang)


# Vowel runs of short names that transliterations write for one sound: the French ou
# for o (Foz / Fouz, Jomaa / Joumaa, Mossa / Moussa). Not one vowel for another (Lina /
# Lena, Berg / Borg, Miller / Muller), nor ei for ee (Reid / Reed): different names.
# (u / ou, u / oo, i / ee, i / ie, i / y were measured too: no recall gained on the
# name pairs of the bench, so they stay out, with their risks: Hood / Hud, Boon / Bun.)
_DIGRAPH_RUNS = frozenset({frozenset(("o", "ou"))})
_RUNS = re.compile(r"[aeiouy]+|[^aeiouy]+")


def _vowel_runs(light: str) -> list[str]:
    """Runs of vowels and of consonants of a light key, doubled letters written once
    (a leading y before a vowel is a consonant: Yak)."""
    runs = _RUNS.findall(light)
    if len(runs) > 1 and runs[0].startswith("y") and len(runs[0]) > 1:
        runs[0:1] = ["y", runs[0][1:]]
    return runs


def digraph_alike(light_a: str, light_b: str) -> bool:
    """Two short names (3+ letters) written alike but for vowels long or short, or a
    digraph for one vowel (see `_DIGRAPH_RUNS`): Foz / Fouz, Joumaa / Jomaa, Yak /
    Yaak, Saab / Sa'b. The consonants must be the same letters, in the same runs (Kahn /
    Khan, Gul / Ghul stay apart), and so must every vowel but these (Lina / Lena,
    Maria / Mario, Nura / Nuru, Reed / Reid, Berg / Borg)."""
    shortest = min(len(light_a), len(light_b))
    if light_a == light_b or shortest < 3:
        return False
    runs_a, runs_b = _vowel_runs(light_a), _vowel_runs(light_b)
    if len(runs_a) != len(runs_b):
        return False
    for x, y in zip(runs_a, runs_b, strict=True):
        if x == y:
            continue
        vowels = x[0] in _VOWELS_Y and y[0] in _VOWELS_Y
        if vowels and x.replace("aa", "a") == y.replace("aa", "a"):
            continue  # a long a (Yak / Yaak); not oo, ee: English sounds (Good / God)
        if not vowels and shortest >= 4 and _DOUBLED.sub(r"\1", x) == _DOUBLED.sub(r"\1", y):
            continue  # ss / s from 4 letters (Mosa / Mossa; not Dun / Dunn)
        if vowels and frozenset((x, y)) in _DIGRAPH_RUNS:
            continue
        return False
    return True


def _known_apart(light_a: str, light_b: str) -> bool:
    """Is either of two short spellings a known name (a given name, or an established
    one: `names_latin.tsv`, `exonyms.tsv`) and the two not one row of the same list?
    Then a long vowel or digraph between them is two names (Tom / Toum, Rose / Rouse,
    Jan / Jaan, de Haan / Han), as the final-vowel relation asks of unknown names."""
    known = False
    for table in (_given_rows(), _established_rows()):
        row_a, row_b = table.get(light_a), table.get(light_b)
        if row_a is not None and row_a == row_b:
            return False
        known = known or row_a is not None or row_b is not None
    return known


_VOWELS_Y = frozenset("aeiouy")
_NO_VOWELS_Y = str.maketrans("", "", "aeiouy")


def _soft_key(light: str) -> str:
    """Doubled letters, a y between vowels, q/k, ou/u before a consonant and a
    final h after a vowel only: Bazzi = Bazi, Diyab = Diab, Aqil = Akil, Musa =
    Moussa, Dallah = Dala (not Louis / Luis: two names)."""
    light = _OU.sub("u", light.replace("q", "k"))
    return _DOUBLED.sub(r"\1", _VOWEL_Y.sub("", _FINAL_H.sub("", light)))


_OU = re.compile(r"ou(?=[^aeiouy])")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_DOUBLED = re.compile(r"(.)\1+")
_VOWEL_Y = re.compile(r"(?<=[aeiou])y(?=[aeiou])|(?<=i)y")


def _undouble(text: str) -> str:
    """Doubled letters written once (searched first: most names have none, and a
    substitution with a template costs more than the search)."""
    return _DOUBLED.sub(r"\1", text) if _DOUBLED.search(text) else text


def _keys_alike(x: str, y: str, lang: str) -> bool:
    """One key, or a transliteration apart (a first name joined from two words and
    another name: Mohammedreza / Mohammadreza, Abubakr / Aboubekr)."""
    kx, ky = name_key(x), name_key(y)
    return kx == ky or fuzzy_related(kx, ky, lang)


# Letters a skeleton keeps after its first, by class (vowels, h, y, j and ' go).
_DROP_VOWELS_H = str.maketrans("", "", "aeiouyh")  # short names: only vowels may differ
_SKELETON_MAP = str.maketrans("cgqzdbw", "kkkstpv", "aeiouyhj")
_SKELETON_HEAD = str.maketrans("eiouhyjcgqzdbw", "aaaaaaakkkstpv")


_ARTICLE_ENDS = frozenset(" \t\u00a0‐-")


def _may_have_article(form: str) -> bool:
    """A separator after 2-3 letters, as after al-, bin (most names have none)."""
    return len(form) > 3 and (form[2] in _ARTICLE_ENDS or form[3] in _ARTICLE_ENDS)


def _core_light(form: str) -> str:
    """The light key of a name without a leading article (Al Qathafi: qathafi)."""
    if not _may_have_article(form):
        return light_key(form)
    parts = re.split(r"[\s‐-]+", form, maxsplit=1)
    if len(parts) == 2 and parts[0].lower() in _PARTICLES:
        return light_key(parts[1])
    return light_key(form)


def _skeleton(key: str) -> str:
    """Consonants of a name key in transliteration classes, vowels, h, y and j
    dropped after the first letter: Droukdel and Dourkdal are trktl, Hameih and
    Hamiyyah am."""
    # sh is its own consonant (Shami / Samahi); doubles merge before vowels go, so
    # a repeated syllable stays (Khanani / Khani).
    key = _undouble(key.replace("sh", "x"))
    return key[:1].translate(_SKELETON_HEAD) + key[1:].translate(_SKELETON_MAP)


def _ending_alike(x: str, y: str) -> bool:
    """Last letters of two light keys that may end one name: the same, or -e/-i,
    -a/-e, -s/-z, after a vowel an h written or not (Hamiyyah / Hamiye); not
    -a/-o or -a/-i (Mario / Maria, Kowalski / Kowalska)."""
    x, y = _FINAL_H.sub("", x), _FINAL_H.sub("", y)
    if x[-1] == y[-1]:
        return True
    return {x[-1], y[-1]} in ({"e", "i"}, {"a", "e"}, {"s", "z"})


def given_evidence_alike(light_a: str, light_b: str) -> bool:
    """Two surnames alike enough to be one once both follow the same first name:
    one consonant skeleton (`_skeleton`), a compatible ending, neither a prefix of
    the other (Ivanov / Ivanova) nor a name with another suffix (Andersen /
    Anderson). Short names (4 letters or fewer) may differ only in vowels, the
    consonants written alike (Foz / Fouz, Yak / Yaak; not Gul / Kul)."""
    if light_a == light_b or abs(len(light_a) - len(light_b)) > 3:
        return False
    if light_a.startswith(light_b) or light_b.startswith(light_a):
        return False
    if min(len(light_a), len(light_b)) < 3 or not _ending_alike(light_a, light_b):
        return False
    for sa in _NAME_SUFFIXES:
        for sb in _NAME_SUFFIXES:
            if sa != sb and light_a.endswith(sa) and light_b.endswith(sb):
                return False
    if min(len(light_a), len(light_b)) <= 4:
        return light_a[0] == light_b[0] and light_a[1:].translate(_DROP_VOWELS_H) == light_b[
            1:
        ].translate(_DROP_VOWELS_H)
    ka, kb = name_key(light_a), name_key(light_b)
    return _skeleton(ka) == _skeleton(kb)


def _skeleton_alike(form_a: str, form_b: str) -> bool:
    """Names of `SKELETON_MIN`+ letters (an article aside) with one consonant skeleton
    and the same last letter (`given_evidence_alike`, without its -e/-a swaps: Vigile /
    Vigilia): Droukdel / Dourkdal, Shmalach / Shamlakh, Zughaib / Zgheib."""
    return _cores_alike(_core_light(form_a), _core_light(form_b))


def _cores_alike(core_a: str, core_b: str) -> bool:
    """`_skeleton_alike` of two light keys without their article."""
    return (
        min(len(core_a), len(core_b)) >= SKELETON_MIN
        and core_a[-1] == core_b[-1]
        and _letters_alike(core_a, core_b)
        and given_evidence_alike(core_a, core_b)
    )


def _letters_alike(a: str, b: str) -> bool:
    """Most letters in common as written (normalised Levenshtein similarity >= 0.6):
    a skeleton drops vowels, h, y and j, which leaves Mojmir / Muammar alike."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(a, b) >= SKELETON_SIMILARITY
