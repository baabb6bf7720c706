"""Build the compiled cache ahead of the first run: `make setup` calls `python -m tasks.compile_rules`.

Without it the first run's workers build the gazetteers and the language matrix themselves (about 15 s each)
and store them; every later process loads them in well under a second (runtime/compiled.py).
"""

from __future__ import annotations

import time

from runtime.compiled import cache_dir
from tasks.entities.gazetteers import gazetteer
from tasks.language import detect_language


def main() -> None:
    t0 = time.perf_counter()
    gazetteer()
    detect_language("The language matrix is built from langdetect's own profiles.")
    print(f"compiled rules ready in {cache_dir()} ({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
