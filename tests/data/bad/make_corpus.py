"""Build the full bad-input corpus in a folder: the small files committed beside this script,
plus the kinds that cannot live in git (large files, permissions, symlink loops, a FIFO).

    python tests/data/bad/make_corpus.py OUT_DIR
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).parent


def make_corpus(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for path in HERE.iterdir():
        if path.suffix in (".txt", ".jsonl"):
            shutil.copy(path, out / path.name)
    line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
    with open(out / "fifty-megabytes.txt", "w", encoding="utf-8") as fh:
        paragraph = (line * 20 + "\n") * 100  # ~114 KB
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            fh.write(paragraph)
    (out / "one-five-megabyte-line.txt").write_text(line * (5 * 1024 * 1024 // len(line) + 1), encoding="utf-8")
    unreadable = out / "no-permission.txt"
    unreadable.write_text("Dieser Text darf nicht gelesen werden, weil die Datei keine Rechte hat.", encoding="utf-8")
    unreadable.chmod(0)
    (out / "loop-a.txt").symlink_to("loop-b.txt")
    (out / "loop-b.txt").symlink_to("loop-a.txt")
    (out / "dangling-link.txt").symlink_to("does-not-exist.txt")
    (out / "loop-dir").symlink_to(".")  # a directory loop: must not be followed
    os.mkfifo(out / "named-pipe.txt")
    # skipped on purpose, each with a ledger row: hidden files and folders, kinds newsetl does not read
    (out / ".hidden.txt").write_text("Ein versteckter Text.", encoding="utf-8")
    (out / ".cache" / "deeper").mkdir(parents=True)
    (out / ".cache" / "inner.txt").write_text("Im versteckten Ordner.", encoding="utf-8")
    (out / ".cache" / "deeper" / "more.txt").write_text("Noch tiefer.", encoding="utf-8")
    (out / "notes.md").write_text("# Notizen", encoding="utf-8")
    return out


if __name__ == "__main__":
    print(make_corpus(Path(sys.argv[1])))
