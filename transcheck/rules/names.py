"""Rules: proper names spelled more than one way in a document."""

from __future__ import annotations

from collections.abc import Iterable

from transcheck.findings import Edit, Finding, Fix, Span
from transcheck.registry import BaseRule, RuleContext


def _as_written(replacement: str, occurrence_initial: bool) -> str:
    """Capitalise a lower-case particle (al-Assad) when it opens a sentence."""
    if occurrence_initial and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


class NameVariant(BaseRule):
    """One proper name spelled two or more ways in the same document.

    ## What it flags

    A name written with different transliterations (Riabkov / Ryabkov,
    Zelensky / Zelenskyy / Zelenskiy, Gaddafi / Qaddafi / Kadhafi, Khalim /
    Kalim, Hubareva / Gubareva, Rahmane / Rahmani, German ch for kh in
    Tochtachunov / Tokhtakhunov, Ukrainian Kliuiev / Russian Klyuyev, a silent
    final e in Docrate / Dockrat outside gendered languages), with and without
    diacritics (Erdoğan / Erdogan), or with a different hyphen or case
    (al-Assad / Al Assad). Spellings are compared by a transliteration key and
    a weighted edit distance: vowels, c/k/g/q/h, s/z, d/t, b/p and v/w/u swap
    cheaply, other letters do not, and the ending is protected. A list of
    common given names (`locale_data/names_given.tsv`) says which spellings are
    one name (Umar / Omar, Jaber / Jabr) and which are two (Maria / Mario,
    Louis / Luis); names it does not know may differ in a final vowel
    (Zamba / Zambo) except in languages where that vowel marks gender or case
    (Spanish, Italian, Polish…). The Arabic -iyya ending is one ending
    whatever the order of its vowels (Hamieh / Hameih / Hamiaeh). Short names
    may differ in a French ou for o or a long a (Foz / Fouz, Jomaa / Joumaa,
    Yak / Yaak, Saab / Sa'b), and a leading ayn mark in the middle of a
    sentence is a spelling ('Aqil / Aqil) unless a quote mark closes it later
    in the paragraph or it stands before a known place or name ('Iran's win').
    Spellings further apart count as one name when they have one consonant
    skeleton (vowels, h, y, j aside), the same last letter and most letters
    alike, and one is rare beside the other (Droukdel 2× / Dourkdal 1×; a
    name written with its article counts for the bare name: Mu'ammar Al
    Qathafi, Qathafi / Qadafi); or, with the same consonants, vowels aside,
    and an ending that is no gender or case, when both are written after the
    same first name and the variant after no other one (Jamil Dost / Jamil
    Dast). The finding sits on the first occurrence of a minority spelling;
    `related` lists every other occurrence of every spelling of the name, in
    text order, and the message gives each spelling's count.

    Only words capitalised in the middle of a sentence count as names; a
    capitalised word that opens a sentence joins in only when it matches such a
    name. It does not flag inflected forms (Putin / Putina / Putinem in Polish,
    Merkel / Merkels), names that differ by a consonant or an ending
    (Johnson / Johnston, Ivanov / Ivanova, Maria / Mario), two known given
    names (Julia / Julie, Kamal / Kamil), short names that
    differ by more than accents, case, ou for o or a long a (Li / Lee, Dan /
    Don, Reed / Reid, Hood / Hud, Dunn / Dun) or where one is a known name
    not listed with the other (Tom / Toum, Jan / Jaan), two spellings
    used with different first or last names (Dmitry Peskov / Dmitri Medvedev;
    a first name in one word or two, Mohammadreza / Mohammed Reza, or with and
    without "Abd al-", Abdul-Rahman / al-Rahman, is the same first name),
    gender endings (Kowalski / Kowalska, Antonio / Antonia), a spelling next
    to a spelling of itself (Mohamed Mahamoud), or two frequent spellings of a
    short name a vowel apart (probably two people), two full names set side
    by side in one sentence (John Smith and John Smyth), or names after an East
    Asian surname written first (Li Peng / Li Ping). Names native to a
    Latin-alphabet language are not transliterated, so a spelling close to a
    known one (`locale_data/names_latin.tsv`: common surnames, places and
    companies; `exonyms.tsv`) is another name unless the two are listed as one
    (Miller / Muller, Marino / Moreno, Boeing / Beijing, Colombia / Columbia
    stay apart; Müller / Mueller are one), and a title (King, Minister) pairs
    with nothing but its own case and accents. Two spellings an accent or a
    capital apart that are both also written in lower case are two ordinary
    words, capitalised where a string or a status starts (Termine / Terminé,
    Si / Sí): no name; nor, in German, which capitalises its nouns, a compound
    written with and without a hyphen (Login-Shell / Loginshell).

    Across the files of one run only the evidence a single mention carries
    counts: case, accents and hyphens, one transliteration key, or a cheap
    edit distance (Riabkov in one chapter, Ryabkov in the next); the relations
    that rest on a document's own context (first names, rare spellings,
    consonant skeletons) stay within a file, so a folder of unrelated articles
    does not pair names across them.

    ## Why it matters

    Inconsistent transliteration is the commonest artifact of translating or
    assembling news copy from several sources; readers take the spellings for
    different people, and search and indexing miss half of the mentions.

    ## Example

    ```
    Deputy Foreign Minister Sergei Riabkov said … Riabkov added … Ryabkov
    ```

    flags “Ryabkov” (1×) as a variant of “Riabkov” (2×).

    ## Fix

    Use one spelling throughout. The suggestion is the most frequent spelling,
    or the glossary's preferred form when a `--glossary` lists the name. The fix
    replaces every minority spelling; it is unsafe (applied only with unsafe
    fixes) unless the glossary names the preferred form. Spellings the glossary
    lists as variants are left to the `glossary-variant` rule.
    """

    name = "name-variant"
    summary = "A proper name spelled two or more ways in one document."

    def check(self, ctx: RuleContext) -> Iterable[Finding]:
        from transcheck.names.cluster import variant_groups

        source = ctx.source.text if ctx.source is not None else None
        document = ctx.document
        bounds = document.bounds("sentences")
        text = ctx.text
        # Capitals are looked for in the content regions only (the same ones: see
        # `extract_names`); the typography rules compute them anyway.
        regions = document.content_regions if text is document.analysis_text else None
        groups = variant_groups(text, bounds, ctx.lang, ctx.glossary, source, regions)
        for group in groups:
            minority = group.minority_occurrences
            first = minority[0]
            listed = " and ".join(f"“{v.form}” ({v.count}×)" for v in group.variants)
            verb = "looks like a variant" if len(group.variants) == 1 else "look like variants"
            if group.preferred_count and group.other_forms:
                # Mentions with (or without) the article count for the name: say so.
                total = group.preferred_count + sum(n for _, n in group.other_forms)
                forms = ", ".join(f"{n}× as “{form}”" for form, n in group.other_forms)
                target = f"“{group.preferred}” ({total}×, {forms})"
            elif group.preferred_count:
                target = f"“{group.preferred}” ({group.preferred_count}×)"
            else:
                target = f"“{group.preferred}”"
            message = f"{listed} {verb} of {target}"
            if group.from_glossary:
                message += " (the glossary's form)"
            edits = tuple(
                Edit(Span(o.start, o.end), _as_written(group.preferred, o.initial))
                for o in minority
            )
            fix = Fix(f"Use “{group.preferred}” throughout", edits, safe=group.from_glossary)
            yield self.finding(
                Span(first.start, first.end),
                message,
                related=[Span(o.start, o.end) for o in group.occurrences if o is not first],
                suggestion=group.preferred,
                fix=fix,
            )


RULES = (NameVariant,)
