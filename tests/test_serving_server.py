"""The production server for real: gunicorn (config/gunicorn.py) on its own SQLite file, as
`make run` starts it. WhiteNoise's hashed, compressed, far-future static files; SQLite in WAL
so that public pages keep answering while a writer holds the database (a large import in
another process, or a transaction that keeps the write lock); a page cached by one worker is
made stale by an import in another process; the nginx configuration is valid.

SQLite only: the PostgreSQL pass skips this module (its server reads SQLite on purpose).
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("MUBIAO_TEST_SERVER_PORT", "8406"))
BASE = f"http://127.0.0.1:{PORT}"
SEEDS = sorted((ROOT / "data" / "sources").glob("0*.txt"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")),
        reason="the production-server tests run in the SQLite pass",
    ),
]


def server_env(var_dir: Path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG")
    }
    env.update(
        MUBIAO_VAR_DIR=str(var_dir),
        DJANGO_SECRET_KEY="test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        HOST=f"127.0.0.1:{PORT}",
        WEB_CONCURRENCY="2",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def get(path: str, headers: dict | None = None, timeout: float = 30):
    url = BASE + urllib.parse.quote(path, safe="/?=&")
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("server-var")
    env = server_env(var_dir)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "import_sources", "--publish", str(SEEDS[0]))
    log = open(var_dir / "gunicorn.log", "w")  # noqa: SIM115 — closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.time() + 90
        while True:
            try:
                if get("/", timeout=10)[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or proc.poll() is not None:
                pytest.fail(
                    "gunicorn did not start:\n" + (var_dir / "gunicorn.log").read_text()
                )
            time.sleep(0.5)
        yield {"var": var_dir, "env": env, "db": var_dir / "mubiao.sqlite3"}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)
        log.close()


def test_gunicorn_serves_hashed_compressed_static_files_cached_for_years(server):
    status, headers, body = get("/")
    assert status == 200
    css = re.search(r'href="(/static/css/mubiao\.[0-9a-f]{12}\.css)"', body.decode())
    assert css, "the page links the hashed stylesheet"
    status, headers, plain = get(css.group(1))
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]
    status, headers, packed = get(css.group(1), {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed) == plain
    # Only the hashed names are kept: a page can never link a stale unhashed copy.
    assert get("/static/css/mubiao.css")[0] == 404


def test_no_response_names_the_server_software(server):
    """gunicorn's own "Server: gunicorn" header is gone (config/gunicorn.py) from pages,
    static files, errors and redirects alike."""
    _status, _headers, body = get("/")
    css = re.search(r'href="(/static/css/mubiao\.[0-9a-f]{12}\.css)"', body.decode())
    assert css
    for path in ["/", css.group(1), "/no-such-page/", "/workspace/", "/api/"]:
        status, headers, _body = get(path)
        names = {name.lower() for name in headers}
        assert "server" not in names, (path, status, headers)
        assert "x-powered-by" not in names
        assert not any("gunicorn" in str(v).lower() for v in headers.values()), path


def test_the_database_is_in_wal_mode(server):
    with sqlite3.connect(server["db"]) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def read_pages_until(stop: threading.Event, results: list) -> None:
    paths = ["/documents/", "/indicators/gdp_growth/", "/api/", "/search/?q=增长"]
    n = 0
    while not stop.is_set():
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        # A cookie the page cache does not know: every request reads the database.
        status, _headers, _body = get(path, {"Cookie": "uncached=1"}, timeout=120)
        results.append((path, status, time.perf_counter() - started))


def test_pages_answer_while_another_connection_holds_the_write_lock(server):
    """In rollback-journal mode an exclusive writer blocks every reader (each waits for
    the busy timeout, then fails); in WAL mode none waits."""
    writer = sqlite3.connect(server["db"], timeout=30, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("UPDATE plans_region SET name_en = name_en")
    results: list = []
    stop = threading.Event()
    reader = threading.Thread(target=read_pages_until, args=(stop, results))
    reader.start()
    deadline = time.time() + 120
    while len(results) < 4 and time.time() < deadline and reader.is_alive():
        time.sleep(0.2)
    # Still inside the writer's transaction: nothing was committed meanwhile.
    assert writer.execute("SELECT 1").fetchone() == (1,)
    stop.set()
    reader.join()
    writer.execute("ROLLBACK")
    writer.close()
    assert len(results) >= 4, results
    assert {status for _p, status, _t in results} == {200}, results


def test_pages_never_fail_during_a_large_import(server, tmp_path):
    # One large new file: every seed text not imported yet, twice over, in one import
    # transaction (the seed the server started with would be refused as a duplicate).
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS[1:] * 2)
    big = tmp_path / "large-import.txt"
    big.write_text(text, encoding="utf-8")
    status, _h, before = get("/documents/")
    assert status == 200
    assert "包头市" not in before.decode()  # only in a seed not imported yet
    results: list = []
    stop = threading.Event()
    reader = threading.Thread(target=read_pages_until, args=(stop, results))
    reader.start()
    importer = subprocess.Popen(
        [sys.executable, "manage.py", "import_sources", "--publish", str(big)],
        cwd=ROOT,
        env=server["env"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output, _ = importer.communicate(timeout=600)
    stop.set()
    reader.join()
    assert importer.returncode == 0, output
    assert "created" in output, output
    failures = [r for r in results if r[1] != 200]
    assert not failures, failures
    assert len(results) >= 5, "the pages were read while the import ran"
    # The page cached before by a worker is stale now: the import (another process)
    # changed the data version through the database.
    status, _h, after = get("/documents/")
    assert status == 200 and "包头市" in after.decode()


def test_the_nginx_configuration_is_valid(server, tmp_path):
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not nginx:
        pytest.skip("nginx is not installed (make bench installs Debian's nginx-light)")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_serving
    finally:
        sys.path.pop(0)
    conf = bench_serving.nginx_config(server["var"], nginx=nginx)
    result = subprocess.run(
        [nginx, "-t", "-c", str(conf), "-p", str(conf.parent)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
