"""`manage.py export_datapackage DIR`: the published record as a Frictionless data package
(datapackage.json, one CSV per table, and a zip of them) in DIR."""

from pathlib import Path

from django.core.management.base import BaseCommand

from plans import datapackage


class Command(BaseCommand):
    help = (
        "Write the published record as a Frictionless data package (datapackage.json "
        "plus regions, sectors, indicators, departments, documents, targets and "
        "target_departments as CSV) into DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--base-url",
            default=None,
            help="the site's public address for links (default: MUBIAO_SITE_URL)",
        )

    def handle(self, *args, **options):
        directory = options["directory"]
        counts = datapackage.write(directory, base=options["base_url"])
        for name, count in counts.items():
            self.stdout.write(f"{name}.csv: {count} rows")
        self.stdout.write(f"wrote {directory / 'datapackage.json'}")
