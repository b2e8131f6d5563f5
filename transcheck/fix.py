"""Applying fixes: non-overlapping edits, repeated until the text stops changing,
then an atomic write that keeps encoding, BOM, newlines and permissions.

Nothing here decides *what* to fix: rules attach `Fix` data to findings, and
`fix_text` re-runs the check after each pass so that a fix never works on
stale offsets. If the passes do not converge, nothing is written.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from transcheck.findings import Edit, Finding
from transcheck.inputs import UTF8_BOM

MAX_PASSES = 10


class FixError(Exception):
    """A fixed text could not be written; the message is one line for the user."""


@dataclass
class FixOutcome:
    original: str
    text: str
    applied: list[Finding] = field(default_factory=list)
    converged: bool = True
    passes: int = 0
    # Fixes left out because the text they gave could not be read back in its format.
    refused: list[Finding] = field(default_factory=list)
    refused_reason: str = ""

    @property
    def changed(self) -> bool:
        return self.converged and self.text != self.original


def fixable(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    return [f for f in findings if f.fix is not None and f.fix.edits and (f.fix.safe or unsafe)]


def apply_fixes(text: str, findings: Sequence[Finding]) -> tuple[str, list[Finding]]:
    """Apply every fix whose edits overlap no fix taken before it (in text order).

    A fix is all or nothing: it is skipped whole if any of its edits would touch
    another fix's. Returns the new text and the findings whose fixes were applied.
    """
    taken: list[Edit] = []
    applied: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.fix.edits[0].span, f.rule)):  # type: ignore[union-attr]
        edits = sorted(finding.fix.edits, key=lambda e: e.span)  # type: ignore[union-attr]
        if any(e.span.end > len(text) for e in edits) or _self_overlapping(edits):
            continue
        if any(_conflict(e, t) for e in edits for t in taken):
            continue
        taken.extend(edits)
        applied.append(finding)
    for edit in sorted(taken, key=lambda e: e.span, reverse=True):
        text = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
    return text, applied


def _conflict(a: Edit, b: Edit) -> bool:
    # Two insertions at one point, or an insertion inside a replaced range, conflict too.
    if a.span.start == b.span.start:
        return True
    return a.span.start < b.span.end and b.span.start < a.span.end


def _self_overlapping(edits: Sequence[Edit]) -> bool:
    return any(x.span.end > y.span.start for x, y in pairwise(edits))


def fix_text(
    text: str,
    check: Callable[[str], list[Finding]],
    unsafe: bool = False,
    max_passes: int = MAX_PASSES,
    unreadable: Callable[[str], str | None] | None = None,
) -> FixOutcome:
    """Check, fix, re-check until no fix applies. Oscillation or too many passes
    leave the text as it was (converged=False). `unreadable(text)` says why a fixed
    text could not be written (None: it can); the fixes that make it so are left out
    (`outcome.refused`), the others applied."""
    outcome = FixOutcome(original=text, text=text)
    seen = {text}
    current = text
    refused: set[tuple] = set()  # `_key`s of the fixes refused in an earlier pass
    for _ in range(max_passes):
        candidates = fixable(check(current), unsafe)
        if refused:
            candidates = [f for f in candidates if _key(f, current) not in refused]
        if not candidates:
            outcome.text = current
            return outcome
        updated, applied = apply_fixes(current, candidates)
        if unreadable is not None and applied and unreadable(updated) is not None:
            applied, dropped = _readable_subset(current, applied, unreadable, outcome)
            outcome.refused.extend(dropped)
            refused.update(_key(f, current) for f in dropped)
            updated, applied = apply_fixes(current, applied)
        outcome.passes += 1
        if not applied or updated == current:
            outcome.text = current
            return outcome
        if updated in seen:  # A → B → A: two fixes undo each other
            break
        seen.add(updated)
        outcome.applied.extend(applied)
        current = updated
    outcome.converged = False
    outcome.text = text
    return outcome


def _key(finding: Finding, text: str) -> tuple:
    """A fix as the same one in a later pass, when earlier fixes have moved it: its rule,
    message and edits by what they replace, not where."""
    assert finding.fix is not None
    edits = tuple((text[e.span.start : e.span.end], e.replacement) for e in finding.fix.edits)
    return (finding.rule, finding.message, edits)


def _readable_subset(
    text: str,
    fixes: list[Finding],
    unreadable: Callable[[str], str | None],
    outcome: FixOutcome,
) -> tuple[list[Finding], list[Finding]]:
    """(kept, dropped): the fixes split so that `text` with the kept ones applied reads.

    Halves are tried in turn (a group that reads is kept whole), so k breaking fixes
    among n cost about k·log n reads, not n.
    """
    kept: list[Finding] = []
    dropped: list[Finding] = []

    def take(group: list[Finding]) -> None:
        reason = unreadable(apply_fixes(text, kept + group)[0])
        if reason is None:
            kept.extend(group)
        elif len(group) == 1:
            dropped.extend(group)
            outcome.refused_reason = outcome.refused_reason or reason
        else:
            half = len(group) // 2
            take(group[:half])
            take(group[half:])

    take(fixes)
    return kept, dropped


def unified_diff(path: str, old: str, new: str, bom: bool = False) -> str:
    if bom:  # the first line as `patch` sees it in the file
        old, new = "\ufeff" + old, "\ufeff" + new
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
    )
    out = []
    for line in lines:
        complete = line.endswith(("\n", "\r"))
        out.append(line if complete else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def write_atomic(path: str, text: str, bom: bool, original: bytes) -> None:
    """Replace `path` with `text` (UTF-8, BOM kept) unless the file changed since it was read.

    The new content goes to a temporary file in the same folder, which then
    replaces the original, so a crash never leaves a half-written file. A symbolic
    link is written through (its target is replaced, the link kept); a read-only
    file is not written (root could, but `--fix` must not override the permission).
    """
    target = Path(os.path.realpath(path))
    try:
        current = target.read_bytes()
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError as exc:
        raise FixError(f"{path}: cannot re-read before writing ({exc.strerror or exc})") from None
    if current != original:
        raise FixError(f"{path}: changed on disk since it was read; not written")
    # os.access answers for this user (owner, group or other bits, ACLs); root may
    # write anything, so for root the owner's write bit says whether the file is read-only.
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    writable = mode & stat.S_IWUSR if root else os.access(target, os.W_OK)
    if not writable:
        raise FixError(f"{path}: file is read-only; not written")
    data = (UTF8_BOM if bom else b"") + text.encode("utf-8")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below; kept for replace)
            dir=target.parent, prefix=f".{target.name}.", suffix=".transcheck", delete=False
        )
    except OSError as exc:
        raise FixError(f"{path}: cannot write in {target.parent} ({exc.strerror or exc})") from None
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, mode)
        os.replace(handle.name, target)
    except OSError as exc:
        Path(handle.name).unlink(missing_ok=True)
        raise FixError(f"{path}: cannot write ({exc.strerror or exc})") from None
