"""Argos Translate (CTranslate2 neural models) with installed packages only.

Translations run in a worker process (transcheck.mt.argos_worker), so a call that hangs
or crawls is killed after TRANSCHECK_MT_TIMEOUT seconds (default 60, as for Apertium)
instead of hanging the run. The worker is started on the first translation and kept
for the whole process: `import argostranslate.translate` (stanza, spaCy, torch) costs
about 2 s, paid once per run in the worker and never in this process, which only lists
pairs (`argostranslate.package`). Nothing here downloads: a package that would fetch a
sentence splitter on first use is refused with an explanation instead.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import IO, Any

from transcheck.mt.base import MTError, MTUnavailable, TimeoutSetting, arrow, no_argos_model

PIP_HINT = "install it with `pip install 'transcheck[argos]'`"
WORKER_MODULE = "transcheck.mt.argos_worker"  # run with `python -m`; tests swap it
START_TIMEOUT = 120.0  # seconds the worker may take to import argos (2-4 s when well)


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


class ArgosTranslator(TimeoutSetting):
    """Translate with the argos packages installed in ARGOS_PACKAGES_DIR."""

    name = "argos"

    def __init__(self, pair: tuple[str, str] | None = None, timeout: float | None = None) -> None:
        self.pair = pair
        self._timeout = timeout

    def pairs(self) -> set[tuple[str, str]]:
        packages = installed_packages()
        codes = {p.from_code for p in packages} | {p.to_code for p in packages}
        return {
            (a, b) for a in codes for b in codes if a != b and route(packages, a, b) is not None
        }

    def _route(self, src: str, tgt: str, packages: Sequence[Any] | None = None) -> list[Any]:
        found = route(installed_packages() if packages is None else packages, src, tgt)
        if found is None:
            raise MTUnavailable(no_argos_model(src, tgt))
        return found

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        if src is None or tgt is None:
            if self.pair is None:
                return f"argos:{argos_version()}"
            src, tgt = self.pair
        labels = "+".join(package_label(p) for p in self._route(src, tgt))
        return f"argos:{argos_version()}:{labels}"

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        packages = installed_packages()
        for pkg in self._route(src, tgt, packages):
            check_offline_splitter(pkg)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        out = ["" for _ in texts]
        if not todo:
            return out
        request = {"src": src, "tgt": tgt, "texts": [texts[i] for i in todo]}
        with _LOCK:
            worker = _worker()
            reply = worker.configure(*_configuration(packages), self.timeout)
            if "error" not in reply:
                reply = worker.call(request, self.timeout, f"argos {arrow(src, tgt)}")
        if "error" in reply:
            error = MTUnavailable if reply.get("unavailable") else MTError
            raise error(reply["error"])
        translated = reply.get("out")
        if not isinstance(translated, list) or len(translated) != len(todo):
            raise MTError(f"argos worker returned a malformed answer for {arrow(src, tgt)}")
        for i, text in zip(todo, translated, strict=True):
            out[i] = str(text)
        return out


# -- the worker process ------------------------------------------------------------

_LOCK = threading.Lock()  # one request at a time: the worker answers in order
_CURRENT: _Worker | None = None


class _Worker:
    """One `python -m WORKER_MODULE` process and the thread that reads its answers."""

    def __init__(self, module: str, env: dict[str, str]) -> None:
        self.module = module
        self.configured = ""  # the settings and packages the worker was last given
        self.stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", module],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.stderr,
                env=env,
                encoding="ascii",
                errors="replace",
            )
        except OSError as exc:
            self.stderr.close()
            raise MTUnavailable(f"could not start the argos worker ({exc})") from None
        self.answers: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        with self.proc.stdout:
            for line in self.proc.stdout:
                try:
                    self.answers.put(json.loads(line))
                except ValueError:
                    continue  # not ours; the protocol has its own descriptor, so unexpected
        self.answers.put(None)  # end of output: the worker exited

    def _write(self, message: dict[str, Any]) -> None:
        # In a thread: a worker that stopped reading must not block us past the deadline.
        def send() -> None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.write(json.dumps(message) + "\n")
                self.proc.stdin.flush()
            except (OSError, ValueError):
                pass  # the worker is gone; the reader reports it

        threading.Thread(target=send, daemon=True).start()

    def _wait(self, seconds: float, what: str, hint: str) -> dict[str, Any]:
        try:
            reply = self.answers.get(timeout=seconds)
        except queue.Empty:
            self.stop(kill=True)
            raise MTError(f"{what} did not finish within {seconds:g} s; {hint}") from None
        if reply is None:
            code = self.proc.wait()
            self.stop(kill=True)
            raise MTError(f"the argos worker stopped (exit {code}){self._last_error()}")
        return reply

    def configure(self, settings: dict[str, Any], key: str, timeout: float) -> dict[str, Any]:
        """Give the worker the settings and packages to use (the first time, it imports
        argostranslate, so the wait is at least START_TIMEOUT)."""
        if self.configured == key:
            return {"ready": True}
        self._write({"settings": settings})
        limit = max(timeout, START_TIMEOUT)
        reply = self._wait(limit, "starting the argos worker", "is the machine overloaded?")
        if "error" not in reply:
            self.configured = key
        return reply

    def call(self, request: dict[str, Any], timeout: float, what: str) -> dict[str, Any]:
        self._write(request)
        return self._wait(timeout, what, "raise TRANSCHECK_MT_TIMEOUT or translate a shorter text")

    def _last_error(self) -> str:
        try:
            self.stderr.seek(0, os.SEEK_END)
            self.stderr.seek(max(0, self.stderr.tell() - 4096))
            lines = self.stderr.read().decode("utf-8", "replace").strip().splitlines()
        except (OSError, ValueError):
            return ""
        return f": {lines[-1].strip()}" if lines else ""

    def stop(self, kill: bool = False) -> None:
        """End the worker: EOF and a short wait, or at once with `kill`."""
        global _CURRENT
        if _CURRENT is self:
            _CURRENT = None
        try:
            if not kill and self.proc.poll() is None and self.proc.stdin is not None:
                self.proc.stdin.close()  # the worker leaves its loop at end of input
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(timeout=2)
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
        finally:
            # stdout is the reader thread's: it closes it at end of output.
            for stream in (self.proc.stdin, self.stderr):
                with contextlib.suppress(OSError):
                    if stream is not None:
                        stream.close()


def _worker() -> _Worker:
    """The running worker, or a new one (the first time, or after it was stopped)."""
    global _CURRENT
    if _CURRENT is not None and (
        _CURRENT.module != WORKER_MODULE or _CURRENT.proc.poll() is not None
    ):
        _CURRENT.stop()
    if _CURRENT is None:
        _CURRENT = _Worker(WORKER_MODULE, _worker_env(import_argos("settings")))
    return _CURRENT


def _configuration(packages: Sequence[Any]) -> tuple[dict[str, Any], str]:
    """This process's argos settings, and a key that changes with them or the packages.

    argos caches its languages and models, so the worker is told to forget them when
    packages are installed or removed during a run, or the settings change (tests).
    """
    from transcheck.mt.argos_worker import snapshot

    settings = snapshot(import_argos("settings"))
    installed = sorted(f"{p.package_path}@{p.package_version}" for p in packages)
    return settings, json.dumps([settings, installed])


def _worker_env(settings: Any) -> dict[str, str]:
    """This environment, with argos's folders pointing where this process's settings do
    (they are created when the worker imports argostranslate.settings)."""
    env = dict(os.environ)
    # The worker imports this copy of transcheck, installed or not.
    here = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    env["ARGOS_PACKAGES_DIR"] = str(settings.package_data_dir)
    for variable, folder in (
        ("XDG_DATA_HOME", settings.data_dir),
        ("XDG_CONFIG_HOME", settings.config_dir),
        ("XDG_CACHE_HOME", settings.cache_dir),
    ):
        env[variable] = str(Path(folder).parent)
    return env


def stop_worker() -> None:
    """Stop the argos worker, if one runs (also done at exit)."""
    with _LOCK:
        if _CURRENT is not None:
            _CURRENT.stop()


atexit.register(stop_worker)


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
