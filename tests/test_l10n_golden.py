"""The localisation sample set, end to end, in every output format (golden files).

Set TRANSCHECK_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
"""

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import transcheck
from transcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden" / "l10n"
runner = CliRunner()
FORMATS = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif",
    "github": "github.txt",
    "junit": "junit.xml",
    "html": "html",
}


@pytest.fixture(autouse=True)
def fixed_version_and_cwd(monkeypatch):
    monkeypatch.setattr(transcheck, "__version__", "0.0.0-test")
    monkeypatch.chdir(ROOT)  # paths in reports are relative, as a user would type them
    monkeypatch.setenv("NO_COLOR", "1")


def compare_with_golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if os.environ.get("TRANSCHECK_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8"), f"differs from {path}"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_l10n_set_in_every_format(fmt):
    result = runner.invoke(
        app, ["check", "samples/l10n", "--mt", "none", "--isolated", "--format", fmt]
    )
    assert result.exit_code == 1, result.output
    # SARIF names the working folder (%SRCROOT%): the clone's, which varies.
    output = result.stdout.replace(ROOT.as_uri() + "/", "file:///project/")
    compare_with_golden(f"set.{FORMATS[fmt]}", output)


def test_json_pair_by_key():
    result = runner.invoke(
        app,
        [
            "check",
            "samples/l10n/ui.es.json",
            "--source",
            "samples/l10n/ui.en.json",
            "--mt",
            "none",
            "--isolated",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output
    compare_with_golden("ui-pair.json", result.stdout)


def test_po_fix_changes_only_the_msgstr_it_concerns(tmp_path):
    po = tmp_path / "messages.es.po"
    shutil.copy(ROOT / "samples" / "l10n" / "messages.es.po", po)
    before = po.read_text(encoding="utf-8").splitlines()
    result = runner.invoke(
        app,
        [
            "check",
            str(po),
            "--fix",
            "--unsafe-fixes",
            "--select",
            "repeated-word",
            "--isolated",
            "--mt",
            "none",
        ],
    )
    assert result.exit_code == 0, result.output
    after = po.read_text(encoding="utf-8").splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed == [
        (
            'msgstr "No se pudo descargar la la tabla de mareas."',
            'msgstr "No se pudo descargar la tabla de mareas."',
        )
    ]
