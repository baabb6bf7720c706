"""`newsetl run` then `newsetl eval` through the CLI, on the seeds and on the project's gold set."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("name,folder", [("seeds", None), ("gold", REPO / "tests" / "data" / "gold")])
def test_run_then_eval_passes_the_bars(name, folder, seeds_dir, newsetl, tmp_path):
    folder = folder or seeds_dir
    data = tmp_path / name
    run = newsetl("run", "--input", str(folder), "--data", str(data), "--no-translate")
    assert run.returncode == 0, run.stdout + run.stderr
    out = newsetl("eval", "--gold", str(folder / "gold.json"), "--data", str(data), "--json")
    result = json.loads(out.stdout)
    print(json.dumps(result, indent=1))
    assert out.returncode == 0, out.stdout + out.stderr
    assert result["failures"] == [] and result["articles"]["matched"] == result["articles"]["total"]


def test_eval_fails_below_the_bars(seeds_dir, newsetl, tmp_path):
    """An empty extraction (translation off, articles only) must fail the bars with exit code 1."""
    data = tmp_path / "partial"
    run = newsetl("run", "--input", str(seeds_dir / "002_c370c7b379c2e6df.txt"), "--data", str(data), "--no-translate")
    assert run.returncode == 0, run.stderr
    out = newsetl("eval", "--gold", str(seeds_dir / "gold.json"), "--data", str(data))
    assert out.returncode == 1
    assert "FAIL" in out.stdout
