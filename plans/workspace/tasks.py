"""Background tasks (huey): the consumer started by `make run` picks them up."""

from huey.contrib.djhuey import db_task

from plans.workspace import jobs


@db_task()
def run_import_job(job_id: int) -> None:
    """Segment, extract and store an uploaded file (or re-extract a stored one)."""
    jobs.run_job(job_id)
