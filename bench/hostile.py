"""Hostile inputs: wall time, peak RSS and exit code of `transcheck check` on each.

    python bench/hostile.py [--quick] [--only NAME ...] [--timeout S] [--keep DIR]

Every input is generated in a temporary folder (deleted afterwards unless --keep):
big files over and under the size limit, one very long line of several shapes
(prose, no spaces, spaces only, quote marks only, dots only), 100,000 tiny files
(checked with --jobs 1 and --jobs 2), deeply nested JSON, and XLIFF entity
bombs and XXE. Each check runs in its own process (`python -m transcheck`, MT off,
no config); peak RSS comes from `os.wait4` for that process alone. --quick
shrinks every size by about 10x (for a smoke run). Targets: peak RSS <= 500 MB,
no hang, a clear one-line message and exit 2 for what is refused.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
RSS_TARGET_MB = 500

# A small vocabulary for synthetic prose (written for this bench): sentences with
# names, numbers and quotations, so every rule family has something to look at.
_WORDS = (  # noqa: SIM905 (a word list reads better as prose)
    "the a of and to in that it was for on with as his her they at by this had from "
    "not but what all were when we there can an your which their said if do will each "
    "about how up out them then she many some so these would other into has more two "
    "time like him see could people first water been call who now find long down day "
    "did get come made may part over new sound take only little work know place year "
    "live back give most very after thing our just name good sentence man think say "
    "great where help through much before line right too mean old any same tell boy "
    "follow came want show also around form three small set put end does another well "
    "large must big even such because turn here why ask went men read need land "
    "different home us move try kind hand picture again change off play spell air away "
    "animal house point page letter mother answer found study still learn should world"
).split()
_NAMES = ("Marta Ruiz", "Daniel Okafor", "Lucía Ferrer", "Tomasz Nowak", "Aiko Tanaka")


def prose_paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 7)):
        words = rng.choices(_WORDS, k=rng.randint(8, 22))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(_NAMES))
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), str(rng.randint(2, 9999)))
        sentence = " ".join(words)
        sentence = sentence[0].upper() + sentence[1:] + "."
        if rng.random() < 0.15:
            sentence = f"“{sentence}” {rng.choice(_NAMES).split()[0]} said."
        sentences.append(sentence)
    return " ".join(sentences)


def write_prose(path: Path, size: int, unique: bool = True, sep: str = "\n\n") -> None:
    """About `size` bytes of prose paragraphs (unique ones, or one 64 KB block repeated)."""
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as out:
        written = 0
        block = ""
        while written < size:
            if unique or not block:
                block = sep.join(prose_paragraph(rng) for _ in range(64 if not unique else 1))
                block += sep
            out.write(block)
            written += len(block.encode("utf-8"))


def write_repeated(path: Path, unit: str, size: int) -> None:
    """One line of `unit` repeated (whole units only: valid UTF-8), between "x" and "y"."""
    unit_bytes = unit.encode("utf-8")
    chunk = unit_bytes * max(1, (1 << 20) // len(unit_bytes))
    with path.open("wb") as out:
        out.write(b"x")
        written = 0
        while written < size:
            take = min(len(chunk), size - written)
            take -= take % len(unit_bytes)
            if take <= 0:
                break
            out.write(chunk[:take])
            written += take
        out.write(b"y\n")


def write_tiny_files(folder: Path, count: int) -> None:
    rng = random.Random(2)
    for i in range(count):
        sub = folder / f"d{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True)
        (sub / f"f{i:06d}.txt").write_text(prose_paragraph(rng) + "\n", encoding="utf-8")


def write_nested_json(path: Path, depth: int) -> None:
    path.write_text('{"a": ' * depth + '"x"' + "}" * depth, encoding="utf-8")


def write_billion_laughs(path: Path) -> None:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    ]
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [\n' + "\n".join(entities) + "\n]>\n"
        '<xliff version="1.2"><file source-language="en" target-language="es" datatype='
        '"plaintext" original="x"><body><trans-unit id="1"><source>Hi</source>'
        "<target>&lol9;</target></trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )


def write_xxe(path: Path) -> None:
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<xliff version="1.2"><file source-language="en" target-language="es" datatype='
        '"plaintext" original="x"><body><trans-unit id="1"><source>Hi</source>'
        "<target>&xxe;</target></trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )


def write_po(path: Path, size: int) -> None:
    rng = random.Random(3)
    with path.open("w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        written, i = 0, 0
        while written < size:
            text = prose_paragraph(rng).replace('"', '\\"')
            entry = f'#: src/file.c:{i}\nmsgid "{text}"\nmsgstr "{text}"\n\n'
            out.write(entry)
            written += len(entry.encode("utf-8"))
            i += 1


@dataclass
class Case:
    name: str
    make: Callable[[Path], list[str]]  # writes the input, returns the check arguments
    note: str = ""


def cases(scale: float, limit: int) -> list[Case]:
    def size(n: int) -> int:
        return max(1024, int(n * scale))

    def file_case(name: str, writer: Callable[[Path], None], *extra: str) -> Callable:
        def make(tmp: Path) -> list[str]:
            path = tmp / name
            writer(path)
            return [str(path), *extra]

        return make

    big_limit = str(size(64 * MB) + MB)
    return [
        Case("prose 200 MB (over the limit)",
             file_case("p200.txt", lambda p: write_prose(p, size(200 * MB), unique=False))),
        Case("prose 1 GB (over the limit)", lambda tmp: [str(_gigabyte(tmp))]),
        Case("prose 1 GB on stdin (over the limit)", lambda tmp: ["-", f"<{_gigabyte(tmp)}"]),
        Case("one line of 50 MB (over the limit)",
             file_case("line50.txt", lambda p: write_repeated(p, "word ", size(50 * MB)))),
        Case("prose at the default limit",
             file_case("plimit.txt", lambda p: write_prose(p, limit - MB))),
        Case("prose 64 MB, --max-file-size raised",
             file_case("p64.txt", lambda p: write_prose(p, size(64 * MB), unique=False),
                       "--max-file-size", big_limit)),
        *[
            Case(f"one line of 8 MB: {label}",
                 file_case(f"line-{label}.txt",
                           lambda p, u=unit: write_repeated(p, u, size(8 * MB))))
            for label, unit in (
                ("prose words", "word "), ("no spaces", "a"), ("spaces", " "),
                ("straight quotes", '"'), ("curly quotes", "“”"), ("dots", "."),
                ("one sentence repeated", "Word word. "), ("apostrophes", "'a "),
            )
        ],
        Case("PO file of 8 MB", file_case("big.po", lambda p: write_po(p, size(8 * MB)))),
        Case("JSON nested 100,000 deep",
             file_case("deep.json", lambda p: write_nested_json(p, 100_000))),
        Case("XLIFF billion laughs", file_case("bomb.xlf", write_billion_laughs)),
        Case("XLIFF external entity (XXE)", file_case("xxe.xlf", write_xxe)),
        Case("100,000 tiny files, --jobs 1",
             lambda tmp: _tiny(tmp, int(100_000 * min(1.0, scale * 1.0)))),
        Case("100,000 tiny files, --jobs 2",
             lambda tmp: [*_tiny(tmp, int(100_000 * min(1.0, scale * 1.0))), "--jobs", "2"]),
    ]  # fmt: skip


def _gigabyte(tmp: Path) -> Path:
    path = tmp / "p1g.txt"
    if not path.exists():
        write_prose(path, int(1024 * MB * _SCALE[0]), unique=False)
    return path


_SCALE = [1.0]


def _tiny_count(tmp: Path) -> int:
    return sum(len(os.listdir(sub)) for sub in (tmp / "tiny").iterdir())


def _tiny(tmp: Path, count: int) -> list[str]:
    folder = tmp / "tiny"
    if not folder.exists():
        write_tiny_files(folder, count)
    return [str(folder)]


@dataclass
class Outcome:
    wall: float
    cpu: float  # user + system seconds of the process and the children it waited for
    rss_mb: float
    code: int | None
    message: str
    findings: int


def run(args: list[str], timeout: float, workdir: Path) -> Outcome:
    stdin = None
    if args and args[-1].startswith("<"):
        stdin = open(args.pop()[1:], "rb")  # noqa: SIM115 (closed below)
    command = [sys.executable, "-m", "transcheck", "check", *args, "--mt", "none", "--isolated"]
    # the stdin redirection marker was popped above; "-" stays first
    out_path, err_path = workdir / "stdout", workdir / "stderr"
    started = time.perf_counter()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(command, stdin=stdin, stdout=out, stderr=err)
        status, rusage, timed_out = None, None, False
        while status is None:
            pid, status_raw, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status, rusage = status_raw, usage
                break
            if time.perf_counter() - started > timeout:
                proc.kill()
                _, status, rusage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    wall = time.perf_counter() - started
    if stdin is not None:
        stdin.close()
    # Linux reports ru_maxrss in KB, macOS in bytes. wait4 reports the process and the
    # children it waited for (pool workers): RSS is the largest of them, not their sum.
    rss = rusage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)
    errors = err_path.read_text(encoding="utf-8", errors="replace").splitlines()
    message = next((line for line in errors if "error" in line or "Traceback" in line), "")
    if timed_out:
        message = f"TIMEOUT after {timeout:g} s"
    findings, last = 0, ""
    with out_path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            findings += " warning " in line or " error " in line or " info " in line
            last = line.strip() or last
    if not message and last.startswith("Found "):
        message = last  # the summary: "Found N findings (...) in M files."
    cpu = rusage.ru_utime + rusage.ru_stime
    return Outcome(wall, cpu, rss, None if timed_out else proc.returncode, message, findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about 10x smaller inputs")
    parser.add_argument("--only", nargs="*", default=(), help="cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--keep", type=Path, help="generate inputs here and keep them")
    args = parser.parse_args()
    from transcheck.inputs import DEFAULT_MAX_FILE_SIZE

    scale = 0.1 if args.quick else 1.0
    _SCALE[0] = scale
    tmp = Path(tempfile.mkdtemp(prefix="transcheck-hostile-")) if args.keep is None else args.keep
    tmp.mkdir(parents=True, exist_ok=True)
    print(f"default --max-file-size: {DEFAULT_MAX_FILE_SIZE / MB:.0f} MB; inputs in {tmp}")
    header = (
        f"| {'input':<40} | {'wall s':>7} | {'cpu s':>7} | {'peak RSS MB':>11} | exit "
        "| findings | message"
    )
    print(header)
    widths = (42, 9, 9, 13, 6, 10, 8)
    print("|" + "|".join("-" * w for w in widths))
    try:
        for case in cases(scale, DEFAULT_MAX_FILE_SIZE):
            if args.only and not any(o.lower() in case.name.lower() for o in args.only):
                continue
            check_args = case.make(tmp)
            if args.quick and "--max-file-size" not in check_args:
                # the limit shrinks with the inputs, so "over the limit" stays over it
                check_args[1:1] = ["--max-file-size", str(int(DEFAULT_MAX_FILE_SIZE * scale))]
            result = run(check_args, args.timeout, tmp)
            flag = " (over target)" if result.rss_mb > RSS_TARGET_MB else ""
            message = result.message.replace(str(tmp) + "/", "")[:110]
            if "tiny files" in case.name and result.wall > 0:
                message += f" [{_tiny_count(tmp) / result.wall:,.0f} files/s wall]"
            print(
                f"| {case.name:<40} | {result.wall:7.1f} | {result.cpu:7.1f} | "
                f"{result.rss_mb:9.0f}{flag:2} | "
                f"{result.code if result.code is not None else '-':>4} | {result.findings:>8} | "
                f"{message}",
                flush=True,
            )
            done = ["p200.txt", "line50.txt", "p64.txt"] + (
                ["p1g.txt"] if "stdin" in case.name else []
            )
            for name in done:
                (tmp / name).unlink(missing_ok=True)  # free the disk as soon as possible
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(
        "\nPeak RSS is the largest of the checked process and the pool workers it waited "
        "for (not their sum); cpu s adds them all up."
    )


if __name__ == "__main__":
    main()
