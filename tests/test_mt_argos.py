"""argos backend through argostranslate's real code path, with the tiny copy model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from transcheck.mt import available_backends, make_translator
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


def test_a_failing_model_is_one_clear_error(
    es_en: ArgosTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    translation = es_en._translation("es", "en")

    def broken(text: str) -> str:
        raise RuntimeError("No position encodings are defined for positions >= 1024\nmore")

    monkeypatch.setattr(translation, "translate", broken)
    with pytest.raises(MTError, match=r"^argos failed to translate es→en: No position encod"):
        es_en.translate(["hola"], "es", "en")


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
