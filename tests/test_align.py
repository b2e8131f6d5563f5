"""Sentence alignment with merges, splits, drops and additions (texts written for these tests)."""

from __future__ import annotations

from transcheck.align import AlignedPair, align

SRC = [
    "El alcalde Tomás Herrero inauguró ayer el nuevo puente sobre el río.",
    "La obra costó 12 millones de euros y duró tres años.",
    "Los vecinos de Villaseca celebraron la apertura con una fiesta.",
    "Según la empresa constructora, el puente soporta 40 toneladas.",
    "Varias asociaciones criticaron el retraso de 2019.",
    "El tráfico pesado quedará prohibido los domingos.",
    "La oposición pidió una auditoría independiente del proyecto.",
    "El próximo pleno municipal se celebrará el 14 de marzo.",
]
TGT = [
    "Mayor Tomás Herrero opened the new bridge over the river yesterday.",
    "The work cost 12 million euros and took three years.",
    "Residents of Villaseca celebrated the opening with a party.",
    "According to the construction company, the bridge can carry 40 tonnes.",
    "Several associations criticised the 2019 delay.",
    "Heavy traffic will be banned on Sundays.",
    "The opposition asked for an independent audit of the project.",
    "The next council meeting will be held on 14 March.",
]


def pairs(result: list[AlignedPair]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(p.src, p.tgt) for p in result]


def one_to_one(n: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [((i,), (i,)) for i in range(n)]


def test_identity_with_and_without_mt() -> None:
    assert pairs(align(SRC, TGT)) == one_to_one(8)
    assert pairs(align(SRC, TGT, TGT)) == one_to_one(8)


def test_dropped_sentence_is_a_1_0_bead() -> None:
    tgt = TGT[:3] + TGT[4:]
    expected = [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), (2,)),
        ((3,), ()),
        ((4,), (3,)),
        ((5,), (4,)),
        ((6,), (5,)),
        ((7,), (6,)),
    ]
    assert pairs(align(SRC, tgt, TGT)) == expected
    assert pairs(align(SRC, tgt)) == expected


def test_added_sentence_is_a_0_1_bead() -> None:
    extra = "Note from the translator: please check the figures with the newsroom first."
    tgt = [*TGT[:5], extra, *TGT[5:]]
    got = pairs(align(SRC, tgt, TGT))
    assert ((), (5,)) in got
    assert ((5,), (6,)) in got and ((7,), (8,)) in got


def test_merge_and_split() -> None:
    tgt = [
        TGT[0],
        TGT[1] + " " + TGT[2],
        *TGT[3:6],
        "The opposition asked for an audit,",
        "an independent one, of the project.",
        TGT[7],
    ]
    got = pairs(align(SRC, tgt, TGT))
    assert ((1, 2), (1,)) in got
    assert ((6,), (5, 6)) in got
    assert got[0] == ((0,), (0,)) and got[-1] == ((7,), (7,))


def test_merge_without_mt_uses_lengths_and_anchors() -> None:
    tgt = [TGT[0], TGT[1] + " " + TGT[2], *TGT[3:]]
    got = pairs(align(SRC, tgt))
    assert ((1, 2), (1,)) in got
    assert got[-1] == ((7,), (6,))


def test_scores_are_similarities() -> None:
    result = align(SRC, TGT, TGT)
    assert all(p.score == 1.0 for p in result)
    dropped = align(SRC, TGT[:3] + TGT[4:], TGT)
    assert next(p.score for p in dropped if not p.tgt) == 0.0


def test_empty_sides() -> None:
    assert pairs(align([], ["a."])) == [((), (0,))]
    assert pairs(align(["a."], [])) == [((0,), ())]


def test_long_document_is_diagonal() -> None:
    # Speed is measured by bench/accuracy_source.py (timed tests are noisy).
    src = [f"{s} ({k})" for k in range(40) for s in SRC]
    tgt = [f"{t} ({k})" for k in range(40) for t in TGT]
    assert pairs(align(src, tgt, tgt)) == one_to_one(len(src))
    assert pairs(align(src, tgt)) == one_to_one(len(src))


def test_drop_next_to_a_pair_is_not_a_merge_without_mt() -> None:
    # Source 4 is dropped; source 3 and its draft must stay 1-1 (the dropped
    # sentence shares no cognate or number with draft 3, so it is not merged in).
    tgt = TGT[:4] + TGT[5:]
    got = pairs(align(SRC, tgt))
    assert ((4,), ()) in got
    assert ((3,), (3,)) in got and ((5,), (4,)) in got


def test_split_without_mt_when_both_halves_share_words() -> None:
    tgt = [
        *TGT[:6],
        "The opposition asked for an independent audit,",
        "of the whole project.",
        TGT[7],
    ]
    got = pairs(align(SRC, tgt))
    assert ((6,), (6, 7)) in got
    assert got[-1] == ((7,), (8,))


def test_merge_with_unrelated_half_is_not_preferred() -> None:
    # A draft sentence that is source 2 plus an unrelated addition: the addition
    # cannot pull source 3 into a 2-1 bead.
    extra = "Meanwhile, hail damaged orchards near Lleida overnight."
    tgt = [*TGT[:3], extra, *TGT[3:]]
    got = pairs(align(SRC, tgt))
    assert ((), (3,)) in got
    assert ((3,), (4,)) in got


def test_sentence_left_untranslated_anchors_a_1_1_bead() -> None:
    # The draft copies a short source sentence after a long, freely translated one:
    # the copy is unlike its MT, and MT similarity alone makes a 2-2 bead of the two
    # (the long pair's 3-grams carry it). The identical pair costs nothing.
    src, tgt = list(SRC), list(TGT)
    src[3] = (
        "Según la empresa constructora, que ganó el concurso público en 2020 frente a "
        "otras cuatro ofertas, el puente soporta 40 toneladas y resistirá crecidas como "
        "la de 1997."
    )
    tgt[3] = (
        "The bridge can carry 40 tonnes and withstand floods like that of 1997, according "
        "to the builder, which won the 2020 tender against four other bids."
    )
    mt = [
        *TGT[:3],
        "According to the construction company, that won the public contest in 2020 in "
        "front of other four offers, the bridge supports 40 tons and will resist floods "
        "like the one of 1997.",
        "There will not be tolls.",
        *TGT[5:],
    ]
    src[4] = tgt[4] = "No habrá peajes."
    assert pairs(align(src, tgt, mt)) == one_to_one(8)
    assert pairs(align(src, tgt)) == one_to_one(8)


def test_identical_pairs_need_words_and_a_single_occurrence() -> None:
    from transcheck.align import _identical_pairs

    src = ["Sí.", "La obra costó doce millones.", "Dijo que no.", "Dijo que no."]
    tgt = ["Sí.", "la obra costó doce millones", "Dijo que no.", "He said no."]
    # "Sí." is too short; "Dijo que no." is twice in the source: no anchor.
    assert _identical_pairs(src, tgt) == {(1, 1)}


def test_shortened_sentence_is_a_poor_1_1_not_a_drop_and_an_addition() -> None:
    # The draft keeps only the start of a long sentence: a weak 1-1 pair (one
    # omission to report), not a dropped source sentence next to an added one.
    src, mt, tgt = list(SRC), list(TGT), list(TGT)
    src[4] = (
        "Sin embargo, varias asociaciones criticaron el retraso de las obras, que "
        "obligó durante meses a miles de conductores a dar un rodeo de veinte kilómetros "
        "por la carretera de la sierra."
    )
    mt[4] = (
        "However, several associations criticised the delay of the works, that forced "
        "during months thousands of drivers to give a detour of twenty kilometres by "
        "the road of the mountain."
    )
    tgt[4] = "However, several associations criticised the delay."
    assert pairs(align(src, tgt, mt)) == one_to_one(8)


def test_only_a_contained_side_caps_the_cost_of_a_1_1_pair() -> None:
    from transcheck.align import _MT_CONTAINED, _MtCost

    mt = (
        "However, several associations criticised the delay of the works, that forced "
        "during months thousands of drivers to give a detour of twenty kilometres."
    )
    shortened = "However, several associations criticised the delay."
    unrelated = "Heavy rain is expected in the north of the country."
    assert _MtCost([mt], [shortened])(0, 1, 0, 1)[0] == _MT_CONTAINED
    assert _MtCost([mt], [unrelated])(0, 1, 0, 1)[0] > _MT_CONTAINED
