"""Instructions spent in one rule's `check` over generated PO catalogues.

    PYTHONHASHSEED=0 OPENBLAS_NUM_THREADS=1 valgrind --tool=callgrind \
        --callgrind-out-file=/dev/null --collect-atstart=no \
        --toggle-collect=_operator_call .venv/bin/python bench/callgrind_rule.py RULE [N]

As callgrind_po.py (a warm-up catalogue, then N more, 20 by default), with the `check`
of the rule named RULE run through `operator.call` (a C function): callgrind, told to
collect only inside that function, counts the rule alone, shared analyses it is the
first to ask for included (the quote pairing, for the first quote rule). Divide by N.
Compare two trees by PYTHONPATH; callgrind cannot see Python functions otherwise.
"""

from __future__ import annotations

import operator
import sys

from callgrind_po import check_catalogues

from transcheck.api import RunOptions, selected_rules
from transcheck.config import Config


def main() -> None:
    name = sys.argv[1]
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    config = Config(mt="none")
    [rule] = [r for r in selected_rules(config) if r.name == name]
    inner = rule.check

    def counted(self, ctx):  # type: ignore[no-untyped-def]
        return iter(operator.call(lambda: list(inner(self, ctx))))

    rule.check = counted  # type: ignore[method-assign]
    check_catalogues(files, RunOptions(report_format="json"))


if __name__ == "__main__":
    main()
