"""Configuration: `transcheck.toml`, `.transcheck.toml` or `[tool.transcheck]` in
`pyproject.toml`. The closest file to the first input wins (no merging, as in
ruff and Vale); command-line options override it.
"""

from __future__ import annotations

import glob
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from transcheck.findings import Severity

CONFIG_NAMES = ("transcheck.toml", ".transcheck.toml", "pyproject.toml")
MT_CHOICES = ("auto", "argos", "apertium", "none")
SEMANTIC_CHOICES = ("off", "on", "auto")  # the semantic switch (transcheck.semantic)
DETECTOR_CHOICES = ("py3langid", "langdetect")


class ConfigError(ValueError):
    """Malformed or invalid configuration; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    lang: str | None = None
    source_lang: str | None = None
    detector: str = "py3langid"
    languages: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    glossary: Path | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    mt: str = "auto"
    semantic: str | None = None  # off|on|auto; None: TRANSCHECK_SEMANTIC, else off
    cache_dir: Path | None = None
    max_file_size: int | None = None
    baseline: Path | None = None
    input_format: str | None = None
    fuzzy: str = "check"
    path: Path | None = None  # the file this came from, if any

    def with_overrides(self, **overrides: Any) -> Config:
        """Apply CLI values; None means "not given on the command line"."""
        given = {k: v for k, v in overrides.items() if v is not None and v != ()}
        return replace(self, **given)


def _key(name: str) -> str:
    return name.replace("_", "-")


VALID_KEYS = tuple(_key(f.name) for f in fields(Config) if f.name != "path")


def find_config(start: Path) -> Path | None:
    """The closest config file at or above `start`."""
    try:
        start = start.resolve()
    except (OSError, RuntimeError):
        # A symlink loop (RuntimeError before Python 3.13): look from where the link
        # is; reading the input itself then reports the loop as an input error.
        start = start.absolute()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_table(candidate):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # a broken pyproject.toml of someone else's is not our config
    return isinstance(data.get("tool"), dict) and "transcheck" in data["tool"]


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("transcheck", {})
    return parse_config(data, path)


def parse_config(data: Mapping[str, Any], path: Path | None = None) -> Config:
    where = str(path) if path else "config"
    unknown = sorted(set(data) - set(VALID_KEYS))
    if unknown:
        raise ConfigError(
            f"{where}: unknown key{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(k) for k in unknown)} (valid keys: {', '.join(VALID_KEYS)})"
        )
    base = path.parent if path else Path.cwd()
    values: dict[str, Any] = {}
    for key, raw in data.items():
        values[key.replace("-", "_")] = _convert(key, raw, base, where)
    return Config(path=path, **values)


def _convert(key: str, raw: Any, base: Path, where: str) -> Any:
    def fail(expected: str) -> ConfigError:
        return ConfigError(f"{where}: {key!r} must be {expected}, not {raw!r}")

    if key in ("lang", "source-lang"):
        if not isinstance(raw, str) or not raw.strip():
            raise fail('a language code such as "en"')
        return raw.strip().lower()
    if key in ("languages", "select", "ignore", "include", "exclude"):
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise fail("a list of strings")
        if key in ("include", "exclude"):
            return tuple(anchor_pattern(p, base) for p in raw)
        return tuple(raw)
    if key == "detector":
        if raw not in DETECTOR_CHOICES:
            raise fail(f"one of {', '.join(DETECTOR_CHOICES)}")
        return raw
    if key == "input-format":
        if not isinstance(raw, str):
            raise fail('a format name such as "po"')
        return raw
    if key == "fuzzy":
        if raw not in ("check", "skip"):
            raise fail("one of check, skip")
        return raw
    if key == "mt":
        if raw not in MT_CHOICES:
            raise fail(f"one of {', '.join(MT_CHOICES)}")
        return raw
    if key == "semantic":
        if raw not in SEMANTIC_CHOICES:
            raise fail(f"one of {', '.join(SEMANTIC_CHOICES)}")
        return raw
    if key == "fail-on":
        return _severity(raw, fail)
    if key == "severity":
        if not isinstance(raw, dict):
            raise fail("a table of rule = severity")
        return {
            rule: _severity(value, _entry_fail(where, key, rule, value))
            for rule, value in raw.items()
        }
    if key == "rules":
        if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
            raise fail("a table of [rules.NAME] option tables")
        return {rule: _rule_options(rule, options, where) for rule, options in raw.items()}
    if key in ("glossary", "cache-dir", "baseline"):
        if not isinstance(raw, str):
            raise fail("a path")
        return (base / raw).resolve()
    if key == "max-file-size":
        if not isinstance(raw, int) or isinstance(raw, bool) or raw <= 0:
            raise fail("a positive number of bytes")
        return raw
    raise AssertionError(key)  # VALID_KEYS and this function are out of sync


def _entry_fail(where: str, table: str, name: str, value: Any) -> Any:
    """The error for one entry of a table: `[severity] x = "fatal"` names `severity.x`
    and its value, not the whole table."""

    def fail(expected: str) -> ConfigError:
        return ConfigError(f"{where}: '{table}.{name}' must be {expected}, not {value!r}")

    return fail


def _rule_options(rule: str, options: Mapping[str, Any], where: str) -> dict[str, Any]:
    """A `[rules.NAME]` table checked against the rule's declared options. An unknown
    rule name is left to the run, which reports it with the other selection errors."""
    from transcheck.registry import RuleError
    from transcheck.rules import rule_by_name

    seen: dict[str, str] = {}
    for key in options:  # both spellings of one option: which one counts is not clear
        other = seen.setdefault(key.replace("-", "_"), key)
        if other != key:
            raise ConfigError(f"{where}: [rules.{rule}] option given twice: {other!r} and {key!r}")
    candidate = rule_by_name(rule)
    if candidate is None:
        return dict(options)  # an unknown rule is reported by the run
    try:
        parsed = candidate.parse_options(options)
    except RuleError as exc:
        raise ConfigError(f"{where}: [rules.{rule}] {exc}") from None
    return {key: parsed[key.replace("-", "_")] for key in options}


def anchor_pattern(pattern: str, base: Path) -> str:
    """A path pattern relative to the config's folder, made absolute (as `.gitignore`
    patterns are relative to its folder, and as `glossary` is; a leading `/` too); a
    pattern without a `/` but a trailing one matches a name at any depth and is kept."""
    if "/" not in pattern.rstrip("/"):
        return pattern
    folder = glob.escape(str(base.resolve()))  # a `[` in the folder name is no class
    return f"{folder}/{pattern.lstrip('/')}"


def _severity(raw: Any, fail: Any) -> Severity:
    if isinstance(raw, str):
        try:
            return Severity.parse(raw)
        except ValueError:
            pass
    raise fail("one of error, warning, info")


def resolve_config(start: Path, explicit: Path | None = None, isolated: bool = False) -> Config:
    if isolated:
        return Config()
    path = explicit or find_config(start)
    return load_config(path) if path else Config()
