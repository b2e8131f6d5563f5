"""Rules: glossary (placeholder until implemented)."""

RULES: tuple = ()
