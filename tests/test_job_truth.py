"""Worker truth (issue 14, item 3): a running job sends a heartbeat; one whose worker died
shows as interrupted within a minute, saying exactly what was saved; each job runs in a
process of its own with a time and a memory limit; a long job does not hold up others."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from plans import models as m
from plans.workspace import jobs
from plans.workspace.models import ImportJob
from plans.workspace.views import job_state
from tests.conftest import ROOT, SEED_FILES


def _running(seconds_silent: float, sha256: str = "0" * 64) -> ImportJob:
    job = ImportJob.objects.create(name="plan.txt", sha256=sha256, status="running")
    then = timezone.now() - timedelta(seconds=seconds_silent)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=then, heartbeat_at=then)
    return ImportJob.objects.get(pk=job.pk)


def test_a_job_whose_heartbeat_stopped_is_interrupted_within_a_minute(db, settings):
    assert settings.MUBIAO_JOB_HEARTBEAT_TIMEOUT < 60
    alive = job_state(_running(settings.MUBIAO_JOB_HEARTBEAT_SECONDS))
    assert not alive["stalled"]
    state = job_state(_running(settings.MUBIAO_JOB_HEARTBEAT_TIMEOUT + 5))
    assert state["stalled"]
    assert "后台进程已中断" in state["message"]
    assert "数据库未作任何更改" in state["message"]


def test_an_interrupted_job_says_what_it_saved(seeded):
    """The worker died after the import's transaction committed: the file is there."""
    source = m.SourceFile.objects.get(name=SEED_FILES[1].name)
    state = job_state(_running(120, sha256=source.sha256))
    documents = source.documents.count()
    rows = m.Target.objects.filter(document__source=source).count()
    assert f"此文件已完整保存：{documents} 份文件，{rows} 行" in state["message"]
    assert "未作任何更改" not in state["message"]


def test_the_heartbeat_is_written_while_the_job_runs(transactional_db):
    job = ImportJob.objects.create(name="plan.txt", status="running")
    with jobs.Heartbeat(job.pk, every=0.05):
        time.sleep(0.3)
        first = ImportJob.objects.get(pk=job.pk).heartbeat_at
        time.sleep(0.3)
        second = ImportJob.objects.get(pk=job.pk).heartbeat_at
    assert first is not None and second > first
    # Leaving the block stops the thread (a last beat may land after the second read).
    stopped = ImportJob.objects.get(pk=job.pk).heartbeat_at
    time.sleep(0.3)
    assert ImportJob.objects.get(pk=job.pk).heartbeat_at == stopped, "it stops"


# --- real processes on a SQLite file of their own (minutes on a busy machine: make soak) --

QUEUE = """
from pathlib import Path
from plans.workspace.models import ImportJob
for name in {names!r}:
    data = Path(name).read_bytes()
    ImportJob.objects.create(name=Path(name).name, data=data, size=len(data))
"""
RUN_ISOLATED = """
from plans.workspace.jobs import run_isolated
from plans.workspace.models import ImportJob
job = run_isolated(ImportJob.objects.get().pk)
print(job.status, job.error_code or "-")
"""
ENQUEUE = """
from plans.workspace.models import ImportJob
from plans.workspace.tasks import run_import_job
for job in ImportJob.objects.order_by("pk"):
    run_import_job(job.pk)
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(DJANGO_DEBUG="1", MUBIAO_VAR_DIR=str(tmp_path), **extra)
    return env


def _manage(env, *args) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    ).stdout


def _rows(tmp_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(tmp_path / "mubiao.sqlite3", timeout=30) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def big_file(tmp_path) -> Path:
    path = tmp_path / "three-documents.txt"
    path.write_text(
        "\n\n".join(p.read_text(encoding="utf-8") for p in SEED_FILES[2:5]),
        encoding="utf-8",
    )
    return path


@pytest.mark.soak
@pytest.mark.parametrize(
    ("limit", "code"),
    [({"MUBIAO_JOB_TIME_LIMIT": "2"}, "time_limit"), ({}, "done")],
)
def test_a_job_over_its_time_limit_is_stopped_and_stores_nothing(
    tmp_path, big_file, limit, code
):
    env = _env(tmp_path, **limit)
    _manage(env, "migrate", "--verbosity", "0")
    _manage(env, "shell", "-c", QUEUE.format(names=[str(big_file)]))
    status, error = _manage(env, "shell", "-c", RUN_ISOLATED).split()[-2:]
    files = _rows(tmp_path, "select count(*) from plans_sourcefile")[0][0]
    if code == "time_limit":
        assert (status, error) == ("failed", "time_limit")
        assert files == 0
        (message,) = _rows(tmp_path, "select message from workspace_importjob")[0]
        assert "longer than its limit of 2 seconds" in message
    else:
        assert (status, error, files) == ("done", "-", 1)


@pytest.mark.soak
def test_a_job_over_its_memory_limit_is_stopped_and_stores_nothing(tmp_path, big_file):
    env = _env(tmp_path, MUBIAO_JOB_MEMORY_MB="300")
    _manage(env, "migrate", "--verbosity", "0")
    _manage(env, "shell", "-c", QUEUE.format(names=[str(big_file)]))
    status, error = _manage(env, "shell", "-c", RUN_ISOLATED).split()[-2:]
    assert status == "failed" and error in {"memory_limit", "worker_died"}
    assert _rows(tmp_path, "select count(*) from plans_sourcefile")[0][0] == 0


@pytest.mark.soak
def test_a_long_job_does_not_hold_up_a_short_one(tmp_path, big_file):
    small = tmp_path / "small.txt"
    small.write_text(
        "通辽市2025年国民经济和社会发展计划\n一、主要目标\n地区生产总值增长6%左右。\n",
        encoding="utf-8",
    )
    env = _env(tmp_path)
    _manage(env, "migrate", "--verbosity", "0")
    _manage(env, "shell", "-c", QUEUE.format(names=[str(big_file), str(small)]))
    _manage(env, "shell", "-c", ENQUEUE)  # the long one first
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--quiet", "--max-delay", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            states = dict(
                _rows(tmp_path, "select name, status from workspace_importjob")
            )
            if set(states.values()) == {"done"}:
                break
            time.sleep(0.2)
        assert set(states.values()) == {"done"}, states
        finished = dict(
            _rows(tmp_path, "select name, finished_at from workspace_importjob")
        )
        # Queued second, finished first: it never waited for the long one.
        assert finished["small.txt"] < finished["three-documents.txt"]
    finally:
        os.killpg(worker.pid, 9)
        worker.wait(timeout=10)


@pytest.mark.parametrize(
    ("code", "offered"),
    [
        ("duplicate_text", False),  # the file itself was refused: it would be again
        ("empty", False),
        ("unknown_region", False),
        ("worker_died", True),  # the run failed, not the file
        ("time_limit", True),
    ],
)
def test_retry_is_offered_only_where_running_again_could_end_otherwise(
    client, make_user, code, offered
):
    client.force_login(make_user("ed", "editor"))
    job = ImportJob.objects.create(
        name="plan.txt", status="failed", error_code=code, message="…"
    )
    page = client.get(job.get_absolute_url()).content.decode()
    assert (f"/workspace/jobs/{job.pk}/retry/" in page) is offered
    assert job_state(job)["retryable"] is offered
    client.post(f"/workspace/jobs/{job.pk}/retry/")
    job.refresh_from_db()
    assert job.status == ("queued" if offered else "failed")
