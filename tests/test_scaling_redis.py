"""Scaling out with Redis (REDIS_URL): the shared page cache and the task queue, against a real
Redis server when one answers (REDIS_URL, else 127.0.0.1:6379); skipped, saying so, when none
does. Each run uses its own key prefix and queue name, and removes its keys."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests import factories as f

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except Exception:  # noqa: BLE001 — any failure means: no server to test against
        return False


pytestmark = pytest.mark.skipif(
    not redis_answers(), reason=f"no Redis server answers at {REDIS_URL}"
)


@pytest.fixture
def redis_cache():
    import redis

    prefix = f"mubiao-test-{uuid.uuid4().hex[:12]}"
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    client = redis.Redis.from_url(REDIS_URL)
    with override_settings(CACHES=caches):
        yield client, prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.mark.django_db
def test_public_pages_are_cached_in_redis_for_every_app_server(redis_cache):
    client, prefix = redis_cache
    data = f.tongliao()
    url = "/indicators/gdp_growth/"
    first = Client().get(url)
    assert first["X-Page-Cache"] == "miss"
    stored = sorted(k for k in client.scan_iter(f"{prefix}:*") if b"wholepage" in k)
    # The entry (headers, gzipped body) and the plain body, where every server finds them.
    assert len(stored) == 2 and stored[1].endswith(b":plain"), stored
    from django.core.cache import caches

    caches["default"].close()  # a new connection, as another server process would have
    second = Client().get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Publishing on one server makes the page stale for all: the version lives in Redis.
    draft = data["documents"]["draft"]
    draft.status = "published"
    draft.save()
    third = Client().get(url)
    assert third["X-Page-Cache"] == "miss"
    assert "99%" in third.content.decode()


def test_the_task_queue_goes_through_redis_when_redis_url_is_set(tmp_path):
    """The settings pick Redis for the cache and for huey; a task enqueued by one process
    is taken from Redis and run by another (as `manage.py run_huey` does)."""
    name = f"mubiao-test-{uuid.uuid4().hex[:12]}"
    env = dict(
        os.environ,
        REDIS_URL=REDIS_URL,
        DJANGO_DEBUG="1",
        MUBIAO_VAR_DIR=str(tmp_path),
        MUBIAO_TEST_QUEUE=name,
    )
    env.pop("DATABASE_URL", None)
    script = """
import json, os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.conf import settings
from django.core.cache import cache
from huey import RedisHuey
from huey.contrib.djhuey import HUEY
queue = RedisHuey(os.environ["MUBIAO_TEST_QUEUE"], url=os.environ["REDIS_URL"])
@queue.task()
def add(a, b):
    return a + b
if sys.argv[1] == "enqueue":
    add(2, 40)
    cache.set("mubiao-test-key-" + os.environ["MUBIAO_TEST_QUEUE"], "shared", 60)
    print(json.dumps({
        "huey": type(HUEY).__name__,
        "cache": settings.CACHES["default"]["BACKEND"],
        "pending": queue.pending_count(),
    }))
else:
    task = queue.dequeue()
    value = queue.execute(task)
    seen = cache.get("mubiao-test-key-" + os.environ["MUBIAO_TEST_QUEUE"])
    cache.delete("mubiao-test-key-" + os.environ["MUBIAO_TEST_QUEUE"])
    queue.storage.flush_all()
    print(json.dumps({"value": value, "seen": seen, "left": queue.pending_count()}))
"""

    def run(step: str) -> dict:
        out = subprocess.run(
            [sys.executable, "-c", script, step],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])

    enqueued = run("enqueue")
    assert enqueued == {
        "huey": "RedisHuey",
        "cache": "django.core.cache.backends.redis.RedisCache",
        "pending": 1,
    }
    assert run("consume") == {"value": 42, "seen": "shared", "left": 0}
