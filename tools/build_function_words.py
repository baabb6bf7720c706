"""Build tasks/rules/boilerplate/function_words.txt (run once; output committed).

A line of running text is made of a language's most frequent words ("the", "и", "που", "ve");
a menu, a tag list or a caption credit mostly is not. jusText measures this share of "stop words"
per language; the cleaner's line classifier (tasks/line_features.py) takes it over the union of
the TOP most frequent words of every language langdetect can name that wordfreq covers (Robyn
Speer et al., CC BY-SA 4.0 data), so it needs no language detection before cleaning.

    .venv/bin/pip install wordfreq && .venv/bin/python tools/build_function_words.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tasks.languages import DETECTABLE  # noqa: E402

TOP = 100
TARGET = REPO / "tasks" / "rules" / "boilerplate" / "function_words.txt"


def main() -> None:
    import wordfreq

    covered = set(wordfreq.available_languages(wordlist="best"))
    words: set[str] = set()
    used = []
    for lang in DETECTABLE:
        code = "zh" if lang == "zh" else lang
        if code not in covered:
            continue
        used.append(code)
        words.update(w for w in wordfreq.top_n_list(code, TOP) if w.isalpha())
    header = (f"# The {TOP} most frequent words of each of these languages (wordfreq, CC BY-SA 4.0 data):\n"
              f"# {' '.join(used)}\n# Built by tools/build_function_words.py; one word per line, lower case.\n")
    TARGET.write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words from {len(used)} languages -> {TARGET.relative_to(REPO)}")


if __name__ == "__main__":
    main()
