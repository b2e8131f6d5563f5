"""Finding and reading input files, with one-line errors for bad input.

Bytes are decoded as UTF-8 (a BOM is accepted and remembered); nothing else
is changed, so CRLF and every other character stay where they were.
"""

from __future__ import annotations

import glob
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from transcheck.document import Document

STDIN = "-"
UTF8_BOM = b"\xef\xbb\xbf"
# JSON is left out of directory walks: package.json and friends are not translations.
DEFAULT_INCLUDE = (
    "*.txt",
    "*.text",
    "*.md",
    "*.markdown",
    "*.html",
    "*.htm",
    "*.po",
    "*.pot",
    "*.xlf",
    "*.xliff",
    "*.srt",
)
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__")
# Peak memory is about 25-30x the file size for prose (bench/HOSTILE.md): 10 MB stays
# under 500 MB. A 10 MB text is about 1.7 million words.
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
_SNIFF_BYTES = 8192


class InputError(Exception):
    """An input that cannot be checked. `str()` is the one-line message shown to users."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class InputSpec:
    """A path to check, or an error found while expanding the arguments."""

    path: str
    error: str | None = None


def expand_paths(
    args: Sequence[str],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> list[InputSpec]:
    """Expand files, globs and directories (recursively) in argument order.

    Files named explicitly are always taken, whatever their extension; files
    found inside directories must match `include` and not `exclude` (patterns
    as in `.gitignore`, see `PathPatterns`). If the directories and globs then
    give no file at all, each of them becomes an error (exit 2), not a silent
    clean run: a CI job whose patterns select nothing checks nothing.
    """
    specs: list[InputSpec] = []
    seen: set[str] = set()
    wanted = PathPatterns(include)
    skipped = PathPatterns((*DEFAULT_EXCLUDE, *exclude))
    empty: list[tuple[str, int]] = []  # (directory or glob, files the patterns left out)

    def add(path: str, error: str | None = None, real: str | None = None) -> None:
        # One file named twice (`d.txt ./d.txt`, a folder and a file in it) is checked
        # once, under the first spelling. (`real`: its real path, when the walk knows it.)
        key = real or (path if error or path == STDIN else os.path.realpath(path))
        if key not in seen:
            seen.add(key)
            specs.append(InputSpec(path, error))

    for arg in args:
        if arg == STDIN:
            add(STDIN)
        elif os.path.isdir(arg):
            walk = _Walk(wanted, skipped)
            for found, real in walk.files(arg):
                add(found, real=real)
            if not walk.taken:
                empty.append((arg, walk.left_out))
        elif os.path.lexists(arg):
            add(arg)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                add(arg, "no file matches this pattern")
            walk = _Walk(wanted, skipped)
            for match in matches:
                if os.path.isdir(match):
                    for found, real in walk.files(match):
                        add(found, real=real)
                elif not skipped.excludes(match, _literal_prefix(arg)):
                    walk.taken += 1
                    add(match)
                else:
                    walk.left_out += 1
            if matches and not walk.taken:
                empty.append((arg, walk.left_out))
        else:
            add(arg, "no such file or directory")
    if empty and not any(spec.error is None for spec in specs):
        for arg, left_out in empty:
            add(arg, _nothing_to_check(left_out))
    return specs


def _nothing_to_check(left_out: int) -> str:
    if left_out:
        return (
            f"no files to check: the include/exclude patterns left out all {left_out} "
            f"file{'s' if left_out != 1 else ''} found (a pattern with a `/` matches "
            "from the config file's folder, or from the current one on the command line)"
        )
    return "no files to check (no file found here)"


class PathPatterns:
    """Include or exclude patterns, matched as `.gitignore` matches them.

    A pattern with a `/` (other than a trailing one) is anchored: it matches the
    path relative to the folder it belongs to — the config file's folder (config.py
    makes such patterns absolute) or the current directory (command line). A pattern
    without one matches a file or folder name at any depth. `*` and `?` stay inside
    one folder name, `**` spans folders (`docs/**/old`, `**/drafts`), and a trailing
    `/` matches folders only. An excluded folder excludes everything under it.
    """

    def __init__(self, patterns: Sequence[str]) -> None:
        self.names: list[re.Pattern[str]] = []  # match one file or folder name
        self.dir_names: list[re.Pattern[str]] = []
        self.paths: list[re.Pattern[str]] = []  # match a whole absolute path
        self.dir_paths: list[re.Pattern[str]] = []
        cwd: str | None = None
        for pattern in patterns:
            dir_only = pattern.endswith("/") and pattern.strip("/") != ""
            body = pattern.rstrip("/") if dir_only else pattern
            if "/" not in body:
                (self.dir_names if dir_only else self.names).append(_compile(body))
                continue
            if not os.path.isabs(body):
                cwd = cwd or glob.escape(os.path.realpath(os.getcwd()))
                body = f"{cwd}/{body}"
            (self.dir_paths if dir_only else self.paths).append(_compile(os.path.normpath(body)))

    def selects_file(self, name: str, real_path: str) -> bool:
        """Whether an include pattern takes this file (by its name or its real path)."""
        return any(p.fullmatch(name) for p in self.names) or any(
            p.fullmatch(real_path) for p in self.paths
        )

    def matches_dir(self, name: str, real_path: str) -> bool:
        return any(p.fullmatch(name) for p in (*self.names, *self.dir_names)) or any(
            p.fullmatch(real_path) for p in (*self.paths, *self.dir_paths)
        )

    def excludes(self, path: str, below: str = "") -> bool:
        """Whether an exclude pattern matches the file `path` or a folder it is in. Names
        are looked for below the folder `below` (what the user typed before any glob
        magic); anchored patterns are tried on every folder of the real path."""
        name = os.path.basename(path)
        if any(p.fullmatch(name) for p in self.names):
            return True
        parent = os.path.dirname(path)
        rel = os.path.relpath(parent, below or ".") if parent else "."
        if not rel.startswith(".."):
            for part in Path(rel).parts:
                if part != "." and self.matches_dir(part, ""):
                    return True
        if not (self.paths or self.dir_paths):
            return False
        real = os.path.join(os.path.realpath(parent or "."), name)
        if any(p.fullmatch(real) for p in self.paths):
            return True
        folder = os.path.dirname(real)
        while True:
            if any(p.fullmatch(folder) for p in (*self.paths, *self.dir_paths)):
                return True
            up = os.path.dirname(folder)
            if up == folder:
                return False
            folder = up


class _Walk:
    """One directory walk: the files include takes and exclude leaves, counted."""

    def __init__(self, wanted: PathPatterns, skipped: PathPatterns) -> None:
        self.wanted, self.skipped = wanted, skipped
        self.taken = 0
        self.left_out = 0

    def files(self, root: str) -> Iterator[tuple[str, str]]:
        """Each file taken under `root`, with its real path."""
        # Real paths for anchored patterns: the config's folder is resolved too, and
        # os.walk does not follow links below the root, so joining names is enough
        # (but for a file that is itself a link, resolved: 0.02 s a thousand files
        # saved otherwise, serial at the start of every run).
        real_root = os.path.realpath(root)
        for dirpath, dirnames, filenames in os.walk(root):
            real_dir = os.path.normpath(os.path.join(real_root, os.path.relpath(dirpath, root)))
            dirnames[:] = sorted(
                d for d in dirnames if not self.skipped.matches_dir(d, os.path.join(real_dir, d))
            )
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                real = os.path.join(real_dir, name)
                kind = _kind(path)
                if kind is None:
                    continue  # a pipe, socket or device
                if kind == _LINK:
                    real = os.path.realpath(path)
                if not self.wanted.selects_file(name, real) or self.skipped.selects_file(
                    name, real
                ):
                    self.left_out += 1
                    continue
                self.taken += 1
                yield path, real


def _compile(pattern: str) -> re.Pattern[str]:
    """A glob as a regex: `*`/`?`/`[…]` within one name, `**` across folders."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")  # zero or more folders
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (close := _class_end(pattern, i)) > 0:
            body = pattern[i + 1 : close]
            negate = body[:1] in ("!", "^")
            body = body[1:] if negate else body
            body = body.replace("\\", "\\\\").replace("^", "\\^")
            out.append(f"[{'^/' if negate else ''}{body}]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out), re.DOTALL)


def _class_end(pattern: str, start: int) -> int:
    """Index of the `]` closing the class opened at `start`, or -1 (then `[` is literal)."""
    j = start + 1
    if j < len(pattern) and pattern[j] in "!^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1  # a leading `]` is a member, as in fnmatch
    close = pattern.find("]", j)
    return close


def _literal_prefix(pattern: str) -> str:
    """The folders of a glob before its first magic part: `locales/*/x.md` -> `locales`."""
    parts: list[str] = []
    for part in pattern.split("/"):
        if glob.has_magic(part):
            break
        parts.append(part)
    else:
        parts = parts[:-1]
    return "/".join(parts) if parts != [""] else "/"


_FILE, _LINK = "file", "link"


def _kind(path: str) -> str | None:
    """A file found in a folder: `_FILE`, `_LINK` (a link to a file, or a broken one),
    or None for a pipe, socket or device (reading it could block forever: a FIFO waits
    for a writer), which folders skip. A file named on the command line is read
    whatever it is, as `cat` would (`check <(some command)` passes a pipe)."""
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            return _LINK if stat.S_ISREG(os.stat(path).st_mode) else None
    except OSError:
        return _LINK  # gone or a broken link: reading it reports why
    return _FILE if stat.S_ISREG(mode) else None


def read_bytes(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    if path == STDIN:
        data = sys.stdin.buffer.read(max_size + 1)
    else:
        try:
            size = os.path.getsize(path)
            if size > max_size:
                shown, limit = _sizes(size, max_size)
                raise InputError(
                    path, f"file is too large ({shown}; limit {limit}, see --max-file-size)"
                )
            with open(path, "rb") as handle:
                data = handle.read(max_size + 1)
        except FileNotFoundError:
            raise InputError(path, "no such file or directory") from None
        except IsADirectoryError:
            raise InputError(path, "is a directory") from None
        except PermissionError:
            raise InputError(path, "permission denied") from None
        except OSError as exc:
            raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > max_size:
        raise InputError(
            path, f"input is too large (limit {_size_text(max_size)}, see --max-file-size)"
        )
    return data


def decode(path: str, data: bytes) -> tuple[str, bool]:
    """UTF-8 text and whether it had a BOM, or an InputError that says why not."""
    if not data.strip():
        raise InputError(path, "file is empty" if not data else "file is empty (whitespace only)")
    wide = _wide_encoding(data)
    if wide:
        raise InputError(path, f"file is {wide}; convert it to UTF-8")
    bom = data.startswith(UTF8_BOM)
    if bom:
        data = data[len(UTF8_BOM) :]
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(path, "binary file (contains NUL bytes); not checked")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{byte} at line {line}, byte {column}); "
            "convert the file to UTF-8",
        ) from None
    return text, bom


def _wide_encoding(data: bytes) -> str | None:
    """The wide encoding ("UTF-32", "UTF-16") the bytes show by their BOM or, without one, by NULs
    at every other (or every fourth) byte of mostly-ASCII text; else None."""
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return "UTF-32"  # tested before UTF-16: its little-endian BOM starts the same
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16"
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    for width, name in ((4, "UTF-32 (no BOM)"), (2, "UTF-16 (no BOM)")):
        for lane in range(width):
            # ASCII letters in one byte lane, NULs in all the others.
            others = [sample[k::width] for k in range(width) if k != lane]
            if all(part.count(0) >= 0.9 * len(part) for part in others) and (
                sample[lane::width].count(0) < 0.1 * len(sample[lane::width])
            ):
                return name
    return None


def read_document(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> Document:
    text, bom = decode(path, read_bytes(path, max_size))
    return Document(path=path, text=text, bom=bom)


def _size_text(size: int) -> str:
    """A size in the unit that shows it: bytes, KB (from 1 KB) or MB (from 1 MB)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size:,} byte{'s' if size != 1 else ''}"


def _sizes(size: int, limit: int) -> tuple[str, str]:
    """A size and its limit, in exact bytes when rounding would show them equal."""
    shown, limit_text = _size_text(size), _size_text(limit)
    if shown == limit_text:
        return f"{size:,} bytes", f"{limit:,} bytes"
    return shown, limit_text
