"""Baselines: only new findings fail CI, and line shifts do not matter."""

import json

from typer.testing import CliRunner

from transcheck.cli import app

runner = CliRunner()
TEXT = "The council met the the mayor on Monday.\n\nThe plan , officials said, starts in May.\n"


def cli(*args):
    return runner.invoke(app, [*args, "--isolated"])


def test_baseline_hides_recorded_findings_across_line_shifts(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    baseline = tmp_path / "baseline.json"
    made = cli("baseline", str(path), "--output", str(baseline))
    assert made.exit_code == 0, made.output
    data = json.loads(baseline.read_text())
    assert data["version"] == 1
    assert {e["rule"] for e in data["findings"]} == {"repeated-word", "space-before-punctuation"}
    assert all(e["path"] == "a.txt" for e in data["findings"])  # relative to the baseline

    assert cli("check", str(path), "--baseline", str(baseline)).exit_code == 0
    # Lines added above and a new artifact below: only the new one is reported.
    path.write_text("A new first line.\n\n" + TEXT + "\nThey left left early.\n")
    result = cli("check", str(path), "--baseline", str(baseline), "-f", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("repeated-word", 7)]
    assert "2 finding(s) hidden by the baseline" in result.stderr


def test_baseline_counts_occurrences(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("We met the the mayor.\n")
    baseline = tmp_path / "b.json"
    cli("baseline", str(path), "-o", str(baseline))
    path.write_text("We met the the mayor.\n\nWe met the the mayor again.\n")
    result = cli(
        "check", str(path), "--baseline", str(baseline), "-f", "json", "--select", "repeated-word"
    )
    assert len(json.loads(result.stdout)["files"][0]["findings"]) == 1


def test_baseline_from_config_and_bad_baselines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    missing = cli("check", str(path), "--baseline", str(tmp_path / "none.json"))
    assert missing.exit_code == 2
    assert "baseline not found" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = cli("check", str(path), "--baseline", str(broken))
    assert result.exit_code == 2
    assert "not valid JSON" in result.stderr
    broken.write_text('{"version": 1, "findings": [{"path": 1}]}')
    assert "path/rule/fingerprint" in cli("check", str(path), "--baseline", str(broken)).stderr
    cli("baseline", str(path), "-o", str(tmp_path / "base.json"))
    (tmp_path / "transcheck.toml").write_text('baseline = "base.json"\n')
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
