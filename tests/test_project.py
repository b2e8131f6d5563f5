"""Checks across the files of one run."""

import json

from typer.testing import CliRunner

from transcheck.cli import app

runner = CliRunner()


def check_dir(path, *args):
    result = runner.invoke(app, ["check", str(path), "-f", "json", "--isolated", *args])
    assert result.exit_code in (0, 1), result.output
    return {f["path"]: f["findings"] for f in json.loads(result.stdout)["files"]}


def test_name_spelled_differently_in_another_file(tmp_path):
    (tmp_path / "ch1.txt").write_text(
        "Deputy Minister Ilya Ryabtsev arrived on Monday. Ryabtsev said the talks would "
        "continue.\n\nLater, Ryabtsev met the Norwegian delegation.\n"
    )
    (tmp_path / "ch2.txt").write_text("On Tuesday, Riabtsev spoke to reporters in the port.\n")
    found = check_dir(tmp_path)
    assert found[str(tmp_path / "ch1.txt")] == []
    (finding,) = found[str(tmp_path / "ch2.txt")]
    assert finding["rule"] == "name-variant"
    assert finding["suggestion"] == "Ryabtsev"
    assert (finding["line"], finding["column"]) == (1, 13)
    assert "ch1.txt (3×)" in finding["message"]


def test_different_people_across_files_are_not_flagged(tmp_path):
    (tmp_path / "a.txt").write_text("The report was written by Anne Johnson last year.\n")
    (tmp_path / "b.txt").write_text("The farmer, Peter Johnston, found the lens in a barn.\n")
    assert all(f == [] for f in check_dir(tmp_path).values())


def test_cross_file_finding_respects_suppressions_and_selection(tmp_path):
    (tmp_path / "ch1.txt").write_text(
        "Ilya Ryabtsev arrived on Monday. Ryabtsev spoke. Ryabtsev left on Friday.\n"
    )
    (tmp_path / "ch2.txt").write_text(
        "<!-- transcheck-disable name-variant -->\nOn Tuesday, Riabtsev spoke to reporters.\n"
    )
    assert all(f == [] for f in check_dir(tmp_path).values())
    (tmp_path / "ch2.txt").write_text("On Tuesday, Riabtsev spoke to reporters.\n")
    assert all(f == [] for f in check_dir(tmp_path, "--ignore", "name-variant").values())


def test_known_name_lookalikes_of_unrelated_files_are_not_flagged(tmp_path):
    # Established names and given names (names_latin.tsv, exonyms, names_given) keep these
    # apart in any file; the cross-file restriction itself is tested with Droukdel below.
    (tmp_path / "a.txt").write_text(
        "Trade with Beijing grew. Officials in Beijing said so. Kristin Hale wrote it.\n"
    )
    (tmp_path / "b.txt").write_text(
        "A flap from Boeing washed up. The actor Christian Bale and Christian Dior met.\n"
    )
    (tmp_path / "c.txt").write_text(
        "Germany won. Later, Germany lost. A friend of Germaine came.\n"
    )
    assert all(f == [] for f in check_dir(tmp_path).values())


def test_same_key_across_files_is_still_flagged(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The talks began on Monday in the capital. Later, Gaddafi spoke to the delegates."
        "\n\nOfficials said that Gaddafi would stay until the end of the week.\n"
    )
    (tmp_path / "b.txt").write_text("On Friday, Qaddafi returned to the capital by car.\n")
    found = check_dir(tmp_path)
    (finding,) = found[str(tmp_path / "b.txt")]
    assert finding["suggestion"] == "Gaddafi"


def test_rare_skeleton_variant_in_another_file_is_not_flagged(tmp_path):
    # One consonant skeleton, one spelling rare: a variant within a file, but across
    # files the relation rests on one document's context (`across_files`).
    (tmp_path / "a.txt").write_text(
        "The group grew, Droukdel said. It was armed, according to Droukdel.\n"
    )
    (tmp_path / "b.txt").write_text(
        "The leader Dourkdal was never caught, officials said on Monday.\n"
    )
    assert all(f == [] for f in check_dir(tmp_path).values())


def test_files_with_no_name_mid_sentence_are_not_merged(tmp_path, monkeypatch):
    # Capitalised words only at sentence starts (a UI catalogue's usual shape): nothing
    # to compare, so the cross-file pass returns before merging the files' names.
    import transcheck.names

    (tmp_path / "a.txt").write_text("Ryabtsev arrived.\n\nSave the file.\n")
    (tmp_path / "b.txt").write_text("Riabtsev left.\n\nOpen the folder.\n")

    def merge(*args, **kwargs):
        raise AssertionError("merged although no name is written mid-sentence")

    monkeypatch.setattr(transcheck.names, "merge_summaries", merge)
    assert all(f == [] for f in check_dir(tmp_path).values())
    # one name mid-sentence in either file: merged and compared as before
    (tmp_path / "b.txt").write_text("On Tuesday, Riabtsev left.\n")
    monkeypatch.undo()
    found = check_dir(tmp_path)
    (finding,) = found[str(tmp_path / "b.txt")] + found[str(tmp_path / "a.txt")]
    assert finding["rule"] == "name-variant"
