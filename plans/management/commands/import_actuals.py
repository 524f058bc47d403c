"""`manage.py import_actuals FILE...`: published results (CSV or XLSX), each file at once.

Columns (English or Chinese headers; see data/README.md): region, indicator (code or
name), year, value, unit, source_title, source_url, publication_date, note. A file with
any bad row is refused as a whole, every problem named by line; nothing is changed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.entered import EntryError, load_entered
from plans.pipeline import types as pt


class Command(BaseCommand):
    help = (
        "Import published results (actuals) from CSV or XLSX files: region, indicator, "
        "year, value, unit, source title, source URL, publication date. A file with a "
        "bad row changes nothing."
    )
    kind = pt.ACTUAL

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="keep the new sources as drafts for review instead of publishing them",
        )

    def handle(self, *args, draft=False, **options):
        failures = []
        for name in options["paths"]:
            path = Path(name)
            try:
                summary = load_entered(
                    path.read_bytes(), name=path.name, kind=self.kind, publish=not draft
                )
            except OSError as error:
                failures.append(name)
                self.stderr.write(f"{name}: cannot read the file ({error.strerror})")
                continue
            except EntryError as error:
                failures.append(name)
                self.stderr.write(f"{name}: refused, nothing was changed:")
                for problem in error.problems:
                    self.stderr.write(f"  {problem}")
                continue
            self.stdout.write(self.style.SUCCESS(summary.describe()))
        if failures:
            raise CommandError(
                f"{len(failures)} file(s) not imported: {', '.join(failures)}"
            )
