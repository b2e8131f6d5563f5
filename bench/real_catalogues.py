"""Findings on real catalogues: the system's installed gettext translations, as PO.

    .venv/bin/python bench/real_catalogues.py [--lang es] [--show RULE] [--sample 20]
                                              [--seed 1] [--json] [--stages]

Converts every /usr/share/locale/<lang>/LC_MESSAGES/*.mo (the translations shipped with
the installed packages: coreutils, bash, git, gtk, postgres…) to PO with `msgunfmt`
(gettext), which writes long strings wrapped over several lines as msgmerge does, then
runs `transcheck check FOLDER --mt none --format json` (in this process, `--isolated`)
and prints, per rule, its findings and findings per 1,000 units. Nothing is labelled:
these are shipped translations, so most findings on them are false positives, and a
rule's rate here is an upper bound of its false-positive rate on real catalogues.
`--show RULE` prints a random sample of that rule's findings with the unit they are in,
for judging them by hand. The catalogues' text is read at run time, never kept.

`--stages` adds po_speed.py's in-process breakdown (CPU ms per file for reading, language
detection, each rule, the project checks and the report) over the same catalogues: real
strings are longer than the generated ones (616 units a file, help texts), so the rules'
share differs.

The cross-file rules (inconsistent-translation, reused-translation) compare catalogues
of unrelated packages here, which a project would not do: their figures are listed but
say little.
"""

from __future__ import annotations

import argparse
import glob
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def write_catalogues(lang: str, folder: Path) -> int:
    """The installed `lang` catalogues as PO files in `folder`; how many were written."""
    if shutil.which("msgunfmt") is None:
        raise SystemExit("msgunfmt not found: install gettext")
    written = 0
    for mo in sorted(glob.glob(f"/usr/share/locale/{lang}/LC_MESSAGES/*.mo")):
        out = folder / f"{Path(mo).stem}.{lang}.po"
        done = subprocess.run(["msgunfmt", mo, "-o", str(out)], capture_output=True)
        if done.returncode == 0:
            written += 1
        else:
            out.unlink(missing_ok=True)
    if not written:
        raise SystemExit(f"no {lang} catalogues under /usr/share/locale")
    return written


def check(folder: Path) -> tuple[dict, int]:
    """The JSON report of the folder and its unit count."""
    from transcheck.api import RunOptions, check_paths
    from transcheck.config import Config
    from transcheck.reporters import OutputFormat, render

    report = check_paths([str(folder)], Config(mt="none"), RunOptions(report_format="json"))
    units = sum(len(r.units) for r in report.files)
    out = io.StringIO()
    render(report, OutputFormat("json"), out)
    return json.loads(out.getvalue()), units


def unit_text(lines: list[str], line: int) -> str:
    """The PO entry around 1-based `line`: from its msgid to the end of its msgstr."""
    start = line - 1
    while start > 0 and not lines[start].startswith(("msgid", "msgctxt")):
        start -= 1
    end = line
    while end < len(lines) and lines[end].strip():
        end += 1
    return "\n".join(lines[start:end])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="es")
    parser.add_argument("--show", help="a rule whose findings to sample")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--stages", action="store_true", help="CPU ms per file by stage")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_catalogues(args.lang, folder)
        report, units = check(folder)
        findings = [(r["path"], f) for r in report["files"] for f in r["findings"]]
        counts = Counter(f["rule"] for _, f in findings)
        if args.json:
            print(json.dumps({"files": files, "units": units, "findings": dict(counts)}))
        else:
            print(f"{files} {args.lang} catalogues, {units:,} units, {len(findings):,} findings")
            for rule, n in counts.most_common():
                print(f"  {rule:34s} {n:6,d}  {1000 * n / units:7.2f} per 1,000 units")
        if args.show:
            chosen = [(p, f) for p, f in findings if f["rule"] == args.show]
            random.Random(args.seed).shuffle(chosen)
            cache: dict[str, list[str]] = {}
            for path, finding in chosen[: args.sample]:
                if path not in cache:
                    cache[path] = Path(path).read_text(encoding="utf-8").split("\n")
                print(f"\n--- {Path(path).name}:{finding['line']}: {finding['message']}")
                print(unit_text(cache[path], finding["line"]))
        if args.stages:
            sys.path.insert(0, str(ROOT / "bench"))
            from po_speed import print_stages, stages

            print_stages(stages(folder))


if __name__ == "__main__":
    main()
