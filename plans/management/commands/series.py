"""`manage.py series INDICATOR --region 通辽市 --format csv|json`: one indicator's targets,
targets in words only (no value) and actuals by year, with comparators, qualifiers,
statuses, conflicts, each line's sentence as written (``quote``) and the years whose
definition changed (break markers and their notes).

Published rows only unless ``--include-drafts``. Values are in the indicator's canonical
unit; the 左右 tolerance behind any status is printed with the JSON.
"""

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from plans import models as m
from plans.levels import lineage
from plans.pipeline import alignment
from plans.pipeline.catalogue import CatalogueError, load_catalogue
from plans.series import find_region, series_for, series_table


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "item"):  # numpy scalars from the DataFrame
        return value.item()
    return value


class Command(BaseCommand):
    help = (
        "Print one indicator's series in one region (targets, actuals, status, breaks)."
    )

    def add_arguments(self, parser):
        parser.add_argument("indicator", help="indicator code, e.g. gdp_growth")
        parser.add_argument("--region", default="通辽市", help="region name or slug")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--include-drafts", action="store_true")

    def handle(self, *args, **options):
        try:
            catalogue = load_catalogue()
        except CatalogueError as error:
            raise CommandError(str(error)) from error
        code = options["indicator"]
        if code not in catalogue.indicators:
            raise CommandError(f"unknown indicator {code!r}; see data/catalogue.yaml")
        try:
            region = find_region(options["region"])
        except m.Region.DoesNotExist:
            raise CommandError(f"unknown region {options['region']!r}") from None

        series = series_for(
            code=code,
            region=region,
            catalogue=catalogue,
            include_drafts=options["include_drafts"],
        )
        frame = series_table(series)
        if options["format"] == "csv":
            self.stdout.write(frame.to_csv(index=False), ending="")
            return
        indicator = series.indicator
        payload = {
            "indicator": {
                "code": indicator.code,
                "zh": indicator.zh,
                "en": indicator.en,
                "unit": indicator.unit,
                "kind": indicator.kind,
                "direction": indicator.direction,
            },
            "region": series.region,
            "level": region.level,
            "parents": [r.name for r in lineage(region)[1:]],
            "about_tolerance": str(alignment.ABOUT_TOLERANCE),
            "about_tolerance_note": {
                "zh": alignment.about_tolerance_note("zh", indicator.direction),
                "en": alignment.about_tolerance_note("en", indicator.direction),
            },
            "rows": [
                {k: _plain(v) for k, v in record.items()}
                for record in frame.astype(object)
                .where(frame.notna(), None)
                .to_dict("records")
            ],
            "breaks": [
                {
                    "before_year": b.before_year,
                    "after_year": b.after_year,
                    "before": list(b.before),
                    "after": list(b.after),
                    "notes": [
                        {"code": d.code, "zh": d.note_zh, "en": d.note_en}
                        for d in b.notes
                    ],
                }
                for b in series.breaks
            ],
            "conflicts": [
                {
                    "year": c.year,
                    "documents": list(c.documents),
                    "rows": [o.key for o in c.observations],
                }
                for c in series.conflicts
            ],
        }
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
