"""Rules: quotes (placeholder until implemented)."""

RULES: tuple = ()
