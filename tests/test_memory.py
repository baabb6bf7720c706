"""Memory limits of a run (runtime/memory.py): glibc's arenas are capped for the run and what it starts."""

from __future__ import annotations

import subprocess
import sys

import pytest

from runtime.memory import MALLOC_ARENAS, limit_malloc_arenas


def test_arenas_are_capped_in_this_process_and_inherited_by_children(monkeypatch):
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    capped = limit_malloc_arenas()
    import os
    assert os.environ["MALLOC_ARENA_MAX"] == str(MALLOC_ARENAS)
    if sys.platform.startswith("linux") and "glibc" in " ".join(__import__("platform").libc_ver()):
        assert capped is True
    child = subprocess.run([sys.executable, "-c", "import os; print(os.environ['MALLOC_ARENA_MAX'])"],
                           capture_output=True, text=True, check=True)
    assert child.stdout.strip() == str(MALLOC_ARENAS)


@pytest.mark.parametrize("value, applied", [("4", True), ("lots", False)])
def test_a_users_own_arena_limit_wins(monkeypatch, value, applied):
    monkeypatch.setenv("MALLOC_ARENA_MAX", value)
    result = limit_malloc_arenas()
    import os
    assert os.environ["MALLOC_ARENA_MAX"] == value
    if not applied:
        assert result is False
