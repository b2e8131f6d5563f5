"""Baselines: record today's findings so that CI fails only on new ones.

A baseline is a JSON file of (path, rule, fingerprint) entries. Paths are stored
relative to the baseline's folder, so it works from any working directory.
Matching is by count: a fingerprint recorded twice hides at most two findings.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from transcheck.findings import Report
from transcheck.fingerprint import fingerprint_of

BASELINE_VERSION = 1
_KEYS = ("path", "rule", "fingerprint")


class BaselineError(ValueError):
    """An unreadable or malformed baseline; the message is one line."""


def _key_path(path: str, root: Path) -> str:
    if path == "-":
        return path
    return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()


def baseline_entries(report: Report, root: Path) -> list[dict[str, Any]]:
    entries = []
    for result in report.files:
        if result.document is None:
            continue
        for finding in result.findings:
            entries.append(
                {
                    "path": _key_path(result.path, root),
                    "rule": finding.rule,
                    "fingerprint": fingerprint_of(result.document, finding),
                    "message": finding.message,  # for people reading the file
                }
            )
    return entries


def write_baseline(report: Report, path: Path) -> int:
    entries = baseline_entries(report, path.parent)
    data = {"version": BASELINE_VERSION, "tool": "transcheck", "findings": entries}
    try:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write baseline ({exc.strerror or exc})") from None
    return len(entries)


def load_baseline(path: Path) -> Counter[tuple[str, str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: baseline not found (create it with `transcheck baseline`)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: baseline is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: not a transcheck baseline of version {BASELINE_VERSION}")
    findings = data.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(e, dict) and all(isinstance(e.get(k), str) for k in _KEYS) for e in findings
    ):
        raise BaselineError(f"{path}: 'findings' must be a list of path/rule/fingerprint entries")
    return Counter((e["path"], e["rule"], e["fingerprint"]) for e in findings)


def apply_baseline(report: Report, baseline: Counter[tuple[str, str, str]], root: Path) -> int:
    """Drop findings recorded in the baseline; return how many were dropped. The texts
    `--jobs` workers wrote for the findings (`findings_text`) follow the findings kept."""
    remaining = Counter(baseline)
    dropped = 0
    for result in report.files:
        if result.document is None:
            continue
        texts = result.findings_text
        kept, kept_texts = [], []
        for index, finding in enumerate(result.findings):
            key = (
                _key_path(result.path, root),
                finding.rule,
                fingerprint_of(result.document, finding),
            )
            if remaining[key] > 0:
                remaining[key] -= 1
                dropped += 1
            else:
                kept.append(finding)
                if texts is not None:
                    kept_texts.append(texts[index])
        result.findings = kept
        if texts is not None:
            result.findings_text = kept_texts
    return dropped
