"""Background tasks (huey): the consumer started by `make run` picks them up."""

from django.db import connection
from huey.contrib.djhuey import db_task

from plans.workspace import jobs


@db_task()
def run_import_job(job_id: int) -> None:
    """Segment, extract and store an uploaded file (or re-extract a stored one), in a
    process of its own with a time and memory limit (in a test's transaction, which no
    other process could see, in this one)."""
    if connection.in_atomic_block:
        jobs.run_job(job_id)
    else:
        jobs.run_isolated(job_id)
