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


def test_baseline_takes_the_options_that_decide_what_check_reports(tmp_path):
    loc = tmp_path / "loc"
    loc.mkdir()
    (loc / "a.txt").write_text("We met the the mayor.\n")
    (loc / "b.json").write_text('{"greeting": "They left left early."}\n')
    baseline = tmp_path / "baseline.json"
    made = cli("baseline", str(loc), "--include", "*.json", "--output", str(baseline))
    assert made.exit_code == 0, made.output
    assert [e["path"] for e in json.loads(baseline.read_text())["findings"]] == ["loc/b.json"]
    checked = cli("check", str(loc), "--include", "*.json", "--baseline", str(baseline))
    assert checked.exit_code == 0, checked.output
    # without --include the text file's finding is new
    assert cli("check", str(loc), "--baseline", str(baseline)).exit_code == 1


def test_baseline_and_check_share_their_input_options():
    import typer.main

    commands = typer.main.get_command(app).commands

    def options(name):
        return {opt for p in commands[name].params for opt in p.opts}

    shared = {"--include", "--exclude", "--input-format", "--fuzzy", "--languages", "--detector"}
    shared |= {"--semantic", "--mt", "--source", "--source-lang", "--lang"}
    assert shared <= options("check")
    assert shared <= options("baseline")


def test_baseline_takes_semantic_as_check_does(tmp_path, monkeypatch):
    # --semantic beats TRANSCHECK_SEMANTIC in baseline as in check: a bad value of the
    # variable is a usage error only when nothing else says.
    path = tmp_path / "a.txt"
    path.write_text("We met the the mayor.\n")
    baseline = tmp_path / "baseline.json"
    monkeypatch.setenv("TRANSCHECK_SEMANTIC", "sometimes")
    bad = cli("baseline", str(path), "--output", str(baseline), "--mt", "none")
    assert bad.exit_code == 2
    assert "TRANSCHECK_SEMANTIC" in bad.output and not baseline.exists()
    made = cli("baseline", str(path), "-o", str(baseline), "--mt", "none", "--semantic", "off")
    assert made.exit_code == 0, made.output
    assert "Recorded 1 finding(s)" in made.output
