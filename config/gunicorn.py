"""gunicorn settings for `make run` (and `make bench`): ``gunicorn -c config/gunicorn.py``.

Environment: ``HOST`` (address:port to bind, default 127.0.0.1:8000), ``WEB_CONCURRENCY``
(worker processes, default one per CPU), ``GUNICORN_THREADS`` (threads per worker, default
1), ``GUNICORN_TIMEOUT`` (seconds, default 60).

One single-threaded worker per CPU: a request here is CPU-bound Python (SQLite is read in
process), so more processes or threads than cores only take turns for the CPU and the GIL.
Measured with ``make bench``'s load (wrk, 32 connections, 2 CPUs): the uncached series
answered 216–285 requests/s at p99 239–353 ms with 2 × 1, against 89–186 at p99 894–950 ms
with the former 5 workers × 2 threads in the same runs. With a database over the network
(PostgreSQL), where a request waits, raise ``GUNICORN_THREADS``.
"""

import multiprocessing
import os

bind = os.environ.get("HOST", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count())
# Threaded workers keep connections alive (HTTP/1.1 keep-alive behind a proxy or from a
# browser), with one thread or more.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
keepalive = 5
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 10
backlog = 2048
wsgi_app = "config.wsgi:application"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Load the app before forking: workers share its memory, and a broken setting fails once.
preload_app = True

# No "Server: gunicorn" header: a response does not say which software (or version) serves
# it. gunicorn has no setting for this; its response writes the header in
# ``default_headers``, which is wrapped here, in the master before the workers fork.
from gunicorn.http import wsgi as _wsgi  # noqa: E402

_default_headers = _wsgi.Response.default_headers


def _without_server_header(self) -> list[str]:
    return [
        line
        for line in _default_headers(self)
        if not line.lower().startswith("server:")
    ]


_wsgi.Response.default_headers = _without_server_header  # type: ignore[method-assign]
