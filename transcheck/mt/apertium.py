"""Apertium, the rule-based offline MT engine, called as a subprocess.

One `apertium -u MODE` process per document: startup (about 0.13 s) dominates at
document size, and the pipeline keeps line breaks, so texts are joined one per line,
with a blank line between them (see TEXT_SEPARATOR).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

from transcheck.mt.base import (
    MTError,
    MTUnavailable,
    TimeoutSetting,
    arrow,
)

INSTALL_HINT = "install it with `apt-get install apertium apertium-eng-spa`"

# Apertium mode names mix ISO 639-3 ("spa-eng") and 639-1 ("es-pt"); reports use 639-1.
_ISO3_TO_1 = {
    "afr": "af", "ara": "ar", "arg": "an", "aze": "az", "bak": "ba", "bel": "be",
    "ben": "bn", "bre": "br", "bul": "bg", "cat": "ca", "ces": "cs", "chv": "cv",
    "cos": "co", "cym": "cy", "dan": "da", "deu": "de", "ell": "el", "eng": "en",
    "epo": "eo", "est": "et", "eus": "eu", "fao": "fo", "fin": "fi", "fra": "fr",
    "fry": "fy", "gla": "gd", "gle": "ga", "glg": "gl", "glv": "gv", "guj": "gu",
    "heb": "he", "hin": "hi", "hrv": "hr", "hun": "hu", "ina": "ia", "ind": "id",
    "isl": "is", "ita": "it", "kaz": "kk", "kir": "ky", "kur": "ku", "lat": "la",
    "lav": "lv", "lit": "lt", "ltz": "lb", "mal": "ml", "mar": "mr", "mkd": "mk",
    "mlt": "mt", "mon": "mn", "msa": "ms", "nld": "nl", "nno": "nn", "nob": "nb",
    "nor": "no", "oci": "oc", "pan": "pa", "pol": "pl", "por": "pt", "ron": "ro",
    "rus": "ru", "slk": "sk", "slv": "sl", "sme": "se", "spa": "es", "sqi": "sq",
    "srd": "sc", "srp": "sr", "swe": "sv", "tam": "ta", "tat": "tt", "tel": "te",
    "tgk": "tg", "tuk": "tk", "tur": "tr", "uig": "ug", "ukr": "uk", "urd": "ur",
    "uzb": "uz",
}  # fmt: skip

# "spa-eng", "es-pt"; a variant suffix as in "spa-eng_US", "es-pt_BR", "spa-cat_valencia".
_MODE_RE = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})(?:_(\w+))?$")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def to_iso1(code: str) -> str:
    """ISO 639-1 for an Apertium language code; codes with no 639-1 stay as they are."""
    return _ISO3_TO_1.get(code, code)


def parse_modes(listing: str) -> dict[tuple[str, str], str]:
    """Map (src, tgt) in ISO 639-1 to a mode name, from the output of `apertium -l`.

    Plain modes win; a variant ("es-pt_BR") is used only for a pair with no plain mode.
    """
    plain: dict[tuple[str, str], str] = {}
    variants: dict[tuple[str, str], str] = {}
    for line in listing.splitlines():
        match = _MODE_RE.match(line.strip())
        if not match:
            continue
        pair = (to_iso1(match[1]), to_iso1(match[2]))
        target = variants if match[3] else plain
        target.setdefault(pair, match.group(0))
    return {**variants, **plain}


# Between two texts of a batch: a blank line. Apertium's deformatter ends a sentence
# there, while a single line break is mere space to its transfer rules, which then move
# words from one text to the next when a text has no final stop (catalogue strings,
# titles): "Child", "Information", "Adult", "Action" came back as "Acción", "de",
# "Adulto", "de Información de niño".
TEXT_SEPARATOR = "\n\n"


def join_lines(texts: Sequence[str], separator: str = "\n") -> str:
    """One text per line, each followed by `separator`; line breaks inside a text become
    spaces so the texts stay aligned."""
    return "".join(_LINE_BREAKS.sub(" ", text) + separator for text in texts)


def split_lines(output: str, expected: int, mode: str, separator: str = "\n") -> list[str]:
    """Split Apertium's output back into one string per input text, or raise MTError."""
    if separator != "\n":
        # The last text's ending may differ; exactly one separator is removed, so that an
        # empty last translation (a lone soft hyphen) keeps its place.
        output = output.removesuffix(separator) + separator
    lines = [line.strip("\n") for line in output.split(separator)]
    if lines and lines[-1] == "":
        lines.pop()  # the separator that ends the last text
    if len(lines) != expected:
        raise MTError(
            f"apertium {mode} returned {len(lines)} lines for {expected} input lines; "
            "its output cannot be aligned with the source"
        )
    return lines


class ApertiumTranslator(TimeoutSetting):
    """The Debian `apertium` binary with its installed language pairs."""

    name = "apertium"

    def __init__(
        self,
        binary: str = "apertium",
        timeout: float | None = None,
        pair: tuple[str, str] | None = None,
    ) -> None:
        self.binary = binary
        self._timeout = timeout
        self.pair = pair
        self._modes: dict[tuple[str, str], str] | None = None
        self._version: str | None = None
        self._data_versions: dict[str, str] = {}

    # -- discovery -------------------------------------------------------

    def _path(self) -> str:
        path = shutil.which(self.binary)
        if path is None:
            raise MTUnavailable(
                f"the apertium binary ({self.binary}) was not found; {INSTALL_HINT}"
            )
        return path

    def _run_quick(self, *args: str) -> str:
        """Run a short informational command (`-l`, `-V`) and return its stdout."""
        path = self._path()
        try:
            done = subprocess.run(
                [path, *args], capture_output=True, text=True, timeout=30, check=False
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise MTUnavailable(f"could not run {path} {' '.join(args)}: {exc}") from None
        return done.stdout

    def modes(self) -> dict[tuple[str, str], str]:
        """Installed modes by (src, tgt) pair; read once from `apertium -l`."""
        if self._modes is None:
            self._modes = parse_modes(self._run_quick("-l"))
        return self._modes

    def pairs(self) -> set[tuple[str, str]]:
        return set(self.modes())

    def mode_for(self, src: str, tgt: str) -> str:
        mode = self.modes().get((src, tgt))
        if mode is None:
            have = ", ".join(sorted(self.modes().values())) or "none"
            raise MTUnavailable(
                f"no apertium mode for {arrow(src, tgt)} (installed: {have}); install the "
                "Debian package for the pair (see `apt-cache search apertium`)"
            )
        return mode

    def version(self) -> str:
        """Engine version, e.g. "3.8.3" (from `apertium -V`); cached."""
        if self._version is None:
            match = re.search(r"\d+(?:\.\d+)+", self._run_quick("-V"))
            self._version = match[0] if match else "unknown"
        return self._version

    def data_version(self, mode: str) -> str | None:
        """Version of the language-data package behind a mode (dpkg), if it can be found.

        The engine version alone would keep stale cache entries after a data update.
        """
        if mode not in self._data_versions:
            self._data_versions[mode] = _dpkg_data_version(self._path(), mode) or ""
        return self._data_versions[mode] or None

    def ident(self, src: str | None = None, tgt: str | None = None) -> str:
        if src is None or tgt is None:
            if self.pair is None:
                return f"apertium:{self.version()}"
            src, tgt = self.pair
        mode = self.mode_for(src, tgt)
        data = self.data_version(mode)
        return f"apertium:{self.version()}:{mode}" + (f"@{data}" if data else "")

    # -- translation -----------------------------------------------------

    def translate(self, texts: Sequence[str], src: str, tgt: str) -> list[str]:
        mode = self.mode_for(src, tgt)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        out = ["" for _ in texts]  # blank texts need no process
        if not todo:
            return out
        text = join_lines([texts[i] for i in todo], TEXT_SEPARATOR)
        stdout = self._run_pipeline(mode, text)
        lines = split_lines(stdout, len(todo), mode, TEXT_SEPARATOR)
        for i, line in zip(todo, lines, strict=True):
            out[i] = line
        return out

    def _run_pipeline(self, mode: str, text: str) -> str:
        """`apertium -u MODE` on text; the whole process group dies on timeout."""
        path = self._path()
        try:
            proc = subprocess.Popen(
                [path, "-u", mode],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                encoding="utf-8",
                errors="replace",
                start_new_session=True,  # the mode is a pipeline of ~10 processes
            )
        except OSError as exc:
            raise MTUnavailable(f"could not run {path}: {exc}; {INSTALL_HINT}") from None
        try:
            stdout, stderr = proc.communicate(text, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise MTError(
                f"apertium {mode} did not finish within {self.timeout:g} s; "
                "raise the timeout or translate a shorter text"
            ) from None
        if proc.returncode != 0:
            last = (stderr.strip().splitlines() or ["no error output"])[-1]
            raise MTError(f"apertium {mode} failed (exit {proc.returncode}): {last}")
        return stdout


def _kill_group(proc: subprocess.Popen[str]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        proc.kill()
    proc.communicate()


def _dpkg_data_version(binary_path: str, mode: str) -> str | None:
    """Find the mode file next to the binary, the data folder it uses, and its dpkg version."""
    share = Path(binary_path).resolve().parent.parent / "share" / "apertium"
    try:
        text = (share / "modes" / f"{mode}.mode").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(r"/share/apertium/(apertium-[\w.+-]+)/", text)
    if not match or shutil.which("dpkg-query") is None:
        return None
    try:
        done = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", match[1]],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None
