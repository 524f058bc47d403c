"""Coverage of the stored record: how many numeric rows reach an indicator.

See ``plans.pipeline.coverage`` for what is counted. ``stored_coverage`` reads what the
mapping stored (``Target.indicator``); it computes nothing about the rows themselves.
"""

from __future__ import annotations

from django.db.models import QuerySet

from plans import models as m
from plans.pipeline.coverage import NUMERIC_KINDS, Coverage, count_coverage


def stored_coverage(targets: QuerySet | None = None) -> Coverage:
    """Coverage of ``targets`` (every stored row by default)."""
    queryset = m.Target.objects.all() if targets is None else targets
    pairs = queryset.filter(kind__in=NUMERIC_KINDS).values_list("kind", "indicator_id")
    return count_coverage((kind, indicator is not None) for kind, indicator in pairs)


def unmapped_rows(targets: QuerySet | None = None) -> QuerySet:
    """Numeric rows no indicator holds yet: the "not yet on a chart" list and queue."""
    queryset = m.Target.objects.all() if targets is None else targets
    return queryset.filter(kind__in=NUMERIC_KINDS, indicator__isnull=True)
