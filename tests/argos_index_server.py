"""A real Argos package index on 127.0.0.1 for tests: index.json plus package files over HTTP.

Also `refusing_url` (nothing listens) and `silent_server` (accepts connections, never answers)
for the offline cases.
"""

from __future__ import annotations

import json
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep pytest output clean
        pass


def index_entry(from_code: str, to_code: str, version: str, link: str) -> dict:
    """An entry shaped like the ones in argospm-index/index.json."""
    return {"package_version": version, "argos_version": "1.9.0", "from_code": from_code,
            "from_name": from_code, "to_code": to_code, "to_name": to_code, "links": [link],
            "code": f"translate-{from_code}_{to_code}"}


@contextmanager
def serve_index(packages: dict[tuple[str, str, str], Path], extra_entries: list[dict] = ()) -> Iterator[str]:
    """Serve packages {(from, to, version): .argosmodel} and their index; yields the base URL (ends in /)."""
    root = Path(tempfile.mkdtemp(prefix="newsetl-argos-index-"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    entries = list(extra_entries)
    for (from_code, to_code, version), path in packages.items():
        served = root / "v1" / path.name
        served.parent.mkdir(exist_ok=True)
        shutil.copyfile(path, served)
        entries.append(index_entry(from_code, to_code, version, f"{base}v1/{path.name}"))
    (root / "index.json").write_text(json.dumps(entries, indent=2), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(root, ignore_errors=True)


def refusing_url() -> str:
    """A URL on a port where nothing listens (connection refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@contextmanager
def silent_server() -> Iterator[str]:
    """A URL whose server accepts the TCP connection and then never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        listener.close()
