"""The spellings of names in one text, and the groups of them that are reported.

`Spelling` is one written form with its keys and occurrences; `_spellings` collects
them from a text's occurrences (names written mid-sentence, and the sentence-start
words that spell one of them). `VariantGroup` is one name written several ways: the
form to use and the spellings to change.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from transcheck.names.extract import NameOccurrence
from transcheck.names.keys import light_key, name_key
from transcheck.names.lexicon import _STOPWORDS


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
    # Other forms of the preferred name, with or without an article (Al Qathafi for
    # Qathafi), and their counts: they count for it too (see `_support`).
    other_forms: list[tuple[str, int]] = field(default_factory=list)

    @property
    def occurrences(self) -> list[NameOccurrence]:
        occ = [o for s in self.spellings for o in s.occurrences]
        return sorted(occ, key=lambda o: o.start)

    @property
    def minority_occurrences(self) -> list[NameOccurrence]:
        occ = [o for s in self.variants for o in s.occurrences]
        return sorted(occ, key=lambda o: o.start)


def _spellings(occurrences: list[NameOccurrence], words: Container[str]) -> dict[str, Spelling]:
    strong_forms = {o.surface for o in occurrences if o.strong}
    if not strong_forms:
        return {}  # no name written mid-sentence: no spelling has one to be compared with
    strong_keys = {name_key(f) for f in strong_forms}
    result: dict[str, Spelling] = {}
    for occ in occurrences:
        form = occ.surface
        if not occ.strong and form not in strong_forms:
            lowered = form[0].lower() + form[1:]
            if lowered in strong_forms:
                form = lowered  # "Al-Assad" opening a sentence is "al-Assad"
            elif name_key(form) not in strong_keys:
                continue  # matches no name seen mid-sentence: nothing to compare with
            elif form.lower() in _STOPWORDS or form.lower() in words:
                continue  # an ordinary word that happens to start a sentence
        sp = result.get(form)
        if sp is None:
            sp = result[form] = Spelling(form, name_key(form), light_key(form))
        sp.occurrences.append(occ)
        sp.strong += occ.strong
    return result
