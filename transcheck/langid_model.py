"""A fast-loading copy of py3langid's model.

py3langid ships its model LZMA-compressed; decompressing it costs 1.5–2 s on
every start, more than the rest of a `check` run. The first load unpacks the
arrays into the user cache folder as plain `.npy` files; later loads map them
into memory (about 20 ms). If the cache folder is unusable, we fall back to
py3langid's own loader.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("transcheck")

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def load_identifier(cache_dir: Path | None = None) -> Any:
    """py3langid's `LanguageIdentifier` with normalised probabilities."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = MODEL_DIR / MODEL_FILE
    folder = _unpacked_folder(model, cache_dir)
    if folder is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    import numpy as np

    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    # memoryviews index like the stdlib arrays py3langid expects, without copying.
    return LanguageIdentifier(
        arrays["ptc"],
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        memoryview(arrays["nextmove"]),
        memoryview(arrays["out_feat"]),
        norm_probs=True,
        tk_row=memoryview(arrays["nextmove_row"]),
    )


def _unpacked_folder(model: Path, cache_dir: Path | None) -> Path | None:
    try:
        stat = model.stat()
        root = cache_dir or _default_cache_dir()
        folder = root / f"py3langid-{stat.st_size}-{int(stat.st_mtime)}"
        if all((folder / f"{name}.npy").is_file() for name in _ARRAYS):
            return folder
        _unpack(model, folder)
        return folder
    except (OSError, ValueError) as exc:
        log.debug("py3langid model cache unavailable (%s); loading the packed model", exc)
        return None


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
