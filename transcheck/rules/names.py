"""Rules: names (placeholder until implemented)."""

RULES: tuple = ()
