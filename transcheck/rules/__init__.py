"""The rule catalogue: an explicit list, one module per rule family.

Each family module exports `RULES`, a tuple of rule classes. Modules are
imported here, inside the function, so that importing the CLI stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transcheck.registry import BaseRule


def all_rules() -> tuple[type[BaseRule], ...]:
    from transcheck.rules import (
        consistency,
        glossary,
        language,
        names,
        quotes,
        source,
        structure,
        typography,
    )

    return (
        *language.RULES,
        *names.RULES,
        *glossary.RULES,
        *quotes.RULES,
        *typography.RULES,
        *structure.RULES,
        *source.RULES,
        *consistency.RULES,
    )


def rule_by_name(name: str) -> type[BaseRule] | None:
    return next((r for r in all_rules() if r.name == name), None)
