"""How much the translation cache saves, and what argos adds over raw CTranslate2.

1. Apertium spa→eng on a ~2,000-word Spanish text (sentences from the es column of
   es_en_parallel_dev.tsv): no cache, cold cache (empty file), warm cache (every
   sentence cached; a fresh TranslationCache object, as a new run would open it).
2. argos with the tiny copy model built by tests/argos_fixture.py, against the same
   model called through ctranslate2 + sentencepiece directly (same beam size). argos
   translates in a worker process (for its timeout): its start (import and model load,
   once per run) is a row of its own; the per-call figure includes the round trip.

    .venv/bin/python bench/mt_cache_speed.py [--words 2000] [--repeat 5] [--skip-argos]

Corpora: ../shared/corpora (TRANSCHECK_CORPORA overrides); without it a generated text
is used. Prints a table; medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def corpora_dir() -> Path:
    env = os.environ.get("TRANSCHECK_CORPORA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "corpora"


def spanish_sentences(words: int) -> tuple[list[str], str]:
    """Sentences totalling at least `words` words, and where they came from."""
    path = corpora_dir() / "es_en_parallel_dev.tsv"
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as f:
            rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(rows)
            column = header.index("es")
            pool = [row[column] for row in rows if len(row) > column and row[column].strip()]
        source = f"{path.name} (es column)"
    else:
        pool = generated_sentences()
        source = "generated text (corpus not found)"
    out: list[str] = []
    count = 0
    while count < words:
        sentence = pool[len(out) % len(pool)]
        out.append(sentence)
        count += len(sentence.split())
    return out, source


def generated_sentences() -> list[str]:
    subjects = ["El ayuntamiento", "La empresa", "Mi vecina", "El equipo local", "La biblioteca"]
    verbs = ["anunció", "preparó", "revisó", "presentó", "aplazó"]
    objects = ["un plan nuevo", "el informe anual", "una exposición", "las obras del puente"]
    times = ["el lunes", "ayer por la tarde", "a principios de marzo", "tras varias semanas"]
    return [f"{s} {v} {o} {t}." for s in subjects for v in verbs for o in objects for t in times]


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_cache(sentences: list[str], repeat: int) -> list[tuple[str, float]]:
    from transcheck.mt.apertium import ApertiumTranslator
    from transcheck.mt.cache import CachedTranslator, TranslationCache

    apertium = ApertiumTranslator()
    apertium.ident("es", "en")  # mode list and versions: once per process, not per run
    rows = [
        (
            "apertium, no cache",
            median_time(lambda: apertium.translate(sentences, "es", "en"), repeat),
        )
    ]

    def cold() -> None:
        with tempfile.TemporaryDirectory() as tmp, TranslationCache(Path(tmp) / "c.sqlite3") as c:
            CachedTranslator(apertium, c).translate(sentences, "es", "en")

    rows.append(("apertium, cold cache", median_time(cold, repeat)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.sqlite3"
        with TranslationCache(path) as c:
            CachedTranslator(apertium, c).translate(sentences, "es", "en")

        def warm() -> None:
            with TranslationCache(path) as c:
                CachedTranslator(apertium, c).translate(sentences, "es", "en")

        rows.append(("apertium, warm cache", median_time(warm, repeat)))
    return rows


def bench_argos(sentences: list[str], repeat: int) -> list[tuple[str, float]]:
    """argos vs raw ctranslate2 on the tiny copy model, in a throwaway argos home."""
    sys.path.insert(0, str(REPO / "tests"))
    import argos_fixture

    home = Path(tempfile.mkdtemp(prefix="bench-argos-"))
    os.environ.update(argos_fixture.argos_env(home))  # before argostranslate is imported
    model = argos_fixture.build_package(home / "built", "es", "en")
    start = time.perf_counter()
    import argostranslate.package
    import argostranslate.translate

    import_time = time.perf_counter() - start
    argostranslate.package.install_from_path(model)

    from transcheck.mt.argos import ArgosTranslator

    argos = ArgosTranslator()
    start = time.perf_counter()
    argos.translate(sentences[:1], "es", "en")  # start the worker, load the model: once
    first_call = time.perf_counter() - start
    rows = [
        ("import argostranslate.translate (once)", import_time),
        ("argos worker start + model load (once)", first_call),
        (
            "argos ArgosTranslator.translate",
            median_time(lambda: argos.translate(sentences, "es", "en"), repeat),
        ),
    ]
    raw = raw_ct2(home)
    raw(sentences[:1])
    rows.append(("raw ctranslate2 + sentencepiece", median_time(lambda: raw(sentences), repeat)))
    return rows


def raw_ct2(home: Path) -> Callable[[list[str]], list[str]]:
    """The same model without argos: encode, translate_batch (beam 4), decode."""
    import ctranslate2
    import sentencepiece as spm

    folder = next((home / "packages").iterdir())
    ct2 = ctranslate2.Translator(str(folder / "model"), device="cpu", intra_threads=1)
    sp = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))

    def run(texts: list[str]) -> list[str]:
        tokens = [sp.encode(t, out_type=str) for t in texts]
        results = ct2.translate_batch(tokens, beam_size=4, max_batch_size=32, batch_type="tokens")
        return [sp.decode(r.hypotheses[0]) for r in results]

    return run


def print_table(title: str, rows: list[tuple[str, float]], words: int) -> None:
    print(f"\n{title}")
    print(f"{'what':<42} {'seconds':>9} {'words/s':>10}")
    for label, seconds in rows:
        rate = f"{words / seconds:,.0f}" if seconds > 0 and "(once)" not in label else ""
        print(f"{label:<42} {seconds:>9.4f} {rate:>10}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-argos", action="store_true")
    args = parser.parse_args()
    sentences, source = spanish_sentences(args.words)
    words = sum(len(s.split()) for s in sentences)
    print(f"text: {len(sentences)} sentences, {words} words from {source}; median of {args.repeat}")

    cache_rows = bench_cache(sentences, args.repeat)
    print_table("Apertium spa-eng and the translation cache", cache_rows, words)
    times = dict(cache_rows)
    ratio = times["apertium, cold cache"] / times["apertium, warm cache"]
    print(f"cold/warm ratio: {ratio:.1f}x (target >= 20x)")

    if not args.skip_argos:
        argos_rows = bench_argos(sentences, args.repeat)
        print_table(
            "argos vs raw CTranslate2 (tiny copy model, 1 thread, beam 4)", argos_rows, words
        )
        t = dict(argos_rows)
        overhead = t["argos ArgosTranslator.translate"] / t["raw ctranslate2 + sentencepiece"]
        print(f"argos / raw: {overhead:.2f}x")


if __name__ == "__main__":
    main()
