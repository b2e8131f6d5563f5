"""Model management: list, install from a file, install from an index on loopback, remove."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from transcheck.mt import models
from transcheck.mt.base import MTUnavailable
from transcheck.mt.models import ModelFileError, install_file, list_models, remove

REPO_ROOT = Path(__file__).resolve().parents[1]
GOOD_META = {"package_version": "1.0", "from_code": "es", "to_code": "en", "type": "translate"}


# -- validation of a local file (no argos needed) -----------------------------------------


def make_zip(path: Path, entries: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


BAD_FILES: list[tuple[str, dict[str, str | bytes] | None, str]] = [
    ("not-a-zip", None, r"is not an argos package \(not a zip archive\)"),
    ("no-metadata", {"pkg/model/model.bin": b"x"}, r"pkg/metadata\.json is missing"),
    ("two-folders", {"a/metadata.json": "{}", "b/x": "y"}, r"exactly one top folder, found: a, b"),
    ("loose-file", {"metadata.json": "{}"}, r"metadata\.json is outside a folder"),
    ("unsafe", {"pkg/../../evil": "x"}, r"unsafe entry name"),
    ("bad-json", {"pkg/metadata.json": "{nope", "pkg/model/model.bin": b"x"}, r"not valid JSON"),
    ("list-json", {"pkg/metadata.json": "[]"}, r"must hold a JSON object"),
    ("no-codes", {"pkg/metadata.json": '{"from_code": "es"}'}, r"lacks 'to_code'"),
    ("sbd-type", {"pkg/metadata.json": '{"type": "sbd"}'}, r"'sbd' package, not a translation"),
    ("no-model", {"pkg/metadata.json": json.dumps(GOOD_META)}, r"pkg/model/model\.bin is missing"),
]


@pytest.mark.parametrize(("name", "entries", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_install_file_rejects_bad_packages(
    tmp_path: Path, name: str, entries: dict[str, str | bytes] | None, message: str
) -> None:
    path = tmp_path / f"{name}.argosmodel"
    if entries is None:
        path.write_text("this is not a zip file")
    else:
        make_zip(path, entries)
    with pytest.raises(ModelFileError, match=message):
        install_file(path)


def test_install_file_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="no such file"):
        install_file(tmp_path / "absent.argosmodel")


# -- install, list, remove with argos -------------------------------------------------------


def argos_rows() -> list[dict[str, Any]]:
    return [m for m in list_models() if m["backend"] == "argos"]


@pytest.mark.argos
def test_install_file_list_and_remove(
    argos_packages: Path, tiny_argos_models: dict[str, Path]
) -> None:
    assert argos_rows() == []
    summary = install_file(tiny_argos_models["es_en"])
    assert summary == "argos model translate-es_en-tiny 0.0.1 (es→en)"
    (row,) = argos_rows()
    assert row["from"] == "es" and row["to"] == "en"
    assert (row["name"], row["version"]) == ("translate-es_en-tiny", "0.0.1")
    assert row["package"] == "translate-es_en-tiny@0.0.1"
    assert Path(row["path"]).parent == argos_packages

    from transcheck.mt.argos import ArgosTranslator

    assert ArgosTranslator().translate(["hola mundo"], "es", "en") == ["hello world"]
    assert remove("es", "en") == "removed argos model translate-es_en-tiny (es→en)"
    assert argos_rows() == []
    with pytest.raises(MTUnavailable, match="no argos model for es→en is installed"):
        remove("es", "en")


@pytest.mark.argos
def test_install_file_warns_about_a_package_without_minisbd(
    argos_packages: Path, tiny_argos_models: dict[str, Path]
) -> None:
    summary = install_file(tiny_argos_models["es_fr_nosbd"])
    assert "no minisbd/ sentence splitter" in summary


@pytest.mark.apertium
def test_list_models_includes_apertium_modes(apertium_es_en: str) -> None:
    rows = [m for m in list_models() if m["backend"] == "apertium"]
    by_pair = {(m["from"], m["to"]): m for m in rows}
    assert by_pair[("es", "en")]["mode"] == "spa-eng"
    assert by_pair[("en", "es")]["name"] == "eng-spa"


# -- install from a package index on loopback ------------------------------------------


class _Handler(SimpleHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass


@pytest.fixture
def package_index(tmp_path: Path, tiny_argos_models: dict[str, Path]) -> Iterator[dict[str, Any]]:
    """index.json + the es→en .argosmodel served over http on 127.0.0.1."""
    served = tmp_path / "served"
    served.mkdir()
    model = tiny_argos_models["es_en"]
    (served / model.name).write_bytes(model.read_bytes())
    requests: list[str] = []
    handler = type("Handler", (_Handler,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(served)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    entry = {
        "package_version": "0.0.1", "argos_version": "1.11.0", "type": "translate",
        "from_code": "es", "from_name": "Spanish", "to_code": "en", "to_name": "English",
        "links": [base + model.name],
    }  # fmt: skip
    broken = {
        **entry,
        "to_code": "pt",
        "to_name": "Portuguese",
        "links": [base + "gone.argosmodel"],
    }
    (served / "index.json").write_text(json.dumps([entry, broken]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"url": base, "requests": requests, "model": model.name}
    finally:
        server.shutdown()
        server.server_close()


_INSTALL_SCRIPT = """
import json, sys
from transcheck.mt import models
from transcheck.mt.base import MTError
try:
    summary = models.install_pair(sys.argv[1], sys.argv[2])
except MTError as exc:
    print(json.dumps({"error": str(exc)}))
else:
    rows = [m for m in models.list_models() if m["backend"] == "argos"]
    print(json.dumps({"summary": summary, "argos": rows}))
"""


def run_install(tmp_path: Path, index_url: str, src: str, tgt: str) -> dict[str, Any]:
    """`install_pair` in a fresh process: argos reads its settings once, at import."""
    from argos_fixture import argos_env

    root = tmp_path / "home"
    env = {
        **os.environ, **argos_env(root), "HOME": str(root), "ARGOS_PACKAGE_INDEX": index_url,
        "PYTHONPATH": str(REPO_ROOT), "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1",
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", _INSTALL_SCRIPT, src, tgt],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["root"] = root
    return result


@pytest.mark.argos
def test_install_pair_downloads_from_the_index(
    tmp_path: Path, package_index: dict[str, Any]
) -> None:
    result = run_install(tmp_path, package_index["url"], "es", "en")
    assert result.get("error") is None
    assert result["summary"] == "argos model translate-es_en-tiny 0.0.1 (es→en)"
    (row,) = result["argos"]
    assert (row["from"], row["to"], row["version"]) == ("es", "en", "0.0.1")
    assert Path(row["path"]).parent == result["root"] / "packages"
    assert package_index["requests"] == ["/index.json", "/" + package_index["model"]]
    downloads = result["root"] / "cache" / "argos-translate" / "downloads"
    assert list(downloads.iterdir()) == []  # the downloaded file is not kept


@pytest.mark.argos
def test_install_pair_not_in_the_index(tmp_path: Path, package_index: dict[str, Any]) -> None:
    result = run_install(tmp_path, package_index["url"], "es", "de")
    assert result["error"] == "the argos package index has no es→de model (from es: es→en, es→pt)"


@pytest.mark.argos
def test_install_pair_failed_download_is_a_clear_error(
    argos_packages: Path, package_index: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import argostranslate.settings as settings

    monkeypatch.setattr(settings, "remote_package_index", package_index["url"] + "index.json")
    with pytest.raises(MTUnavailable) as caught:
        models.install_pair("es", "pt")
    message = str(caught.value)
    assert message.startswith(
        f"could not download the argos es→pt model ({package_index['url']}gone.argosmodel: "
    )
    assert "404" in message and "\n" not in message
    assert message.endswith("use `transcheck models install --file`")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.argos
def test_install_pair_offline_is_a_clear_error(
    argos_packages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argostranslate.settings as settings

    url = f"http://127.0.0.1:{closed_port()}/index.json"
    monkeypatch.setattr(settings, "remote_package_index", url)
    with pytest.raises(MTUnavailable) as caught:
        models.install_pair("es", "en")
    message = str(caught.value)
    assert message.startswith(f"could not reach the argos package index ({url}: ")
    assert "refused" in message.lower()
    assert message.endswith(
        "download the .argosmodel elsewhere and use `transcheck models install --file`"
    )
    assert "\n" not in message
