"""The flow in-process: retries only on transient I/O errors, overlapping runs, and the lock."""

from __future__ import annotations

import shutil
import subprocess
import threading

import pytest

import flows.news_etl as etl
from runtime.lake import Lake
from tests.conftest import EXAMPLE_INBOX

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", autouse=True)
def prefect_api():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def inbox(tmp_path):
    shutil.copytree(EXAMPLE_INBOX, tmp_path / "inbox")
    return tmp_path / "inbox"


def test_transient_write_failure_is_retried_and_the_run_completes(inbox, tmp_path, monkeypatch):
    calls = {"n": 0}
    real = Lake.write_part

    def flaky(self, table, data, name):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(28, "No space left on device (injected)")
        return real(self, table, data, name)

    monkeypatch.setattr(Lake, "write_part", flaky)
    result = etl.news_etl(inputs=[str(inbox)], data_dir=str(tmp_path / "data"))
    assert result["status"] == "completed" and result["articles_new"] == 18
    assert calls["n"] > 1
    assert Lake(tmp_path / "data" / "lake").read("articles").num_rows == 18


def test_bad_input_is_quarantined_not_retried(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ok.txt").write_text("Ein ganz normaler Artikel über das Wetter in Oslo, mit genug Text.")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    reads = []
    real = etl.read_input
    monkeypatch.setattr(etl, "read_input", lambda f, *a, **k: reads.append(f.source_file) or real(f, *a, **k))
    result = etl.news_etl(inputs=[str(inbox)], data_dir=str(tmp_path / "data"))
    assert result["quarantined"] == 1 and result["articles_new"] == 1
    assert sorted(reads) == ["image.txt", "ok.txt"]  # read once each: no retry for bad input


def test_retry_condition_only_accepts_io_errors():
    class State:
        def __init__(self, exc):
            self.exc = exc

        def result(self):
            raise self.exc

    assert etl._is_transient(None, None, State(OSError("disk"))) is True
    assert etl._is_transient(None, None, State(TimeoutError())) is True
    assert etl._is_transient(None, None, State(ValueError("bad data"))) is False
    assert etl._is_transient(None, None, State(KeyError("x"))) is False


def test_two_overlapping_runs_store_each_article_once(inbox, tmp_path):
    data = tmp_path / "data"
    results, errors = [], []

    def run():
        try:
            results.append(etl.news_etl(inputs=[str(inbox)], data_dir=str(data)))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    assert sorted(r["articles_new"] for r in results) == [0, 18]
    assert sorted(r["unchanged"] for r in results) == [0, 20]
    lake = Lake(data / "lake")
    ids = lake.read("articles", columns=["article_id"]).column("article_id").to_pylist()
    assert len(ids) == len(set(ids)) == 18


def test_a_run_that_cannot_get_the_lock_says_so(inbox, tmp_path):
    from filelock import FileLock

    data = tmp_path / "data"
    data.mkdir()
    with FileLock(str(data / ".newsetl.lock")):
        with pytest.raises(etl.RunLocked, match="another newsetl run is still using"):
            etl.news_etl(inputs=[str(inbox)], data_dir=str(data), wait_seconds=0.5)
    assert not (data / "lake" / "_manifest.json").exists()


def test_a_file_that_disappears_during_the_run_is_quarantined(inbox, tmp_path, monkeypatch):
    real = etl.discover_inputs
    victim = inbox / "italiano" / "mercato-gennaio.txt"

    def discover_then_delete(paths):
        found = real(paths)
        victim.unlink()  # removed after the listing, before the read
        return found

    monkeypatch.setattr(etl, "discover_inputs", discover_then_delete)
    result = etl.news_etl(inputs=[str(inbox)], data_dir=str(tmp_path / "data"))
    assert result["quarantined"] == 2 and result["articles_new"] == 17
    rows = Lake(tmp_path / "data" / "lake").read("quarantine").to_pylist()
    assert {(r["source_file"], r["reason"]) for r in rows} == {("italiano/mercato-gennaio.txt", "disappeared"),
                                                               ("feeds/wire-2025.jsonl", "bad_jsonl")}


def test_a_run_without_translation_makes_these_task_runs_and_none_carries_tags(inbox, tmp_path):
    """Every task run costs API calls, and every tag one more pair (a concurrency slot asked for and given
    back): translation off runs no translate-batch task, and the batches are staged by one write task."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    result = etl.news_etl(inputs=[str(inbox)], data_dir=str(tmp_path / "data"), translate=False, batch_size=6)
    assert result["status"] == "completed" and result["articles_new"] == 18
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[result["run_id"]])))
    names = sorted(r.name.rsplit("-", 1)[0] for r in runs)
    assert names == ["commit-run", "ingest-batch", "ingest-batch", "ingest-batch", "link-stories",
                     "refresh-database", "transform-batch", "transform-batch", "transform-batch", "write-batches"]
    assert all(not r.tags for r in runs)
    statuses = Lake(tmp_path / "data" / "lake").read("articles", columns=["lang", "translation_status"]).to_pylist()
    assert sorted({(a["lang"] == "en", a["translation_status"]) for a in statuses}) == [
        (False, "skipped"), (True, "source_english")]
