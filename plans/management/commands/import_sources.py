"""`manage.py import_sources PATH...`: import plan files, each atomically and idempotently."""

from django.core.management.base import BaseCommand, CommandError

from plans.coverage import stored_coverage
from plans.importer import import_path
from plans.pipeline.decode import SourceError


class Command(BaseCommand):
    help = (
        "Import plan source files (UTF-8, GB18030/GBK or UTF-16 text). Each file is stored "
        "with the documents and target rows found in it, in one transaction; importing the "
        "same bytes again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="keep new documents as drafts for review instead of publishing them",
        )

    def handle(self, *args, draft=False, **options):
        failures = []
        for path in options["paths"]:
            try:
                summary = import_path(path, publish=not draft)
            except SourceError as error:
                failures.append(path)
                self.stderr.write(
                    f"{path}: not imported — {error.message}. Nothing was changed."
                )
                continue
            style = self.style.SUCCESS if summary.changed else self.style.NOTICE
            self.stdout.write(style(summary.describe()))
        # What reaches a cross-year chart, over everything stored (issue 12's measure).
        self.stdout.write(f"All stored rows: {stored_coverage().describe()}")
        if failures:
            raise CommandError(
                f"{len(failures)} file(s) could not be imported: {', '.join(failures)}"
            )
