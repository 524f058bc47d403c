"""Run an import job: convert the stored upload, import it, record progress and the result.

Runs in the background worker (``plans.workspace.tasks``). The import itself is one
transaction (``plans.importer``); the job row is updated outside it, so progress shows while
the import runs and a failure leaves its reason and nothing else.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import transaction
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


def run_job(job_id: int) -> ImportJob:
    """Run one queued job to the end; a job already finished is left alone."""
    claimed = ImportJob.objects.filter(
        pk=job_id, status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    ).update(status=ImportJob.Status.RUNNING, stage="start", updated_at=timezone.now())
    job = ImportJob.objects.get(pk=job_id)
    if not claimed:
        return job
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
