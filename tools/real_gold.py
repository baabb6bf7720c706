"""Write an inbox of the real corpus and a gold file for `newsetl eval --gold`, per split.

The project's own labels of the real corpus (tests/data/real/labels/<id>.json: entities in
canonical English, dates mentioned, quotes with speakers) plus the shared labels' stories
become a gold file in the seeds' format; the texts (from the cache, never the repository)
become an inbox of <id>.txt files outside the repository:

    .venv/bin/python tools/real_gold.py --split test --out /tmp/real-test
    .venv/bin/newsetl run --input /tmp/real-test/inbox --data /tmp/real-test/data --no-translate
    .venv/bin/newsetl eval --gold /tmp/real-test/gold.json --data /tmp/real-test/data
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tasks.real_corpus import gold_for_split, load_corpus, texts_dir  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--out", type=Path, required=True, help="folder for inbox/ and gold.json (outside the repo)")
    args = parser.parse_args()
    corpus = load_corpus()
    ids = sorted(corpus.labels) if args.split == "all" else corpus.split[args.split]
    missing = [i for i in ids if i not in corpus.texts]
    if missing:
        sys.exit(f"{len(missing)} texts of the {args.split} split are not in {texts_dir()}: materialise them first "
                 "(../shared/real/README.md)")
    inbox = args.out / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    for art_id in ids:
        (inbox / f"{art_id}.txt").write_text(corpus.texts[art_id], encoding="utf-8")
    gold = {**gold_for_split(corpus, ids), "about": f"real corpus, {args.split} split: project labels "
                                                    "(tests/data/real/labels) and shared stories"}
    (args.out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {len(ids)} texts to {inbox} and {args.out / 'gold.json'}")


if __name__ == "__main__":
    main()
