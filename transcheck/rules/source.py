"""Rules: source (placeholder until implemented)."""

RULES: tuple = ()
