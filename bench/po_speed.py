"""Throughput of `transcheck check` on a folder of generated PO files (no MT), with
`--jobs 1` and `--jobs 2`, in a fresh process each run.

    python bench/po_speed.py [--files 1000] [--units 100] [--runs 3] [--jobs 1,2] [--json]
                             [--stages] [--halves]

The files are English -> Spanish UI catalogues generated here from a seeded
template grammar (short strings, placeholders, plural forms, a few fuzzy entries,
the odd artifact), the kind of text PO files hold; no corpus needed.

What is measured, end to end (`transcheck check DIR --mt none --format json --output
FILE` in a new process): wall time (median of --runs) with everything included --
process start, imports, loading the language model, reading, the rules, the project
checks and writing the report (`--format`, JSON by default; since session 5 a
catalogue's "mt" is null there without an MT backend, so no segment table is built);
"units/s" is units / that wall time. The package is compiled to bytecode first,
as an install does (`compile_package`). The CPU seconds are the
process's and its workers' user+sys (robust when other processes load the machine);
"units/CPU-s" is units / CPU seconds, i.e. per core, all stages included; "parent CPU
s" is the main process's own share (with --jobs: start, warm-up file, receiving the
results, project checks, report), the serial part when the machine is too busy for wall
times to mean much. With
--jobs 1 on an idle machine, wall time and CPU seconds agree.

The runs take turns (one of each job count, then the next round) and each row is the
median of its runs: on a shared host whose speed drifts, every row sees the same drift.

--halves adds a "2x1" row: two `--jobs 1` checks, each of half the files, started
together. No pool, no results sent, no serial parent: the most that two processes get
out of this machine, the ceiling for the `--jobs 2` speed-up. On a host whose two
vCPUs do not run at full speed together (seen in session 10: two independent checks
ran at 4 and 6.5 ms a file where one alone ran at 4), that ceiling is well under 2x
and the `--jobs 2` speed-up should be read against it.

--stages adds an in-process, single-process breakdown (CPU time, after a warm-up file,
so without process start): ms per file for reading, language detection, the source
comparison, the MT table, each rule, the project checks and the report, and the
rules-only throughput (units / CPU time of the rules alone).

Targets (issue 5): >= 1.7x with --jobs 2, >= 20,000 units/s per core for the rules
without MT.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (English, Spanish) pieces, written for this bench.
_NOUNS = [
    ("file", "archivo", "m"),
    ("folder", "carpeta", "f"),
    ("route", "ruta", "f"),
    ("message", "mensaje", "m"),
    ("account", "cuenta", "f"),
    ("photo", "foto", "f"),
    ("contact", "contacto", "m"),
    ("setting", "ajuste", "m"),
    ("report", "informe", "m"),
    ("list", "lista", "f"),
    ("device", "dispositivo", "m"),
    ("password", "contraseña", "f"),
    ("backup", "copia de seguridad", "f"),
    ("download", "descarga", "f"),
    ("event", "evento", "m"),
    ("note", "nota", "f"),
    ("tag", "etiqueta", "f"),
    ("project", "proyecto", "m"),
    ("map", "mapa", "m"),
    ("invoice", "factura", "f"),
]
_VERBS = [
    ("Save", "Guardar", "saved", "guardado"),
    ("Delete", "Eliminar", "deleted", "eliminado"),
    ("Open", "Abrir", "opened", "abierto"),
    ("Share", "Compartir", "shared", "compartido"),
    ("Rename", "Renombrar", "renamed", "renombrado"),
    ("Copy", "Copiar", "copied", "copiado"),
    ("Move", "Mover", "moved", "movido"),
    ("Export", "Exportar", "exported", "exportado"),
    ("Import", "Importar", "imported", "importado"),
    ("Sync", "Sincronizar", "synced", "sincronizado"),
    ("Upload", "Subir", "uploaded", "subido"),
    ("Restore", "Restaurar", "restored", "restaurado"),
]
_NAMES = ["Marta", "Jonas", "Aiko", "Tomasz", "Leila", "Ruairi", "Ingrid", "Kwame"]


def _article(gender: str, definite: bool = True) -> str:
    if definite:
        return "el" if gender == "m" else "la"
    return "un" if gender == "m" else "una"


def _participle(es: str, gender: str) -> str:
    return es[:-1] + "a" if gender == "f" and es.endswith("o") else es


def _unit(rng: random.Random) -> tuple[str, str] | tuple[str, str, str, str]:
    """One (msgid, msgstr) pair, or (msgid, msgid_plural, msgstr[0], msgstr[1])."""
    en_n, es_n, g = rng.choice(_NOUNS)
    en_v, es_v, en_p, es_p = rng.choice(_VERBS)
    name = rng.choice(_NAMES)
    kind = rng.randrange(10)
    if kind == 0:
        return (f"{en_v} {en_n}", f"{es_v} {es_n}")
    if kind == 1:
        return (
            f"The {en_n} could not be {en_p}.",
            f"No se pudo {es_v.lower()} {_article(g)} {es_n}.",
        )
    if kind == 2:
        return (
            f"Are you sure you want to {en_v.lower()} this {en_n}?",
            f"¿Seguro que quieres {es_v.lower()} {'este' if g == 'm' else 'esta'} {es_n}?",
        )
    if kind == 3:
        return (
            f"{name} {en_p} the {en_n} “%s”.",
            f"{name} ha {es_p} {_article(g)} {es_n} «%s».",
        )
    if kind == 4:
        return (
            f"One {en_n} {en_p}",
            f"%d {en_n}s {en_p}",
            f"{_article(g, False).capitalize()} {es_n} {_participle(es_p, g)}",
            f"%d {es_n}s {_participle(es_p, g)}s",
        )
    if kind == 5:
        return (
            f"Your {en_n} was {en_p} at {{time}} on {{date}}.",
            f"Tu {es_n} se ha {es_p} a las {{time}} del {{date}}.",
        )
    if kind == 6:
        return (
            f"{en_v} all {en_n}s to the {{folder}} folder",
            f"{es_v} {'todos los' if g == 'm' else 'todas las'} {es_n}s a la carpeta {{folder}}",
        )
    if kind == 7:
        return (f"{en_n.capitalize()} settings", f"Ajustes de {es_n}")
    if kind == 8:
        # The odd artifact: an untranslated string, a doubled word, a lost number.
        artifact = rng.randrange(3)
        if artifact == 0:
            text = f"{en_v} the {en_n} before you close the app."
            return (text, text)
        if artifact == 1:
            ready = "listo" if g == "m" else "lista"
            return (
                f"The {en_n} is ready.",
                f"{_article(g).capitalize()} {es_n} {es_n} está {ready}.",
            )
        return (f"Only 3 {en_n}s left.", f"Quedan solo 4 {es_n}s.")
    return (
        f"{name} wants to {en_v.lower()} {len(en_n)} {en_n}s with you.",
        f"{name} quiere {es_v.lower()} {len(en_n)} {es_n}s contigo.",
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def po_file(rng: random.Random, units: int, index: int) -> str:
    lines = [
        f"# Spanish catalogue {index} (generated by bench/po_speed.py).",
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: bench 1.0\\n"',
        '"Language: es\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        "",
    ]
    count, seen = 0, set()
    while count < units:
        unit = _unit(rng)
        if unit[0] in seen:
            continue  # msgids are unique within a catalogue
        seen.add(unit[0])
        lines.append(f"#: src/screen{rng.randrange(40)}.c:{rng.randrange(1, 900)}")
        if rng.randrange(25) == 0:
            lines.append("#, fuzzy")
        if len(unit) == 4:
            lines += [
                f"msgid {_quote(unit[0])}",
                f"msgid_plural {_quote(unit[1])}",
                f"msgstr[0] {_quote(unit[2])}",
                f"msgstr[1] {_quote(unit[3])}",
            ]
            count += 2
        else:
            lines += [f"msgid {_quote(unit[0])}", f"msgstr {_quote(unit[1])}"]
            count += 1
        lines.append("")
    return "\n".join(lines)


def write_catalogues(folder: Path, files: int, units: int, seed: int = 20240501) -> int:
    """`files` PO files of about `units` units each (msgstr forms); returns the unit count."""
    rng = random.Random(seed)
    total = 0
    for i in range(files):
        text = po_file(rng, units, i)
        total += text.count("\nmsgstr")
        sub = folder / f"module{i // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"messages{i:04d}.es.po").write_text(text, encoding="utf-8")
    return total


# `python -m transcheck ARGS` that also writes its own CPU seconds (user+sys, workers not
# included) on stderr at exit: the parent's share of a `--jobs` run.
_PARENT_CPU = (
    "import atexit, resource, sys\n"
    "def _cpu():\n"
    "    r = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    sys.stderr.write(f'PARENT-CPU {r.ru_utime + r.ru_stime}\\n')\n"
    "atexit.register(_cpu)\n"
    "sys.argv = ['transcheck', *sys.argv[1:]]\n"
    "from transcheck.cli import main\n"
    "main()\n"
)

# Parent CPU seconds of each timed run, by job count (filled by measure).
PARENT_CPU: dict[int, list[float]] = {}


def check_command(paths: list[Path], jobs: int, output: Path, fmt: str = "json") -> list[str]:
    return [
        sys.executable,
        "-c",
        _PARENT_CPU,
        "check",
        *map(str, paths),
        "--mt",
        "none",
        "--jobs",
        str(jobs),
        "--isolated",
        "--format",
        fmt,
        "--exit-zero",
        "--output",
        str(output),
    ]


def _timed(commands: list[list[str]]) -> tuple[float, float, list[float]]:
    """Wall seconds from the start of `commands` (run at the same time) to the end of the
    last, their CPU seconds (user+sys, workers included) and each one's own CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    running = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    outputs = [p.communicate() for p in running]
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    parents = []
    for process, (_, err) in zip(running, outputs, strict=True):
        if process.returncode not in (0, 1):
            raise SystemExit(f"check failed ({process.returncode}): {err[-2000:]}")
        parents += [
            float(line.split()[1]) for line in err.splitlines() if line.startswith("PARENT-CPU ")
        ]
    return wall, cpu, parents


def halves_commands(folder: Path, fmt: str = "json") -> list[list[str]]:
    """Two `--jobs 1` checks, each of half the files: run at the same time, they are the
    most any two-process run could get out of this machine (no pool, no results sent,
    no serial parent), its ceiling for `--jobs 2`."""
    files = sorted(folder.rglob("*.po"))
    middle = (len(files) + 1) // 2
    return [
        check_command(part, 1, folder.parent / f"report-half{i}.{fmt}", fmt)
        for i, part in enumerate((files[:middle], files[middle:]))
    ]


def compile_package() -> None:
    """Compile the measured tree's transcheck to bytecode, as installing it does. Without
    it a machine that sets PYTHONDONTWRITEBYTECODE (this one does) recompiles the
    package's modules on every start (~0.15 s of each run, all of it in the parent
    before the pool starts)."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import compileall, os, transcheck; "
            "compileall.compile_dir(os.path.dirname(transcheck.__file__), quiet=1)",
        ],
        check=True,
    )


def measure(
    files: int, units: int, runs: int, jobs: list[int], fmt: str = "json", halves: bool = False
) -> list[dict[str, float]]:
    """One row per job count (and one for `halves`, "2x1"): medians of `runs` runs. The
    runs take turns (a run of each, then the next round), so that a machine whose speed
    drifts (shared hosts do, by a third within minutes) slows every row alike."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "po"
        total = write_catalogues(folder, files, units)
        compile_package()
        # Warm the OS file cache and the model cache.
        _timed([check_command([folder], jobs[0], folder.parent / f"report.{fmt}", fmt)])
        kinds: list[int | str] = [*jobs, *(["2x1"] if halves else [])]
        timed: dict[int | str, list[tuple[float, float]]] = {kind: [] for kind in kinds}
        for _ in range(runs):
            for kind in kinds:
                if kind == "2x1":
                    wall, cpu, _parents = _timed(halves_commands(folder, fmt))
                else:
                    out = folder.parent / f"report-{kind}.{fmt}"
                    wall, cpu, parents = _timed([check_command([folder], kind, out, fmt)])
                    PARENT_CPU.setdefault(kind, []).extend(parents)
                timed[kind].append((wall, cpu))
    rows = []
    for kind in kinds:
        parents = PARENT_CPU.get(kind) if kind != "2x1" else None  # type: ignore[call-overload]
        parent = statistics.median(parents) if parents else None
        rows.append(
            {
                "jobs": kind,
                "files": files,
                "units": total,
                "wall": statistics.median(w for w, _ in timed[kind]),
                "cpu": statistics.median(c for _, c in timed[kind]),
                "parent_cpu": parent,
            }
        )
    return rows


def stages(folder: Path, fmt: str = "json") -> dict[str, float]:
    """CPU ms per file of each stage of a serial in-process check of `folder` (after one
    warm-up file, so process start and one-time loads are not included)."""
    import collections
    import functools
    import io

    from transcheck import api
    from transcheck.compare import Comparison
    from transcheck.config import Config
    from transcheck.reporters import OutputFormat, render

    order = [
        "read (parse + source language)",
        "  source language",
        "draft language (declared, checked)",
        "source comparison (alignment)",
        "MT segment table (suspicion scores)",
        "rules (run_rules)",
    ]
    spent: collections.Counter[str] = collections.Counter(dict.fromkeys(order, 0.0))

    def timed(owner: object, name: str, label: str) -> None:
        inner = getattr(owner, name)

        @functools.wraps(inner)
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - start

        setattr(owner, name, wrapper)

    config = Config(mt="none")
    options = api.RunOptions(jobs=1, report_format=fmt)
    paths = sorted(str(p) for p in folder.rglob("*.po"))
    api.check_paths(paths[:1], config, options)  # warm-up: model, rule data, patterns
    originals = {
        (api.Checker, "load"): api.Checker.load,
        (api, "assign_language"): api.assign_language,
        (api, "take_declared_language"): api.take_declared_language,
        (api, "build_comparison"): api.build_comparison,
        (Comparison, "to_dict"): Comparison.to_dict,
        (api, "run_rules"): api.run_rules,
        (api, "_kept"): api._kept,
        (api.Checker, "check_project"): api.Checker.check_project,
    }
    rule_checks = {}
    try:
        timed(api.Checker, "load", "read (parse + source language)")
        timed(api, "assign_language", "  source language")
        timed(api, "take_declared_language", "draft language (declared, checked)")
        timed(api, "build_comparison", "source comparison (alignment)")
        timed(Comparison, "to_dict", "MT segment table (suspicion scores)")
        timed(api, "run_rules", "rules (run_rules)")
        timed(api, "_kept", "keep (compact)")
        timed(api.Checker, "check_project", "project checks")
        for rule in api.Checker(config, options).rules:
            cls = type(rule)
            rule_checks[cls] = cls.check

            def check(self, ctx, _inner=cls.check, _label=f"  rule {rule.name}"):
                start = time.process_time()
                found = list(_inner(self, ctx))
                spent[_label] += time.process_time() - start
                return iter(found)

            cls.check = check
        start = time.process_time()
        report = api.check_paths(paths, config, options)
        checked = time.process_time()
        render(report, OutputFormat(fmt), io.StringIO())
        done = time.process_time()
    finally:
        for (owner, name), value in originals.items():
            setattr(owner, name, value)
        for cls, check in rule_checks.items():
            cls.check = check
    files = len(report.files)
    units = sum(len(r.units) for r in report.files)
    out = {label: 1000 * value / files for label, value in spent.items()}
    out[f"report ({fmt} render)"] = 1000 * (done - checked) / files
    out["total (check + report)"] = 1000 * (done - start) / files
    out["_units_per_file"] = units / files
    out["_rules_units_per_cpu_s"] = units / spent["rules (run_rules)"]
    out["_total_units_per_cpu_s"] = units / (done - start)
    return out


def print_stages(figures: dict[str, float]) -> None:
    print(
        f"\nIn-process stages, --jobs 1, CPU ms per file of "
        f"{figures['_units_per_file']:.0f} units (after a warm-up file; no process start):"
    )
    for label, value in figures.items():
        if not label.startswith("_") and value >= 0.05:
            print(f"  {label:44s} {value:7.2f}")
    print(
        f"  rules only: {figures['_rules_units_per_cpu_s']:,.0f} units/CPU-s; "
        f"all stages: {figures['_total_units_per_cpu_s']:,.0f} units/CPU-s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="1,2", help='job counts, "" for --stages only')
    parser.add_argument("--json", action="store_true")
    # JSON (the default) or text/sarif/github/junit/html (HTML builds each catalogue's table).
    parser.add_argument("--format", default="json", help="report format of the timed check")
    parser.add_argument("--stages", action="store_true", help="in-process breakdown too")
    parser.add_argument(
        "--halves",
        action="store_true",
        help="a 2x1 row too: two --jobs 1 checks of half the files each, at the same time "
        "(the machine's ceiling for --jobs 2)",
    )
    parser.add_argument("--stage-files", type=int, default=200, help="files for --stages")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",") if j.strip()]
    rows = (
        measure(args.files, args.units, args.runs, jobs, args.format, args.halves) if jobs else []
    )
    figures = None
    if args.stages:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "po"
            write_catalogues(folder, args.stage_files, args.units)
            figures = stages(folder, args.format)
    if args.json:
        extra = {"stages": figures} if figures else {}
        print(json.dumps({"runs": args.runs, "po": rows, **extra}))
        return
    if figures and not rows:
        print_stages(figures)
        return
    base = rows[0]["wall"]
    print(
        f"{rows[0]['files']} PO files, {rows[0]['units']:,} units, --format {args.format}; "
        f"median of {args.runs} runs"
    )
    print("(new process per run: start, model load, rules, project checks, report included)")
    print(
        f"{'jobs':>4} {'wall s':>8} {'units/s':>10} {'speed-up':>9} {'CPU s':>7} "
        f"{'units/CPU-s':>12} {'parent CPU s':>13}"
    )
    for row in rows:
        print(
            f"{row['jobs']:>4} {row['wall']:>8.2f} {row['units'] / row['wall']:>10,.0f} "
            f"{base / row['wall']:>8.2f}x {row['cpu']:>7.2f} {row['units'] / row['cpu']:>12,.0f} "
            + (f"{'-':>13}" if row["parent_cpu"] is None else f"{row['parent_cpu']:>13.2f}")
        )
    if figures:
        print_stages(figures)


if __name__ == "__main__":
    main()
