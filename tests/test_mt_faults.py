"""MT backend faults through the CLI: each one is a clear note, never fatal.

`check DRAFT --source SRC --mt apertium|argos` with the backend missing, crashing,
hanging, returning fewer lines, a corrupted argos model, a locked or corrupted cache.
In every case the other rules still run: the exit code is the one of the same check
with `--mt none` (0 or 1), never 2, and stderr has no traceback.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import write_fake_apertium

from transcheck.mt.cache import CACHE_FILE

REPO = Path(__file__).resolve().parents[1]

# Texts written for these tests. The draft has one known finding (a double space).
SOURCE = (
    "El tren sale de la estación a las ocho.\n\n"
    "Los viajeros esperan en el andén con sus maletas.\n\n"
    "La ciudad es famosa por sus puentes antiguos.\n"
)
DRAFT = (
    "The train leaves the station at eight.\n\n"
    "The travellers wait on the platform with  their suitcases.\n\n"
    "The city is famous for its old bridges.\n"
)


def fake_apertium(folder: Path, body: str) -> Path:
    """A stand-in `apertium` on PATH that lists spa-eng and runs body to translate."""
    write_fake_apertium(folder, body)
    return folder


def _tools(tmp_path: Path) -> Path:
    """A folder with the commands the fake scripts use, and nothing else."""
    folder = tmp_path / "tools"
    if not folder.exists():
        folder.mkdir()
        for name in ("cat", "head", "sleep"):
            found = shutil.which(name)
            assert found is not None, name
            (folder / name).symlink_to(found)
    return folder


def write_pair(tmp_path: Path) -> tuple[Path, Path]:
    src, draft = tmp_path / "source.es.txt", tmp_path / "draft.en.txt"
    src.write_text(SOURCE, encoding="utf-8")
    draft.write_text(DRAFT, encoding="utf-8")
    return src, draft


def run_check(
    tmp_path: Path,
    mt: str,
    *,
    bin_dir: Path | None = None,
    extra_env: dict[str, str] | None = None,
    cache: bool = True,
    cache_dir: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    src, draft = write_pair(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRANSCHECK_", "ARGOS_"))}
    # Only our bin folder and a few basic tools: never the real apertium.
    env["PATH"] = os.pathsep.join([*([str(bin_dir)] if bin_dir else []), str(_tools(tmp_path))])
    env["PYTHONPATH"] = str(REPO)
    env.update(extra_env or {})
    args = [sys.executable, "-m", "transcheck", "check", str(draft), "--source", str(src)]
    args += ["--mt", mt, "--lang", "en", "--source-lang", "es", "--isolated"]
    args += ["--cache-dir", str(cache_dir or tmp_path / "cache")] if cache else ["--no-cache"]
    return subprocess.run(
        args, capture_output=True, text=True, env=env, timeout=timeout, check=False, cwd=tmp_path
    )


@pytest.fixture(scope="module")
def baseline_code(tmp_path_factory: pytest.TempPathFactory) -> int:
    """Exit code of the same check with MT off: what every fault must keep."""
    done = run_check(tmp_path_factory.mktemp("baseline"), "none")
    assert done.returncode in (0, 1), done.stderr
    assert "double-space" in done.stdout
    return done.returncode


def assert_degraded(done: subprocess.CompletedProcess[str], baseline: int, *expected: str) -> None:
    """Same exit code as without MT, the other rules reported, a clear note, no traceback."""
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == baseline, done.stderr
    assert done.returncode != 2
    assert "double-space" in done.stdout  # the other rules still ran
    for text in expected:
        assert text in done.stderr, done.stderr


# -- apertium ----------------------------------------------------------------------


def test_apertium_missing(tmp_path: Path, baseline_code: int) -> None:
    done = run_check(tmp_path, "apertium", bin_dir=tmp_path / "empty-bin")
    assert_degraded(done, baseline_code, "transcheck: note:", "apertium", "was not found")
    assert "apt-get install apertium" in done.stderr


def test_apertium_crashing(tmp_path: Path, baseline_code: int) -> None:
    body = "cat > /dev/null; echo 'Segmentation fault' >&2; exit 139"
    bin_dir = fake_apertium(tmp_path / "bin", body)
    done = run_check(tmp_path, "apertium", bin_dir=bin_dir)
    assert_degraded(done, baseline_code, "apertium spa-eng failed (exit 139): Segmentation fault")


def test_apertium_killed_by_a_signal(tmp_path: Path, baseline_code: int) -> None:
    bin_dir = fake_apertium(tmp_path / "bin", "cat > /dev/null; kill -9 $$")
    done = run_check(tmp_path, "apertium", bin_dir=bin_dir)
    assert_degraded(done, baseline_code, "apertium spa-eng failed (exit -9)")


def test_apertium_hanging_times_out(tmp_path: Path, baseline_code: int) -> None:
    # The grandchild `sleep` keeps the pipe open: the whole process group must be killed.
    bin_dir = fake_apertium(tmp_path / "bin", "cat > /dev/null; sleep 60 | cat")
    started = time.monotonic()
    done = run_check(
        tmp_path, "apertium", bin_dir=bin_dir, extra_env={"TRANSCHECK_MT_TIMEOUT": "1"}
    )
    assert time.monotonic() - started < 30
    assert_degraded(done, baseline_code, "apertium spa-eng did not finish within 1 s")


def test_apertium_returning_fewer_lines(tmp_path: Path, baseline_code: int) -> None:
    bin_dir = fake_apertium(tmp_path / "bin", "head -n 1")
    done = run_check(tmp_path, "apertium", bin_dir=bin_dir)
    assert_degraded(done, baseline_code, "returned 1 lines for 3 input lines")


def test_apertium_returning_garbage_bytes(tmp_path: Path, baseline_code: int) -> None:
    bin_dir = fake_apertium(tmp_path / "bin", "cat > /dev/null; printf 'a\\377\\376\\nb\\nc\\n'")
    done = run_check(tmp_path, "apertium", bin_dir=bin_dir)
    # Undecodable bytes are replaced, the lines align: MT runs, nothing is fatal.
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1)
    assert "double-space" in done.stdout


def test_mt_timeout_env_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from transcheck.mt.apertium import ApertiumTranslator
    from transcheck.mt.base import DEFAULT_TIMEOUT

    translator = ApertiumTranslator()
    assert translator.timeout == DEFAULT_TIMEOUT
    monkeypatch.setenv("TRANSCHECK_MT_TIMEOUT", "2.5")
    assert translator.timeout == 2.5
    for bad in ("soon", "-1", "0"):
        monkeypatch.setenv("TRANSCHECK_MT_TIMEOUT", bad)
        assert translator.timeout == DEFAULT_TIMEOUT
    assert ApertiumTranslator(timeout=0.5).timeout == 0.5  # an explicit value wins


# -- cache -------------------------------------------------------------------------


def test_cache_corrupted_is_rebuilt(tmp_path: Path, baseline_code: int) -> None:
    bin_dir = fake_apertium(tmp_path / "bin", "cat")
    cache_file = tmp_path / "cache" / CACHE_FILE
    cache_file.parent.mkdir()
    cache_file.write_bytes(b"this is not an sqlite database\n" * 200)
    done = run_check(tmp_path, "apertium", bin_dir=bin_dir)
    assert_degraded(done, baseline_code, "translation cache", "damaged", "rebuilding")
    with sqlite3.connect(cache_file) as conn:
        assert conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0] > 0


def test_cache_truncated_is_rebuilt(tmp_path: Path, baseline_code: int) -> None:
    bin_dir = fake_apertium(tmp_path / "bin", "cat")
    assert run_check(tmp_path, "apertium", bin_dir=bin_dir).returncode == baseline_code
    cache_file = tmp_path / "cache" / CACHE_FILE
    for suffix in ("-wal", "-shm"):
        Path(f"{cache_file}{suffix}").unlink(missing_ok=True)
    data = cache_file.read_bytes()
    cache_file.write_bytes(data[:100] + b"\x00" * 50 + data[150 : len(data) // 2])
    done = run_check(tmp_path, "apertium", bin_dir=bin_dir)
    assert "Traceback" not in done.stderr
    assert done.returncode == baseline_code


def _hold_exclusive_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that holds `BEGIN EXCLUSIVE` on the cache for `seconds`."""
    code = (
        "import sqlite3, sys, time\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(float(sys.argv[2]))\n"
        "conn.execute('COMMIT')\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_cache_locked_longer_than_the_timeout(tmp_path: Path, baseline_code: int) -> None:
    bin_dir = fake_apertium(tmp_path / "bin", "cat")
    locker = _hold_exclusive_lock(tmp_path / "cache" / CACHE_FILE, 30)
    try:
        started = time.monotonic()
        done = run_check(
            tmp_path, "apertium", bin_dir=bin_dir, extra_env={"TRANSCHECK_CACHE_TIMEOUT": "1"}
        )
        assert time.monotonic() - started < 25  # did not wait for the lock to go
    finally:
        locker.kill()
        locker.wait()
    assert_degraded(done, baseline_code, "translation cache")
    assert "MT backend" not in done.stderr  # MT itself ran, only the cache was skipped


def test_cache_locked_briefly_waits_and_stores(tmp_path: Path, baseline_code: int) -> None:
    bin_dir = fake_apertium(tmp_path / "bin", "cat")
    cache_file = tmp_path / "cache" / CACHE_FILE
    locker = _hold_exclusive_lock(cache_file, 1.5)
    done = run_check(tmp_path, "apertium", bin_dir=bin_dir)
    locker.wait()
    assert_degraded(done, baseline_code)
    assert "translation cache" not in done.stderr
    with sqlite3.connect(cache_file) as conn:
        assert conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0] > 0


def _root_cannot_write(folder: Path) -> bool:
    try:
        (folder / "transcheck-probe").open("w").close()
    except OSError:
        return True
    (folder / "transcheck-probe").unlink()
    return False


def test_cache_folder_not_writable(tmp_path: Path, baseline_code: int) -> None:
    bin_dir = fake_apertium(tmp_path / "bin", "cat")
    if os.geteuid() == 0:
        # Root writes through permission bits (CI runs as root); sysfs refuses new files
        # even to root, so it stands in for a folder the user may not write to.
        sysfs = Path("/sys")
        if not (sysfs.is_dir() and _root_cannot_write(sysfs)):
            pytest.skip("no folder root cannot write to")
        done = run_check(tmp_path, "apertium", bin_dir=bin_dir, cache_dir=sysfs)
    else:
        (tmp_path / "cache").mkdir()
        (tmp_path / "cache").chmod(0o500)
        try:
            done = run_check(tmp_path, "apertium", bin_dir=bin_dir)
        finally:
            (tmp_path / "cache").chmod(0o700)
    assert_degraded(done, baseline_code, "translation cache", "caching is off")


def test_cache_path_is_a_file(tmp_path: Path, baseline_code: int) -> None:
    bin_dir = fake_apertium(tmp_path / "bin", "cat")
    (tmp_path / "cache").write_text("not a folder")
    done = run_check(tmp_path, "apertium", bin_dir=bin_dir)
    assert_degraded(done, baseline_code, "translation cache", "caching is off")


# -- argos -------------------------------------------------------------------------


def _install_argos(tiny_argos_models: dict[str, Path], root: Path) -> dict[str, str]:
    """Unpack the tiny es→en package into a fresh argos home; return its environment."""
    import zipfile

    from argos_fixture import argos_env

    env = argos_env(root)
    packages = Path(env["ARGOS_PACKAGES_DIR"])
    packages.mkdir(parents=True)
    with zipfile.ZipFile(tiny_argos_models["es_en"]) as archive:
        archive.extractall(packages)
    return env


def test_argos_working_model_is_used(
    tmp_path: Path, tiny_argos_models: dict[str, Path], baseline_code: int
) -> None:
    env = _install_argos(tiny_argos_models, tmp_path / "argos")
    done = run_check(tmp_path, "argos", extra_env=env, cache=False)
    assert_degraded(done, baseline_code)
    assert "argos" not in done.stderr


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("model", "argos"),  # model.bin overwritten with garbage
        ("sentencepiece", "argos"),  # tokenizer model unreadable
        ("metadata", "argos"),  # metadata.json is not JSON
    ],
)
def test_argos_corrupted_package(
    tmp_path: Path,
    tiny_argos_models: dict[str, Path],
    baseline_code: int,
    damage: str,
    expected: str,
) -> None:
    env = _install_argos(tiny_argos_models, tmp_path / "argos")
    package = next(Path(env["ARGOS_PACKAGES_DIR"]).iterdir())
    if damage == "model":
        (package / "model" / "model.bin").write_bytes(b"\x00garbage" * 100)
    elif damage == "sentencepiece":
        (package / "sentencepiece.model").write_bytes(b"not a sentencepiece model")
    else:
        (package / "metadata.json").write_text("{ not json", encoding="utf-8")
    done = run_check(tmp_path, "argos", extra_env=env, cache=False)
    assert_degraded(done, baseline_code, "transcheck: note:", expected)


def test_argos_hanging_times_out(
    tmp_path: Path, tiny_argos_models: dict[str, Path], baseline_code: int
) -> None:
    # sitecustomize (run at start-up by the CLI process) points argos at a worker that
    # loads the model through argos and then never returns from translating.
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import transcheck.mt.argos as argos\nargos.WORKER_MODULE = 'hanging_argos_worker'\n",
        encoding="utf-8",
    )
    (hooks / "hanging_argos_worker.py").write_text(
        "import time\n"
        "from transcheck.mt import argos_worker\n"
        "load = argos_worker.load_translation\n"
        "def hanging(src, tgt):\n"
        "    translation = load(src, tgt)\n"
        "    translation.translate = lambda text: time.sleep(3600)\n"
        "    return translation\n"
        "argos_worker.load_translation = hanging\n"
        "argos_worker.main()\n",
        encoding="utf-8",
    )
    env = _install_argos(tiny_argos_models, tmp_path / "argos")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(hooks)])
    env["TRANSCHECK_MT_TIMEOUT"] = "2"
    done = run_check(tmp_path, "argos", extra_env=env, cache=False)
    assert_degraded(
        done,
        baseline_code,
        "transcheck: note:",
        "argos es→en did not finish within 2 s; raise TRANSCHECK_MT_TIMEOUT",
    )
