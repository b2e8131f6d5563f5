"""Translation cache: hits skip the backend, concurrent processes, damaged files."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from transcheck.mt.base import MTError
from transcheck.mt.cache import CachedTranslator, TranslationCache, cache_key, default_cache_dir

REPO_ROOT = Path(__file__).resolve().parents[1]


class CountingTranslator:
    """A fake backend that upper-cases and records every call."""

    name = "fake"

    def __init__(self, version: str = "1") -> None:
        self.version = version
        self.calls: list[list[str]] = []

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        return f"fake:{self.version}:{src}-{tgt}"

    def pairs(self) -> set[tuple[str, str]]:
        return {("es", "en")}

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        self.calls.append(list(texts))
        return [t.upper() for t in texts]


@pytest.fixture
def cache(tmp_path: Path) -> TranslationCache:
    return TranslationCache(tmp_path / "mt.sqlite3")


def test_second_identical_translate_makes_no_backend_call(cache: TranslationCache) -> None:
    fake = CountingTranslator()
    cached = CachedTranslator(fake, cache)
    texts = ["hola", "adiós", "hola"]
    assert cached.translate(texts, "es", "en") == ["HOLA", "ADIÓS", "HOLA"]
    assert fake.calls == [["hola", "adiós"]]  # duplicates translated once
    assert cached.translate(texts, "es", "en") == ["HOLA", "ADIÓS", "HOLA"]
    assert len(fake.calls) == 1


def test_only_misses_reach_the_backend_in_one_batch(cache: TranslationCache) -> None:
    fake = CountingTranslator()
    cached = CachedTranslator(fake, cache)
    cached.translate(["uno", "dos"], "es", "en")
    assert cached.translate(["dos", "tres", "uno", "cuatro"], "es", "en") == [
        "DOS", "TRES", "UNO", "CUATRO",
    ]  # fmt: skip
    assert fake.calls == [["uno", "dos"], ["tres", "cuatro"]]
    assert cached.translate([], "es", "en") == []
    assert len(fake.calls) == 2


def test_key_separates_ident_pair_and_text(cache: TranslationCache) -> None:
    old, new = CountingTranslator("1"), CountingTranslator("2")
    CachedTranslator(old, cache).translate(["hola"], "es", "en")
    CachedTranslator(new, cache).translate(["hola"], "es", "en")
    CachedTranslator(new, cache).translate(["hola"], "es", "pt")
    assert len(new.calls) == 2 and len(cache) == 3
    assert cache_key("a", "b", "c", "d") != cache_key("a", "b", "c\x00", "d")
    assert cache_key("a:b", "c", "d", "e") != cache_key("a", "b:c", "d", "e")


def test_entries_of_an_older_key_revision_are_not_served(
    cache: TranslationCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows written before a change in how a backend is called must not be reused."""
    from transcheck.mt import cache as cache_module

    monkeypatch.setattr(cache_module, "KEY_REVISION", cache_module.KEY_REVISION - 1)
    CachedTranslator(CountingTranslator("1"), cache).translate(["hola"], "es", "en")
    monkeypatch.undo()
    fresh = CountingTranslator("1")
    CachedTranslator(fresh, cache).translate(["hola"], "es", "en")
    assert fresh.calls == [["hola"]] and len(cache) == 2


def test_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "mt.sqlite3"
    with TranslationCache(path) as first:
        CachedTranslator(CountingTranslator(), first).translate(["hola"], "es", "en")
    fake = CountingTranslator()
    with TranslationCache(path) as second:
        assert CachedTranslator(fake, second).translate(["hola"], "es", "en") == ["HOLA"]
    assert fake.calls == []
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_wrong_number_of_outputs_is_an_error(cache: TranslationCache) -> None:
    class Short(CountingTranslator):
        def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
            return ["only one"]

    with pytest.raises(MTError, match="fake returned 1 translations for 2 texts"):
        CachedTranslator(Short(), cache).translate(["a", "b"], "es", "en")
    assert len(cache) == 0


@pytest.mark.parametrize(
    "garbage", [b"this is not a database" * 200, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_damaged_file_is_rebuilt_with_a_warning(
    tmp_path: Path, garbage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "mt.sqlite3"
    path.write_bytes(garbage)
    fake = CountingTranslator()
    with caplog.at_level(logging.WARNING, logger="transcheck.mt.cache"):
        cached = CachedTranslator(fake, TranslationCache(path))
        assert cached.translate(["hola"], "es", "en") == ["HOLA"]
    assert "damaged" in caplog.text and "rebuilding" in caplog.text
    fake2 = CountingTranslator()
    assert CachedTranslator(fake2, TranslationCache(path)).translate(["hola"], "es", "en")
    assert fake2.calls == []  # the rebuilt file works as a cache


def test_unusable_location_turns_caching_off_not_fatal(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    fake = CountingTranslator()
    with caplog.at_level(logging.WARNING, logger="transcheck.mt.cache"):
        cached = CachedTranslator(fake, TranslationCache(blocker / "mt.sqlite3"))
        assert cached.translate(["hola"], "es", "en") == ["HOLA"]
        assert cached.translate(["hola"], "es", "en") == ["HOLA"]
    assert "caching is off" in caplog.text
    assert len(fake.calls) == 2


def test_default_cache_dir_is_resolved_at_call_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sys.platform in ("win32", "darwin"):
        pytest.skip("XDG layout is Linux-only")
    monkeypatch.delenv("TRANSCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "transcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "transcheck"
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"


BATCHES = 150
_WRITER = """
import sys
from transcheck.mt.cache import CachedTranslator, TranslationCache

class Fake:
    name = "fake"
    def ident(self, src=None, tgt=None):
        return "fake:1"
    def pairs(self):
        return {("es", "en")}
    def translate(self, texts, src, tgt):
        return [t.upper() for t in texts]

import pathlib, time

worker = int(sys.argv[2])
cache = TranslationCache(sys.argv[1], busy_timeout_ms=60_000)
translator = CachedTranslator(Fake(), cache)
folder = pathlib.Path(sys.argv[1]).parent
(folder / f"ready-{worker}").touch()
while not (folder / "go").exists():  # start together, so the writes really overlap
    time.sleep(0.005)
for batch in range(BATCHES):
    # both workers write the shared texts and their own ones, in small transactions
    texts = [f"shared {batch} {i}" for i in range(10)]
    texts += [f"worker {worker} {batch} {i}" for i in range(10)]
    out = translator.translate(texts, "es", "en")
    assert out == [t.upper() for t in texts], "wrong translation"
print("ok")
"""


def test_two_processes_share_one_cache(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER.replace("BATCHES", str(BATCHES)), str(path), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in (1, 2)
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{n}").exists() for n in (1, 2)):
        assert time.monotonic() < deadline, "workers did not start"
        time.sleep(0.01)
    (tmp_path / "go").touch()
    results = [w.communicate(timeout=120) for w in workers]
    for worker, (out, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err
        assert out.strip() == "ok" and err == ""  # no cache warnings either
    with TranslationCache(path) as cache:
        assert len(cache) == BATCHES * 10 + 2 * BATCHES * 10
        texts = [f"worker 2 {BATCHES - 1} {i}" for i in range(10)] + ["shared 0 0"]
        assert cache.get_many("fake:1", "es", "en", texts) == {t: t.upper() for t in texts}
