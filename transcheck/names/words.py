"""What a word is for the name checks (`_WORD`), and `WordLookup`: is this word written in
the text?

Clustering asks the lookup to tell an ordinary word that opens a sentence ("Will")
from a name: it is one if its lower-case form is written elsewhere. Few words are
asked, so the text is searched until enough questions make indexing it cheaper.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# A word: letters, joined by inner apostrophes or hyphens (O'Brien, al-Assad).
_WORD = re.compile(r"[^\W\d_]+(?:['’‐-][^\W\d_]+)*")


class WordLookup:
    """Is this exact word in the text? Answered by searching, since few are asked;
    after many questions the text is indexed once (stays linear for long texts).

    `WordLookup.of_texts(get_texts)` answers for several texts joined with a separator
    without letters, from the texts themselves, read only if asked: the same answers,
    question by question, as a lookup of the joined text (the cross-file pass)."""

    _SEARCHES = 32

    def __init__(self, text: str) -> None:
        self.texts: Sequence[str] | None = (text,)
        self.get_texts: Callable[[], Sequence[str]] | None = None
        self.asked = 0
        self.index: set[str] | None = None

    @classmethod
    def of_texts(cls, get_texts: Callable[[], Sequence[str]]) -> WordLookup:
        lookup = cls("")
        lookup.texts, lookup.get_texts = None, get_texts
        return lookup

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        self.asked += 1
        if self.texts is None:
            assert self.get_texts is not None
            self.texts = self.get_texts()
        if self.index is None and self.asked > self._SEARCHES:
            # No word reaches across a separator: the joined text's words are the texts'.
            self.index = set()
            for text in self.texts:
                self.index.update(_WORD.findall(text))
        if self.index is not None:
            return word in self.index
        # Every text's ends border the separator, which has no letters.
        return any(_found(text, word) for text in self.texts)


def _found(text: str, word: str) -> bool:
    """Does `word` occur in `text` between non-letters (or the ends)?"""
    n = len(word)
    i = text.find(word)
    while i != -1:
        j = i + n
        if (i == 0 or not text[i - 1].isalpha()) and (j == len(text) or not text[j].isalpha()):
            return True
        i = text.find(word, i + 1)
    return False
