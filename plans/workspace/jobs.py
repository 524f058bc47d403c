"""Run an import job: convert the stored upload, import it, record progress and the result.

Runs in the background worker (``plans.workspace.tasks``). The import itself is one
transaction (``plans.importer``); the job row is updated outside it, so progress shows while
the import runs and a failure leaves its reason and nothing else.
"""

from __future__ import annotations

import ctypes
import resource
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from plans import models as m
from plans.pipeline import formats
from plans.pipeline.decode import SourceError
from plans.workspace.models import ImportJob

# Compared before and after a re-extraction to say what changed in each machine row.
DIFF_FIELDS = [
    "subject",
    "kind",
    "year",
    "comparator",
    "qualifier",
    "value",
    "value_max",
    "value_text",
    "unit",
    "value_missing",
    "text_repaired",
    "quote",
]


def set_progress(job_id: int, stage: str, percent: int) -> None:
    ImportJob.objects.filter(pk=job_id).update(
        stage=stage, percent=percent, updated_at=timezone.now()
    )


class Heartbeat:
    """While a job runs, a thread writes ``heartbeat_at`` every few seconds on its own
    database connection (outside the import's transaction): the job page tells a job
    still working from one whose process died."""

    def __init__(self, job_id: int, every: float | None = None) -> None:
        self.job_id = job_id
        self.every = every or settings.MUBIAO_JOB_HEARTBEAT_SECONDS
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def _beat(self) -> None:
        try:
            while True:
                ImportJob.objects.filter(pk=self.job_id).update(
                    heartbeat_at=timezone.now()
                )
                if self.stop.wait(self.every):
                    return
        finally:
            connection.close()

    def __enter__(self) -> Heartbeat:
        if not connection.in_atomic_block:  # a test's transaction: no second connection
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join(timeout=10)


def run_isolated(job_id: int) -> ImportJob:
    """Run a job in a process of its own (``manage.py run_import_job``) with a wall-time
    and an address-space limit; the process dies with the worker that started it. A job
    that the process left unfinished (over a limit, or killed) is marked failed saying
    why and what was saved."""
    limit = settings.MUBIAO_JOB_TIME_LIMIT
    memory = settings.MUBIAO_JOB_MEMORY_MB * 1024 * 1024

    def limits() -> None:  # in the child, before it runs Python
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))
        try:  # Linux: die with the worker thread that started this process
            ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass

    command = [sys.executable, "manage.py", "run_import_job", str(job_id)]
    code, reason = "", ""
    try:
        done = subprocess.run(
            command,
            cwd=settings.BASE_DIR,
            preexec_fn=limits,  # noqa: PLW1509 — no threads run Python in the child
            timeout=limit,
            capture_output=True,
            text=True,
        )
    except subprocess.TimeoutExpired:
        code = "time_limit"
        reason = f"the job ran longer than its limit of {limit} seconds and was stopped"
    else:
        if done.returncode != 0:
            memory_error = "MemoryError" in done.stderr
            code = "memory_limit" if memory_error else "worker_died"
            reason = (
                f"the job needed more memory than its limit of "
                f"{settings.MUBIAO_JOB_MEMORY_MB} MiB and was stopped"
                if memory_error
                else f"the job's process ended unexpectedly (exit {done.returncode})"
            )
    job = ImportJob.objects.get(pk=job_id)
    if code and not job.finished:
        _finish(job, ImportJob.Status.FAILED, code=code, message=reason)
        job.refresh_from_db()
    return job


def purge_expired_uploads() -> int:
    """Drop the uploaded originals of jobs finished more than
    ``MUBIAO_UPLOAD_RETENTION_DAYS`` ago (0: never); the imported text stays in the
    record. Returns how many were dropped. Every job's end runs it."""
    days = settings.MUBIAO_UPLOAD_RETENTION_DAYS
    if days <= 0:
        return 0
    cutoff = timezone.now() - timedelta(days=days)
    return (
        ImportJob.objects.filter(finished_at__lt=cutoff)
        .exclude(data=b"")
        .update(data=b"", updated_at=timezone.now())
    )


def saved_by(job: ImportJob) -> tuple[int, int] | None:
    """What of an unfinished job is in the database, in words (the import is one
    transaction: all of the file, or nothing)."""
    source = (
        job.source
        if job.kind == ImportJob.Kind.REEXTRACT
        else m.SourceFile.objects.filter(sha256=job.sha256).first()
        if job.sha256
        else None
    )
    if job.kind == ImportJob.Kind.REEXTRACT or source is None:
        return None  # a re-extraction rolled back leaves the rows as they were
    rows = m.Target.objects.filter(document__source=source).count()
    return source.documents.count(), rows


def run_job(job_id: int) -> ImportJob:
    """Run one queued job to the end; a job already finished is left alone."""
    claimed = ImportJob.objects.filter(
        pk=job_id, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    ).update(
        status=ImportJob.Status.RUNNING,
        stage="start",
        updated_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    job = ImportJob.objects.get(pk=job_id)
    if not claimed:
        return job
    with Heartbeat(job_id):
        job = _run_claimed(job)
    purge_expired_uploads()
    return job


def _run_claimed(job: ImportJob) -> ImportJob:
    try:
        if job.kind == ImportJob.Kind.REEXTRACT:
            result = _reextract(job)
        else:
            result = _import_upload(job)
    except SourceError as error:
        _finish(
            job,
            ImportJob.Status.FAILED,
            code=error.code,
            message=error.message,
            result={"refers_to": error.ref} if error.ref else None,
        )
    except MemoryError:
        _finish(
            job,
            ImportJob.Status.FAILED,
            code="memory_limit",
            message=f"the job needed more memory than its limit of "
            f"{settings.MUBIAO_JOB_MEMORY_MB} MiB and was stopped",
        )
    except Exception as error:  # a bug must still end the job with its reason
        _finish(
            job,
            ImportJob.Status.FAILED,
            code="internal",
            message=f"{type(error).__name__}: {error}",
        )
        raise
    else:
        _finish(job, ImportJob.Status.DONE, result=result)
    job.refresh_from_db()
    return job


def _finish(job, status, *, code="", message="", result=None) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=status,
        error_code=code,
        message=message,
        result=result or {},
        stage="done" if status == ImportJob.Status.DONE else "failed",
        percent=100 if status == ImportJob.Status.DONE else job.percent,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def _import_upload(job: ImportJob) -> dict:
    from plans.importer import import_text

    set_progress(job.pk, "convert", 3)
    converted = formats.convert(
        bytes(job.data),
        job.name,
        max_unpacked=settings.MUBIAO_MAX_DOCX_UNPACKED_BYTES,
        max_members=settings.MUBIAO_MAX_DOCX_MEMBERS,
    )
    summary = import_text(
        converted.text,
        name=job.name,
        sha256=converted.sha256,
        size=converted.size,
        encoding=converted.encoding,
        user=job.created_by,
        progress=lambda stage, percent: set_progress(job.pk, stage, percent),
    )
    source = m.SourceFile.objects.get(sha256=converted.sha256)
    ImportJob.objects.filter(pk=job.pk).update(source=source)
    return _result(summary, source)


def _reextract(job: ImportJob) -> dict:
    """Run the current extractor again over a stored source's text; report the difference."""
    from plans.importer import import_text

    source = job.source
    if source is None:
        raise SourceError("gone", "the source file of this job no longer exists")
    set_progress(job.pk, "start", 2)
    before = machine_rows(source)
    summary = import_text(
        source.text,
        name=source.name,
        sha256=source.sha256,
        size=source.size,
        encoding=source.encoding,
        progress=lambda stage, percent: set_progress(job.pk, stage, percent),
    )
    after = machine_rows(source)
    diff = diff_rows(before, after)
    # A changed machine row needs a fresh decision, whatever was decided on the old one.
    changed_ids = [change["id"] for change in diff["updated"]]
    with transaction.atomic():
        for target in m.Target.objects.filter(pk__in=changed_ids, edited=False).exclude(
            review_status=m.Target.ReviewStatus.PROPOSED
        ):
            target.review_status = m.Target.ReviewStatus.PROPOSED
            target.reviewed_by = None
            target.reviewed_at = None
            target._change_reason = "re-extraction changed this row"
            target.save()
    result = _result(summary, source)
    result["diff"] = diff
    return result


def _result(summary, source) -> dict:
    return {
        "status": summary.status,
        "describe": summary.describe(),
        "documents": [
            {"id": d.pk, "title": d.title, "year": d.year, "status": d.status}
            for d in source.documents.order_by("start")
        ],
        "rows_created": summary.rows_created,
        "rows_updated": summary.rows_updated,
        "rows_unchanged": summary.rows_unchanged,
        "rows_deleted": summary.rows_deleted,
        "rows_kept_edited": summary.rows_kept_edited,
    }


def machine_rows(source) -> dict[tuple, dict]:
    """Machine rows of a source's documents, keyed by document span and row span."""
    rows = m.Target.objects.filter(
        document__source=source, origin=m.Target.Origin.MACHINE
    ).select_related("document")
    return {
        (t.document.start, t.document.end, t.start, t.end): {
            "id": t.pk,
            "document": t.document_id,
            "edited": t.edited,
            **{name: _plain(getattr(t, name)) for name in DIFF_FIELDS},
        }
        for t in rows
    }


def _plain(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def diff_rows(before: dict, after: dict) -> dict:
    """What a re-extraction did: rows added, changed (field by field), removed, kept."""
    created = [after[key] for key in sorted(after.keys() - before.keys())]
    deleted = [before[key] for key in sorted(before.keys() - after.keys())]
    updated = []
    for key in sorted(before.keys() & after.keys()):
        old, new = before[key], after[key]
        changes = [
            {"field": name, "before": old[name], "after": new[name]}
            for name in DIFF_FIELDS
            if old[name] != new[name]
        ]
        if changes:
            updated.append(
                {"id": new["id"], "subject": new["subject"], "changes": changes}
            )
    kept = [row for row in after.values() if row["edited"]]
    return {
        "created": created,
        "updated": updated,
        "deleted": deleted,
        "kept_edited": len(kept),
    }
