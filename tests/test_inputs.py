"""Reading inputs: encodings, newlines, and one-line errors for bad input."""

import os

import pytest

from transcheck.inputs import InputError, expand_paths, read_document


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
