"""Shared fixtures. MT part: availability checks that fail in CI, the tiny argos package."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # for `import argos_fixture`


# -- MT: skip locally, fail in CI ----------------------------------------------


def write_fake_apertium(folder: Path, body: str) -> Path:
    """A stand-in `apertium` script in `folder`: lists spa-eng and eng-spa for `-l`, and
    runs the shell `body` to "translate" (for timeouts, crashes, short output…)."""
    import stat

    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "apertium"
    script.write_text(
        "#!/bin/sh\n"
        'case "$1" in\n'
        "  -l) printf '  spa-eng\\n  eng-spa\\n'; exit 0 ;;\n"
        "  -V) echo 'Apertium 9.9.9'; exit 0 ;;\n"
        "esac\n" + body + "\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


def require(available: bool, what: str) -> None:
    """Skip a test whose tool is missing, except in CI (CI=true), where it must run."""
    if available:
        return
    if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
        pytest.fail(f"{what} is required in CI but is not installed", pytrace=False)
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def apertium_es_en() -> str:
    """Path of a real apertium binary with the spa-eng and eng-spa modes."""
    path = shutil.which("apertium")
    require(path is not None, "apertium (apt-get install apertium apertium-eng-spa)")
    from transcheck.mt.apertium import ApertiumTranslator

    pairs = ApertiumTranslator().pairs()
    require({("es", "en"), ("en", "es")} <= pairs, "apertium-eng-spa")
    assert path is not None
    return path


def _argos_importable() -> bool:
    needed = ("argostranslate", "ctranslate2", "sentencepiece", "onnx")
    return all(importlib.util.find_spec(name) is not None for name in needed)


@pytest.fixture(scope="session")
def tiny_argos_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Built once per session: es→en and en→es copy models, and es→fr without minisbd."""
    require(_argos_importable(), "argostranslate (+ onnx to build the test model)")
    import argos_fixture

    out = tmp_path_factory.mktemp("argosmodels")
    return {
        "es_en": argos_fixture.build_package(out, "es", "en"),
        "en_es": argos_fixture.build_package(out, "en", "es"),
        "es_fr_nosbd": argos_fixture.build_package(out, "es", "fr", with_sbd=False),
    }


@pytest.fixture(scope="session")
def _argos_session(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Import argostranslate with its folders in a temp dir (settings are read at import)."""
    require(_argos_importable(), "argostranslate")
    from argos_fixture import argos_env

    root = tmp_path_factory.mktemp("argos-home")
    with pytest.MonkeyPatch.context() as mp:
        for key, value in argos_env(root).items():
            mp.setenv(key, value)
        import argostranslate.settings as settings
        import argostranslate.translate  # noqa: F401  (the 2 s import, once per session)
    return settings


@pytest.fixture
def argos_packages(
    _argos_session: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """An empty argos packages folder for one test, wherever argos was first imported."""
    import argostranslate.translate as translate

    settings = _argos_session
    folder = tmp_path / "argos-packages"
    folder.mkdir()
    monkeypatch.setattr(settings, "package_data_dir", folder)
    monkeypatch.setattr(settings, "package_dirs", [folder])
    monkeypatch.setattr(settings, "data_dir", tmp_path / "argos-data")
    monkeypatch.setattr(settings, "local_package_index", tmp_path / "argos-index.json")
    monkeypatch.setattr(settings, "intra_threads", 1)
    _forget_argos_state(translate)
    yield folder
    _forget_argos_state(translate)  # argos caches languages and loaded models globally


def _forget_argos_state(translate: Any) -> None:
    translate.get_installed_languages.cache_clear()
    translate.installed_translates.clear()
