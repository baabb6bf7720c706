"""Write an inbox of the real corpus and a gold file for `newsetl eval --gold`, per split.

The project's own labels of the real corpus (tests/data/real/labels/<id>.json: entities in
canonical English, dates mentioned, quotes with speakers) plus the shared labels' stories
become a gold file in the seeds' format; the texts (from the cache, never the repository)
become an inbox of <id>.txt files outside the repository:

    .venv/bin/python tools/real_gold.py --split test --out /tmp/real-test
    .venv/bin/newsetl run --input /tmp/real-test/inbox --data /tmp/real-test/data --no-translate
    .venv/bin/newsetl eval --gold /tmp/real-test/gold.json --data /tmp/real-test/data

The project's second set (other outlets) has its extraction labels in tests/data/real/extra/extraction:

    NEWSETL_REAL_TEXTS=~/.cache/newsetl/real-texts-extra .venv/bin/python tools/real_gold.py \
        --labels tests/data/real/extra --split dev --out /tmp/real-extra-dev
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tasks.real_corpus import DEFAULT_LABELS, PROJECT_LABELS, gold_for_split, load_corpus, texts_dir  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--out", type=Path, required=True, help="folder for inbox/ and gold.json (outside the repo)")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS,
                        help="labelled corpus folder (labels/, split.json); its extraction labels are in "
                             "<labels>/extraction, or tests/data/real/labels for ../shared/real")
    args = parser.parse_args()
    corpus = load_corpus(args.labels)
    own = PROJECT_LABELS if args.labels.resolve() == DEFAULT_LABELS.resolve() else args.labels / "extraction"
    ids = sorted(corpus.labels) if args.split == "all" else corpus.split[args.split]
    missing = [i for i in ids if i not in corpus.texts]
    ids = [i for i in ids if i in corpus.texts]
    if not ids:
        sys.exit(f"no text of the {args.split} split is in {texts_dir()}: materialise them first "
                 f"({args.labels / 'README.md'})")
    if missing:
        print(f"left out, not materialised in {texts_dir()}: {' '.join(missing)}", file=sys.stderr)
    inbox = args.out / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    for art_id in ids:
        (inbox / f"{art_id}.txt").write_text(corpus.texts[art_id], encoding="utf-8")
    gold = {**gold_for_split(corpus, ids, own), "about": f"real corpus {args.labels.name}, {args.split} split: "
                                                         f"project labels ({own}) and the labels' stories"}
    (args.out / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {len(ids)} texts to {inbox} and {args.out / 'gold.json'}")


if __name__ == "__main__":
    main()
