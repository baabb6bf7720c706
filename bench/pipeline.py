"""Pipeline benchmark (not a test): articles/s per stage and end to end, peak memory, Prefect's share.

    .venv/bin/python bench/pipeline.py                 # N = 1,000, 10,000, 100,000 (about 25 minutes)
    .venv/bin/python bench/pipeline.py --sizes 1000    # one size

For each N it generates a synthetic inbox (`newsetl bench generate`, seed 1), runs `newsetl run
--no-translate` on it in a subprocess and samples the resident memory of the whole process group
(the run, its worker processes and Prefect's temporary server) every 0.2 s. Per-stage figures
come from the run's `stage_seconds`. Beside each N, plain `langdetect.detect` over the
same files in 2 processes, and newsetl's end-to-end rate as a ratio of it (issue 18's yardstick).
In the same invocation it measures two baselines on the
1,000-article inbox:
- naive: one Prefect task per article, each appending its row to a pandas DataFrame;
- no Prefect: the flow's own task functions called directly in a fresh process, one batch
  after another (ingest, transform on the same pool, link, lake writes, commit, database), to put
  a number on what orchestration costs at 10,000 articles.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def group_rss_mb(pgid: int) -> float:
    total = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[2]) != pgid:  # field 5 of /proc/pid/stat: process group
                continue
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


def run_measured(cmd: list[str], env: dict) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB of the process group, output)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, stdin=subprocess.DEVNULL)
    peak = 0.0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, group_rss_mb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out[-3000:]}")
    return time.perf_counter() - t0, peak, out


def inbox(work: Path, n: int) -> Path:
    path = work / f"inbox-{n}"
    if not path.exists():
        subprocess.run([str(BIN / "newsetl"), "bench", "generate", str(n), "--out", str(path), "--seed", "1"],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def pipeline_run(work: Path, n: int, env: dict) -> dict:
    import duckdb

    data = work / f"data-{n}"
    shutil.rmtree(data, ignore_errors=True)
    wall, peak, _ = run_measured([str(BIN / "newsetl"), "run", "--input", str(inbox(work, n)), "--data", str(data),
                                  "--no-translate", "--batch-size", "1000"], env)
    con = duckdb.connect(str(data / "news.duckdb"), read_only=True)
    new, items, stages = con.execute("select articles_new, items_seen, stage_seconds from runs").fetchone()
    stories = con.execute("select count(*) from stories").fetchone()[0]
    con.close()
    return {"n": n, "wall": wall, "peak_mb": peak, "articles": new, "items": items, "stories": stories,
            "stages": json.loads(stages)}


def naive_baseline(work: Path, n: int, env: dict) -> dict:
    """One Prefect task per article, each growing a pandas DataFrame: the pattern newsetl avoids."""
    script = work / "naive_flow.py"
    script.write_text('''
import sys, time
import pandas as pd
from prefect import flow, task
from tasks.ingest import discover_inputs, read_input
from tasks.transform import transform_articles

@task
def process_one(f):
    items = [dict(vars(i), article_id=i.article_id) for i in read_input(f).items]
    return transform_articles(items)["articles"]

@flow
def naive(folder: str, limit: int):
    files, _ = discover_inputs([folder])
    table = pd.DataFrame()
    for f in files[:limit]:
        for row in process_one(f):
            table = pd.concat([table, pd.DataFrame([{k: v for k, v in row.items() if not isinstance(v, (list, dict))}])])
    table.to_parquet(sys.argv[3])
    return len(table)

t0 = time.perf_counter()
n = naive(sys.argv[1], int(sys.argv[2]))
print("RESULT", n, time.perf_counter() - t0, flush=True)
''')
    out = work / "naive.parquet"
    wall, peak, text = run_measured([sys.executable, str(script), str(inbox(work, n)), str(n), str(out)],
                                    {**env, "PYTHONPATH": str(REPO)})
    articles = int(next(line for line in text.splitlines() if line.startswith("RESULT")).split()[1])
    return {"wall": wall, "peak_mb": peak, "articles": articles}


DIRECT_SCRIPT = """
import sys, time, uuid
from datetime import datetime, timezone
from pathlib import Path
from flows.batch_tasks import commit_run, link_stories, refresh_database, stage_ledger, transform_batch, write_batch
from flows.news_etl import ingest_batch
from flows.run_context import RunContext, RunStats, batched
from flows.run_summary import run_row
from runtime.lake import Lake, remove_tree
from runtime.parallel import release_workers
from tasks.ingest import discover_inputs
from tasks.ledger import load_ledger, set_aside, triage_batch


def main():  # a function: the pool's worker processes import this module
    t0 = time.perf_counter()

    # The flow's own task functions (Prefect's `.fn`: the undecorated body), in the flow's order,
    # one batch after another: the same work without task runs, states or the API server.
    ctx = RunContext(run_id=str(uuid.uuid4()), data_dir=Path(sys.argv[2]), started_at=datetime.now(timezone.utc),
                     translate=False)
    processed, known = load_ledger(Lake(ctx.paths.lake))
    files, _ = discover_inputs([sys.argv[1]])
    stats, ledgers, parts = RunStats(), {}, {}
    for batch_no, chunk in enumerate(batched(files, int(sys.argv[3])), start=1):
        keys, bad, skipped, _ = ingest_batch.fn(ctx, batch_no, list(chunk))
        triage = triage_batch(keys, bad, skipped, processed, known)
        result = transform_batch.fn(ctx, batch_no, triage.new_items)
        rejected = set(result["rejected"])
        stats.articles_new += sum(result["languages"].values())
        stage_ledger(ctx, batch_no, set_aside(triage.ledger, rejected) + triage.bad_ledger)
        ledgers[batch_no] = triage.bad_seen_before
    release_workers()
    link_stories.fn(ctx, list(ledgers))
    for batch_no, seen_before in ledgers.items():
        for table, rels in write_batch(ctx, batch_no, seen_before).items():
            parts.setdefault(table, []).extend(rels)
    commit_run.fn(ctx, parts, {}, run_row(ctx, stats, "completed"))
    refresh_database.fn(ctx)
    remove_tree(ctx.staging)
    print("RESULT", stats.articles_new, time.perf_counter() - t0, flush=True)


if __name__ == "__main__":
    main()
"""


LANGDETECT_SCRIPT = """
import sys, time
from multiprocessing import Pool
from pathlib import Path

def detect(path):
    from langdetect import DetectorFactory, detect
    DetectorFactory.seed = 0
    text = Path(path).read_bytes().decode("utf-8", errors="replace")
    try:
        return detect(text)
    except Exception:
        return None

if __name__ == "__main__":
    files = sorted(str(p) for p in Path(sys.argv[1]).rglob("*") if p.is_file())
    t0 = time.perf_counter()
    with Pool(2) as pool:
        langs = pool.map(detect, files, chunksize=64)
    print("RESULT", len(files), sum(1 for x in langs if x), time.perf_counter() - t0, flush=True)
"""


def langdetect_baseline(work: Path, n: int, env: dict) -> dict:
    """Plain langdetect.detect over the same inbox files in 2 processes: the cheapest stage done
    naively, the yardstick of issue 18 (files/s, wall clock of the whole command)."""
    script = work / "langdetect_only.py"
    script.write_text(LANGDETECT_SCRIPT)
    wall, peak, text = run_measured([sys.executable, str(script), str(inbox(work, n))], env)
    files = int(next(line for line in text.splitlines() if line.startswith("RESULT")).split()[1])
    return {"wall": wall, "peak_mb": peak, "files": files}


def direct_run(work: Path, n: int, env: dict) -> dict:
    """The flow's work without Prefect, in a fresh process like `newsetl run`: the same task functions
    (ingest, transform on the same process pool, link, lake writes, commit, database), called directly."""
    script = work / "direct_run.py"
    script.write_text(DIRECT_SCRIPT)
    data = work / f"direct-{n}"
    shutil.rmtree(data, ignore_errors=True)
    wall, peak, text = run_measured([sys.executable, str(script), str(inbox(work, n)), str(data), "1000"],
                                    {**env, "PYTHONPATH": str(REPO)})
    articles = int(next(line for line in text.splitlines() if line.startswith("RESULT")).split()[1])
    return {"wall": wall, "peak_mb": peak, "articles": articles}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsetl-bench")
    ap.add_argument("--skip-baselines", action="store_true")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    # a Prefect home of this invocation's own, as a new data folder has: Prefect's database keeps every task run
    # of every earlier invocation, and a server over a long history answers more slowly
    prefect_home = args.work / "prefect"
    shutil.rmtree(prefect_home, ignore_errors=True)
    env = {**os.environ, "PREFECT_HOME": str(prefect_home), "DO_NOT_TRACK": "1", "NO_COLOR": "1"}
    env.pop("PREFECT_API_URL", None)

    rows = []
    for n in args.sizes:
        print(f"running N={n} ...", flush=True)
        rows.append(pipeline_run(args.work, n, env))
        rows[-1]["langdetect"] = langdetect_baseline(args.work, n, env)
    print()
    print("| N | articles | stories | end to end (items/s) | ingest | clean | language | extract | link | load | "
          "wall s | peak RSS MB | langdetect only, 2 processes (files/s) | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        st = r["stages"]
        rate = lambda stage: f"{r['articles'] / st[stage]:,.0f}" if st.get(stage) else "-"
        ld = r["langdetect"]["files"] / r["langdetect"]["wall"]
        print(f"| {r['n']:,} | {r['articles']:,} | {r['stories']:,} | {r['items'] / r['wall']:,.0f} | {r['items'] / st['ingest']:,.0f} | "
              f"{rate('clean')} | {rate('language')} | {rate('extract')} | {rate('link')} | {rate('load')} | "
              f"{r['wall']:,.1f} | {r['peak_mb']:,.0f} | {ld:,.0f} | {r['items'] / r['wall'] / ld:.2f}x |")
    if args.skip_baselines:
        return
    print("\nbaselines, same machine, same run:")
    naive = naive_baseline(args.work, 1000, env)
    print(f"- naive (one Prefect task per article, pandas row appends), 1,000 files: "
          f"{naive['articles'] / naive['wall']:.1f} art/s, {naive['wall']:.1f} s, peak {naive['peak_mb']:.0f} MB")
    ours = next((r for r in rows if r["n"] == 1000), None)
    if ours:
        print(f"- newsetl, 1,000 files: {ours['items'] / ours['wall']:.1f} items/s, {ours['wall']:.1f} s "
              f"({naive['wall'] / ours['wall']:.1f}x faster)")
    ten = next((r for r in rows if r["n"] == 10000), None)
    if ten:
        direct = direct_run(args.work, 10000, env)
        overhead = (ten["wall"] - direct["wall"]) / ten["wall"]
        print(f"- 10,000 files without Prefect (the same task functions called directly, one batch at a time, "
              f"in a fresh process): {direct['wall']:.1f} s, {direct['articles']:,} articles; with Prefect "
              f"{ten['wall']:.1f} s: Prefect's share (its API server, task runs, states) {100 * overhead:.1f} % "
              f"of the run")


if __name__ == "__main__":
    main()
