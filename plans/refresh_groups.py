"""The one refresh path, part two: what a row derives from the rows grouped with it.

Rows of one region, indicator and year, across documents, form a group: each target's
status against the actual of its year and conflict marks kept as a relation (the rows of
other documents it disagrees with). Published rows are compared with published rows only;
a draft's rows with every row. ``plans.refresh.compute`` gathers complete groups and calls
``group_values``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from plans import models as m
from plans.observations import observation
from plans.pipeline import alignment
from plans.pipeline import catalogue as cat
from plans.refresh_rows import quantize


def _judge(
    points: list[alignment.Observation],
    judged: Iterable[alignment.Observation],
    codes: dict[int, list[str]],
    code: str,
    direction: str,
    out: dict[int, dict],
) -> None:
    """Conflict marks and status of the ``judged`` points of one group, seen against
    ``points`` (the group's rows that they may be compared with)."""
    keys = {p.key for p in judged}
    for conflict in alignment.detect_conflicts(points):
        for point in conflict.observations:
            if point.key not in keys:
                continue
            row = out[point.key]
            row["conflict"] = True
            row["partners"] |= {
                o.key for o in conflict.observations if o.document != point.document
            }
    actuals = [p for p in points if p.kind == m.Target.Kind.ACTUAL]
    for point in judged:
        if point.kind != m.Target.Kind.TARGET or codes[point.key][0] != code:
            continue  # a row's status is that of its first indicator
        actual = next(
            (
                a
                for a in actuals
                if a.definition == point.definition and a.value is not None
            ),
            None,
        )
        if actual is None:
            continue  # without an actual for its year a target has no status yet
        row = out[point.key]
        row["status"] = alignment.target_status(
            point, actual.value, direction=direction
        )
        row["actual_value"] = quantize(actual.value)


def group_values(
    rows: Iterable[m.Target],
    codes: dict[int, list[str]],
    fields: dict[int, dict],
    catalogue: cat.Catalogue,
) -> dict[int, dict]:
    """Status, actual and conflict partners of rows, from complete region × indicator ×
    year groups: {pk: {"status", "actual_value", "conflict", "partners"}}.

    Public data is published data only: a row of a published document is compared with
    rows of published documents; a draft's row with every row (so a draft under review
    shows where it disagrees with what is published)."""
    groups: dict[tuple, list[alignment.Observation]] = defaultdict(list)
    published: set[int] = set()
    out: dict[int, dict] = {}
    rows = sorted(rows, key=lambda t: (t.document_id, t.start, t.pk))
    for target in rows:
        out[target.pk] = {
            "status": "",
            "actual_value": None,
            "conflict": False,
            "partners": set(),
        }
        if target.review_status == m.Target.ReviewStatus.REJECTED:
            continue  # a rejected row says nothing, and disagrees with nothing
        if target.year is None or target.kind == m.Target.Kind.CONTEXT:
            continue
        if target.document.status == m.Document.Status.PUBLISHED:
            published.add(target.pk)
        region = str(target.document.region_id)
        for code in codes.get(target.pk, []):
            point = observation(fields[target.pk], region=region, indicator=code)
            groups[(region, code, target.year)].append(point)
    for (_region, code, _year), points in groups.items():
        indicator = catalogue.indicators.get(code)
        direction = indicator.direction if indicator else cat.HIGHER
        public = [p for p in points if p.key in published]
        drafts = [p for p in points if p.key not in published]
        _judge(public, public, codes, code, direction, out)
        _judge(points, drafts, codes, code, direction, out)
    return out
