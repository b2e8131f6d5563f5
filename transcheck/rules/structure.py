"""Rules: structure (placeholder until implemented)."""

RULES: tuple = ()
