"""`manage.py run_import_job ID`: run one queued import job in this process.

The background worker starts it as a child process with a time and memory limit
(``plans.workspace.jobs.run_isolated``); it is not meant to be typed by hand.
"""

from django.core.management.base import BaseCommand

from plans.workspace.jobs import run_job


class Command(BaseCommand):
    help = "Run one queued import job (the background worker's child process)."

    def add_arguments(self, parser):
        parser.add_argument("job_id", type=int)

    def handle(self, *args, job_id: int, **options):
        job = run_job(job_id)
        self.stdout.write(job.status)
