"""No Python module over 600 lines (rule data excepted): a newcomer reads a module whole, and a long one
hides seams that should be modules of their own."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIMIT = 600
FOLDERS = ("tasks", "flows", "newsetl", "warehouse", "runtime", "schemas", "bench", "tools")
RULE_DATA = Path("tasks") / "rules"


def oversized(root: Path, folders: tuple[str, ...] = FOLDERS, limit: int = LIMIT) -> list[str]:
    """One message per module over `limit` lines: its path from `root` and its line count."""
    out = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root)
            if RULE_DATA in rel.parents:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > limit:
                out.append(f"{rel.as_posix()} has {lines} lines, more than {limit}")
    return out


def test_no_module_is_over_the_limit():
    assert oversized(REPO) == []


def test_the_check_names_the_file_and_its_line_count(tmp_path):
    (tmp_path / "tasks" / "rules" / "dates").mkdir(parents=True)
    (tmp_path / "flows").mkdir()
    (tmp_path / "tasks" / "long.py").write_text("x = 1\n" * 601)
    (tmp_path / "tasks" / "short.py").write_text("x = 1\n" * 600)
    (tmp_path / "tasks" / "rules" / "dates" / "data.py").write_text("x = 1\n" * 900)
    assert oversized(tmp_path, ("tasks", "flows")) == ["tasks/long.py has 601 lines, more than 600"]
