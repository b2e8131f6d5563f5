import glob
import os
from pathlib import Path

import pytest

from transcheck.config import Config, ConfigError, find_config, load_config, parse_config
from transcheck.findings import Severity


def test_closest_file_wins(tmp_path):
    (tmp_path / "transcheck.toml").write_text('lang = "fr"\n')
    sub = tmp_path / "chapters"
    sub.mkdir()
    (sub / ".transcheck.toml").write_text('lang = "de"\n')
    assert find_config(sub / "one.txt") == sub / ".transcheck.toml"
    assert find_config(tmp_path / "one.txt") == tmp_path / "transcheck.toml"


def test_pyproject_only_with_tool_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(tmp_path / "a.txt") is None
    (tmp_path / "pyproject.toml").write_text("[tool.transcheck]\nfail-on = 'error'\n")
    config = load_config(find_config(tmp_path / "a.txt"))
    assert config.fail_on is Severity.ERROR


def test_all_keys_parse(tmp_path):
    path = tmp_path / "transcheck.toml"
    path.write_text(
        'lang = "EN"\nsource-lang = "es"\nselect = ["name-variant"]\nignore = []\n'
        'fail-on = "info"\nglossary = "terms.tsv"\nmt = "none"\ndetector = "langdetect"\n'
        'languages = ["en", "es"]\nmax-file-size = 1000\n'
        '[severity]\nname-variant = "error"\n[rules.duplicate-paragraph]\nmin-words = 4\n'
    )
    config = load_config(path)
    assert config.lang == "en"
    assert config.glossary == (tmp_path / "terms.tsv").resolve()
    assert config.severity == {"name-variant": Severity.ERROR}
    assert config.rules == {"duplicate-paragraph": {"min-words": 4}}
    assert config.languages == ("en", "es")


def test_unknown_key_lists_valid_keys(tmp_path):
    path = tmp_path / "transcheck.toml"
    path.write_text('langauge = "en"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert "unknown key 'langauge'" in message
    assert "valid keys: lang, source-lang" in message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('lang = "en', "invalid TOML"),
        ('fail-on = "fatal"', "'fail-on' must be one of error, warning, info"),
        ("select = 'name-variant'", "'select' must be a list of strings"),
        ('mt = "google"', "'mt' must be one of auto, argos, apertium, none"),
        ("max-file-size = -1", "'max-file-size' must be a positive number"),
    ],
)
def test_malformed_config(tmp_path, body, message):
    path = tmp_path / "transcheck.toml"
    path.write_text(body + "\n")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        load_config(path)


def test_cli_overrides_keep_file_values():
    config = parse_config({"lang": "fr", "fail-on": "error"}, Path("x/transcheck.toml"))
    merged = config.with_overrides(lang="de", fail_on=None, select=())
    assert merged.lang == "de"
    assert merged.fail_on is Severity.ERROR
    assert Config().fail_on is Severity.WARNING


def test_path_patterns_are_relative_to_the_config_folder(tmp_path, monkeypatch):
    from transcheck.inputs import expand_paths

    project = tmp_path / "proj"
    for rel in ("locales/en/a.md", "locales/fr/a.md", "docs/legacy/old.md", "x/en/b.md"):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text("Un texte.\n")
    path = project / "transcheck.toml"
    path.write_text('exclude = ["locales/en", "/docs/legacy/", "*.txt"]\n')
    config = load_config(path)
    root = str(project.resolve())
    assert config.exclude == (f"{root}/locales/en", f"{root}/docs/legacy/", "*.txt")
    # Run from elsewhere: the patterns still name the project's folders, not the cwd's.
    monkeypatch.chdir(tmp_path)
    found = sorted(
        os.path.relpath(s.path, "proj") for s in expand_paths(["proj"], exclude=config.exclude)
    )
    assert found == ["locales/fr/a.md", "x/en/b.md"]
    # The include of a config one folder up does not reach into proj/ by a shorter path.
    (tmp_path / "up.toml").write_text('include = ["locales/*/*.md"]\n')
    up = load_config(tmp_path / "up.toml")
    specs = expand_paths(["proj"], include=up.include)
    assert [s.error is not None for s in specs] == [True]


def test_glob_characters_in_the_config_folder_are_literal(tmp_path):
    folder = tmp_path / "a[1]"
    folder.mkdir()
    config = parse_config({"exclude": ["docs/old"]}, folder / "transcheck.toml")
    assert config.exclude == (f"{glob.escape(str(folder.resolve()))}/docs/old",)


def test_a_bad_severity_entry_names_its_key_not_the_table(tmp_path):
    path = tmp_path / "transcheck.toml"
    path.write_text('[severity]\ndouble-space = "warning"\nname-variant = "fatal"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert "'severity.name-variant' must be one of error, warning, info, not 'fatal'" in message
    assert "double-space" not in message


@pytest.mark.parametrize(
    ("table", "line", "expected"),
    [
        ("mt-divergence", 'threshold = "high"', "'threshold' must be a number, not 'high'"),
        ("untranslated-passage", 'min-words = "six"', "'min-words' must be a whole number"),
        ("untranslated-passage", "min-words = 6.5", "'min-words' must be a whole number"),
        ("untranslated-passage", "min-margin = [1]", "'min-margin' must be a number from 0 to 1"),
        ("untranslated-passage", "min-margin = 2", "'min-margin' must be a number from 0 to 1"),
        ("untranslated-passage", 'languages = "fr"', "'languages' must be a list of strings"),
        ("wrong-language", "min-confidence = true", "'min-confidence' must be a number"),
        ("mt-divergence", "threshold = nan", "'threshold' must be a number, not nan"),
        ("mt-divergence", "threshold = inf", "'threshold' must be a number, not inf"),
        ("untranslated-passage", "min-margin = nan", "'min-margin' must be a number from 0"),
        ("omission", "min-gap = 1", "unknown option 'min-gap' (valid: min-ratio, min-words)"),
        (
            "wrong-language",
            "min-confidence = 0.5\nmin_confidence = 0.9",
            "option given twice: 'min-confidence' and 'min_confidence'",
        ),
    ],
)
def test_rule_options_are_type_checked_on_load(tmp_path, table, line, expected):
    path = tmp_path / "transcheck.toml"
    path.write_text(f"[rules.{table}]\n{line}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: [rules.{table}] ")
    assert expected in str(info.value)


def test_valid_rule_options_load_as_written(tmp_path):
    path = tmp_path / "transcheck.toml"
    path.write_text(
        '[rules.untranslated-passage]\nmin-words = 6\nmin-margin = 1\nlanguages = ["fr"]\n'
        "[rules.mt-divergence]\nthreshold = 3\nseverity_threshold = 1e300\n"
        "[rules.not-a-rule]\nx = 1\n"  # left to the run, which names unknown rules
    )
    rules = load_config(path).rules
    assert rules["untranslated-passage"] == {"min-words": 6, "min-margin": 1, "languages": ("fr",)}
    assert rules["mt-divergence"] == {"threshold": 3, "severity_threshold": 1e300}
    assert rules["not-a-rule"] == {"x": 1}


def test_every_rule_option_has_a_declared_type_its_default_fits():
    from transcheck.rules import all_rules

    for rule in all_rules():
        assert set(rule.option_types) == set(rule.default_options), rule.name
        for key, value in rule.default_options.items():
            assert (
                rule.option_types[key].parse(list(value) if isinstance(value, tuple) else value)
                == value
            )


def test_bad_rule_option_is_a_usage_error_not_a_traceback(tmp_path):
    from typer.testing import CliRunner

    from transcheck.cli import app

    (tmp_path / "transcheck.toml").write_text('[rules.mt-divergence]\nthreshold = "high"\n')
    draft = tmp_path / "d.txt"
    draft.write_text("The plan was approved.\n")
    result = CliRunner().invoke(app, ["check", str(draft), "--mt", "none"])
    assert result.exit_code == 2
    assert (
        "transcheck.toml: [rules.mt-divergence] option 'threshold' must be a number"
        in result.stderr
    )
    assert "Traceback" not in result.output


def test_config_with_isolated_is_a_usage_error(tmp_path):
    from typer.testing import CliRunner

    from transcheck.cli import app

    config = tmp_path / "x.toml"
    config.write_text('select = ["double-space"]\n')
    draft = tmp_path / "d.txt"
    draft.write_text("The plan was approved.\n")
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(draft), "--config", str(config), "--isolated"])
    assert result.exit_code == 2
    assert "--config and --isolated cannot be used together" in result.stderr
    assert runner.invoke(app, ["check", str(draft), "--config", str(config)]).exit_code == 0
    assert runner.invoke(app, ["check", str(draft), "--isolated"]).exit_code == 0


def test_one_option_spelled_two_ways_is_a_usage_error(tmp_path):
    from typer.testing import CliRunner

    from transcheck.cli import app

    config = tmp_path / "transcheck.toml"
    draft = tmp_path / "d.txt"
    draft.write_text("The plan was approved.\n")
    config.write_text("[rules.wrong-language]\nmin_confidence = 0.9\nmin-confidence = 0.5\n")
    result = CliRunner().invoke(app, ["check", str(draft), "--mt", "none"])
    assert result.exit_code == 2
    assert "option given twice: 'min_confidence' and 'min-confidence'" in result.stderr
    config.write_text("[rules.wrong-language]\nmin_confidence = 0.9\n")  # one spelling: fine
    assert load_config(config).rules["wrong-language"] == {"min_confidence": 0.9}
    assert CliRunner().invoke(app, ["check", str(draft), "--mt", "none"]).exit_code == 0
