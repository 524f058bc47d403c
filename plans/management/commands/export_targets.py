"""`manage.py export_targets --format csv|json`: every target row with its provenance."""

from django.core.management.base import BaseCommand

from plans import models as m
from plans.exports import export_queryset, row_dict, to_csv, to_json


class Command(BaseCommand):
    help = "Write every target row (document, region, year, value as written, quote, span …)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument(
            "--published", action="store_true", help="only rows of published documents"
        )

    def handle(self, *args, **options):
        queryset = m.Target.objects.public() if options["published"] else None
        rows = (row_dict(t) for t in export_queryset(queryset))
        text = to_json(rows) if options["format"] == "json" else to_csv(rows)
        self.stdout.write(text, ending="" if text.endswith("\n") else "\n")
