"""Languages whose grammar changes how names are written or read.

Case endings (Putinem / Putinom), final vowels that are gender or number (Mario /
Maria), capitals on every noun (no evidence of a name) and a lower-case "al" that is an
article (Spanish "al"): extraction, the spelling relations and the judge all ask, so the
sets live apart from each of them.
"""

from __future__ import annotations

from transcheck.name_match import NOUN_CAPS_LANGS

# Languages where a lower-case "al"/"el" followed by a name is an article, not a particle.
_ARTICLE_AL_LANGS = frozenset({"es", "pt", "ca", "it", "gl", "fr", "ro"})
# Languages that capitalise every noun: capitals are no evidence of a name.
_NOUN_CAPS_LANGS = NOUN_CAPS_LANGS
# Languages with case endings: the last letters of a name are an ending.
_INFLECTING_TEXT = "pl cs sk sl hr sr bs ru uk be bg mk lt lv fi et hu la el is ga tr"
_INFLECTING_LANGS = frozenset(_INFLECTING_TEXT.split())


# Languages where a final vowel is grammatical gender or number (Secretario /
# Secretaria, Romano / Romani) or a case ending: no final-vowel variants there.
_GENDER_ENDING_LANGS = _INFLECTING_LANGS | _ARTICLE_AL_LANGS | _NOUN_CAPS_LANGS
