"""Reading inputs: encodings, newlines, and one-line errors for bad input."""

import os
from pathlib import Path

import pytest

from transcheck.inputs import InputError, expand_paths, read_bytes, read_document


def write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


def test_crlf_and_bom_kept_as_read(tmp_path):
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbfOne line.\r\nTwo\xc2\xa0lines.\r\n")
    doc = read_document(path)
    assert doc.bom is True
    assert doc.text == "One line.\r\nTwo\u00a0lines.\r\n"
    assert doc.position(doc.text.index("Two")) == (2, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n", "file is empty (whitespace only)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"caf\xe9 au lait\n", "not valid UTF-8 (byte 0xE9 at line 1, byte 4)"),
        (b"\xff\xfeh\x00i\x00", "UTF-16"),
        (b"\xff\xfe\x00\x00h\x00\x00\x00", "UTF-32"),
        ("Hello there, said the clerk.\n".encode("utf-16-le"), "UTF-16 (no BOM)"),
        ("Hello there, said the clerk.\n".encode("utf-16-be"), "UTF-16 (no BOM)"),
        ("Hello there, said the clerk.\n".encode("utf-32-le"), "UTF-32 (no BOM)"),
    ],
)
def test_bad_content_is_a_one_line_error(tmp_path, data, message):
    path = write(tmp_path / "bad.txt", data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(path)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(str(tmp_path / "missing.txt"))


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", b"text")
    os.chmod(path, 0)
    if os.geteuid() == 0:
        # Root reads through permission bits (CI runs as root): the refusal is simulated
        # at the open call, so the error path still runs there.
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied", path)

        monkeypatch.setattr("transcheck.inputs.open", refuse, raising=False)
    with pytest.raises(InputError, match="permission denied"):
        read_document(path)


def test_size_limit(tmp_path):
    path = write(tmp_path / "big.txt", b"word " * 1000)
    with pytest.raises(InputError, match="too large"):
        read_document(path, max_size=100)


def test_directory_expansion_with_include_and_exclude(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.md").write_text("x")
    (tmp_path / "c.bin").write_bytes(b"\x00")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "e.txt").write_text("x")
    paths = [s.path for s in expand_paths([str(tmp_path)])]
    names = sorted(os.path.relpath(p, tmp_path) for p in paths)
    assert names == ["a.txt", "b.md", os.path.join("sub", "d.txt")]
    only_md = expand_paths([str(tmp_path)], include=["*.md"])
    assert [os.path.basename(s.path) for s in only_md] == ["b.md"]
    no_sub = expand_paths([str(tmp_path)], exclude=["sub"])
    assert sorted(os.path.basename(s.path) for s in no_sub) == ["a.txt", "b.md"]


def test_glob_and_missing_arguments(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    specs = expand_paths([str(tmp_path / "*.txt"), str(tmp_path / "*.po"), "nope.txt"])
    assert [s.error for s in specs] == [
        None,
        "no file matches this pattern",
        "no such file or directory",
    ]


def test_folders_skip_pipes_but_keep_broken_links(tmp_path):
    # A FIFO inside a folder would block the run waiting for a writer; a broken link is
    # still listed, so that reading it reports the problem.
    (tmp_path / "a.txt").write_text("Plain text.\n")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    paths = [spec.path for spec in expand_paths([str(tmp_path)])]
    assert paths == [str(tmp_path / "a.txt"), str(tmp_path / "broken.txt")]
    with pytest.raises(InputError, match="no such file"):
        read_document(str(tmp_path / "broken.txt"))


def _tree(root, *paths):
    for rel in paths:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("Un texte.\n")


def _rel(specs, root):
    return sorted(os.path.relpath(s.path, root) for s in specs if s.error is None)


def test_patterns_with_a_slash_match_from_the_current_folder(tmp_path, monkeypatch):
    # As in .gitignore: `locales/en` is that folder (and everything under it), not any
    # folder named `en`, and not `locales/english`.
    _tree(
        tmp_path,
        "locales/en/a.md",
        "locales/english/a.md",
        "locales/fr/a.md",
        "docs/legacy/old.md",
        "docs/legacy/deep/x.md",
        "docs/new.md",
        "other/locales/en/b.md",
    )
    monkeypatch.chdir(tmp_path)
    specs = expand_paths(["."], exclude=["locales/en", "docs/legacy"])
    assert _rel(specs, ".") == [
        "docs/new.md",
        "locales/english/a.md",
        "locales/fr/a.md",
        "other/locales/en/b.md",
    ]
    # The same patterns whatever folder is named: the walk root does not shift them.
    specs = expand_paths(["locales"], exclude=["locales/en"])
    assert _rel(specs, ".") == ["locales/english/a.md", "locales/fr/a.md"]
    # A leading `**/` matches at any depth; `*` stays inside one folder name.
    specs = expand_paths(["."], exclude=["**/locales/en"])
    assert "other/locales/en/b.md" not in _rel(specs, ".")
    specs = expand_paths(["."], exclude=["docs/*.md"])
    assert _rel(specs, ".").count("docs/legacy/old.md") == 1
    assert "docs/new.md" not in _rel(specs, ".")
    specs = expand_paths(["."], exclude=["docs/**/*.md"])
    assert not [p for p in _rel(specs, ".") if p.startswith("docs/")]


def test_patterns_without_a_slash_match_a_name_at_any_depth(tmp_path, monkeypatch):
    _tree(tmp_path, "a/legacy/x.md", "b/c/legacy/y.md", "b/legacy.md", "b/keep.md")
    monkeypatch.chdir(tmp_path)
    assert _rel(expand_paths(["."], exclude=["legacy*"]), ".") == ["b/keep.md"]
    # A trailing `/` is for folders only: the file `legacy.md` is not a folder.
    specs = expand_paths(["."], exclude=["legacy*/"])
    assert _rel(specs, ".") == ["b/keep.md", "b/legacy.md"]
    # Names are looked for below the folder named, not in the path leading to it.
    _tree(tmp_path, "legacy/inside.md")
    assert _rel(expand_paths(["legacy"], exclude=["legacy"]), ".") == ["legacy/inside.md"]


def test_include_with_a_slash_selects_by_path(tmp_path, monkeypatch):
    _tree(tmp_path, "locales/fr/a.md", "locales/fr/deep/b.md", "docs/c.md", "locales/fr/d.txt")
    monkeypatch.chdir(tmp_path)
    assert _rel(expand_paths(["."], include=["locales/*/*.md"]), ".") == ["locales/fr/a.md"]
    specs = expand_paths(["."], include=["locales/**/*.md"])
    assert _rel(specs, ".") == ["locales/fr/a.md", "locales/fr/deep/b.md"]
    assert _rel(expand_paths(["."], include=["*.md"]), ".") == [
        "docs/c.md",
        "locales/fr/a.md",
        "locales/fr/deep/b.md",
    ]


def test_globbed_files_honour_anchored_excludes(tmp_path, monkeypatch):
    _tree(tmp_path, "locales/en/a.md", "locales/fr/a.md")
    monkeypatch.chdir(tmp_path)
    specs = expand_paths(["locales/*/a.md"], exclude=["locales/en"])
    assert _rel(specs, ".") == ["locales/fr/a.md"]
    # Files named one by one are always taken (as before).
    assert _rel(expand_paths(["locales/en/a.md"], exclude=["locales/en"]), ".") == [
        "locales/en/a.md"
    ]


def test_patterns_that_leave_no_file_are_an_error(tmp_path, monkeypatch):
    # A CI job whose patterns select nothing would pass while checking nothing.
    _tree(tmp_path, "proj/locales/fr/a.md", "proj/notes.txt")
    monkeypatch.chdir(tmp_path)
    specs = expand_paths(["proj"], include=["locales/*/*.md"])  # relative to the cwd
    assert [s.path for s in specs] == ["proj"]
    assert specs[0].error.startswith(
        "no files to check: the include/exclude patterns left out all 2 files found"
    )
    (tmp_path / "empty").mkdir()
    assert expand_paths(["empty"])[0].error == "no files to check (no file found here)"
    specs = expand_paths(["proj/*/*/*"], exclude=["locales"])
    assert [s.error is not None for s in specs] == [True]
    # Not an error when another argument gave files: an empty folder among others is fine.
    specs = expand_paths(["empty", "proj"])
    assert [s.error for s in specs] == [None, None]


def test_glob_characters_in_patterns(tmp_path, monkeypatch):
    _tree(tmp_path, "d1/a.md", "d2/b.md", "dx/c.md", "[x]/d.md")
    monkeypatch.chdir(tmp_path)
    assert _rel(expand_paths(["."], exclude=["d[12]"]), ".") == ["[x]/d.md", "dx/c.md"]
    assert _rel(expand_paths(["."], exclude=["d[!1]"]), ".") == ["[x]/d.md", "d1/a.md"]
    assert _rel(expand_paths(["."], exclude=["d?/*.md"]), ".") == ["[x]/d.md"]


def test_one_file_named_twice_is_checked_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("d.txt").write_text("x\n")
    Path("e.txt").write_text("y\n")
    specs = expand_paths(["d.txt", "./d.txt", str(tmp_path / "d.txt"), ".", "e.txt"])
    assert [s.path for s in specs] == ["d.txt", "./e.txt"]
    # two different files of the same name in two folders are both kept
    Path("sub").mkdir()
    Path("sub/d.txt").write_text("z\n")
    assert [s.path for s in expand_paths(["d.txt", "sub/d.txt"])] == ["d.txt", "sub/d.txt"]


def test_links_in_a_folder_are_checked_once_with_what_they_point_to(tmp_path, monkeypatch):
    # The walk knows each file's real path from its folder's, but a file that is itself
    # a link is resolved: two links to one file, or a link and its target, are one file.
    monkeypatch.chdir(tmp_path)
    Path("docs").mkdir()
    Path("docs/a.txt").write_text("x\n")
    os.symlink("a.txt", "docs/b.txt")
    os.symlink(tmp_path / "docs" / "a.txt", "docs/c.txt")
    os.symlink("docs", "alias")  # a folder reached through a link: the same files
    assert [s.path for s in expand_paths(["docs"])] == ["docs/a.txt"]
    assert [s.path for s in expand_paths(["docs/c.txt", "docs"])] == ["docs/c.txt"]
    assert [s.path for s in expand_paths(["alias", "docs"])] == ["alias/a.txt"]
    # A link to a file outside the folder is that file.
    Path("outside.txt").write_text("y\n")
    os.symlink(tmp_path / "outside.txt", "docs/d.txt")
    assert [s.path for s in expand_paths(["docs", "outside.txt"])] == [
        "docs/a.txt",
        "docs/d.txt",
    ]


def test_folders_skip_a_link_to_a_pipe(tmp_path):
    (tmp_path / "a.txt").write_text("Plain text.\n")
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "pipe", tmp_path / "pipe.txt")
    assert [spec.path for spec in expand_paths([str(tmp_path)])] == [str(tmp_path / "a.txt")]


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        (1500, 1000, "file is too large (1.5 KB; limit 1,000 bytes, see --max-file-size)"),
        (3 << 20, 1 << 20, "file is too large (3.0 MB; limit 1.0 MB, see --max-file-size)"),
        (200_000, 100_000, "file is too large (195.3 KB; limit 97.7 KB, see --max-file-size)"),
        (1025, 1024, "file is too large (1,025 bytes; limit 1,024 bytes, see --max-file-size)"),
    ],
)
def test_size_limit_message_uses_a_readable_unit(tmp_path, size, limit, expected):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * size)
    with pytest.raises(InputError) as info:
        read_bytes(str(path), limit)
    assert info.value.message == expected
