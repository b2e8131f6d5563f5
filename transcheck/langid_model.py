"""A fast-loading copy of py3langid's model.

py3langid ships its model LZMA-compressed; decompressing it costs 1.5–2 s on
every start, more than the rest of a `check` run. The first load unpacks the
arrays into the user cache folder as plain `.npy` files; later loads map them
into memory (about 20 ms). If the cache folder is unusable, we fall back to
py3langid's own loader.

py3langid counts its byte n-gram features by walking a DFA over the text's bytes in
a Python loop (about 1 µs a byte: 8 ms for a document sample). Its DFA is an
Aho-Corasick automaton whose trie is at most 6 bytes deep, so the state after any
byte depends on the last 6 bytes only: every state can be computed at once with
numpy, a few vectorised steps from the start state over each 6-byte window, which
gives exactly the feature sequence of the loop. That only holds for a model checked
with `aho_corasick_depth` (listed by digest in `_WINDOWS`); any other model keeps the
loop. Scoring then reads float32 copies of the model's float16 rows, made once per
row: numpy's own float16 -> float32 conversion, redone on every call, was a third of
it. The scores are bit-identical to py3langid's (tests/test_language.py compares them).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

log = logging.getLogger("transcheck")

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")

# SHA-256 of py3langid's model file -> the depth of its Aho-Corasick trie, as proved by
# `aho_corasick_depth` (py3langid 0.4.0).
_WINDOWS = {"f4f4a2c3465ca1f081541037f9cac23021d68151c2f709c55ae5eedfca522963": 6}
# Remembers the window of an unpacked model, so the digest is computed once.
_WINDOW_FILE = "window.txt"
# Below this many bytes the Python loop beats numpy's per-call overheads (CPU time per raw
# score of 200 prose slices in four languages, loop vs windowed: 36-42 vs 48-49 µs at 40
# bytes, 49-51 vs 49-53 at 64, 54-57 vs 50-54 at 80, 61-65 vs 54-56 at 96; instructions:
# 217 vs 199 k at 64 bytes, 365 vs 228 k at 128).
_SHORT_BYTES = 64
# Model rows kept converted to float32 (142 labels x 4 bytes each: 9 MB).
_CACHED_ROWS = 16384


def load_identifier(cache_dir: Path | None = None) -> Any:
    """py3langid's `LanguageIdentifier` with normalised probabilities."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = MODEL_DIR / MODEL_FILE
    folder = _unpacked_folder(model, cache_dir)
    if folder is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    import numpy as np

    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    window = _window(model, folder)
    cls = _windowed_class() if window else LanguageIdentifier
    # memoryviews index like the stdlib arrays py3langid expects, without copying.
    identifier = cls(
        # A plain ndarray view: memmap's Python-level __getitem__ cost ~15 µs a detection.
        np.asarray(arrays["ptc"]),
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        memoryview(arrays["nextmove"]),
        memoryview(arrays["out_feat"]),
        norm_probs=True,
        tk_row=memoryview(arrays["nextmove_row"]),
    )
    if window:
        identifier.set_window(window)
    return identifier


def _window(model: Path, folder: Path) -> int:
    """The trie depth of the unpacked model if it is a checked one, else 0."""
    marker = folder / _WINDOW_FILE
    try:
        return int(marker.read_text(encoding="ascii"))
    except (OSError, ValueError):
        pass
    try:
        digest = hashlib.sha256(model.read_bytes()).hexdigest()
    except OSError:
        return 0
    window = _WINDOWS.get(digest, 0)
    # A read-only cache computes the digest again next time (~10 ms).
    with contextlib.suppress(OSError):
        marker.write_text(str(window), encoding="ascii")
    return window


class WalkTables:
    """The arrays of the windowed walk over an Aho-Corasick DFA of trie depth `window`.

    `moves` (flat rows of 256 next states) and `rowbase` (state -> offset of its row, intp)
    are the DFA's; `output` is state -> feature (-1 for none) as intp, so that features
    index other arrays without a conversion. `pairs` maps two bytes (first << 8 | second)
    to the row offset of the state they lead to from the start: one lookup (a 512 KB
    table) instead of the first two steps and a row lookup. Each window is walked after
    `window - 1` bytes of `pad`, a byte that leads from the start state back to it, so
    the first bytes' shorter windows need no separate walk.
    """

    __slots__ = ("moves", "output", "pad", "pairs", "rowbase", "window")

    def __init__(self, moves: Any, rowbase: Any, output: Any, window: int, pad: int) -> None:
        import numpy as np

        self.moves, self.rowbase, self.window = moves, rowbase, window
        self.output = np.asarray(output).astype(np.intp)
        self.pad = bytes([pad]) * (window - 1)
        byte = np.arange(256, dtype=np.intp)
        first = rowbase[moves[rowbase[0] + byte].astype(np.intp)]
        second = moves[(first[:, None] + byte).ravel()]
        self.pairs = rowbase[second.astype(np.intp)]


def walk_tables(moves: Any, rowbase: Any, output: Any, window: int) -> WalkTables | None:
    """The tables of `window_features` for numpy arrays `moves`, `rowbase` (intp) and
    `output` of a DFA whose state after a byte depends on its last `window` bytes only;
    None if it has no byte leading from the start state back to it, or a window under 3."""
    import numpy as np

    back = np.flatnonzero(moves[rowbase[0] : rowbase[0] + 256] == 0)
    if window < 3 or not len(back):
        return None
    return WalkTables(moves, rowbase, output, window, int(back[0]))


def window_features(tables: WalkTables, data: bytes) -> Any:
    """The features py3langid's `visit_counts` visits over `data`, in order, as a numpy
    array of intp."""
    import numpy as np

    size = len(data)
    moves, rowbase, window = tables.moves, tables.rowbase, tables.window
    # As indices once: each step below would otherwise convert its slice.
    codes = np.frombuffer(tables.pad + data, dtype=np.uint8).astype(np.intp)
    # Every window walked from the start state at once, its first two bytes in one lookup.
    pair = codes[:size] << 8
    pair |= codes[1 : size + 1]
    offsets = tables.pairs[pair]
    for j in range(2, window - 1):
        offsets += codes[j : j + size]
        # Converted to intp first: numpy's own conversion of an index array is slower.
        offsets = rowbase[moves[offsets].astype(np.intp)]
    offsets += codes[window - 1 : window - 1 + size]
    features = tables.output[moves[offsets].astype(np.intp)]
    return features[features >= 0]


# `_first_visits` writes positions counting down from here (see there).
_FIRST_TOP = 1 << 62


@cache
def _windowed_class() -> type:
    from py3langid.langid import LanguageIdentifier, visit_counts

    class WindowedIdentifier(LanguageIdentifier):
        """py3langid's identifier with the DFA walk vectorised (see the module doc)."""

        __slots__ = ("_last_visits", "_rows32", "_shared", "_window")

        def set_window(self, window: int) -> None:
            """Walk `window` bytes at a time."""
            self._window = window
            self._rows32 = None
            # Built on first use and shared with restricted copies, which score one
            # text at a time too: [walk tables, first-visit positions, their top].
            self._shared: list[Any] = [None, None, _FIRST_TOP]
            self._last_visits: list[tuple[bytes, Any] | None] = [None]  # see `_visits`

        def _decide(self, text: Any) -> Any:
            """py3langid's `_decide`, the same float32 arithmetic in cheaper calls: the
            maximum read at `argmax` (numpy's reductions cost ~7,000 instructions each
            on 142 scores), aliases added as Python floats (a double sum of two float32
            rounds to their float32 sum)."""
            if not self._norm_probs:
                return super()._decide(text)
            import numpy as np

            data = self._encode(text)
            scores = self._raw_score(data)  # a new array
            scores *= 1.0 / math.sqrt(len(data) or 1)
            scores -= scores[scores.argmax()]
            np.exp(scores, out=scores)
            scores /= scores.sum()
            for i, j in self._alias_pairs:
                scores[i] = scores.item(i) + scores.item(j)
                scores[j] = 0.0
            return scores

        def _float_rows(self, features: Any) -> Any:
            """`self.nb_ptc[features]` in float32, from rows converted once each.

            numpy converts the float16 table rows to float32 for the product anyway
            (a third of a long text's scoring); a row converted before is reused. At
            most `_CACHED_ROWS` rows are kept (9 MB), packed in the order first seen;
            past that, rows are converted on each use. The copy belongs to the table
            it copies: a restricted copy of the identifier makes its own.
            """
            import numpy as np

            table = self.nb_ptc
            if self._rows32 is None or self._rows32[0] is not table:
                self._rows32 = (
                    table,
                    np.empty((min(len(table), _CACHED_ROWS), table.shape[1]), dtype=np.float32),
                    np.full(len(table), -1, dtype=np.intp),  # table row -> packed row
                    [0],  # packed rows in use
                )
            _, rows, slot_of, used = self._rows32
            slots = slot_of[features]
            missing = np.flatnonzero(slots < 0)
            if len(missing):
                if used[0] + len(missing) > len(rows):
                    return table[features].astype(np.float32)
                new = np.arange(used[0], used[0] + len(missing))
                rows[new] = table[features[missing]]
                slot_of[features[missing]] = new
                slots[missing] = new
                used[0] += len(missing)
            return np.take(rows, slots, axis=0)  # faster than rows[slots], same array

        def _raw_score(self, text: bytes) -> Any:
            import numpy as np

            visits = self._visits(text)
            if visits is None:
                return super()._raw_score(b"")  # py3langid's answer for no features
            order, counts = visits
            # The same float32 values numpy's mixed-type product converts to: same sum.
            return np.log1p(counts) @ self._float_rows(order) + self.nb_pc

        def _visits(self, text: bytes) -> tuple[Any, Any] | None:
            """py3langid's {feature: count} of `text` as arrays (features in order of
            first visit, the order of the sum; counts in float32), None for none. The
            last text's are kept, shared with restricted copies: a foreign sentence is
            scored again against two languages, a document sample against confusable
            ones, and the features do not depend on the languages."""
            last = self._last_visits
            if last[0] is not None and last[0][0] == text:
                return last[0][1]
            import numpy as np

            tables = self._walk_tables() if len(text) >= _SHORT_BYTES else None
            if tables is None:
                found = visit_counts(self.tk_nextmove, self._rowbase, self.tk_output, text)
                visits = found and (
                    np.fromiter(found.keys(), dtype=np.intp, count=len(found)),
                    np.fromiter(found.values(), dtype=np.float32, count=len(found)),
                )
            else:
                features = window_features(tables, text)
                visits = self._first_visits(features) if len(features) else None
            last[0] = (text, visits)
            return visits

        def _walk_tables(self) -> WalkTables | None:
            shared = self._shared
            if shared[0] is None:
                import numpy as np

                rowbase = np.asarray(self.tk_row, dtype=np.intp) << 8
                moves = np.asarray(self.tk_nextmove)
                shared[0] = walk_tables(moves, rowbase, self.tk_output, self._window) or ()
            return shared[0] or None

        def _first_visits(self, features: Any) -> tuple[Any, Any]:
            """The distinct `features` in order of first occurrence (intp) and how often
            each occurs (float32): what py3langid's Counter holds, without a sort
            (np.unique and an argsort of the first indices cost 3 times as much).

            A table indexed by feature takes the smallest position of each. Each call
            numbers its positions below those of every call before, so the entries
            left from earlier texts never win and need no reset."""
            import numpy as np

            size = len(features)
            shared = self._shared
            top = shared[2] - size
            if shared[1] is None or top < 0:
                shared[1] = np.full(len(self.nb_ptc), _FIRST_TOP, dtype=np.intp)
                top = _FIRST_TOP - size
            shared[2] = top
            at = shared[1]
            positions = np.arange(top, top + size)
            np.minimum.at(at, features, positions)
            first = at[features]  # the position of each feature's first occurrence
            is_first = first == positions
            first -= top
            counts = np.bincount(first, minlength=size)[is_first]
            return features[is_first], counts.astype(np.float32)

    return WindowedIdentifier


def aho_corasick_depth(identifier: Any) -> int | None:
    """The trie depth of the identifier's DFA if it is exactly the Aho-Corasick automaton
    of its trie (so a state depends on that many last bytes only), else None.

    Checks every transition (states x 256 bytes, ~15 s and ~250 MB): the trie is the
    breadth-first tree of the DFA, each non-root state must have exactly one parent
    one level up, and every other move must equal the move of its failure state.
    Run it on a new py3langid model before adding its digest to `_WINDOWS`.
    """
    import numpy as np

    moves = np.asarray(identifier.tk_nextmove).reshape(-1, 256)
    table = moves[np.asarray(identifier.tk_row)]  # state x byte -> next state
    states = table.shape[0]
    depth = np.full(states, -1, dtype=np.int64)
    depth[0] = 0
    levels = [np.zeros(1, dtype=np.int64)]
    while True:
        reached = np.unique(table[levels[-1]].ravel())
        reached = reached[depth[reached] < 0]
        if not len(reached):
            break
        depth[reached] = len(levels)
        levels.append(reached)
    if (depth < 0).any():
        return None  # unreachable states: not a plain trie automaton
    deeper = depth[table] == depth[:, None] + 1
    source, byte = np.nonzero(deeper)
    target = table[source, byte].astype(np.int64)
    if not (np.bincount(target, minlength=states)[1:] == 1).all():
        return None
    parent = np.zeros(states, dtype=np.int64)
    parent_byte = np.zeros(states, dtype=np.int64)
    parent[target], parent_byte[target] = source, byte
    fail = np.zeros(states, dtype=np.int64)
    for level in levels[2:]:
        fail[level] = table[fail[parent[level]], parent_byte[level]]
    for start in range(0, states, 8192):
        block = slice(start, min(states, start + 8192))
        expected = np.where(deeper[block], table[block], table[fail[block]])
        if start == 0:
            expected[0] = np.where(deeper[0], table[0], 0)
        if not (table[block] == expected).all():
            return None
    return len(levels) - 1


def _unpacked_folder(model: Path, cache_dir: Path | None) -> Path | None:
    """The folder of the unpacked model, unpacking it on first use.

    Folders are named by the model's content, so that reinstalling py3langid (same
    file, new mtime: every new virtual environment) does not unpack another 66 MB
    copy. A link named by size and mtime points at that folder: later starts find it
    without reading the 4.5 MB model to hash it."""
    try:
        stat = model.stat()
        root = cache_dir or _default_cache_dir()
        link = root / f"py3langid-{stat.st_size}-{int(stat.st_mtime)}"
        if _complete(link):
            return link
        digest = hashlib.sha256(model.read_bytes()).hexdigest()[:16]
        folder = root / f"py3langid-{stat.st_size}-{digest}"
        if not _complete(folder):
            _unpack(model, folder)
        _link(link, folder)
        return folder
    except (OSError, ValueError) as exc:
        log.debug("py3langid model cache unavailable (%s); loading the packed model", exc)
        return None


def _complete(folder: Path) -> bool:
    return all((folder / f"{name}.npy").is_file() for name in _ARRAYS)


def _link(link: Path, folder: Path) -> None:
    """Point `link` at `folder` (relative, replaced atomically); without symlinks (some
    file systems) the model is hashed on each start instead (~10 ms)."""
    temporary = link.with_name(f".{link.name}-{os.getpid()}")
    try:
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link, ignore_errors=True)  # an incomplete folder of the old layout
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(folder.name, target_is_directory=True)
        os.replace(temporary, link)
    except OSError as exc:
        log.debug("cannot link %s to %s (%s)", link, folder, exc)
        with contextlib.suppress(OSError):
            temporary.unlink()


def _unpack(model: Path, folder: Path) -> None:
    import lzma

    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".py3langid-", dir=folder.parent))
    try:
        with lzma.open(model) as packed, tempfile.TemporaryFile(dir=staging) as npz:
            shutil.copyfileobj(packed, npz, length=1 << 20)
            npz.seek(0)
            with np.load(npz, allow_pickle=False) as data:
                for name in _ARRAYS:
                    np.save(staging / f"{name}.npy", data[name], allow_pickle=False)
        try:
            os.replace(staging, folder)
        except OSError:
            if not folder.is_dir():  # another process may have won the race; that is fine
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _default_cache_dir() -> Path:
    from transcheck.paths import default_cache_dir

    return default_cache_dir()
