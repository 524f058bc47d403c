"""A worker killed in the middle of an import leaves the database as it was.

This runs the real thing in separate processes on a SQLite file of its own: `manage.py
migrate`, a job queued through huey, the huey consumer (`manage.py run_huey`, as `make run`
starts it), killed with SIGKILL while the import's transaction is open. Then the file is
opened again: the half-written transaction must be gone, and the job can be run again.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_FILES

pytestmark = pytest.mark.slow

QUEUE_JOB = """
from pathlib import Path
from plans.workspace.models import ImportJob
from plans.workspace.tasks import run_import_job
data = Path({path!r}).read_bytes()
job = ImportJob.objects.create(name="three-documents.txt", data=data, size=len(data))
run_import_job(job.pk)
"""
RUN_AGAIN = """
from plans.workspace.jobs import run_job
from plans.workspace.models import ImportJob
print(run_job(ImportJob.objects.get().pk).status)
"""


def _manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def _counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database, timeout=30) as connection:
        return {
            table: connection.execute(f"select count(*) from {table}").fetchone()[0]
            for table in (
                "plans_sourcefile",
                "plans_document",
                "plans_target",
                "plans_historicaltarget",
            )
        }


def _job(database: Path) -> tuple[str, str]:
    with sqlite3.connect(database, timeout=30) as connection:
        row = connection.execute(
            "select status, stage from workspace_importjob"
        ).fetchone()
    return row or ("", "")


def test_a_worker_killed_mid_import_leaves_no_half_document(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(DJANGO_DEBUG="1", MUBIAO_VAR_DIR=str(tmp_path))
    database = tmp_path / "mubiao.sqlite3"
    # A rollback journal, or in WAL mode (the project's setting) the write-ahead log.
    journals = [tmp_path / "mubiao.sqlite3-journal", tmp_path / "mubiao.sqlite3-wal"]
    source = tmp_path / "three-documents.txt"
    # Three documents in one file: a long transaction, easy to interrupt.
    source.write_text(
        "\n\n".join(path.read_text(encoding="utf-8") for path in SEED_FILES[2:5]),
        encoding="utf-8",
    )
    _manage(env, "migrate", "--verbosity", "0")
    _manage(env, "shell", "-c", QUEUE_JOB.format(path=str(source)))
    assert _counts(database)["plans_document"] == 0

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--quiet", "--max-delay", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=open(tmp_path / "worker.log", "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    killed_in = None
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status, stage = _job(database)
            # The stage says the import is storing; the journal says its transaction is open.
            if stage == "store" and any(j.exists() for j in journals):
                os.kill(worker.pid, signal.SIGKILL)
                killed_in = stage
                break
            assert status not in {"done", "failed"}, "the import ended before the kill"
            time.sleep(0.005)
    finally:
        if worker.poll() is None:
            os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    assert killed_in == "store"

    # Opening the file rolls the interrupted transaction back: nothing of it remains.
    assert _counts(database) == {
        "plans_sourcefile": 0,
        "plans_document": 0,
        "plans_target": 0,
        "plans_historicaltarget": 0,
    }
    assert _job(database)[0] == "running"  # shown as interrupted once it goes stale

    # The same job, run again, imports the file completely.
    assert _manage(env, "shell", "-c", RUN_AGAIN).stdout.split()[-1] == "done"
    counts = _counts(database)
    assert counts["plans_sourcefile"] == 1
    assert counts["plans_document"] >= 2
    assert counts["plans_target"] > 100
    # What the worker stored holds every derived value as the refresh path computes it.
    assert "record consistent" in _manage(env, "verify_record").stdout
