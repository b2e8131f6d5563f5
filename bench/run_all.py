"""Run the speed benches and write the speed table into bench/README.md.

    python bench/run_all.py [--quick] [--no-write] [--skip-mt]

(`make bench` runs it.) Each bench runs in its own process with `--json`; the
table (cold start, words/s for the rules, units/s for PO with --jobs 1 and 2,
MT with a cold and a warm cache, scaling with input size) is printed and, unless
--no-write, replaces the part of bench/README.md between the speed-table markers,
with the date, the machine and the load average before and after (other
processes on the machine slow every wall-clock figure; the CPU-time columns
move much less). --quick uses fewer runs and 200 PO files instead of 1,000.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
README = BENCH / "README.md"
START, END = "<!-- speed-table:start -->", "<!-- speed-table:end -->"


def run(script: str, *args: str) -> dict:
    command = [sys.executable, str(BENCH / script), *args, "--json"]
    print("$", " ".join(["python", f"bench/{script}", *args, "--json"]), flush=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=BENCH.parent, env=env, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{script} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def rate(amount: float, seconds: float) -> str:
    return f"{amount / seconds:,.0f}" if seconds > 0 else "n/a"


def table(results: dict, quick: bool) -> list[str]:
    rows = [
        "| measure | input | wall | rate (wall) | CPU | rate (CPU) | target |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    s = results["startup"]
    rows.append(
        f"| cold start: `transcheck check` in a new process, no MT | {s['words']:,}-word article "
        f"| {s['median']:.3f} s (min {s['min']:.3f}, max {s['max']:.3f}) | | {s['cpu']:.3f} s | "
        f"| ≤ 0.5 s median |"
    )
    r = results["rules"]
    rows.append(
        f"| all default rules, in-process (read, detect, split, rules) | {r['words']:,} words "
        f"| {r['wall'] * 1000:.0f} ms | {rate(r['words'], r['wall'])} words/s "
        f"| {r['cpu'] * 1000:.0f} ms | {rate(r['words'], r['cpu'])} words/s | ≥ 100,000 words/s |"
    )
    po = results["po"]["po"]
    base = po[0]["wall"]
    for row in po:
        first = row["jobs"] == po[0]["jobs"]
        speedup = "" if first else f"; {base / row['wall']:.2f}× over --jobs 1"
        target = "≥ 20,000 units/s per core" if row["jobs"] == 1 else "≥ 1.7× over --jobs 1"
        label = f"`--mt none --jobs {row['jobs']}`, new process"
        if row["jobs"] == "2x1":  # po_speed.py --halves: this machine's two-process ceiling
            label = "two `--jobs 1` processes, half the files each, at once"
            target = "the ceiling for --jobs 2"
        rows.append(
            f"| PO catalogues, {label} | {row['files']:,} "
            f"files, {row['units']:,} units | {row['wall']:.2f} s{speedup} "
            f"| {rate(row['units'], row['wall'])} units/s | {row['cpu']:.2f} s "
            f"| {rate(row['units'], row['cpu'])} units/CPU-s | {target} |"
        )
    if "mt" in results:
        m = results["mt"]
        words = m["source_words"]
        for label, key in (
            ("no MT", "no_mt"),
            ("Apertium, cold cache", "cold"),
            ("Apertium, warm cache", "warm"),
        ):
            rows.append(
                f"| check with source, {label}, in-process | {words:,} source words "
                f"| {m[key]:.3f} s | {rate(words, m[key])} words/s | | | "
                + ("cold/warm shown |" if key == "warm" else "|")
            )
        rows.append(f"| … cold / warm cache | | {m['cold'] / m['warm']:.1f}× | | | | |")
    sc = results["scaling"]["scaling"]
    first = sc[0]
    for row in sc:
        per_word = (row["cpu"] / row["words"]) / (first["cpu"] / first["words"])
        rows.append(
            f"| scaling {row['scale']}×, all default rules, in-process | {row['words']:,} words "
            f"| {row['wall']:.3f} s | {rate(row['words'], row['wall'])} words/s "
            f"| {row['cpu']:.3f} s | cost/word {per_word:.2f}× of 1× | linear (≤ 1×) |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--skip-mt", action="store_true", help="no Apertium bench")
    args = parser.parse_args()
    quick = args.quick
    before = load()
    started = datetime.datetime.now().astimezone()
    results: dict = {}
    results["startup"] = run("startup.py", "--runs", "5" if quick else "11")
    results["rules"] = run("speed_rules.py", "--runs", "3" if quick else "7")
    results["scaling"] = run("scaling.py", "--runs", "2" if quick else "3")
    results["po"] = run(
        "po_speed.py",
        "--files",
        "200" if quick else "1000",
        "--runs",
        "1" if quick else "3",
        "--halves",
    )
    if not args.skip_mt:
        try:
            results["mt"] = run("compare_speed.py", "--runs", "2" if quick else "5")
        except SystemExit as exc:  # no Apertium here: the table says so
            print(exc, file=sys.stderr)
    after = load()
    lines = [
        f"Measured {started:%Y-%m-%d %H:%M %Z} on {machine()}; "
        f"load average (1, 5, 15 min) {before} before, {after} after"
        + (" (--quick)" if quick else "")
        + ".",
        "",
        *table(results, quick),
        "",
        "Raw figures (JSON, seconds):",
        "",
        "```json",
        json.dumps(results, indent=None, sort_keys=True),
        "```",
    ]
    print("\n" + "\n".join(lines))
    if not args.no_write:
        write_readme(lines)
        print(f"\nwritten to {README.relative_to(BENCH.parent)}")


def write_readme(lines: list[str]) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else f"{START}\n{END}\n"
    if START not in text or END not in text:
        text += f"\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + START + "\n" + "\n".join(lines) + "\n" + END + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
