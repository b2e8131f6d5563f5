"""untranslated-segment on catalogue strings left equal to their English msgid.

    PYTHONPATH=. .venv/bin/python bench/accuracy_ui_identical.py [--show]

Reads the system's compiled gettext catalogues (/usr/share/locale/<lang>/LC_MESSAGES/*.mo,
real translations shipped with the installed packages). For the short strings that
untranslated-segment judges by `transcheck.ui_words` (fewer than two lower-case words):
- identical kept strings: msgstr == msgid as shipped (mostly kept on purpose: names,
  codes, shared words): the share flagged is the false-positive rate;
- translated short strings: msgstr != msgid; the share flagged if the msgstr had been
  left as the msgid is the recall on such strings.
"""

from __future__ import annotations

import gettext
import glob
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transcheck.rules.source import _mostly_names  # noqa: E402
from transcheck.ui_words import untranslated_english  # noqa: E402


def main() -> None:
    show = "--show" in sys.argv
    for lang in ("es", "fr", "de", "it", "pt"):
        same, diff = set(), set()
        for path in glob.glob(f"/usr/share/locale/{lang}/LC_MESSAGES/*.mo"):
            try:
                with open(path, "rb") as f:
                    catalog = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
            except Exception:
                continue
            for msgid, msgstr in catalog.items():
                if not isinstance(msgid, str) or not isinstance(msgstr, str) or not msgstr:
                    continue
                key = msgid.strip()
                if not key or "\x00" in key or len(key) > 60 or not _mostly_names(key):
                    continue
                (same if msgstr.strip() == key else diff).add(key)
        fp = sorted(s for s in same if untranslated_english(s, lang))
        tp = [s for s in diff if untranslated_english(s, lang)]
        print(
            f"{lang}: identical kept {len(same)}, flagged {len(fp)} "
            f"({len(fp) / max(1, len(same)):.1%}); translated {len(diff)}, "
            f"flagged if left as is {len(tp)} ({len(tp) / max(1, len(diff)):.1%})"
        )
        if show:
            print("  flagged identical:", fp[:40])


if __name__ == "__main__":
    main()
