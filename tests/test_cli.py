"""The command line end to end: exit codes, streams, formats and bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from transcheck.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "transcheck" / "report.schema.json").read_text()
)
runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_help_and_version():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("check", "detect", "rules", "rule"):
        assert command in result.stdout
    version = run("--version")
    assert version.exit_code == 0
    assert version.stdout.startswith("transcheck ")


def test_version_is_the_installed_one():
    # pyproject.toml takes the version from transcheck/__init__.py (hatch); an install
    # records it in the package's metadata, which the reports do not read (start-up).
    from importlib.metadata import version

    import transcheck

    assert transcheck.__version__ == version("transcheck")
    assert run("--version").stdout.strip() == f"transcheck {transcheck.__version__}"


def test_python_dash_m_works():
    proc = subprocess.run(
        [sys.executable, "-m", "transcheck", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("transcheck ")


def test_import_cli_loads_no_heavy_modules():
    code = (
        "import sys, transcheck.cli; "
        "heavy = ['sacrebleu', 'argostranslate', 'ctranslate2', 'torch', 'py3langid', "
        "'langdetect', 'numpy']; "
        "print([m for m in heavy if m in sys.modules])"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_clean_text_exits_zero(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("The council approved the new budget on Monday after a long debate.\n")
    result = run("check", str(path), "--isolated")
    assert result.exit_code == 0, result.output
    assert "No findings in 1 file." in result.stdout
    assert result.stderr == ""


def test_wrong_language_sets_exit_code_and_json_validates(tmp_path):
    path = tmp_path / "es.txt"
    path.write_text(
        "El ayuntamiento aprobó ayer un nuevo plan para mejorar el transporte público "
        "en el centro de la ciudad.\n"
    )
    result = run("check", str(path), "--lang", "en", "--format", "json", "--isolated")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert [f["rule"] for f in report["files"][0]["findings"]] == ["wrong-language"]
    assert report["summary"]["by_severity"]["error"] == 1
    assert (
        run("check", str(path), "--lang", "en", "--fail-on", "error", "--isolated").exit_code == 1
    )
    assert run("check", str(path), "--lang", "en", "--exit-zero", "--isolated").exit_code == 0


def test_output_file_and_stdin(tmp_path):
    out = tmp_path / "report.json"
    text = "The council approved the new budget on Monday after a long debate.\n"
    result = run("check", "-", "--format", "json", "--output", str(out), "--isolated", input=text)
    assert result.exit_code == 0
    assert result.stdout == ""
    report = json.loads(out.read_text())
    jsonschema.validate(report, SCHEMA)
    assert report["files"][0]["path"] == "-"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01\x02binary", "binary file"),
        (b"caf\xe9\n", "not valid UTF-8"),
        (b"", "file is empty"),
    ],
)
def test_bad_input_is_exit_2_with_one_line_and_others_still_checked(tmp_path, data, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("The council approved the new budget on Monday after a long debate.\n")
    result = run("check", str(bad), str(good), "--format", "json", "--isolated")
    assert result.exit_code == 2
    assert f"transcheck: error: {bad}: {message}" in result.stderr
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    by_path = {f["path"]: f for f in report["files"]}
    assert message in by_path[str(bad)]["error"]
    assert by_path[str(good)]["error"] is None


def test_missing_path_and_mixed_directory(tmp_path):
    (tmp_path / "ok.txt").write_text("The council approved the new budget on Monday.\n")
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")  # not a text extension: skipped
    result = run("check", str(tmp_path), str(tmp_path / "missing.txt"), "--isolated")
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing.txt'}: no such file or directory" in result.stderr
    assert f"{tmp_path / 'empty.md'}: file is empty" in result.stderr
    assert "image.png" not in result.output


def test_malformed_config_is_exit_2(tmp_path):
    (tmp_path / "transcheck.toml").write_text("fail-on = [\n")
    (tmp_path / "a.txt").write_text("Some text here.\n")
    result = run("check", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert "transcheck.toml: invalid TOML" in result.stderr
    (tmp_path / "transcheck.toml").write_text('colour = "red"\n')
    result = run("check", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert "unknown key 'colour'" in result.stderr
    assert "valid keys:" in result.stderr


def test_unknown_rule_and_bad_option_values(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Some text here.\n")
    result = run("check", str(path), "--select", "no-such-rule", "--isolated")
    assert result.exit_code == 2
    assert "unknown rule 'no-such-rule'" in result.stderr
    assert run("check", str(path), "--fail-on", "fatal").exit_code == 2
    result = run("check", str(path), "--languages", "en,xx", "--isolated")
    assert result.exit_code == 2
    assert "xx" in result.stderr


def test_rules_and_rule_docs():
    result = run("rules")
    assert result.exit_code == 0
    assert "wrong-language" in result.stdout
    listing = json.loads(run("rules", "--format", "json").stdout)
    names = [r["name"] for r in listing["rules"]]
    assert len(names) == len(set(names))
    for name in names:
        doc = run("rule", name)
        assert doc.exit_code == 0, name
        for section in ("What it flags", "Why it matters", "Example"):
            assert section in doc.stdout, (name, section)
    unknown = run("rule", "nope")
    assert unknown.exit_code == 2
    assert "unknown rule 'nope'" in unknown.stderr


def test_detect_text_and_json(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text(
        "The council approved the plan yesterday after a long debate in the chamber.\n\n"
        "El consejo aprobó el plan ayer después de un largo debate en la cámara.\n"
    )
    result = run("detect", str(path))
    assert result.exit_code == 0
    assert "The council approved" in result.stdout
    data = json.loads(run("detect", str(path), "--format", "json").stdout)
    assert [p["code"] for p in data["files"][0]["paragraphs"]] == ["en", "es"]
    assert data["files"][0]["paragraphs"][1]["line"] == 3
    with_ld = json.loads(run("detect", str(path), "-f", "json", "--detector", "langdetect").stdout)
    assert [p["code"] for p in with_ld["files"][0]["paragraphs"]] == ["en", "es"]


def test_detect_gives_a_mixed_script_text_the_language_check_gives_it(tmp_path):
    # Detected as a whole, half English and half Russian reads as Russian (Cyrillic
    # letters weigh two bytes each); check takes the language of most letters, and
    # detect must say the same.
    path = tmp_path / "mixed.txt"
    path.write_text(
        "The city council met on Tuesday evening to discuss the new budget for the coming"
        " year, and members agreed that the parks should get more.\n\n"
        "Городской совет собрался во вторник вечером, чтобы обсудить новый бюджет на год.\n",
        encoding="utf-8",
    )
    detected = json.loads(run("detect", str(path), "-f", "json", "--isolated").stdout)
    checked = json.loads(
        run("check", str(path), "-f", "json", "--isolated", "--mt", "none", "--exit-zero").stdout
    )
    assert (
        detected["files"][0]["language"]["code"] == checked["files"][0]["language"]["code"] == "en"
    )
    # a text in one script keeps the whole-text answer
    path.write_text("Городской совет собрался во вторник вечером.\n", encoding="utf-8")
    detected = json.loads(run("detect", str(path), "-f", "json", "--isolated").stdout)
    assert detected["files"][0]["language"]["code"] == "ru"


def test_no_color_and_no_escape_codes_when_not_a_tty(tmp_path):
    path = tmp_path / "es.txt"
    path.write_text("El ayuntamiento aprobó ayer un nuevo plan para mejorar el transporte.\n")
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "transcheck", "check", str(path), "--lang", "en", "--isolated"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 1
    assert "\x1b[" not in proc.stdout
    assert f"{path}:1:1 error wrong-language" in proc.stdout


TYPO_TEXT = (
    "The committee approved the the budget on Monday.\n\n"
    "Officials said that the plan , which was delayed, will start in May.\n"
)


def rules_found(result) -> list[str]:
    assert result.exit_code in (0, 1), result.output
    return [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]]


def test_select_and_ignore(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TYPO_TEXT)
    everything = rules_found(run("check", str(path), "-f", "json", "--isolated"))
    assert {"repeated-word", "space-before-punctuation"} <= set(everything)
    only = rules_found(
        run("check", str(path), "-f", "json", "--isolated", "--select", "repeated-word")
    )
    assert only == ["repeated-word"]
    without = rules_found(
        run(
            "check",
            str(path),
            "-f",
            "json",
            "--isolated",
            "--ignore",
            "repeated-word,space-before-punctuation",
        )
    )
    assert "repeated-word" not in without
    assert "space-before-punctuation" not in without


def test_config_severity_override_and_rule_options(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TYPO_TEXT)
    (tmp_path / "transcheck.toml").write_text('fail-on = "error"\nselect = ["repeated-word"]\n')
    assert run("check", str(path)).exit_code == 0  # a warning does not fail at fail-on=error
    (tmp_path / "transcheck.toml").write_text(
        'fail-on = "error"\nselect = ["repeated-word"]\n[severity]\nrepeated-word = "error"\n'
    )
    result = run("check", str(path), "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["findings"][0]["severity"] == "error"
    (tmp_path / "transcheck.toml").write_text("[rules.repeated-word]\nmax-gap = 3\n")
    result = run("check", str(path))
    assert result.exit_code == 2
    assert "[rules.repeated-word] unknown option 'max-gap' (valid: none)" in result.stderr


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "a.md",
            "# Notes\n\n<!-- transcheck-disable-next repeated-word -->\n"
            "We met the the mayor.\n\nWe saw the the port.\n",
        ),
        (
            "a.html",
            "<p>Intro text here.</p>\n<!-- transcheck-disable repeated-word -->\n"
            "<p>We met the the mayor.</p>\n<!-- transcheck-enable repeated-word -->\n"
            "<p>We saw the the port.</p>\n",
        ),
        (
            "a.txt",
            "<!-- transcheck-disable-next repeated-word -->\nWe met the the mayor.\n\n"
            "We saw the the port.\n",
        ),
    ],
)
def test_inline_suppressions_in_text_markdown_and_html(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    result = run("check", str(path), "-f", "json", "--isolated", "--select", "repeated-word")
    report = json.loads(result.stdout)
    lines = [f["line"] for f in report["files"][0]["findings"]]
    assert len(lines) == 1
    assert "We saw the the port." in text.splitlines()[lines[0] - 1]


def test_jobs_gives_the_same_report_in_the_same_order(tmp_path):
    for i in range(6):
        text = f"File {i}: the council met the the mayor.\n" if i % 2 else f"File {i} is fine.\n"
        (tmp_path / f"f{i}.txt").write_text(text)
    serial = run("check", str(tmp_path), "-f", "json", "--isolated", "--mt", "none")
    parallel = run("check", str(tmp_path), "-f", "json", "--isolated", "--mt", "none", "-j", "2")
    assert serial.exit_code == parallel.exit_code == 1
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)


@pytest.mark.parametrize("code", ["xx", "english", "eng"])
def test_unknown_language_code_is_a_usage_error(tmp_path, code):
    # Not a wrong-language *finding* (exit 1) against a language no detector knows.
    path = tmp_path / "a.txt"
    path.write_text("The council met on Monday.\n")
    for option in ("--lang", "--source-lang"):
        result = run("check", str(path), option, code, "--isolated")
        assert result.exit_code == 2, result.output
        assert f"unknown language code {code!r} for {option}" in result.stderr
    assert run("check", str(path), "--lang", "EN", "--isolated").exit_code == 0
    assert run("check", str(path), "--lang", "en-GB", "--isolated").exit_code == 0


def test_norwegian_bokmal_code_is_known(tmp_path):
    # nb (the usual code in PO files) is the detectors' "no": not a usage error.
    path = tmp_path / "nb.txt"
    path.write_text("Regjeringen la fram et nytt forslag om skatt i dag, og det ble mottatt.\n")
    for code in ("nb", "nb-NO", "no"):
        result = run("check", str(path), "--lang", code, "--isolated")
        assert result.exit_code == 0, (code, result.output)


def test_bad_max_file_size_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The council met on Monday.\n")
    assert run("check", str(path), "--max-file-size", "-5", "--isolated").exit_code == 2
    assert run("check", str(path), "--max-file-size", "0", "--isolated").exit_code == 2


def test_symlink_loop_is_an_input_error(tmp_path):
    # As the first path it is also where the config search starts (Path.resolve raised).
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    result = run("check", str(tmp_path / "a"), "--mt", "none")
    assert result.exit_code == 2, result.output
    assert "symbolic links" in result.stderr
    assert "Traceback" not in result.output


# --- JSON i18n files and the pre-commit hook (session 4 audit) ------------------------------


def _findings(result) -> list[tuple[str, int, int]]:
    report = json.loads(result.stdout)
    return [(f["rule"], f["line"], f["column"]) for f in report["files"][0]["findings"]]


def test_json_alone_is_monolingual_no_source_rules(tmp_path):
    # Without --source there is no source: numbers and placeholders are not "missing" from it.
    en = tmp_path / "en.json"
    en.write_text('{"welcome": "Welcome to version 3.", "move": "Move {0} to {1}."}\n')
    fr = tmp_path / "fr.json"
    fr.write_text('{"welcome": "Bienvenue dans la version 4.", "move": "Déplacer {1} vers {0}."}\n')
    for path in (en, fr):
        result = run("check", str(path), "-f", "json", "--mt", "none", "--isolated")
        assert result.exit_code == 0, result.output
        assert _findings(result) == []
    # Paired by key, the changed version number is still an error.
    paired = run("check", str(fr), "--source", str(en), "-f", "json", "--mt", "none", "--isolated")
    assert paired.exit_code == 1, paired.output
    assert ("number-mismatch", 1, 40) in _findings(paired)


def test_json_escaped_letters_are_checked_at_their_place(tmp_path):
    def escaped(value: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\u{ord(c):04x}" for c in value)

    path = tmp_path / "ru.json"
    original = '{\n  "dup": "' + escaped("Это это ошибка.") + '"\n}\n'
    path.write_text(original)
    result = run("check", str(path), "-f", "json", "--mt", "none", "--isolated", "--lang", "ru")
    report = json.loads(result.stdout)
    # The second word's first escape: after `  "dup": "` (10), 3 escapes (18) and a space.
    assert _findings(result) == [("repeated-word", 2, 30)]
    assert report["files"][0]["findings"][0]["fix"] is None  # never edits the escapes
    run("check", str(path), "--fix", "--unsafe-fixes", "--mt", "none", "--isolated")
    assert path.read_text() == original


def test_json_arrays_and_non_string_values(tmp_path):
    steps = tmp_path / "fr.json"
    steps.write_text('{"title": "Bienvenue", "steps": ["Le le chat dort.", "Suite"]}\n')
    result = run("check", str(steps), "-f", "json", "--mt", "none", "--isolated", "--lang", "fr")
    assert result.exit_code == 1, result.output
    assert _findings(result) == [("repeated-word", 1, 38)]  # the second "le"
    package = tmp_path / "package.json"
    package.write_text('{"name": "web", "version": "1.0.0", "private": true}\n')
    assert run("check", str(package), "--mt", "none", "--isolated").exit_code == 0
    numbers = tmp_path / "numbers.json"
    numbers.write_text('{"port": 8080, "debug": false}\n')
    result = run("check", str(numbers), "--mt", "none", "--isolated")
    assert result.exit_code == 2
    assert "no string values" in result.stderr


def test_pre_commit_hook_passes_json_only_from_locale_folders():
    import re

    import yaml  # a dev dependency: this test must not be skipped

    hooks = yaml.safe_load((SAMPLES.parent / ".pre-commit-hooks.yaml").read_text())
    for hook in hooks:
        files = re.compile(hook["files"])
        for path in (
            "locales/fr.json",
            "public/locales/fr/common.json",
            "src/i18n/de.json",
            "lang/en.json",
            "l10n/app_fr.arb",
            "README.md",
            "po/fr.po",
            "a.xlf",
        ):
            assert files.search(path), (hook["id"], path)
        for path in (
            "package.json",
            "tsconfig.json",
            "web/package.json",
            ".vscode/settings.json",
            "mylang/en.json",
            "locales.json",
            "a.py",
        ):
            assert not files.search(path), (hook["id"], path)


def test_junit_passes_files_below_the_fail_on_threshold(tmp_path):
    # The dashboard agrees with the exit code: a warning under --fail-on error is no failure.
    path = tmp_path / "a.txt"
    path.write_text("The council met on Monday.  It approved the plan.\n")
    result = run("check", str(path), "--format", "junit", "--fail-on", "error", "--isolated")
    assert result.exit_code == 0, result.output
    assert "<failure" not in result.stdout and "double-space" in result.stdout
    result = run("check", str(path), "--format", "junit", "--isolated")
    assert result.exit_code == 1
    assert "<failure" in result.stdout
