"""Spelling keys of names and the edit cost between two keys.

`light_key` drops case, diacritics, hyphens, spaces and apostrophes; `name_key` also
folds what transliterations spell differently (Ryabkov = Riabkov, Gaddafi = Qaddafi =
Kadhafi, Zelensky = Zelenskyy). `variant_cost` is a weighted edit distance between two
keys in which the swaps and drops of transliteration are cheap and the ending is
protected (Ivanov / Ivanova, Maria / Mario stay apart); `fuzzy_related` says whether two
keys are within the allowance of their length. Pure functions of strings, called per
distinct name (the keys are memoised).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from transcheck.names.languages import _GENDER_ENDING_LANGS, _INFLECTING_LANGS

# Arabic article particles written before names: al-Assad, el-Sisi, ash-Shaykh.
_PARTICLES = frozenset({"al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn"})
# The Arabic article assimilated to the first letter of the name: ash-Shami, az-Zawahiri.
_SUN_ARTICLES = frozenset({"ad", "ar", "as", "ash", "at", "az", "an"})
_VOWELS = frozenset("aeiou")


# When a key rule can apply: always, or only if the key contains, ends with or starts
# with a string (a plain test that saves most of ~30 regex scans per name).
_ANY, _IN, _END, _START = range(4)
_KEY_RULES: list[tuple[re.Pattern[str], str, int, object]] = [
    # The Arabic feminine/nisba ending spelled with h or y (Hamieh, Hamiah, Hamiyeh,
    # Hamiyyah, Hamiye, Mughniyah / Mughniyeh), and its vowels written in any order
    # before the h (Hameih, Hamiaeh, Hameiah, Hamieah: a vowel run with an i); plain
    # -ia / -ie (Maria / Marie) stays. (A plain -eah after a consonant is the ending too:
    # Leah has the key of Lia.)
    (
        re.compile(
            r"(?<=[^aeiouy])(?:[ie]{0,2}y+|i|e)[ae]h$|(?<=[^aeiouy])[ie]{0,2}y+[ae]$"
            r"|(?<=[^aeiouy])(?=[aei]*i)[ie][aei]{1,3}h$"
        ),
        "ia",
        _END,
        ("ah", "eh", "ya", "ye", "ih"),
    ),
    # The Slavic patronymic suffix: Milosevic / Milosevich, Abramovich / Abramowitz / -wicz.
    (re.compile(r"(?<=[aeo])[vw]i(?:tch|cz|tz|ts|c)$"), "vich", _END, ("h", "z", "s", "c")),
    # Belarusian final u for v: Barsukou / Barsukov, Karaeu / Karaev.
    (re.compile(r"(?<=...[^aeioul])ou$"), "ov", _END, ("ou",)),  # (not Persian -lou: Osanlou)
    (re.compile(r"(?<=...)eu$"), "ev", _END, ("eu",)),
    (re.compile(r"tsch|tch"), "ch", _IN, "ch"),  # Tschaikowsky / Tchaikovsky / Chaikovsky
    (re.compile(r"shch|sch"), "sh", _IN, "ch"),  # Ivashchenko / Ivaschenko
    (re.compile(r"dzh|dj|zh"), "j", _ANY, None),  # Dzhokhar / Djokhar, Zhukov / Joukov
    (re.compile(r"ck|c(?=[aou])"), "k", _IN, "c"),  # Louca / Louka, Cassim / Kassim
    (re.compile(r"t[sz]"), "c", _IN, "t"),  # Tselikovets / Tselikovec, Belaventsev / Belavencev
    (re.compile(r"ph"), "f", _IN, "ph"),
    (re.compile(r"x"), "ks", _IN, "x"),
    (re.compile(r"q"), "k", _IN, "q"),  # Al-Faqih / Al-Fakih
    # A final kh is no silent h: Sharikh / Sharekh.
    (re.compile(r"(?<=[aeiouy])kh$"), "k", _END, ("kh",)),
    (re.compile(r"kh"), "h", _IN, "kh"),  # Mikhail / Mihail, Kharichev / Harichev
    (re.compile(r"(?<=.)gh"), "g", _IN, "gh"),
    (re.compile(r"dh"), "d", _IN, "dh"),
    (re.compile(r"th"), "t", _IN, "th"),  # Ghathafi / Gadhafi, Thomas / Tomas
    (re.compile(r"ow(?=[^aeious])"), "o", _IN, "ow"),  # Dowlatabadi / Dolatabadi (final -ow is -ov)
    (re.compile(r"oo|ou"), "u", _IN, "o"),
    # Russian ye and Ukrainian ie after a vowel are e: Timofeyev / Timofeev, Klyuyev /
    # Kliuiev / Kluev (before the rule below, so that all three drop the e alike).
    (re.compile(r"(?<=[aeiou])y(?=e)|(?<=[aou])i(?=e[^aeiouh])"), "", _IN, "e"),
    # The Persian final i after a vowel, written -ee, -ie, -ei or -yi (Rezaee / Rezaie /
    # Rezaei / Rezai, Ozmaie / Ozma'i, Bakouie / Baku'i).
    (re.compile(r"(?<=[aeiou])(?:ee|ie|ei|yi)$"), "i", _END, ("ee", "ie", "ei", "yi")),
    (re.compile(r"(?<=[ou])e"), "", _IN, "e"),  # Schroeder / Schröder, Mueller / Müller
    (re.compile(r"(?<=.)w"), "v", _IN, "w"),  # Zimowski / Zimovsky
    (re.compile(r"^[yj](?=[aeiou])"), "J", _START, ("y", "j")),  # Yuri / Juri (kept apart from Ian)
    (re.compile(r"[yj]"), "i", _ANY, None),
    (re.compile(r"^(?:gh|g|k)"), "k", _START, ("g", "k")),  # Gaddafi / Qaddafi / Kadhafi
    (re.compile(r"(.)\1+"), r"\1", _ANY, None),  # doubled letters; -iy, -yy, -ii end as -i
    (re.compile(r"[ae]h$"), "ah", _END, ("ah", "eh")),  # Salamah / Salameh, Hamieh / Hamiah
    (re.compile(r"(?<=.{5})ie$"), "i", _END, ("ie",)),  # Alsubaie / Alsubayi
    (re.compile(r"(?<=.{4})enka$"), "enko", _END, ("enka",)),  # Belarusian Lukashenka / Lukashenko
    (re.compile(r"(?<=[aeiou])h$"), "", _END, ("h",)),  # Hamieh / Hamie
]


@lru_cache(maxsize=65536)
def light_key(form: str) -> str:
    """Case, diacritics, hyphens, spaces and apostrophes removed."""
    if not form.isascii():
        from anyascii import anyascii

        form = anyascii(form)
    return "".join(ch for ch in form.lower() if ch.isalpha())


@lru_cache(maxsize=65536)
def name_key(form: str) -> str:
    """Transliteration-aware key: spellings of one name usually share it.

    A leading particle (al-, el-, Al ) is kept as `al` so that Al-Assad,
    al-Assad and Al Assad share a key that plain Assad does not; so is the
    article written as it sounds before a "sun letter" (az-Zawahiri,
    ash-Shami, ar-Rahman). (Cached: a pure function of the string, called once
    per distinct name.)
    """
    parts = re.split(r"[\s‐-]+", form, maxsplit=1)
    prefix = ""
    if len(parts) == 2 and parts[0].lower() in _PARTICLES:
        particle = parts[0].lower()
        if particle in ("al", "el", "ul"):
            prefix = "al"
        elif particle in _SUN_ARTICLES and parts[1].lower().startswith(particle[1:]):
            prefix = "al"  # ash-Shami = al-Shami
        else:
            prefix = particle
        form = parts[1]
    key = light_key(form)
    for pattern, repl, kind, arg in _KEY_RULES:
        if kind == _IN:
            if arg not in key:
                continue
        elif kind == _END:
            if not key.endswith(arg):
                continue
        elif kind == _START and not key.startswith(arg):
            continue
        key = pattern.sub(repl, key)
    return prefix + key.lower()


# Letters a transliteration swaps for one another: vowels among themselves,
# c/k/g/q/h (Khalim / Kalim, Hubareva / Gubareva, Canaan / Kanaan), s/z/c,
# d/t and b/p (Kradumporn / Kratumporn), v/w/u (Ouarfali / Warfali), i/j.
_CHEAP_CLASSES = ("aeiou", "ckgqh", "szc", "dt", "bp", "vwu", "ij")
_CHEAP_PAIRS = frozenset((x, y) for cls in _CHEAP_CLASSES for x in cls for y in cls if x != y)
# Letters a transliteration adds or drops: vowels (Jabr / Jaber) and h (Amdouni / Hamdouni).
_CHEAP_INDELS = frozenset("aeiouh")
# Endings that are different names, not different spellings (Andersen / Anderson).
_NAME_SUFFIXES = ("son", "sen", "man", "men", "berg", "burg", "stein", "stien")
_INF = 99.0


def _first_class(key: str) -> tuple[str, ...]:
    """Buckets of a key for pairing: names that may differ in their first letter
    by a transliteration share one (Khalim / Kalim, Worawat / Vorawat)."""
    return _letter_classes(key[0])


@cache
def _letter_classes(first: str) -> tuple[str, ...]:
    found = tuple(cls for cls in _CHEAP_CLASSES if first in cls)
    if first == "h":
        found += ("aeiou",)  # silent h: Hamdouni / Amdouni
    return found or (first,)


def variant_cost(a: str, b: str, lang: str = "en", limit: float | None = None) -> tuple[float, int]:
    """Weighted edit distance between two name keys, and the number of "hard" edits.

    Swaps and drops that transliterations make (see `_CHEAP_PAIRS`,
    `_CHEAP_INDELS`) cost 0.5; any other edit costs 1 and counts as hard. The
    ending is protected: no edit in the last letter (the last three in
    inflecting languages: Putinem / Putinom), except -e / -i in the others
    (Rahmane / Rahmani); -ski / -ska, Maria / Mario stay apart. Returns
    (inf, 0) when the keys cannot be variants.
    """
    if a.startswith(b) or b.startswith(a):
        short, long = sorted((a, b), key=len)
        appended_vowel = (
            len(long) == len(short) + 1
            and len(short) >= 6
            and lang not in _INFLECTING_LANGS
            and long[-1] in _VOWELS
            and short[-1] in _VOWELS
        )
        # Tabatabae / Tabatabaei is a spelling; Ivanov / Ivanova a suffix.
        return (0.5, 0) if appended_vowel else (_INF, 0)
    for sa in _NAME_SUFFIXES:
        if a.endswith(sa):
            for sb in _NAME_SUFFIXES:
                if sb != sa and b.endswith(sb) and a[: -len(sa)] == b[: -len(sb)]:
                    return _INF, 0
    tail = 3 if lang in _INFLECTING_LANGS else 1
    n, m = len(a), len(b)
    if limit is not None and a[-tail:] != b[-tail:]:
        # No edit in the ending: its letters must align one to one (only the
        # final swap is allowed, see below), else the cost is infinite anyway.
        swap = tail == 1 and a[-2:-1] == b[-2:-1] and _final_swap(a[-1], b[-1], min(n, m))
        if not swap:
            return _INF, 0
    # dp[i][j] = cost of turning a[:i] into b[:j], packed as one int (cost in
    # half-units * _PACK + hard edits) so that min() is the (cost, hard) tuple order
    # and the inner loop does integer sums only (this runs for every candidate pair).
    # Names of 5 letters keep ch apart from h (Maher / Macher, Kuhar / Kuchar).
    cheap_ch = min(n, m) >= 6
    ind_a = _indels(a, tail, cheap_ch)
    ind_b = _indels(b, tail, cheap_ch)
    stop = None if limit is None else int(limit * 2) * _PACK + _PACK - 1
    prev = [0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + ind_b[j - 1]
    split = max(m - tail, 0)  # where the ending of b starts
    b_stem, b_tail = b[:split], b[split:]
    for i in range(1, n + 1):
        ca = a[i - 1]
        del_a = ind_a[i - 1]
        # Substitution costs of this row: free for a match; in the ending (of
        # either key) nothing else, except the final swap below; elsewhere
        # cheap within a transliteration class and hard otherwise.
        if i - 1 >= n - tail:
            subs = [0 if cb == ca else _P_INF for cb in b]
        else:
            table = _sub_costs(ca)
            subs = [table.get(cb, _P_HARD) for cb in b_stem]
            subs += [0 if cb == ca else _P_INF for cb in b_tail]
        # Only a last-letter swap after an aligned letter: Putinie / Putina
        # is an ending, Rahmane / Rahmani a spelling.
        if (
            i == n
            and tail == 1
            and ca != b[-1]
            and a[-2:-1] == b[-2:-1]
            and _final_swap(ca, b[-1], min(n, m))
        ):
            subs[-1] = _P_CHEAP
        left = prev[0] + del_a
        cur = [left]
        for diag, up, sub, ins in zip(prev[:-1], prev[1:], subs, ind_b, strict=True):
            best = diag + sub
            if up + del_a < best:
                best = up + del_a
            if left + ins < best:
                best = left + ins
            cur.append(best)
            left = best
        if stop is not None and min(cur) > stop:
            return _INF, 0  # every path already costs more than `limit`
        prev = cur
    packed = prev[m]
    return (packed // _PACK) / 2, packed % _PACK


def _final_swap(x: str, y: str, length: int) -> bool:
    """Last letters that transliterations swap: -e / -i (Rahmane / Rahmani),
    -s / -z (Cazares / Cazarez) and, in longer names, -a / -e (Naserzadeh /
    Nasirzade). Not -a / -o or -a / -i: those are gender (Mario / Maria,
    Kowalski / Kowalska)."""
    pair = {x, y}
    return pair in ({"e", "i"}, {"s", "z"}) or (pair == {"a", "e"} and length >= 6)


# Final vowels that transliterations of one name swap (Zamba / Zambo, Rashnu /
# Rashno, Hamiya / Hamiye), unlike a / i and o / i (Kowalska / Kowalski, Bruno / Bruni).
_ENDING_SWAPS = frozenset({frozenset("ao"), frozenset("ou"), frozenset("au"), frozenset("ae")})


def _ending_swap(a: str, b: str, lang: str) -> bool:
    """Two keys of 5+ letters that differ only in a final swappable vowel, outside
    languages where the ending is grammar, and not a Slavic -sko / -ska adjective.
    Only for names no given-name list knows (Maria / Mario, Lina / Lena are two)."""
    return (
        len(a) == len(b) >= 5
        and a[:-1] == b[:-1]
        and frozenset((a[-1], b[-1])) in _ENDING_SWAPS
        and lang not in _GENDER_ENDING_LANGS
        and a[-3:-1] != "sk"
    )


# Packed DP costs: half-units of cost above the bits that count hard edits.
_PACK = 1 << 16
_P_CHEAP = _PACK  # 0.5
_P_HARD = 2 * _PACK + 1  # 1.0 and one hard edit
_P_INF = int(_INF * 2) * _PACK


@cache
def _sub_costs(ch: str) -> dict[str, int]:
    """Packed substitution costs from `ch` outside the ending: 0 for itself, cheap
    within a transliteration class (letters absent from the dict: hard)."""
    costs = {y: _P_CHEAP for x, y in _CHEAP_PAIRS if x == ch}
    costs[ch] = 0
    return costs


def _packed_indel(ch: str, pos: int, length: int, tail: int) -> int:
    if pos >= length - tail:
        return _P_INF
    return _P_CHEAP if ch in _CHEAP_INDELS else _P_HARD


def _indels(key: str, tail: int, cheap_ch: bool) -> list[int]:
    """Packed insert/delete costs of each letter of a key. The c of ch is cheap too:
    German and Polish write ch for the kh of English (Tochtachunov / Tokhtakhunov,
    Michail / Mikhail, Achmed / Ahmed; kh is h in the key)."""
    n = len(key)
    costs = [_packed_indel(ch, i, n, tail) for i, ch in enumerate(key)]
    if cheap_ch and "ch" in key:
        for i in range(n - tail - 1):
            if key[i] == "c" and key[i + 1] == "h":
                costs[i] = _P_CHEAP
    return costs


def _allowed_cost(a: str, b: str) -> float:
    """How far two keys of this length may be: one cheap edit at 5 letters,
    two at 6-9, three from 10 (long names have more letters to spell differently)."""
    shortest = min(len(a), len(b))
    if shortest < 5:
        return 0.0
    if shortest < 6:
        return 0.5
    return 1.0 if shortest < 10 else 1.5


def _vowel_cluster_edit(a: str, b: str) -> bool:
    """One vowel added next to another vowel (Kluev / Klyuev, Akil / Akiel, Chol /
    Chuol), not a new syllable (Carl / Carol) nor at the end (Mari / Marie), nor an
    i or u after a or o, which makes a new vowel sound (Kane / Kaine, Sato / Saito,
    Lane / Laine are different names)."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) != len(a) + 1:
        return False
    for i in range(1, len(b) - 1):
        near_vowel = b[i - 1] in _VOWELS or b[i + 1] in _VOWELS
        if b[i] in _VOWELS and near_vowel and b[:i] + b[i + 1 :] == a:
            return not (b[i] in "iu" and b[i - 1] in "ao")
    return False


def _max_edits(allowed: float) -> int:
    """Most edits a pair within `allowed` can have: each costs 0.5, and a hard one
    0.5 more, which `fuzzy_related` adds to the allowance; so 2 x allowed."""
    return int(2 * allowed)


# No name is this long; a 40,000-letter "word" (pasted data, a URL run together) made the
# quadratic variant_cost below take minutes.
_MAX_FUZZY_KEY = 64


def fuzzy_related(a: str, b: str, lang: str = "en", hard: int = 0) -> bool:
    """Two different keys a transliteration apart (Yarmoshina / Yermoshina,
    Mushantaf / Muchantaf, Khalim / Kalim): a weighted edit distance within the
    length's allowance, with at most `hard` edits outside the transliteration
    classes (a context that says "same person" allows one: Johnson / Johnston
    stays apart otherwise). Edits at the end are endings (Maria / Mario, Putina /
    Putinie); a prefix is a suffix (Ivanov / Ivanova).
    """
    if a == b or abs(len(a) - len(b)) > 3 or max(len(a), len(b)) > _MAX_FUZZY_KEY:
        return False
    allowed = _allowed_cost(a, b)
    if lang not in _GENDER_ENDING_LANGS and _silent_e(a, b):
        # One cheap edit for the e, the rest of the allowance for the stems.
        a, b = (a[:-1], b) if len(a) > len(b) else (a, b[:-1])
        if a == b:
            return True
        allowed -= 0.5
    if allowed == 0.0:
        return min(len(a), len(b)) == 4 and _vowel_cluster_edit(a, b)
    from rapidfuzz.distance import Levenshtein

    edits = _max_edits(allowed)
    if Levenshtein.distance(a, b, score_cutoff=edits) > edits:
        return False
    cost, hard_edits = variant_cost(a, b, lang, limit=allowed + 0.5 * hard)
    return hard_edits <= hard and cost <= allowed + 0.5 * hard_edits


def _silent_e(a: str, b: str) -> bool:
    """One key is the other (or nearly) with a silent final e after the same
    consonant, as French-based transliterations write Arabic and African names
    (Amine / Amin, Soulimane / Souleman, Docrate / Dockrat, Weldekidane /
    Woldekidan). Keys of 6+ letters only: Clark / Clarke, Brown / Browne are
    different surnames; and never a known given name (Christiane / Christian is a
    feminine form: `_keep` checks)."""
    if len(a) == len(b):
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return (
        len(short) >= 6
        and long[-1] == "e"
        and long[-2] == short[-1]
        and long[-2] not in _VOWELS
        and long[-2] not in "hy"
    )
