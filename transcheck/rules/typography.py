"""Rules: typography (placeholder until implemented)."""

RULES: tuple = ()
