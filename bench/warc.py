"""Throughput and memory of the WARC ingest stage: read + HTML extraction, on one core.

Generates gzipped WARC archives of synthetic news pages (runtime/synthetic.py's articles in a page
template with head metadata, scripts, navigation, asides and a footer; each response preceded by
its request record, as crawlers write them), then, in a fresh process per archive:

- stream: tasks/readers/warc.py's iter_warc over the archive, each record decoded and extracted
  and turned into an item, none kept: records/s and peak RSS (flat: one record in memory at a time);
- read_input: what the flow calls (tasks/ingest.read_input), which keeps the archive's items (the
  extracted text) for the batch: records/s and peak RSS.

    .venv/bin/python bench/warc.py [--sizes 10000 30000] [--seed 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from runtime.synthetic import TEMPLATES, _stories, render_article  # noqa: E402


def write_archive(path: Path, n: int, seed: int) -> int:
    """n HTML responses (plus a request record each) into a gzipped WARC; returns its size in bytes."""
    from make_example_archives import page
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    data = tomllib.loads(TEMPLATES.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    stories = _stories(rng, max(1, n // 8), data)
    languages = sorted(data["lang"])
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(n):
            story = stories[rng.randrange(len(stories))]
            outlet = rng.choice(data["agencies"])
            text = render_article(story, rng.choice(languages), outlet, rng, data)
            lines = [line for line in text.split("\n")[1:] if line.strip()]
            title = lines[0][:90]
            url = f"https://{outlet.lower().replace(' ', '')}.example/{story.published:%Y/%m/%d}/story-{i}"
            html = page(title, url, story.person, story.published.isoformat(), lines, outlet)
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "x")], is_http_request=True)))
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                                          http_headers=http))
    return path.stat().st_size


def measure(path: str, mode: str) -> dict:
    """Run in a child process: the figures of one pass over one archive."""
    from tasks.ingest import InputFile, _from_record, decode_web, read_input
    from tasks.readers import Record
    from tasks.readers.warc import iter_warc

    t0 = time.perf_counter()
    c0 = time.process_time()
    articles = other = 0
    if mode == "stream":
        with open(path, "rb") as stream:
            for entry in iter_warc(stream, 2 * 1024 * 1024, decode_web):
                if isinstance(entry, Record):
                    _from_record("bench.warc.gz", entry)
                    articles += 1
                else:
                    other += 1
    else:
        p = Path(path)
        result = read_input(InputFile(p, p.name, str(p.parent)))
        articles, other = len(result.items), len(result.quarantined) + len(result.skipped)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"articles": articles, "other_records": other, "wall_s": wall, "cpu_s": cpu,
            "records_per_s_per_core": articles / cpu, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the archives here and keep them")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child)))
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="newsetl-bench-warc-"))
    folder.mkdir(parents=True, exist_ok=True)
    print("| HTML records | archive MB | mode | articles | records/s per core (CPU) | wall s | peak RSS MB |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    for n in args.sizes:
        path = folder / f"bench-{n}.warc.gz"
        size = path.stat().st_size if path.exists() else write_archive(path, n, args.seed)
        for mode in ("stream", "read_input"):
            out = subprocess.run([sys.executable, __file__, "--child", str(path), mode], capture_output=True,
                                 text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"| {n:,} | {size / 1e6:.1f} | {mode} | {r['articles']:,} | {r['records_per_s_per_core']:,.0f} | "
                  f"{r['wall_s']:.1f} | {r['peak_rss_mb']:.0f} |", flush=True)
        if not args.keep:
            path.unlink()


if __name__ == "__main__":
    main()
