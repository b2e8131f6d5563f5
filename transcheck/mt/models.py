"""Model management behind `transcheck models`: list, install, remove.

`install_pair` is the only code in transcheck that goes on the network: it fetches
argos's package index and one `.argosmodel` through argostranslate's own functions.
"""

from __future__ import annotations

import json
import logging
import socket
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from transcheck.mt.base import MTError, MTUnavailable, arrow

FILE_HINT = "download the .argosmodel elsewhere and use `transcheck models install --file`"
NETWORK_TIMEOUT = 60.0  # seconds; argostranslate itself sets none


class ModelFileError(MTError):
    """A file given to `models install --file` is not a usable argos package."""


# -- listing ---------------------------------------------------------------


def list_models() -> list[dict[str, Any]]:
    """Installed argos packages and apertium modes, one dict per pair.

    Keys: backend, from, to, name, version; argos adds package ("name@version") and
    path, apertium adds mode.
    A backend that is not installed contributes nothing.
    """
    return _argos_models() + _apertium_models()


def _argos_models() -> list[dict[str, Any]]:
    from transcheck.mt.argos import installed_packages, package_label

    try:
        packages = installed_packages()
    except MTUnavailable:
        return []
    return [
        {
            "backend": "argos",
            "from": p.from_code,
            "to": p.to_code,
            "name": Path(p.package_path).name,
            "version": p.package_version,
            "package": package_label(p),
            "path": str(p.package_path),
        }
        for p in sorted(packages, key=lambda p: (p.from_code, p.to_code))
    ]


def _apertium_models() -> list[dict[str, Any]]:
    from transcheck.mt.apertium import ApertiumTranslator

    apertium = ApertiumTranslator()
    try:
        modes = apertium.modes()
    except MTUnavailable:
        return []
    return [
        {
            "backend": "apertium",
            "from": src,
            "to": tgt,
            "name": mode,
            "version": apertium.data_version(mode) or apertium.version(),
            "mode": mode,
        }
        for (src, tgt), mode in sorted(modes.items())
    ]


# -- installing from a file -------------------------------------------------


def read_package_metadata(path: Path) -> dict[str, Any]:
    """Validate an .argosmodel (zip, one top folder, metadata.json) and return its metadata."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise ModelFileError(f"{path} is not an argos package (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            top = _single_top_folder(path, names)
            raw = archive.read(f"{top}/metadata.json") if f"{top}/metadata.json" in names else None
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelFileError(f"{path} cannot be read as a zip archive: {exc}") from None
    if raw is None:
        raise ModelFileError(f"{path} is not an argos package: {top}/metadata.json is missing")
    meta = _parse_metadata(path, raw)
    if f"{top}/model/model.bin" not in names:
        raise ModelFileError(f"{path} is not an argos package: {top}/model/model.bin is missing")
    meta["_folder"] = top
    meta["_has_minisbd"] = any(
        n.startswith(f"{top}/minisbd/") and n.endswith(".onnx") for n in names
    )
    return meta


def _single_top_folder(path: Path, names: list[str]) -> str:
    """argos extracts the zip into its packages folder: it must hold exactly one folder."""
    tops = set()
    for name in names:
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or ".." in parts or "\\" in name:
            raise ModelFileError(f"{path} has an unsafe entry name: {name!r}")
        if len(parts) == 1 and not name.endswith("/"):
            raise ModelFileError(f"{path} is not an argos package: {name} is outside a folder")
        tops.add(parts[0])
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "nothing"
        raise ModelFileError(f"{path} must contain exactly one top folder, found: {found}")
    return tops.pop()


def _parse_metadata(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(f"{path}: metadata.json is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise ModelFileError(f"{path}: metadata.json must hold a JSON object")
    if meta.get("type", "translate") != "translate":
        raise ModelFileError(f"{path} is a {meta.get('type')!r} package, not a translation model")
    for key in ("from_code", "to_code"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise ModelFileError(f"{path}: metadata.json lacks {key!r}")
    return meta


def install_file(path: Path | str) -> str:
    """Install a local .argosmodel after validating it.

    Returns what was installed, e.g. "argos model translate-es_en-1_0 1.0 (es→en)";
    the CLI prints it after "installed ".
    """
    path = Path(path)
    meta = read_package_metadata(path)
    package = _argos_package_module()
    try:
        package.install_from_path(path)
    except Exception as exc:  # argos raises bare Exception for a bad zip
        raise ModelFileError(f"argos could not install {path}: {exc}") from None
    _remove_older(meta["from_code"], meta["to_code"], keep=meta["_folder"])
    return _summary(meta)


def _summary(meta: dict[str, Any]) -> str:
    pair = arrow(meta["from_code"], meta["to_code"])
    line = f"argos model {meta['_folder']} {meta.get('package_version', '')} ({pair})"
    if not meta["_has_minisbd"]:
        line += "; note: it has no minisbd/ sentence splitter, so offline translation refuses it"
    return line


def _remove_older(from_code: str, to_code: str, keep: str) -> None:
    """Argos uses the first package it finds for a pair: leave only the new one."""
    package = _argos_package_module()
    for pkg in _installed_for(from_code, to_code):
        if Path(pkg.package_path).name != keep:
            package.uninstall(pkg)


def _installed_for(from_code: str, to_code: str) -> list[Any]:
    from transcheck.mt.argos import installed_packages

    return [p for p in installed_packages() if (p.from_code, p.to_code) == (from_code, to_code)]


def _argos_package_module() -> Any:
    from transcheck.mt.argos import import_argos

    return import_argos("package")


# -- installing from the index -------------------------------------------------


def install_pair(from_code: str, to_code: str) -> str:
    """Fetch argos's package index, download the from→to package, install it."""
    from transcheck.mt.argos import import_argos

    package = import_argos("package")
    settings = import_argos("settings")
    with _network_timeout(NETWORK_TIMEOUT):
        _update_index(package, settings)
        available = _available_for(package, from_code, to_code)
        downloaded = _download(available, from_code, to_code)
    try:
        return install_file(downloaded)
    finally:
        downloaded.unlink(missing_ok=True)


def _download(available: Any, from_code: str, to_code: str) -> Path:
    """available.download(), with argos's logged retries turned into one clear error."""
    with _captured_errors("argostranslate.utils") as errors:
        try:
            return Path(available.download())
        except Exception as exc:  # argos raises bare Exception("Download failed for ...")
            reason = errors[-1] if errors else str(exc)
    links = ", ".join(available.links) or "the index lists no link"
    raise MTUnavailable(
        f"could not download the argos {arrow(from_code, to_code)} model ({links}: {reason}); "
        f"{FILE_HINT}"
    )


def _update_index(package: Any, settings: Any) -> None:
    """argos logs and swallows index errors: capture the error and raise it instead."""
    index = Path(settings.local_package_index)
    before = index.stat().st_mtime_ns if index.exists() else None
    with _captured_errors("argostranslate.utils") as errors:
        package.update_package_index()
    after = index.stat().st_mtime_ns if index.exists() else None
    if errors or after is None or after == before:
        reason = errors[-1] if errors else "no index was written"
        raise MTUnavailable(
            f"could not reach the argos package index ({settings.remote_package_index}: "
            f"{reason}); {FILE_HINT}"
        )


def _available_for(package: Any, from_code: str, to_code: str) -> Any:
    try:
        available = package.get_available_packages()
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise MTUnavailable(
            f"the argos package index cannot be read ({exc}); {FILE_HINT}"
        ) from None
    for candidate in available:
        if (candidate.from_code, candidate.to_code) == (from_code, to_code):
            return candidate
    sources = sorted({f"{p.from_code}→{p.to_code}" for p in available if p.from_code == from_code})
    more = f" (from {from_code}: {', '.join(sources)})" if sources else ""
    raise MTUnavailable(f"the argos package index has no {arrow(from_code, to_code)} model{more}")


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # argos logs str(args), a 1-tuple: "(URLError(...),)"; keep the inside, one line.
        message = record.getMessage()
        if message.startswith("(") and message.endswith(",)"):
            message = message[1:-2]
        self.messages.append((message.splitlines() or [""])[0])


@contextmanager
def _captured_errors(logger_name: str) -> Iterator[list[str]]:
    handler = _ListHandler()
    logger = logging.getLogger(logger_name)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False  # we report the error ourselves, in one line
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


@contextmanager
def _network_timeout(seconds: float) -> Iterator[None]:
    """argostranslate opens URLs with no timeout: bound them while we download."""
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(previous)


# -- removing --------------------------------------------------------------------


def remove(from_code: str, to_code: str) -> str:
    """Uninstall every argos package for from→to; returns a one-line summary."""
    found = _installed_for(from_code, to_code)
    if not found:
        raise MTUnavailable(f"no argos model for {arrow(from_code, to_code)} is installed")
    package = _argos_package_module()
    for pkg in found:
        package.uninstall(pkg)
    names = ", ".join(Path(p.package_path).name for p in found)
    return f"removed argos model {names} ({arrow(from_code, to_code)})"
