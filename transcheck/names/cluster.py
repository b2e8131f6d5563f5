"""Clusters of spellings of one name: `find_variants` and `variant_groups`.

The distinct spellings written mid-sentence are joined (union-find) by transliteration
key, weighted edit distance (compared within first-letter buckets and a length window,
one C call per block of keys), vowel clusters, digraphs, consonant skeletons, known
given names, final vowels and first-name evidence; then each cluster is judged
(`judge`). The work is per distinct spelling, not per occurrence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Container, Iterator, Sequence

from transcheck.names.alike import (
    _NO_VOWELS_Y,
    SKELETON_MIN,
    _core_light,
    _cores_alike,
    _known_apart,
    _skeleton,
    _undouble,
    digraph_alike,
)
from transcheck.names.evidence import _given_name_pairs
from transcheck.names.extract import NameOccurrence, extract_names
from transcheck.names.judge import _article_support, _Env, _judge
from transcheck.names.keys import (
    _VOWELS,
    _allowed_cost,
    _ending_swap,
    _first_class,
    _max_edits,
    _vowel_cluster_edit,
    fuzzy_related,
    name_key,
)
from transcheck.names.languages import _GENDER_ENDING_LANGS, _INFLECTING_LANGS, _NOUN_CAPS_LANGS
from transcheck.names.lexicon import _given_rows
from transcheck.names.midsentence import _names_mid_sentence
from transcheck.names.spellings import Spelling, VariantGroup, _spellings

# Most spellings compared within one consonant skeleton: a skeleton shared by more is a
# common consonant frame of many names, not one name's spellings, and its pairs grow
# with the square of the group.
SKELETON_GROUP_MAX = 16


def _rows_clash(row_a: object, row_b: object) -> bool:
    """Two known given names on different rows: two names (Mohamed / Mahmoud)."""
    return row_a is not None and row_b is not None and row_a != row_b


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
