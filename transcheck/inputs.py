"""Finding and reading input files, with one-line errors for bad input.

Bytes are decoded as UTF-8 (a BOM is accepted and remembered); nothing else
is changed, so CRLF and every other character stay where they were.
"""

from __future__ import annotations

import fnmatch
import glob
import os
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
    "*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm",
    "*.po", "*.pot", "*.xlf", "*.xliff", "*.srt",
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
    found inside directories must match `include` and not `exclude`.
    """
    specs: list[InputSpec] = []
    seen: set[str] = set()

    def add(path: str, error: str | None = None) -> None:
        if path not in seen:
            seen.add(path)
            specs.append(InputSpec(path, error))

    for arg in args:
        if arg == STDIN:
            add(STDIN)
        elif os.path.isdir(arg):
            for found in _walk(arg, include, (*DEFAULT_EXCLUDE, *exclude)):
                add(found)
        elif os.path.lexists(arg):
            add(arg)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                add(arg, "no file matches this pattern")
            for match in matches:
                if os.path.isdir(match):
                    for found in _walk(match, include, (*DEFAULT_EXCLUDE, *exclude)):
                        add(found)
                elif not _excluded(match, exclude):
                    add(match)
        else:
            add(arg, "no such file or directory")
    return specs


def _walk(root: str, include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not _excluded(d, exclude))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            wanted = any(fnmatch.fnmatch(name, pat) for pat in include)
            if wanted and not _excluded(path, exclude) and not _special(path):
                yield path


def _special(path: str) -> bool:
    """A pipe, socket or device found in a folder: reading it could block forever (a
    FIFO waits for a writer), so folders skip them. A file named on the command line is
    read whatever it is, as `cat` would (`check <(some command)` passes a pipe)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # missing or a broken link: reading it reports why
    return not stat.S_ISREG(mode)


def _excluded(path: str, patterns: Sequence[str]) -> bool:
    parts = Path(path).parts
    return any(
        fnmatch.fnmatch(path, pat) or any(fnmatch.fnmatch(part, pat) for part in parts)
        for pat in patterns
    )


def read_bytes(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    if path == STDIN:
        data = sys.stdin.buffer.read(max_size + 1)
    else:
        try:
            size = os.path.getsize(path)
            if size > max_size:
                raise InputError(
                    path,
                    f"file is too large ({_megabytes(size)}; "
                    f"limit {_megabytes(max_size)}, see --max-file-size)",
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
            path, f"input is too large (limit {_megabytes(max_size)}, see --max-file-size)"
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


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
