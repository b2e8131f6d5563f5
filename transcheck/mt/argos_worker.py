"""The process that runs argostranslate for ArgosTranslator, so a hung call can be killed.

    python -m transcheck.mt.argos_worker

Protocol: one JSON object per line (ASCII), answered in order. {"settings": {...}}
(the argos settings the parent routed with, sent first and whenever they or the
installed packages change) gets {"ready": true}; {"src": "es", "tgt": "en", "texts":
[...]} gets {"out": [...]}; either may get {"error": "one line", "unavailable": bool}
instead. End of input ends the worker.

argostranslate imports spaCy and stanza for sentence splitters that download models,
which ArgosTranslator refuses (check_offline_splitter); both import torch (about 2 s
and 300 MB). The worker leaves them out, so it starts in about 0.3 s.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import IO, Any

from transcheck.mt.base import MTError, MTUnavailable, arrow, no_argos_model

# Settings that decide which model runs and how; paths travel as strings.
_PATH_SETTINGS = ("package_data_dir", "data_dir", "local_package_index")
_PLAIN_SETTINGS = ("intra_threads", "inter_threads", "device", "compute_type")


def snapshot(settings: Any) -> dict[str, Any]:
    """The parent's argos settings, so the worker loads exactly what the parent routed."""
    out: dict[str, Any] = {k: str(getattr(settings, k)) for k in _PATH_SETTINGS}
    out.update({k: getattr(settings, k) for k in _PLAIN_SETTINGS})
    out["package_dirs"] = [str(p) for p in settings.package_dirs]
    out["chunk_type"] = settings.chunk_type.name
    return out


def apply(settings: Any, values: dict[str, Any]) -> None:
    for key in _PATH_SETTINGS:
        setattr(settings, key, Path(values[key]))
    for key in _PLAIN_SETTINGS:
        setattr(settings, key, values[key])
    settings.package_dirs = [Path(p) for p in values["package_dirs"]]
    settings.chunk_type = settings.ChunkType[values["chunk_type"]]


class _Refused(ModuleType):
    """Stands in for stanza: any use says why instead of importing torch."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise MTUnavailable(
            "argos wants the stanza sentence splitter, which downloads models; "
            "transcheck translates offline only (unset ARGOS_CHUNK_TYPE)"
        )


def configure(values: dict[str, Any]) -> None:
    """Apply the parent's settings; the first call imports argostranslate.translate."""
    sys.modules.setdefault("spacy", None)  # type: ignore[arg-type]  (argos: "not installed")
    sys.modules.setdefault("stanza", _Refused("stanza"))
    import argostranslate.settings as settings

    apply(settings, values)
    import argostranslate.translate as translate

    # Forget what argos cached under the old settings and packages.
    translate.get_installed_languages.cache_clear()
    translate.installed_translates.clear()
    sbd = sys.modules["argostranslate.sbd"]
    sbd.minisbd_models.cache_dir = str(settings.data_dir / "minisbd")


def load_translation(src: str, tgt: str) -> Any:
    """argos's own translation object for src→tgt (argos caches loaded models)."""
    import argostranslate.translate as translate

    try:
        translation = translate.get_translation_from_codes(src, tgt)
    except (AttributeError, OSError, ValueError, RuntimeError) as exc:
        raise MTError(f"argos could not load the {arrow(src, tgt)} model: {exc}") from None
    if translation is None:  # argos's own check can disagree with the parent's route
        raise MTUnavailable(no_argos_model(src, tgt))
    return translation


def translate_one(translation: Any, text: str, src: str, tgt: str) -> str:
    try:
        return str(translation.translate(text))
    except Exception as exc:  # ctranslate2/onnxruntime raise plain RuntimeError and more
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise MTError(f"argos failed to translate {arrow(src, tgt)}: {message}") from None


def answer(request: dict[str, Any]) -> dict[str, Any]:
    try:
        if "settings" in request:
            configure(request["settings"])
            return {"ready": True}
        src, tgt, texts = request["src"], request["tgt"], request["texts"]
        translation = load_translation(src, tgt)
        return {"out": [translate_one(translation, t, src, tgt) for t in texts]}
    except MTError as exc:
        return {"error": str(exc), "unavailable": isinstance(exc, MTUnavailable)}
    except Exception as exc:  # a bug or an odd failure: one line to the parent, no traceback
        return {"error": f"argos worker failed: {exc!r}", "unavailable": False}


def _send(channel: IO[str], message: dict[str, Any]) -> None:
    channel.write(json.dumps(message) + "\n")  # ensure_ascii: no encoding surprises
    channel.flush()


def _exit_with_parent() -> None:
    """A worker stuck in a translation cannot read EOF: leave when the parent is gone."""
    parent = os.getppid()
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def main() -> None:
    # The protocol gets its own copy of stdout; fd 1 then points at stderr, so whatever
    # argos or its C++ libraries print cannot break a message.
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="ascii")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    threading.Thread(target=_exit_with_parent, daemon=True).start()

    for line in sys.stdin:
        _send(channel, answer(json.loads(line)))


if __name__ == "__main__":
    main()
