"""Soak (issue 14, item 10): 32 connections read public pages and the API through the
production server, uncached, while a large import runs in another process: not one error.

`make soak` only (marker soak); SQLite only, as the production-server tests it builds on
(tests/test_serving_server.py: its server fixture, here an instance of this module's own).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from tests.test_serving_server import ROOT, SEEDS, get
from tests.test_serving_server import server as production_server  # noqa: F401 — a fixture

CONNECTIONS = 32
PATHS = [
    "/",
    "/documents/",
    "/indicators/",
    "/indicators/gdp_growth/",
    "/indicators/grain_output/",
    "/regions/通辽市/",
    "/search/?q=增长",
    "/api/v1/series/gdp_growth?region=通辽市",
    "/api/v1/targets?indicator=grain_output",
]

pytestmark = [
    pytest.mark.soak,
    pytest.mark.skipif(
        "DATABASE_URL" in os.environ,
        reason="the production-server tests run in the SQLite pass",
    ),
]


def _reader(index: int, stop: threading.Event, results: list) -> None:
    n = index
    while not stop.is_set():
        path = PATHS[n % len(PATHS)]
        n += 1
        try:
            # A cookie the page cache does not know: every request reads the database.
            status = get(path, {"Cookie": f"uncached={index}"}, timeout=120)[0]
        except OSError as error:  # a refused or reset connection is an error too
            status = f"{type(error).__name__}: {error}"
        results.append((path, status))


def test_32_connections_read_without_an_error_while_a_large_import_runs(
    production_server,  # noqa: F811 — the fixture imported above
    tmp_path,
):
    for path in PATHS:  # every path answers on its own before the load starts
        assert get(path)[0] == 200, path
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS[1:] * 2)
    big = tmp_path / "soak-import.txt"
    big.write_text(text, encoding="utf-8")

    results: list = []
    stop = threading.Event()
    readers = [
        threading.Thread(target=_reader, args=(i, stop, results))
        for i in range(CONNECTIONS)
    ]
    for reader in readers:
        reader.start()
    time.sleep(2)  # the load is on before the import begins
    importer = subprocess.run(
        [sys.executable, "manage.py", "import_sources", "--publish", str(big)],
        cwd=ROOT,
        env=production_server["env"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    time.sleep(2)  # and stays on a little after it ends
    stop.set()
    for reader in readers:
        reader.join()

    assert importer.returncode == 0, importer.stdout + importer.stderr
    assert "created" in importer.stdout, importer.stdout
    statuses = Counter(status for _path, status in results)
    errors = {status: count for status, count in statuses.items() if status != 200}
    print(f"{len(results)} requests over {CONNECTIONS} connections: {dict(statuses)}")
    assert not errors, errors
    assert len(results) >= CONNECTIONS * 3, (
        "every connection was busy during the import"
    )
    assert {path for path, _status in results} == set(PATHS)
    # What the import wrote is public once it ended.
    status, _headers, body = get("/documents/", {"Cookie": "uncached=after"})
    assert status == 200 and "包头市" in body.decode()
