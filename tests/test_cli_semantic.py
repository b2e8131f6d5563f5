"""The semantic switch from the command line and the config file: --semantic beats the
config's `semantic` key, which beats TRANSCHECK_SEMANTIC; bad values are usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import require
from typer.testing import CliRunner

from transcheck import semantic
from transcheck.cli import app

runner = CliRunner()

SOURCE = (
    "El ayuntamiento abrirá una biblioteca nueva en el barrio del puerto.\n\n"
    "La biblioteca tendrá una sala de estudio y un taller para niños.\n"
)
DRAFT = (
    "The city council will open a new library in the harbour district.\n\n"
    "The library will have a study room and a workshop for children.\n"
)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    source, draft = tmp_path / "source.es.txt", tmp_path / "draft.en.txt"
    source.write_text(SOURCE, encoding="utf-8")
    draft.write_text(DRAFT, encoding="utf-8")
    return source, draft


def run_check(pair: tuple[Path, Path], tmp_path: Path, *extra: str):
    source, draft = pair
    args = ["check", str(draft), "--source", str(source), "--mt", "apertium"]
    args += ["--format", "json", "--cache-dir", str(tmp_path / "cache"), *extra]
    return runner.invoke(app, args)


def semantic_model(output: str) -> str | None:
    return json.loads(output)["files"][0]["mt"].get("semantic_model")


def test_option_turns_it_on_and_the_report_names_the_model(
    pair, tmp_path, apertium_es_en, monkeypatch
) -> None:
    require(semantic.available(), f"the semantic extra ({semantic.INSTALL_HINT})")
    monkeypatch.delenv(semantic.ENV, raising=False)
    off = run_check(pair, tmp_path, "--isolated")
    on = run_check(pair, tmp_path, "--isolated", "--semantic", "on")
    assert off.exit_code in (0, 1) and on.exit_code in (0, 1), on.output
    assert semantic_model(off.stdout) is None
    assert semantic_model(on.stdout) == semantic.ident()


def test_config_key_beats_the_environment_and_the_option_beats_both(
    pair, tmp_path, apertium_es_en, monkeypatch
) -> None:
    require(semantic.available(), f"the semantic extra ({semantic.INSTALL_HINT})")
    config = tmp_path / "transcheck.toml"
    config.write_text('semantic = "off"\n', encoding="utf-8")
    monkeypatch.setenv(semantic.ENV, "on")
    by_config = run_check(pair, tmp_path, "--config", str(config))
    by_option = run_check(pair, tmp_path, "--config", str(config), "--semantic", "on")
    assert semantic_model(by_config.stdout) is None
    assert semantic_model(by_option.stdout) == semantic.ident()


def test_environment_counts_when_nothing_else_says(
    pair, tmp_path, apertium_es_en, monkeypatch
) -> None:
    require(semantic.available(), f"the semantic extra ({semantic.INSTALL_HINT})")
    monkeypatch.setenv(semantic.ENV, "on")
    assert semantic_model(run_check(pair, tmp_path, "--isolated").stdout) == semantic.ident()


def test_bad_environment_value_is_a_usage_error(pair, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(semantic.ENV, "sometimes")
    result = run_check(pair, tmp_path, "--isolated")
    assert result.exit_code == 2
    assert "TRANSCHECK_SEMANTIC" in result.output and "Traceback" not in result.output


def test_bad_config_value_is_a_usage_error(pair, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(semantic.ENV, raising=False)
    config = tmp_path / "transcheck.toml"
    config.write_text('semantic = "yes please"\n', encoding="utf-8")
    result = run_check(pair, tmp_path, "--config", str(config))
    assert result.exit_code == 2
    assert "semantic" in result.output and "Traceback" not in result.output


def test_bad_option_value_is_a_usage_error(pair, tmp_path) -> None:
    result = run_check(pair, tmp_path, "--isolated", "--semantic", "maybe")
    assert result.exit_code == 2


def test_compare_takes_the_option(pair, tmp_path, apertium_es_en, monkeypatch) -> None:
    require(semantic.available(), f"the semantic extra ({semantic.INSTALL_HINT})")
    monkeypatch.delenv(semantic.ENV, raising=False)
    source, draft = pair
    args = ["compare", str(source), str(draft), "--mt", "apertium", "--isolated"]
    args += ["--format", "json", "--cache-dir", str(tmp_path / "cache"), "--semantic", "on"]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    assert semantic_model(result.stdout) == semantic.ident()
