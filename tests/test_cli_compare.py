"""`check --source`, `compare` and `models` through the command line."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest
from conftest import require
from typer.testing import CliRunner

from transcheck.cli import app

runner = CliRunner()

SOURCE = (
    "El gobierno aprobó ayer un plan de 3,5 millones de euros para el puerto.\n\n"
    "La ministra dijo que las obras empezarán en marzo.\n\n"
    "Los pescadores de la zona recibirán una ayuda.\n"
)
DRAFT = (
    "The government approved a plan of 3.5 million euros for the port yesterday.\n\n"
    "The minister said that the works will begin in March.\n\n"
    "The fishermen of the area will receive aid.\n"
)


@pytest.fixture
def pair(tmp_path):
    source = tmp_path / "source.es.txt"
    draft = tmp_path / "draft.en.txt"
    source.write_text(SOURCE)
    draft.write_text(DRAFT)
    return source, draft


def invoke(*args):
    return runner.invoke(app, [*args, "--isolated"])


def test_compare_with_apertium_reports_scores_and_signature(pair, apertium_es_en, tmp_path):
    source, draft = pair
    result = invoke(
        "compare",
        str(source),
        str(draft),
        "--mt",
        "apertium",
        "--format",
        "json",
        "--cache-dir",
        str(tmp_path / "cache"),
    )
    assert result.exit_code == 0, result.output
    mt = json.loads(result.stdout)["files"][0]["mt"]
    assert mt["backend"].startswith("apertium:")
    assert set(mt["scores"]) == {"chrf", "bleu", "ter"}
    assert 0 < mt["scores"]["chrf"] <= 100
    assert "version:" in mt["signature"]
    assert [seg["kind"] for seg in mt["segments"]] == ["1-1", "1-1", "1-1"]
    text = invoke(
        "compare",
        str(source),
        str(draft),
        "--mt",
        "apertium",
        "--cache-dir",
        str(tmp_path / "cache"),
    )
    assert "chrF" in text.stdout
    assert "The minister said" in text.stdout


def test_check_with_source_and_no_mt_still_runs_source_rules(pair, tmp_path):
    source, draft = pair
    draft.write_text(DRAFT.replace("3.5 million", "5.3 million"))
    result = invoke(
        "check", str(draft), "--source", str(source), "--mt", "none", "--format", "json"
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    rules = [f["rule"] for f in report["files"][0]["findings"]]
    assert rules == ["number-mismatch"]
    assert report["files"][0]["mt"]["backends"] == []


def test_missing_argos_model_is_a_note_and_other_rules_run(pair, tmp_path):
    require(importlib.util.find_spec("argostranslate") is not None, "argostranslate")
    # argos reads its folders at import time: a fresh process with empty ones.
    env = {
        **os.environ,
        "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    source, draft = pair
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "transcheck",
            "check",
            str(draft),
            "--source",
            str(source),
            "--mt",
            "argos",
            "--isolated",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "transcheck models install es en" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_source_needs_a_single_draft(pair):
    source, draft = pair
    result = invoke("check", str(draft), str(source), "--source", str(source))
    assert result.exit_code == 2
    assert "--source needs exactly one draft file" in result.stderr


def test_models_list_and_bad_install_arguments(apertium_es_en, tmp_path):
    listing = runner.invoke(app, ["models", "list", "--format", "json"])
    assert listing.exit_code == 0
    modes = {(m["backend"], m["from"], m["to"]) for m in json.loads(listing.stdout)["models"]}
    assert ("apertium", "es", "en") in modes
    assert runner.invoke(app, ["models", "install"]).exit_code == 2
    bad = tmp_path / "broken.argosmodel"
    bad.write_bytes(b"not a zip file")
    result = runner.invoke(app, ["models", "install", "--file", str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.stderr
    assert "Traceback" not in result.output


class CountingBackend:
    """A fake backend that upper-cases its input and counts the texts it translates."""

    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def ident(self, src=None, tgt=None) -> str:
        return "counting:1"

    def pairs(self):
        return {("es", "en")}

    def translate(self, texts, src, tgt):
        self.calls += len(texts)
        return [t.upper() for t in texts]


def test_second_identical_compare_makes_no_backend_call(pair, tmp_path, monkeypatch):
    import transcheck.mt
    from transcheck.mt.cache import CachedTranslator, TranslationCache

    backend = CountingBackend()
    cache = TranslationCache(tmp_path / "cache.sqlite3")
    monkeypatch.setattr(
        transcheck.mt, "make_translator", lambda *a, **k: [CachedTranslator(backend, cache)]
    )
    source, draft = pair
    first = invoke("compare", str(source), str(draft), "--format", "json")
    assert first.exit_code == 0, first.output
    assert backend.calls == 3
    second = invoke("compare", str(source), str(draft), "--format", "json")
    assert backend.calls == 3  # everything came from the cache
    assert json.loads(first.stdout)["files"][0]["mt"] == json.loads(second.stdout)["files"][0]["mt"]
