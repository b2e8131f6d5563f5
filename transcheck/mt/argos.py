"""Argos Translate (CTranslate2 neural models) with installed packages only.

`import argostranslate.translate` costs about 2 s (stanza, spaCy, torch), so it happens
inside the methods that translate; listing pairs imports only `argostranslate.package`.
Nothing here downloads: a package that would fetch a sentence splitter on first use is
refused with an explanation instead.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from transcheck.mt.base import MTError, MTUnavailable, arrow

PIP_HINT = "install it with `pip install 'transcheck[argos]'`"


def install_hint(src: str, tgt: str) -> str:
    return f"install one with `transcheck models install {src} {tgt}`"


def import_argos(module: str = "package") -> ModuleType:
    """Import argostranslate.<module>, with one intra-op thread unless the user chose.

    With CTranslate2's default thread count the small models ran about 30x slower on a
    2-core machine. Settings are read when argostranslate is first imported.
    """
    os.environ.setdefault("ARGOS_INTRA_THREADS", "1")
    try:
        import importlib

        return importlib.import_module(f"argostranslate.{module}")
    except ImportError as exc:
        raise MTUnavailable(f"argostranslate is not available ({exc}); {PIP_HINT}") from None


def argos_version() -> str:
    try:
        return metadata.version("argostranslate")
    except metadata.PackageNotFoundError:
        return "unknown"


def installed_packages() -> list[Any]:
    """Installed translate packages (argostranslate.package.Package objects)."""
    package = import_argos("package")
    try:
        found = package.get_installed_packages()
    except (OSError, ValueError) as exc:  # e.g. a folder without metadata.json
        folder = import_argos("settings").package_data_dir
        raise MTUnavailable(f"cannot read the argos packages in {folder}: {exc}") from None
    return [p for p in found if getattr(p, "type", "translate") == "translate"]


def package_label(pkg: Any) -> str:
    """ "<folder name>@<package_version>", as shown in idents and model lists."""
    return f"{Path(pkg.package_path).name}@{pkg.package_version or '0'}"


def route(packages: Sequence[Any], src: str, tgt: str) -> list[Any] | None:
    """The packages argos chains for src→tgt: one direct package, or two via a pivot."""
    direct = {(p.from_code, p.to_code): p for p in reversed(packages)}  # first one wins
    if (src, tgt) in direct:
        return [direct[(src, tgt)]]
    for (a, b), first in sorted(direct.items()):
        if a == src and (b, tgt) in direct:
            return [first, direct[(b, tgt)]]
    return None


class ArgosTranslator:
    """Translate with the argos packages installed in ARGOS_PACKAGES_DIR."""

    name = "argos"

    def __init__(self, pair: tuple[str, str] | None = None) -> None:
        self.pair = pair

    def pairs(self) -> set[tuple[str, str]]:
        packages = installed_packages()
        codes = {p.from_code for p in packages} | {p.to_code for p in packages}
        return {
            (a, b) for a in codes for b in codes if a != b and route(packages, a, b) is not None
        }

    def _route(self, src: str, tgt: str) -> list[Any]:
        found = route(installed_packages(), src, tgt)
        if found is None:
            raise MTUnavailable(f"no argos model for {arrow(src, tgt)}; {install_hint(src, tgt)}")
        return found

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        if src is None or tgt is None:
            if self.pair is None:
                return f"argos:{argos_version()}"
            src, tgt = self.pair
        labels = "+".join(package_label(p) for p in self._route(src, tgt))
        return f"argos:{argos_version()}:{labels}"

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        for pkg in self._route(src, tgt):
            check_offline_splitter(pkg)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        out = ["" for _ in texts]
        if not todo:
            return out
        translation = self._translation(src, tgt)
        for i in todo:
            out[i] = _translate_one(translation, texts[i], src, tgt)
        return out

    def _translation(self, src: str, tgt: str) -> Any:
        translate = import_argos("translate")
        try:
            translation = translate.get_translation_from_codes(src, tgt)
        except (AttributeError, OSError, ValueError, RuntimeError) as exc:
            raise MTError(f"argos could not load the {arrow(src, tgt)} model: {exc}") from None
        if translation is None:  # argos's own check can disagree with ours: trust it
            raise MTUnavailable(f"no argos model for {arrow(src, tgt)}; {install_hint(src, tgt)}")
        return translation


def _translate_one(translation: Any, text: str, src: str, tgt: str) -> str:
    try:
        return str(translation.translate(text))
    except Exception as exc:  # ctranslate2/onnxruntime raise plain RuntimeError and more
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise MTError(f"argos failed to translate {arrow(src, tgt)}: {message}") from None


def check_offline_splitter(pkg: Any) -> None:
    """Refuse a package whose sentence splitter argos would download on first use.

    With the default ARGOS_CHUNK_TYPE, argos 1.11 splits with MiniSBD: the package's
    minisbd/*.onnx if present, else a cached model, else a download from GitHub.
    """
    settings = import_argos("settings")
    chunk = settings.chunk_type.name
    label = package_label(pkg)
    if chunk not in ("ARGOSTRANSLATE", "DEFAULT", "MINISBD"):
        raise MTUnavailable(
            f"ARGOS_CHUNK_TYPE={chunk} can make argos download a sentence splitter; "
            "unset it to translate offline"
        )
    sbd = getattr(pkg, "packaged_sbd_path", None)
    if chunk != "MINISBD" and sbd is not None and "stanza" in str(sbd):
        # argos tests the whole path for "stanza" and then loads (and downloads) stanza.
        raise MTUnavailable(
            f"argos would use stanza (which downloads models) for {label}: its path "
            f"{sbd} contains 'stanza'; install packages in a folder without that word"
        )
    if any(Path(pkg.package_path, "minisbd").glob("*.onnx")):
        return
    if _cached_minisbd(settings, pkg.from_code):
        return
    raise MTUnavailable(
        f"argos package {label} has no minisbd/ sentence splitter, so argos would download "
        f"one on first use; install a package that ships minisbd/{pkg.from_code}.onnx"
    )


# argos 1.11 (sbd.MiniSBDSentencizer) maps these codes to another MiniSBD model.
_MINISBD_ALIASES = {
    "zt": "zh-hant",
    "zh": "zh-hans",
    "pb": "pt",
    "az": "tr",
    "bn": "hi",
    "eo": "en",
    "ms": "en",
    "tl": "en",
}


def _cached_minisbd(settings: Any, lang: str) -> bool:
    """A MiniSBD model for lang already in argos's cache (sbd.py points minisbd there)."""
    name = _MINISBD_ALIASES.get(lang, lang)
    return (Path(settings.data_dir) / "minisbd" / f"{name}.onnx").is_file()
