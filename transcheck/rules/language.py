"""Rules: language (placeholder until implemented)."""

RULES: tuple = ()
