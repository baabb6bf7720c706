"""Article language identification: langdetect's detector against newsetl's scorer, same process, same texts.

Both use langdetect's profiles; langdetect runs 7 seeded random walks over a text's n-grams,
newsetl scores every n-gram once with numpy (tasks/language.py). Passes alternate (A, B, A, B...)
so a busy machine slows both alike; the ratio is the figure to quote. Texts: synthetic articles
(newsetl bench generate's generator), cleaned as the flow cleans them.

    .venv/bin/python bench/language.py [--articles 3000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from runtime.synthetic import generate  # noqa: E402
from tasks.clean import clean_articles  # noqa: E402
from tasks.ingest import normalize_text  # noqa: E402
from tasks.language import detect_language, langdetect_language  # noqa: E402


def _texts(n: int) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        generate(n, Path(tmp))
        raw = [normalize_text(p.read_text(encoding="utf-8")) for p in sorted(Path(tmp).rglob("*.txt"))]
    cleaned, _ = clean_articles([{"article_id": str(i), "text_raw": t} for i, t in enumerate(raw)])
    return [a["text_clean"] for a in cleaned]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes of each; medians are reported")
    args = parser.parse_args()
    texts = _texts(args.articles)
    detect_language(texts[0]), langdetect_language(texts[0])  # load the profiles once, before timing
    rates: dict[str, list[float]] = {"langdetect": [], "newsetl": []}
    answers = {}
    for _ in range(args.repeat):
        for name, detect in (("langdetect", langdetect_language), ("newsetl", detect_language)):
            t0 = time.perf_counter()
            answers[name] = [detect(t)[0] for t in texts]
            rates[name].append(len(texts) / (time.perf_counter() - t0))
    same = sum(a == b for a, b in zip(answers["langdetect"], answers["newsetl"]))
    base, new = statistics.median(rates["langdetect"]), statistics.median(rates["newsetl"])
    print(f"article language, {len(texts):,} articles, one core, median of {args.repeat} alternating passes:")
    print(f"  langdetect detector  {base:8,.0f} articles/s")
    print(f"  newsetl scorer       {new:8,.0f} articles/s   ratio {new / base:.1f}x")
    print(f"  same language        {same:,} of {len(texts):,}")


if __name__ == "__main__":
    main()
