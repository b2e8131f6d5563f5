"""argos backend through argostranslate's real code path, with the tiny copy model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from transcheck.mt import argos, available_backends, make_translator
from transcheck.mt.argos import ArgosTranslator, import_argos
from transcheck.mt.base import MTError, MTUnavailable
from transcheck.mt.cache import CachedTranslator

pytestmark = pytest.mark.argos
REPO_ROOT = Path(__file__).resolve().parents[1]


def install(path: Path) -> None:
    import argostranslate.package

    argostranslate.package.install_from_path(path)


@pytest.fixture
def es_en(argos_packages: Path, tiny_argos_models: dict[str, Path]) -> ArgosTranslator:
    install(tiny_argos_models["es_en"])
    return ArgosTranslator()


def test_translates_with_the_installed_package(es_en: ArgosTranslator) -> None:
    texts = ["hola mundo", "", "El gato y el perro.", "  ", "mundo"]
    assert es_en.translate(texts, "es", "en") == [
        "hello world", "", "El cat y el dog.", "", "world",
    ]  # fmt: skip


def test_pairs_and_ident(es_en: ArgosTranslator, tiny_argos_models: dict[str, Path]) -> None:
    assert es_en.pairs() == {("es", "en")}
    assert es_en.ident("es", "en") == "argos:1.11.0:translate-es_en-tiny@0.0.1"
    assert es_en.ident() == "argos:1.11.0"
    assert ArgosTranslator(pair=("es", "en")).ident() == es_en.ident("es", "en")
    install(tiny_argos_models["en_es"])
    assert es_en.pairs() == {("es", "en"), ("en", "es")}
    assert es_en.translate(["hello world"], "en", "es") == ["hola mundo"]


def test_missing_pair_says_how_to_install(es_en: ArgosTranslator) -> None:
    expected = "no argos model for es→de; install one with `transcheck models install es de`"
    with pytest.raises(MTUnavailable) as caught:
        es_en.translate(["hola"], "es", "de")
    assert str(caught.value) == expected
    with pytest.raises(MTUnavailable, match="no argos model for es→de"):
        make_translator("argos", "es", "de", use_cache=False)


def test_no_packages_installed(argos_packages: Path) -> None:
    assert ArgosTranslator().pairs() == set()
    with pytest.raises(MTUnavailable, match="no argos model for es→en"):
        ArgosTranslator().translate(["hola"], "es", "en")


def test_package_without_minisbd_is_refused_before_any_download(
    argos_packages: Path, tiny_argos_models: dict[str, Path]
) -> None:
    install(tiny_argos_models["es_fr_nosbd"])
    with pytest.raises(MTUnavailable, match=r"has no minisbd/ sentence splitter.*download"):
        ArgosTranslator().translate(["hola"], "es", "fr")


def test_auto_and_cache_wrap_argos(es_en: ArgosTranslator, tmp_path: Path) -> None:
    names = [t.name for t in available_backends("es", "en")]
    assert names[0] == "argos"
    (translator,) = make_translator("argos", "es", "en", cache_dir=tmp_path)
    assert isinstance(translator, CachedTranslator)
    assert translator.ident() == "argos:1.11.0:translate-es_en-tiny@0.0.1"
    assert translator.translate(["hola mundo"], "es", "en") == ["hello world"]
    assert translator.translate(["hola mundo"], "es", "en") == ["hello world"]
    assert len(translator.cache) == 1


@pytest.fixture
def hooked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """use_hooked_worker for one test; its worker is stopped at the end."""
    yield lambda hook: use_hooked_worker(tmp_path, monkeypatch, hook)
    argos.stop_worker()


def use_hooked_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hook: str) -> None:
    """Run the real argos worker with `hook` patched into the translation it loads.

    `hook` is the body of `translate(text)`, with `real(text)` the model's own call. The
    worker is a module in tmp_path named in argos.WORKER_MODULE.
    """
    folder = tmp_path / "hooks"
    folder.mkdir()
    body = "\n".join("        " + line for line in hook.splitlines())
    (folder / "hooked_argos_worker.py").write_text(
        "import os, signal, time\n"
        "from transcheck.mt import argos_worker\n"
        "load = argos_worker.load_translation\n"
        "def hooked(src, tgt):\n"
        "    translation = load(src, tgt)\n"
        "    real = translation.translate\n"
        "    def translate(text):\n" + body + "\n"
        "    translation.translate = translate\n"
        "    return translation\n"
        "argos_worker.load_translation = hooked\n"
        "argos_worker.main()\n",
        encoding="utf-8",
    )
    path = os.pathsep.join(p for p in (str(folder), os.environ.get("PYTHONPATH")) if p)
    monkeypatch.setenv("PYTHONPATH", path)
    monkeypatch.setattr(argos, "WORKER_MODULE", "hooked_argos_worker")


def worker_pid() -> int | None:
    return None if argos._CURRENT is None else argos._CURRENT.proc.pid


def test_a_failing_model_is_one_clear_error(
    es_en: ArgosTranslator, hooked: Callable[[str], None]
) -> None:
    hooked('raise RuntimeError("No position encodings are defined for positions >= 1024\\nmore")')
    with pytest.raises(MTError, match=r"^argos failed to translate es→en: No position encod"):
        es_en.translate(["hola"], "es", "en")


def test_the_worker_is_started_once_and_reused(es_en: ArgosTranslator) -> None:
    assert es_en.translate(["hola mundo"], "es", "en") == ["hello world"]
    first = worker_pid()
    assert first is not None
    assert ArgosTranslator().translate(["mundo", "gato"], "es", "en") == ["world", "cat"]
    assert worker_pid() == first  # a new translator (a new document) uses the same worker
    argos.stop_worker()
    assert worker_pid() is None


def test_a_hanging_translation_times_out_and_the_next_call_works(
    es_en: ArgosTranslator, hooked: Callable[[str], None]
) -> None:
    hooked('if "cuelga" in text:\n    time.sleep(3600)\nreturn real(text)')
    assert es_en.translate(["hola"], "es", "en") == ["hello"]  # the worker is up
    hung = worker_pid()
    slow = ArgosTranslator(timeout=1)
    expected = (
        "argos es→en did not finish within 1 s; "
        "raise TRANSCHECK_MT_TIMEOUT or translate a shorter text"
    )
    with pytest.raises(MTError) as caught:
        slow.translate(["hola", "esto cuelga"], "es", "en")
    assert str(caught.value) == expected
    assert worker_pid() is None  # killed, not left running
    assert hung is not None
    if sys.platform == "linux":
        assert not Path(f"/proc/{hung}").exists()
    assert slow.translate(["mundo"], "es", "en") == ["world"]  # a fresh worker
    assert worker_pid() not in (None, hung)


def test_a_crashing_worker_is_one_clear_error(
    es_en: ArgosTranslator, hooked: Callable[[str], None]
) -> None:
    hooked("os.kill(os.getpid(), signal.SIGKILL)")
    with pytest.raises(MTError, match=r"^the argos worker stopped \(exit -9\)"):
        es_en.translate(["hola"], "es", "en")
    assert worker_pid() is None


def test_timeout_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRANSCHECK_MT_TIMEOUT", raising=False)
    assert ArgosTranslator().timeout == 60
    monkeypatch.setenv("TRANSCHECK_MT_TIMEOUT", "2.5")
    assert ArgosTranslator().timeout == 2.5
    assert ArgosTranslator(timeout=7).timeout == 7


def test_missing_argostranslate_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "argostranslate.package", None)
    with pytest.raises(
        MTUnavailable, match=r"argostranslate is not available.*transcheck\[argos\]"
    ):
        import_argos("package")


def test_intra_threads_defaults_to_one_but_respects_the_user(
    _argos_session: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARGOS_INTRA_THREADS", raising=False)
    import_argos("settings")
    assert os.environ["ARGOS_INTRA_THREADS"] == "1"
    monkeypatch.setenv("ARGOS_INTRA_THREADS", "2")
    import_argos("settings")
    assert os.environ["ARGOS_INTRA_THREADS"] == "2"


def test_importing_the_mt_package_does_not_import_argos() -> None:
    code = (
        "import sys, json, transcheck.mt, transcheck.mt.argos, transcheck.mt.models, "
        "transcheck.mt.cache\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('argos', 'ctrans')))))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(done.stdout) == []
