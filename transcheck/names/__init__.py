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

The modules, one job each; each imports (at run time) only modules listed before it:

- `languages`: languages whose grammar changes how names are written or read.
- `keys`: spelling keys (`light_key`, `name_key`) and the edit cost between two
  (`variant_cost`, `fuzzy_related`).
- `lexicon`: known given names, established Latin-script names, titles, stop words.
- `words`: what a word is, and `WordLookup` (is this word in the text?).
- `extract`: `extract_names`, the occurrences of names in a text.
- `midsentence`: the cheap test that a text writes no name mid-sentence, so that
  most UI catalogues skip extraction and clustering.
- `summary`: per-file summaries for the cross-file pass (`name_summary`,
  `merge_summaries`).
- `alike`: relations between spellings beyond one key or a small edit distance.
- `spellings`: `Spelling` and `VariantGroup`.
- `evidence`: what the names next to two spellings say (one person or two).
- `judge`: which spellings of a cluster are variants, and of which form.
- `cluster`: `find_variants` and `variant_groups`.

This package exports what the rest of transcheck uses. Names with a leading underscore
are shared between its modules only. Code that imports inside a function called per
document imports from the module that holds the name (`transcheck.names.cluster`, not
`transcheck.names`): from a package, each such import runs importlib's Python-level
`_handle_fromlist`.
"""

from __future__ import annotations

from transcheck.names.cluster import find_variants, variant_groups
from transcheck.names.extract import NameOccurrence, extract_names
from transcheck.names.lexicon import given_name_row
from transcheck.names.spellings import VariantGroup
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
