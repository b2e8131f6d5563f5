"""Apertium backend: real es↔en translation, mode parsing, and failure modes (fake binaries)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import write_fake_apertium

import transcheck.mt as mt
from transcheck.mt import get_backend, make_translator
from transcheck.mt.apertium import ApertiumTranslator, join_lines, parse_modes, split_lines
from transcheck.mt.base import MTError, MTUnavailable
from transcheck.mt.cache import CachedTranslator

SPANISH = [
    "El gato duerme en la casa.",
    "Mi hermano compra pan todos los días.",
    "El río es muy largo.",
]


# -- pure helpers ----------------------------------------------------------------


def test_parse_modes_maps_iso3_and_iso1_and_prefers_plain_modes() -> None:
    listing = "  eng-spa\n  spa-eng\n  spa-eng_US\n  es-pt_BR\n  es-gl\n  fr-es\n  oci-cat\n"
    assert parse_modes(listing) == {
        ("en", "es"): "eng-spa",
        ("es", "en"): "spa-eng",
        ("es", "pt"): "es-pt_BR",  # only a variant exists: use it
        ("es", "gl"): "es-gl",
        ("fr", "es"): "fr-es",
        ("oc", "ca"): "oci-cat",
    }


@pytest.mark.parametrize(
    "listing",
    ["", "Usage: apertium ...\n", "  spa-eng-tagger\n  eco-fr-es\n"],
)
def test_parse_modes_ignores_lines_that_are_not_plain_directions(listing: str) -> None:
    assert parse_modes(listing) == {}


def test_join_lines_puts_one_text_per_line() -> None:
    joined = join_lines(["uno", "dos\ntres", "a\r\nb\rc\u2028d"])
    assert joined == "uno\ndos tres\na b c d\n"
    assert split_lines(joined, 3, "spa-eng") == ["uno", "dos tres", "a b c d"]


def test_split_lines_reports_a_misaligned_output() -> None:
    with pytest.raises(MTError, match=r"returned 1 lines for 2 input lines"):
        split_lines("only one\n", 2, "spa-eng")


# -- real apertium ---------------------------------------------------------------


@pytest.mark.apertium
def test_translates_spanish_to_english_line_by_line(apertium_es_en: str) -> None:
    out = ApertiumTranslator().translate(SPANISH, "es", "en")
    assert len(out) == len(SPANISH)
    assert "cat" in out[0].lower() and "house" in out[0].lower()
    assert "bread" in out[1].lower()
    assert "river" in out[2].lower()


@pytest.mark.apertium
def test_keeps_alignment_with_newlines_and_blank_texts(apertium_es_en: str) -> None:
    texts = ["El gato\nduerme.", "", "   ", "El río\r\n\r\nes largo.", "Hola."]
    out = ApertiumTranslator().translate(texts, "es", "en")
    assert len(out) == len(texts)
    assert out[1] == "" and out[2] == ""
    assert "cat" in out[0].lower() and "\n" not in out[0]
    assert "river" in out[3].lower()
    assert out[4].lower().startswith("hello")


@pytest.mark.apertium
def test_translates_english_to_spanish(apertium_es_en: str) -> None:
    (out,) = ApertiumTranslator().translate(["The dog is in the garden."], "en", "es")
    assert "perro" in out and "jardín" in out


@pytest.mark.apertium
def test_pairs_and_ident(apertium_es_en: str) -> None:
    apertium = ApertiumTranslator()
    assert {("es", "en"), ("en", "es")} <= apertium.pairs()
    assert re.fullmatch(r"apertium:\d+(\.\d+)+:spa-eng(@\S+)?", apertium.ident("es", "en"))
    assert re.fullmatch(r"apertium:\d+(\.\d+)+", apertium.ident())
    bound = ApertiumTranslator(pair=("en", "es"))
    assert ":eng-spa" in bound.ident()


@pytest.mark.apertium
def test_empty_input_runs_no_process(apertium_es_en: str, tmp_path: Path) -> None:
    assert ApertiumTranslator().translate([], "es", "en") == []
    assert ApertiumTranslator().translate(["", " "], "es", "en") == ["", ""]


@pytest.mark.apertium
def test_missing_pair_says_how_to_install(apertium_es_en: str) -> None:
    with pytest.raises(MTUnavailable, match=r"no apertium mode for es→xx .*apt-cache search"):
        ApertiumTranslator().translate(["hola"], "es", "xx")


@pytest.mark.apertium
def test_make_translator_returns_a_cached_bound_apertium(
    apertium_es_en: str, tmp_path: Path
) -> None:
    (translator,) = make_translator("apertium", "es", "en", cache_dir=tmp_path)
    assert isinstance(translator, CachedTranslator)
    assert translator.ident().startswith("apertium:") and ":spa-eng" in translator.ident()
    assert translator.translate(["El gato."], "es", "en") == ["The cat."]
    assert (tmp_path / "mt-cache.sqlite3").is_file()
    with pytest.raises(MTUnavailable, match="no apertium mode for es→de"):
        make_translator("apertium", "es", "de", cache_dir=tmp_path)
    (raw,) = make_translator("apertium", "es", "en", use_cache=False)
    assert isinstance(raw, ApertiumTranslator)


def test_make_translator_none_and_unknown() -> None:
    assert make_translator("none", "es", "en") == []
    with pytest.raises(ValueError, match="unknown MT backend 'google'"):
        get_backend("google")


# -- failures, with a missing or fake binary ---------------------------------------------


def test_missing_binary_names_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    apertium = ApertiumTranslator()
    for call in (apertium.pairs, lambda: apertium.translate(["hola"], "es", "en")):
        with pytest.raises(MTUnavailable, match=r"apt-get install apertium apertium-eng-spa"):
            call()
    with pytest.raises(MTUnavailable, match="not found"):
        ApertiumTranslator(binary="apertium-not-here").ident("es", "en")


def test_missing_binary_means_no_auto_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    # keep argos out of this test: only apertium, whose binary is now missing
    monkeypatch.setattr(mt, "BACKENDS", {"apertium": mt.BACKENDS["apertium"]})
    assert make_translator("auto", "es", "en") == []


def fake_apertium(folder: Path, body: str) -> str:
    """A stand-in `apertium` that lists spa-eng and runs body for a translation."""
    return str(write_fake_apertium(folder, body))


def test_timeout_is_a_clear_error_and_kills_the_pipeline(tmp_path: Path) -> None:
    binary = fake_apertium(tmp_path, "cat > /dev/null; sleep 30 | cat")
    apertium = ApertiumTranslator(binary=binary, timeout=0.5)
    started = time.monotonic()
    with pytest.raises(MTError, match=r"apertium spa-eng did not finish within 0\.5 s"):
        apertium.translate(SPANISH, "es", "en")
    assert time.monotonic() - started < 10  # the sleeping grandchild did not keep us waiting


def test_fewer_lines_back_is_a_clear_error(tmp_path: Path) -> None:
    binary = fake_apertium(tmp_path, "head -n 1")
    with pytest.raises(MTError, match=r"returned 1 lines for 3 input lines"):
        ApertiumTranslator(binary=binary).translate(SPANISH, "es", "en")


def test_failing_binary_reports_its_last_error_line(tmp_path: Path) -> None:
    binary = fake_apertium(tmp_path, "echo 'Error: mode broken' >&2; exit 3")
    with pytest.raises(MTError, match=r"apertium spa-eng failed \(exit 3\): Error: mode broken"):
        ApertiumTranslator(binary=binary).translate(SPANISH, "es", "en")


def test_fake_binary_ident_uses_its_version(tmp_path: Path) -> None:
    binary = fake_apertium(tmp_path, "cat")
    apertium = ApertiumTranslator(binary=binary)
    assert apertium.ident("es", "en") == "apertium:9.9.9:spa-eng"  # no dpkg data version
    assert apertium.translate(["uno", "dos"], "es", "en") == ["uno", "dos"]


def test_a_missing_tool_skips_locally_but_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import require

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required in CI"):
        require(False, "apertium")
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="apertium is not installed"):
        require(False, "apertium")
    require(True, "apertium")  # available: neither
