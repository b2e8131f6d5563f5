"""Name extraction, transliteration keys and variant clustering (transcheck.names)."""

from __future__ import annotations

import pytest

from transcheck.names import extract_names, variant_groups
from transcheck.names.alike import digraph_alike
from transcheck.names.keys import fuzzy_related, light_key, name_key


@pytest.mark.parametrize(
    "spellings",
    [
        ("Riabkov", "Ryabkov"),
        ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii"),
        ("Shoigu", "Shoygu"),
        ("Dmitry", "Dmitri", "Dmitriy", "Dmitrij", "Dmitrii"),
        ("Gaddafi", "Qaddafi", "Kadhafi", "Gadhafi", "Qadhafi"),
        ("Tchaikovsky", "Chaikovsky"),
        ("Erdoğan", "Erdogan"),
        ("Sánchez", "Sanchez"),
        ("Al-Assad", "al-Assad", "Al Assad", "el-Assad"),
        ("Mikhail", "Mihail"),
        ("Aleksandr", "Alexandr"),
        ("Schröder", "Schroeder"),
        ("Zimowski", "Zimovsky"),
        ("Timofeyev", "Timofeev"),
        ("Yuri", "Juri"),
        ("Marzook", "Marzuk", "Marzouk"),
        ("Ja'fari", "Jafari"),
        ("Tschaikowsky", "Tchaikovsky"),
        ("Zhukov", "Joukov"),
        ("Salamah", "Salameh"),
        # The nisba ending with its vowels in any order before the h.
        ("Hamieh", "Hameih", "Hamiaeh", "Hameiah", "Hamieah", "Hameieh", "Hamiyyah"),
    ],
)
def test_same_key(spellings):
    keys = {name_key(s) for s in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Johnson", "Johnston"),
        ("Ivanov", "Ivanova"),
        ("Maria", "Mario"),
        ("Li", "Lin"),
        ("Dan", "Don"),
        ("Assad", "al-Assad"),
        ("Ian", "Jan"),
        ("Putin", "Putina"),
        ("Maria", "Marie"),  # plain -ia / -ie: two names
        ("Julia", "Julie"),
        ("Osanlou", "Osanlov"),  # Persian -lou is no Belarusian -ou
        ("Lewis", "Levich"),
        ("Sharikh", "Shari"),
        ("Hameieh", "Hamee"),  # the ie rule needs a, o or u before it
        ("Kliuiev", "Klev"),
        ("Louie", "Louis"),  # the Persian -ie rule leaves the s alone
        ("Mackie", "Macki"),  # and needs a vowel before it
        ("as-Sadr", "Sadr"),  # with and without the article: two forms
        ("Subaih", "Subiah"),  # the diphthong ay before the h is no nisba ending
        ("Leah", "Lea"),  # no i in the run: a Leah is not a Lea
    ],
)
def test_different_key(a, b):
    assert name_key(a) != name_key(b)


def test_light_key_only_drops_case_marks_and_punctuation():
    assert light_key("Al-Assad") == light_key("al Assad") == "alassad"
    assert light_key("Erdoğan") == "erdogan"
    assert light_key("Riabkov") != light_key("Ryabkov")


@pytest.mark.parametrize(
    ("a", "b", "related"),
    [
        ("Yarmoshina", "Yermoshina", True),
        ("Khatarji", "Khatirji", True),
        ("Mushantaf", "Muchantaf", True),  # French ch = English sh
        ("Johnson", "Johnston", False),  # a consonant is a real letter
        ("Ivanov", "Ivanova", False),  # a suffix
        ("Putinie", "Putina", False),  # an ending
        ("Maria", "Mario", False),  # short, and an ending
        ("Gilbert", "Gilboa", False),
    ],
)
def test_fuzzy_related(a, b, related):
    assert fuzzy_related(name_key(a), name_key(b)) is related


def _sentences(text: str) -> list[tuple[int, int]]:
    # A plain splitter keeps these unit tests independent of transcheck.segment.
    import re

    return [m.span() for m in re.finditer(r"[^.!?\n]+[.!?]*", text) if m.group().strip()]


def _spans(text):
    spans = []
    for start, end in _sentences(text):
        while text[start].isspace():
            start += 1
        spans.append((start, end))
    return spans


def test_extract_strong_and_weak():
    text = "Officials said Riabkov spoke. Riabkov left. Will it rain? Nobody will say."
    occ, words = extract_names(text, _spans(text), "en")
    found = [(o.surface, o.strong, o.initial) for o in occ]
    assert found == [
        ("Officials", False, True),
        ("Riabkov", True, False),
        ("Riabkov", False, True),
        ("Will", False, True),
        ("Nobody", False, True),
    ]
    assert "will" in words and "Will" in words and "wil" not in words


def test_extract_particles_possessives_and_elision():
    text = "Troops of al-Assad and Al Assad met. Assad's men won. Il parle d'Estaing."
    occ, _ = extract_names(text, _spans(text), "en")
    assert [text[o.start : o.end] for o in occ] == [
        "Troops",
        "al-Assad",
        "Al Assad",
        "Assad",
        "Il",
        "Estaing",
    ]


def test_acronyms_are_not_names():
    text = "The NATO summit met the UN and Nato."
    occ, _ = extract_names(text, _spans(text), "en")
    assert [o.surface for o in occ] == ["The", "Nato"]


def test_headline_words_are_weak():
    text = "Riabkov Says Talks Will Go On\nOfficials said Riabkov was right."
    occ, _ = extract_names(text, [(0, 29), (30, len(text))], "en")
    assert [(o.surface, o.strong) for o in occ if o.surface == "Riabkov"] == [
        ("Riabkov", False),
        ("Riabkov", True),
    ]


def test_sentence_start_variant_joins_a_mid_sentence_name():
    text = "Officials said Riabkov spoke. Later Riabkov left. Ryabkov denied it."
    (group,) = variant_groups(text, _spans(text), "en")
    assert group.preferred == "Riabkov"
    assert [v.form for v in group.variants] == ["Ryabkov"]


def test_sentence_start_only_names_are_ignored():
    text = "Riabkov spoke. Ryabkov left. Riabkov denied it."
    assert variant_groups(text, _spans(text), "en") == []


def test_long_input_still_finds_the_variant():
    # Correctness on a long text only; speed is measured in bench/accuracy_names.py.
    sentence = "On Monday the minister Riabkov met officials from Kyiv and Ankara in Geneva. "
    text = sentence * 4000 + "Later Ryabkov left. "
    (group,) = variant_groups(text, _spans(text), "en")
    assert [v.form for v in group.variants] == ["Ryabkov"]


@pytest.mark.parametrize(
    ("a", "b", "lang", "related"),
    [
        ("Khalim", "Kalim", "en", True),  # kh / k: one cheap edit
        ("Hubareva", "Gubareva", "en", True),  # Ukrainian h = Russian g
        ("Worawatvichai", "Vorawatvichai", "en", True),
        ("Rahmane", "Rahmani", "en", True),  # final -e / -i
        ("Naserzadeh", "Nasirzade", "en", True),
        ("Tabatabaei", "Tabatabae", "en", True),  # a vowel after a vowel at the end
        ("Mostafa", "Moustfa", "en", True),
        ("Kowalski", "Kowalska", "en", False),  # gender ending
        ("Antonio", "Antonia", "en", False),
        ("Anderson", "Andersen", "en", False),  # -son / -sen: two names
        ("Putinie", "Putina", "en", False),  # ending after a changed letter
        ("Rahmane", "Rahmani", "pl", False),  # inflecting language: endings are endings
        ("Carl", "Carol", "en", False),  # a new syllable in a short name
        ("Akil", "Akiel", "en", True),  # a vowel next to a vowel in a short name
        ("Khawajah", "Khafaja", "en", False),  # f / v is a real consonant
        # German ch for English kh (kh is h in the key): the c is one cheap edit.
        ("Tochtachunov", "Tokhtakhunov", "en", True),
        ("Tochtachunov", "Tohtahunov", "en", True),
        ("Rachmanov", "Rakhmanov", "en", True),
        ("Maher", "Macher", "en", False),  # 5 letters: two surnames
        ("Kuhar", "Kuchar", "en", False),
        ("Bucher", "Becker", "en", False),  # ch is no k
        # A silent final e after the same consonant (French-based transliteration).
        ("Dockrat", "Docrate", "en", True),
        ("Souleman", "Soulimane", "en", True),  # plus a cheap vowel
        ("Woldekidan", "Weldekidane", "en", True),
        ("Clark", "Clarke", "en", False),  # 5 letters: two surnames
        ("Brown", "Browne", "en", False),
        ("Dockrat", "Docrate", "fr", False),  # a gender ending in French
        ("Dockrat", "Docrata", "en", False),  # only e is silent
        ("Souleman", "Soulimano", "en", False),
    ],
)
def test_transliteration_distance(a, b, lang, related):
    assert fuzzy_related(name_key(a), name_key(b), lang) is related


@pytest.mark.parametrize(
    "spellings",
    [
        ("Hamieh", "Hamiah", "Hamiyyah"),
        ("Hamieh", "Hamiyeh", "Hamiye", "Hamieyyeh"),  # the ending spelled with h or y
        ("Mughniyah", "Mughniyeh", "Moughnieh"),
        ("Milosevic", "Milosevich", "Milošević"),  # the Slavic patronymic suffix
        ("Abramovich", "Abramowitz", "Abramowicz"),
        ("Barsukou", "Barsukov"),  # Belarusian u for v
        ("Karaeu", "Karaev", "Karayev"),
        ("Sheikh", "Sheik"),  # a final kh keeps its consonant
        ("Al-Sharikh", "Al Sharikh"),
        ("az-Zawahiri", "al-Zawahiri", "Al Zawahiri"),  # the article as it sounds
        ("ash-Shami", "al-Shami"),
        ("ar-Rahman", "Al-Rahman"),
        ("Alsubaie", "Alsubayi"),
        ("Lukashenka", "Lukashenko"),
        ("Tselikovets", "Tselikovec"),
        ("Ryauzow", "Ryauzov"),
        # Ukrainian iu + ie, Russian yu + ye / u + e: one key.
        ("Kliuiev", "Klyuyev", "Klyuev"),
        ("Zaiets", "Zayets"),
        ("Rezaee", "Rezaei", "Rezayee", "Rezaie", "Rezai"),  # the Persian final i
        ("Ozmaie", "Ozma'i"),
        ("Bakouie", "Baku'i"),
        ("Tabatabaee", "Tabatabaei"),
    ],
)
def test_same_key_endings(spellings):
    assert len({name_key(s) for s in spellings}) == 1


def test_fuzzy_related_refuses_keys_no_name_has():
    # Found by bench/fuzz.py: two 40,000-letter "names" one letter apart ran the quadratic
    # weighted edit distance for minutes.
    from transcheck.names.keys import fuzzy_related

    a = "mariahttp" * 4000
    assert not fuzzy_related(a, a + "x")
    assert fuzzy_related("yarmoshina", "yermoshina")


def test_given_name_list_is_well_formed():
    # Every spelling on one row only (else a name would be two names), genders m/f/u,
    # and a header saying where the facts come from.
    from transcheck.data import locale_data

    lines = (locale_data() / "names_given.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and "MIT" in "".join(lines[:3])
    seen: dict[str, int] = {}
    for number, line in enumerate(lines):
        if line.startswith("#"):
            continue
        gender, spellings = line.split("\t")
        assert gender in ("m", "f", "u"), line
        for spelling in spellings.split("|"):
            assert seen.setdefault(light_key(spelling), number) == number, spelling


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Umar", "Omar", True),
        ("Jaber", "Jabr", True),
        ("Muhammad", "Mohammed", True),
        ("Maria", "Mario", False),
        ("Louis", "Luis", False),
        ("Lina", "Lena", False),
        ("Sadiq", "Sadegh", True),  # Arabic and Persian spellings of one name
        ("Samir", "Samer", False),  # two Arabic names
    ],
)
def test_given_name_rows(a, b, same):
    from transcheck.names import given_name_row

    ra, rb = given_name_row(a), given_name_row(b)
    assert ra is not None and rb is not None
    assert (ra == rb) is same


def test_unknown_name_is_not_a_given_name():
    from transcheck.names import given_name_row

    assert given_name_row("Zamba") is None


@pytest.mark.parametrize(
    ("a", "b", "lang", "related"),
    [
        ("Zamba", "Zambo", "en", True),  # a / o
        ("Rashnu", "Rashno", "en", True),  # u / o
        ("Hamie", "Hamia", "en", True),  # e / a
        ("Zamba", "Zambo", "es", False),  # gender in Spanish
        ("Zamba", "Zambo", "pl", False),  # case ending in Polish
        ("Marini", "Marino", "en", False),  # i / o: two surnames
        ("Kowalska", "Kowalski", "en", False),
        ("Kowalska", "Kowalsko", "en", False),  # -ska: a Slavic adjective
        ("Rada", "Rado", "en", False),  # too short
        ("Zamba", "Zumbo", "en", False),  # the stem differs too
    ],
)
def test_ending_swap(a, b, lang, related):
    from transcheck.names.keys import _ending_swap

    assert _ending_swap(name_key(a), name_key(b), lang) is related


def test_extract_words_inside_words_and_after_joiners():
    # One scan matches the word from its capital on; word parts after a joiner and
    # particles before one are found as before.
    text = "Aides met McDonald, an iPhone maker, al-Assad, the 3M-Siemens team and Abd-Al-Karim."
    occurrences, _ = extract_names(text, [(0, len(text))], "en")
    assert [o.surface for o in occurrences] == [
        "Aides",
        "McDonald",
        "al-Assad",
        "M-Siemens",
        "Abd-Al-Karim",
    ]


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("Foz", "Fouz", True),  # the French ou for o
        ("Joumaa", "Jomaa", True),
        ("Mossa", "Moussa", True),
        ("Yak", "Yaak", True),  # a long a
        ("Saab", "Sa'b", True),
        ("Lina", "Lena", False),  # one vowel for another
        ("Berg", "Borg", False),
        ("Maria", "Mario", False),
        ("Reed", "Reid", False),  # ee / ei
        ("Lee", "Li", False),  # two letters
        ("Louis", "Luis", False),
        ("Hood", "Hud", False),  # u / oo: English sounds, left out
        ("Good", "God", False),  # oo / o likewise
        ("Dunn", "Dun", False),  # a doubled consonant in three letters
        ("Kahn", "Khan", False),  # consonants in other runs
        ("Ghul", "Gul", False),
        ("Joumaa", "Joumha", False),
    ],
)
def test_digraph_alike(a, b, alike):
    assert digraph_alike(light_key(a), light_key(b)) is alike
    assert digraph_alike(light_key(b), light_key(a)) is alike


def test_leading_ayn_is_part_of_a_name_unless_a_quote():
    text = "Talks resumed, Jami' 'Ali Muhammad said. He said 'Umar left' early. Later ‘Isa came."
    sentences = [(0, 40), (41, 67), (68, len(text))]
    surfaces = [o.surface for o in extract_names(text, sentences)[0]]
    assert surfaces == ["Talks", "Jami", "'Ali", "Muhammad", "He", "Umar", "Later", "‘Isa"]


def test_latin_names_data_has_each_name_once():
    """names_latin.tsv: no spelling on two rows (the first row would shadow the other),
    no particle (names are compared without it: de Jong is Jong), and no row whose
    spellings are all in exonyms.tsv but surnames that are also an exonym, kept on
    their own row so that Román / Romano stay two names."""
    from transcheck.data import locale_data

    exonyms: set[str] = set()
    for line in (locale_data() / "exonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            exonyms.update(light_key(f) for col in line.split("\t") for f in col.split("|"))
    rows: dict[str, int] = {}
    in_exonyms = []
    text = (locale_data() / "names_latin.tsv").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        keys = {light_key(f) for f in line.split("|")}
        assert " " not in line, f"line {number}: {line!r} has a particle"
        for key in keys:
            assert rows.setdefault(key, number) == number, f"line {number}: {key} twice"
        if keys <= exonyms:
            in_exonyms.append(line)
    assert sorted(in_exonyms) == [
        "Esteban",
        "Holland",
        "James",
        "Jordan",
        "Romano",
        "Román",
        "Santiago",
    ]


def test_extract_headline_asked_only_mid_sentence():
    # A title-case line without final punctuation: its inner capitals are weak; a
    # sentence of prose keeps them strong (headlines are judged lazily, per sentence).
    text = "Riabkov Meets Foreign Ministers Today\n\nOfficials said Riabkov spoke."
    spans = [(0, 37), (39, len(text))]
    occ, _ = extract_names(text, spans, "en")
    assert [(o.surface, o.strong) for o in occ] == [
        ("Riabkov", False),
        ("Meets", False),
        ("Foreign", False),
        ("Ministers", False),
        ("Today", False),
        ("Officials", False),
        ("Riabkov", True),
    ]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("al Assad spoke.", ["al Assad"]),  # the particle opens the text
        ("l Assad spoke.", ["Assad"]),  # too short for a particle
        ("Hal Assad spoke.", ["Hal", "Assad"]),  # "al" inside a word
        ("Then al\u00a0Assad spoke.", ["Then", "al\u00a0Assad"]),
        ("Then al  Assad spoke.", ["Then", "Assad"]),  # two spaces: no particle
        ("Then Al Assad and El Baradei left.", ["Then", "Al Assad", "El Baradei"]),
    ],
)
def test_extract_particle_before_a_name(text: str, surfaces: list[str]) -> None:
    occ, _ = extract_names(text, _spans(text), "en")
    assert [o.surface for o in occ] == surfaces


def test_extract_adjacent_names_are_linked():
    text = "Then Jamil\u00a0Dost and Jamil  Dast left."
    occ, _ = extract_names(text, _spans(text), "en")
    links = [(o.surface, o.prev is not None, o.next is not None) for o in occ]
    assert links == [
        ("Then", False, True),
        ("Jamil", True, True),
        ("Dost", True, False),
        ("Jamil", False, False),
        ("Dast", False, False),
    ]
