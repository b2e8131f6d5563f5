"""Two processes at once: `check --fix` on the same files, `compare` on one cache.

Fixes are written atomically (temporary file + rename, after checking the file did
not change since it was read), so every file ends fixed or untouched, never
truncated or interleaved. The translation cache is sqlite in WAL mode with
retried transactions, so two runs sharing it both succeed and lose no entry.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_fake_apertium

REPO = Path(__file__).resolve().parents[1]

# Texts written for these tests; the double spaces have a safe fix.
BROKEN = (
    "The museum opens at  nine on weekdays.\n\n"
    "Visitors may  bring small bags into the galleries.\n\n"
    "Item {i}: the cafe closes at  five.\n"
)
FIXED = (
    "The museum opens at nine on weekdays.\n\n"
    "Visitors may bring small bags into the galleries.\n\n"
    "Item {i}: the cafe closes at five.\n"
)


def env_with(path_dirs: list[Path] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRANSCHECK_")}
    env["PYTHONPATH"] = str(REPO)
    if path_dirs is not None:
        env["PATH"] = os.pathsep.join(str(d) for d in path_dirs)
    return env


def start(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "transcheck", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
    )


@pytest.mark.parametrize("round_", range(3))
def test_two_fix_runs_on_the_same_files(tmp_path: Path, round_: int) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    files = []
    for i in range(40):
        path = folder / f"doc{i:02d}.txt"
        path.write_text(BROKEN.format(i=i), encoding="utf-8")
        files.append(path)
    args = ["check", str(folder), "--fix", "--mt", "none", "--isolated", "--lang", "en"]
    env = env_with()
    procs = [start(args, env, tmp_path) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert "Traceback" not in err, err
        # 0/1: it wrote; 2: some file changed under it and was left to the other run.
        assert proc.returncode in (0, 1, 2), err
        for line in err.splitlines():
            if "error:" in line:
                assert "changed on disk since it was read; not written" in line, err
    for i, path in enumerate(files):
        content = path.read_text(encoding="utf-8")
        assert content in (FIXED.format(i=i), BROKEN.format(i=i)), content
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".transcheck")]
    assert not leftovers  # no temporary file left behind
    # Whatever one run skipped, a further run finishes; then nothing is left to fix.
    subprocess.run([sys.executable, "-m", "transcheck", *args], env=env, capture_output=True)
    final = subprocess.run(
        [sys.executable, "-m", "transcheck", "check", str(folder), "--diff", *args[3:]],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert final.returncode == 0, final.stdout + final.stderr
    assert final.stdout == ""
    for i, path in enumerate(files):
        assert path.read_text(encoding="utf-8") == FIXED.format(i=i)


def fake_apertium(folder: Path, body: str) -> Path:
    """A stand-in `apertium` that lists spa-eng and runs body to translate."""
    write_fake_apertium(folder, body)
    tools = folder.parent / "tools"
    if not tools.exists():
        tools.mkdir()
        for name in ("cat", "sleep"):
            found = shutil.which(name)
            assert found is not None
            (tools / name).symlink_to(found)
    return folder


def write_pair(folder: Path, n: int, shared: int) -> tuple[Path, Path]:
    """A source with `shared` sentences common to every pair and some of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    common = [f"La frase común número {k} habla del puerto." for k in range(shared)]
    own = [f"El documento {n} tiene la frase propia {k} sobre el río." for k in range(6)]
    draft_common = [f"The common sentence number {k} is about the harbour." for k in range(shared)]
    draft_own = [f"Document {n} has its own sentence {k} about the river." for k in range(6)]
    src, draft = folder / "src.es.txt", folder / "draft.en.txt"
    src.write_text("\n\n".join(common + own) + "\n", encoding="utf-8")
    draft.write_text("\n\n".join(draft_common + draft_own) + "\n", encoding="utf-8")
    return src, draft


def compare_args(src: Path, draft: Path, cache: Path) -> list[str]:
    return [
        "compare", str(src), str(draft), "--mt", "apertium", "--source-lang", "es",
        "--lang", "en", "--cache-dir", str(cache), "--isolated",
    ]  # fmt: skip


def test_two_compare_runs_share_one_cache(tmp_path: Path) -> None:
    # A slow backend widens the window in which both runs write the cache.
    bin_dir = fake_apertium(tmp_path / "bin", "sleep 0.5; cat")
    env = env_with([bin_dir, tmp_path / "tools"])
    cache = tmp_path / "cache"
    pairs = [write_pair(tmp_path / f"pair{n}", n, shared=5) for n in range(2)]
    for _round in range(2):  # the second round starts with a cache that exists
        procs = [start(compare_args(s, d, cache), env, tmp_path) for s, d in pairs]
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            assert "Traceback" not in err, err
            assert proc.returncode in (0, 1), err
            assert "translation cache" not in err, err  # no lock or damage warning
            assert "chrF" in out or "chrf" in out.lower(), out
    # Every translation is in the cache: with a backend that now fails, nothing is
    # asked of it and the comparison still has MT.
    broken = fake_apertium(tmp_path / "broken-bin", "echo 'must not be called' >&2; exit 1")
    env = env_with([broken, tmp_path / "tools"])
    for src, draft in pairs:
        done = subprocess.run(
            [sys.executable, "-m", "transcheck", *compare_args(src, draft, cache)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert "must not be called" not in done.stderr, done.stderr
        assert "MT backend apertium skipped" not in done.stderr, done.stderr
        assert done.returncode in (0, 1), done.stderr
