"""An sqlite cache of machine translations, shared safely between processes.

The cache is an optimisation, never a point of failure: a damaged file is rebuilt and
any other database error turns into a cache miss, each with a warning on stderr.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from transcheck.mt.base import MTError, Translator
from transcheck.paths import default_cache_dir  # noqa: F401  (re-exported)

log = logging.getLogger(__name__)
T = TypeVar("T")

CACHE_FILE = "mt-cache.sqlite3"
_SCHEMA = """CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    ident TEXT NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    translation TEXT NOT NULL,
    created REAL NOT NULL
)"""
# Part of every key. Bump it when transcheck changes how it calls a backend in a way
# that changes the output under the same ident (2: Apertium batches separate texts
# by a blank line; one per line let its transfer rules move words between texts).
KEY_REVISION = 2
_CHUNK = 500  # keys per SELECT; below SQLite's bound-parameter limit


def _busy_ms() -> int:
    """How long to wait for another process's lock: TRANSCHECK_CACHE_TIMEOUT seconds, or 30."""
    raw = os.environ.get("TRANSCHECK_CACHE_TIMEOUT", "").strip()
    try:
        seconds = float(raw) if raw else 30.0
    except ValueError:
        seconds = 30.0
    return int(max(0.0, seconds) * 1000)


def cache_key(ident: str, src: str, tgt: str, text: str) -> str:
    """sha256 of the JSON list, so no choice of separator can make two keys collide."""
    payload = json.dumps([KEY_REVISION, ident, src, tgt, text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _warn(message: str) -> None:
    # logging's last-resort handler prints warnings to stderr when nothing is configured.
    log.warning("transcheck: translation cache: %s", message)


class TranslationCache:
    """Translations keyed by (ident, src, tgt, text) in an sqlite file (WAL mode)."""

    def __init__(self, path: Path | str, busy_timeout_ms: int | None = None) -> None:
        self.path = Path(path)
        self.busy_timeout_ms = busy_timeout_ms if busy_timeout_ms is not None else _busy_ms()
        self._conn: sqlite3.Connection | None = None
        self._disabled = False
        self._lock = threading.Lock()

    # -- connection ------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._retry_busy(self._open_once)

    def _open_once(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path,
            timeout=self.busy_timeout_ms / 1000,
            check_same_thread=False,
            isolation_level=None,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute(_SCHEMA)
            conn.execute("SELECT 1 FROM translations LIMIT 1").fetchall()
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def _retry_busy(self, action: Callable[[], T]) -> T:
        """Run action, retrying SQLITE_BUSY until the busy timeout.

        SQLite skips the busy handler in some cases (switching to WAL while another
        process creates the file, WAL recovery), so "database is locked" can come back
        at once; a short randomised retry resolves it.
        """
        deadline = time.monotonic() + self.busy_timeout_ms / 1000
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(random.uniform(0.005, 0.05))

    def _connection(self) -> sqlite3.Connection | None:
        """The open connection; rebuilds a damaged file; None when caching is off."""
        if self._conn is not None or self._disabled:
            return self._conn
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                return self._disable(f"cannot open {self.path} ({exc}); caching is off")
            _warn(f"{self.path} is damaged ({exc}); rebuilding it")
            self._remove_files()
            try:
                self._conn = self._open()
            except (sqlite3.Error, OSError) as again:
                return self._disable(f"cannot rebuild {self.path} ({again}); caching is off")
        except OSError as exc:
            return self._disable(f"cannot create {self.path} ({exc}); caching is off")
        return self._conn

    def _disable(self, message: str) -> None:
        _warn(message)
        self._disabled = True
        return None

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- data ------------------------------------------------------------

    def get_many(self, ident: str, src: str, tgt: str, texts: Iterable[str]) -> dict[str, str]:
        """Cached translations of the given texts, by text (misses are absent)."""
        by_key = {cache_key(ident, src, tgt, t): t for t in texts}
        found: dict[str, str] = {}
        with self._lock:
            conn = self._connection()
            if conn is None:
                return found
            keys = list(by_key)
            try:
                for start in range(0, len(keys), _CHUNK):
                    chunk = keys[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT key, translation FROM translations WHERE key IN ({marks})"
                    rows = self._retry_busy(lambda q=query, c=chunk: conn.execute(q, c).fetchall())
                    found.update((by_key[key], value) for key, value in rows)
            except sqlite3.Error as exc:
                _warn(f"lookup failed ({exc}); translating without the cache")
        return found

    def put_many(self, ident: str, src: str, tgt: str, items: Iterable[tuple[str, str]]) -> None:
        """Store (text, translation) pairs in one transaction."""
        now = time.time()
        rows = [(cache_key(ident, src, tgt, t), ident, src, tgt, out, now) for t, out in items]
        if not rows:
            return
        with self._lock:
            conn = self._connection()
            if conn is None:
                return
            try:
                self._retry_busy(lambda: _insert(conn, rows))
            except sqlite3.Error as exc:
                _warn(f"could not store {len(rows)} translations ({exc})")

    def __len__(self) -> int:
        with self._lock:
            conn = self._connection()
            if conn is None:
                return 0
            try:
                return int(conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0])
            except sqlite3.Error:
                return 0


def _insert(conn: sqlite3.Connection, rows: list[tuple[str, str, str, str, str, float]]) -> None:
    with conn:  # BEGIN ... COMMIT, or ROLLBACK on error
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)", rows)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """True for "file is not a database" / "malformed", not for locks or permissions."""
    if isinstance(exc, sqlite3.OperationalError):
        return "malformed" in str(exc) or "not a database" in str(exc)
    return True


class CachedTranslator:
    """Any Translator behind a TranslationCache: only misses reach the backend."""

    def __init__(self, inner: Translator, cache: TranslationCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        return self.inner.ident(src, tgt)

    def pairs(self) -> set[tuple[str, str]]:
        return self.inner.pairs()

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        if not texts:
            return []
        ident = self.inner.ident(src, tgt)
        known = self.cache.get_many(ident, src, tgt, texts)
        misses = list(dict.fromkeys(t for t in texts if t not in known))
        if misses:
            fresh = self.inner.translate(misses, src, tgt)
            if len(fresh) != len(misses):
                raise MTError(
                    f"{self.name} returned {len(fresh)} translations for {len(misses)} texts"
                )
            new = dict(zip(misses, fresh, strict=True))
            self.cache.put_many(ident, src, tgt, new.items())
            known.update(new)
        return [known[t] for t in texts]
