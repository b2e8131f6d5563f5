"""Checks of the 10,000-word article (speed_rules.py's), for instruction counts.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        .venv/bin/python bench/callgrind_article.py N

One warm-up check, then N checks with the memos cleared before each. Run with N=0
and N=2 and halve the difference of the "Collected" counts: instructions per check,
steady under machine load where CPU timings are not (compare two trees by
PYTHONPATH).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _fresh import clear_memos
from speed_rules import article

from transcheck.api import RunOptions, check_paths
from transcheck.config import Config


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    config = Config(mt="none")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text(article(10_000), encoding="utf-8")
        check_paths([str(path)], config, RunOptions())
        for _ in range(runs):
            clear_memos()
            check_paths([str(path)], config, RunOptions())


if __name__ == "__main__":
    main()
