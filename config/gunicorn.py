"""gunicorn settings for `make run` (and `make bench`): ``gunicorn -c config/gunicorn.py``.

Environment: ``HOST`` (address:port to bind, default 127.0.0.1:8000), ``WEB_CONCURRENCY``
(worker processes, default two per CPU plus one), ``GUNICORN_THREADS`` (threads per worker,
default 2), ``GUNICORN_TIMEOUT`` (seconds, default 60).
"""

import multiprocessing
import os

bind = os.environ.get("HOST", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Threaded workers keep connections alive (HTTP/1.1 keep-alive behind a proxy or from a
# browser) and let a request waiting on the database not hold a whole process.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
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
