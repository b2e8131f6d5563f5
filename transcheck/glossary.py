"""Glossary files: preferred spellings, their known variants, do-not-translate terms.

Two formats, chosen by file extension (`.toml` is TOML, anything else TSV):

TSV, one term per row, `#` starts a comment line::

    # preferred<TAB>variant<TAB>variant…
    Riabkov	Ryabkov	Rjabkow
    Kremlin

A row with a single column is a do-not-translate term.

TOML::

    do_not_translate = ["Kremlin"]
    [terms]
    "Riabkov" = ["Ryabkov", "Rjabkow"]

Malformed files raise `GlossaryError` whose message names the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


class GlossaryError(ValueError):
    """A glossary file that cannot be used; the message is one line with file and line."""


@dataclass(frozen=True, eq=False)
class Glossary:
    """Preferred form -> variants, plus terms to keep untranslated."""

    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    do_not_translate: tuple[str, ...] = ()
    path: str | None = None

    @classmethod
    def from_mapping(
        cls,
        terms: Mapping[str, Iterable[str]],
        do_not_translate: Iterable[str] = (),
        path: str | None = None,
    ) -> Glossary:
        """Build and validate a glossary from plain data (no line numbers in errors)."""
        builder = _Builder(path or "<glossary>")
        for preferred, variants in terms.items():
            builder.add(preferred, list(variants), None)
        for term in do_not_translate:
            builder.add(term, [], None)
        return builder.build()

    @cached_property
    def variant_to_preferred(self) -> dict[str, str]:
        return {v: p for p, variants in self.terms.items() for v in variants}

    def preferred_for(self, form: str) -> str | None:
        """The preferred spelling if `form` is a listed term or variant, else None."""
        if form in self.terms:
            return form
        return self.variant_to_preferred.get(form)

    def is_variant(self, form: str) -> bool:
        return form in self.variant_to_preferred

    @cached_property
    def variant_pattern(self) -> re.Pattern[str] | None:
        """One regex matching any listed variant as a whole word (longest first).

        Variants starting with a capital (names) match case-sensitively; the
        others also match with a capitalised first letter (sentence start).
        Hyphens and apostrophes count as word characters at the edges, so
        `Assad` does not match inside `al-Assad`.
        """
        alternatives = []
        for variant in sorted(self.variant_to_preferred, key=len, reverse=True):
            body = r"\s+".join(re.escape(part) for part in variant.split())
            if variant[:1].islower():
                first = variant[0]
                body = (
                    f"[{re.escape(first)}{re.escape(first.upper())}]"
                    + body[len(re.escape(first)) :]
                )
            alternatives.append(body)
        if not alternatives:
            return None
        return re.compile(r"(?<![\w\-‐'’])(?:" + "|".join(alternatives) + r")(?![\w\-‐])")

    def __len__(self) -> int:
        return len(self.terms) + len(self.do_not_translate)


class _Builder:
    """Collects rows and rejects contradictions with a located message."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.terms: dict[str, list[str]] = {}
        self.dnt: list[str] = []
        self.owner: dict[str, str] = {}  # variant -> preferred

    def error(self, line: int | None, message: str) -> GlossaryError:
        where = f"{self.path}:{line}" if line is not None else self.path
        return GlossaryError(f"{where}: {message}")

    def add(self, preferred: str, variants: list[str], line: int | None) -> None:
        preferred = " ".join(preferred.split())
        if not preferred:
            raise self.error(line, "empty preferred term")
        if not variants:
            if preferred not in self.dnt:
                self.dnt.append(preferred)
            return
        seen = self.terms.setdefault(preferred, [])
        if preferred in self.owner:
            raise self.error(
                line, f"{preferred!r} is preferred here but a variant of {self.owner[preferred]!r}"
            )
        for raw in variants:
            if not isinstance(raw, str):
                raise self.error(line, f"variant of {preferred!r} is not a string: {raw!r}")
            variant = " ".join(raw.split())
            if not variant:
                raise self.error(line, f"empty variant for {preferred!r}")
            if variant == preferred:
                raise self.error(line, f"{variant!r} is listed as a variant of itself")
            if variant in self.terms:
                raise self.error(line, f"{variant!r} is a variant here but a preferred term too")
            other = self.owner.get(variant)
            if other is not None and other != preferred:
                raise self.error(
                    line, f"{variant!r} is a variant of both {other!r} and {preferred!r}"
                )
            self.owner[variant] = preferred
            if variant not in seen:
                seen.append(variant)

    def build(self) -> Glossary:
        return Glossary(
            terms={p: tuple(v) for p, v in self.terms.items()},
            do_not_translate=tuple(self.dnt),
            path=self.path,
        )


def parse_tsv(text: str, path: str = "<glossary>") -> Glossary:
    builder = _Builder(path)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip("\ufeff")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if not cells[0]:
            raise builder.error(number, "empty preferred term (first column)")
        if any(not c for c in cells[1:]):
            raise builder.error(number, "empty cell between variants")
        if len(cells) == 1 and "  " in cells[0]:
            # Spaces where tabs were meant: a common editor accident.
            raise builder.error(number, "no tab found; separate columns with tabs, not spaces")
        builder.add(cells[0], cells[1:], number)
    return builder.build()


def parse_toml(text: str, path: str = "<glossary>") -> Glossary:
    import tomllib

    builder = _Builder(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise builder.error(None, f"invalid TOML: {exc}") from None
    unknown = sorted(set(data) - {"terms", "do_not_translate"})
    if unknown:
        raise builder.error(
            _line_of(text, unknown[0]),
            f"unknown key {unknown[0]!r} (expected [terms] and do_not_translate)",
        )
    terms = data.get("terms", {})
    if not isinstance(terms, dict):
        raise builder.error(_line_of(text, "terms"), "'terms' must be a table")
    for preferred, variants in terms.items():
        line = _line_of(text, preferred)
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not variants:
            raise builder.error(line, f"{preferred!r} must map to a non-empty list of variants")
        builder.add(preferred, variants, line)
    dnt = data.get("do_not_translate", [])
    if not isinstance(dnt, list) or not all(isinstance(t, str) for t in dnt):
        raise builder.error(
            _line_of(text, "do_not_translate"), "'do_not_translate' must be a list of strings"
        )
    for term in dnt:
        builder.add(term, [], _line_of(text, term))
    return builder.build()


def _line_of(text: str, needle: str) -> int | None:
    """First line mentioning `needle` (TOML gives no positions for valid-but-wrong data)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary file; TOML if it ends in `.toml`, TSV otherwise."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GlossaryError(f"{path}: glossary file not found") from None
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot read glossary ({exc.strerror})") from None
    if path.suffix.lower() == ".toml":
        return parse_toml(text, str(path))
    return parse_tsv(text, str(path))
