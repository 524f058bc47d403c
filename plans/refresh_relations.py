"""The one refresh path, part three: relative targets ("高于全区平均增速", "与经济增长同步").

A relative target is judged against the result of the series it names: its region's
parent's result of the same indicator that year, or its own region's result of another
indicator. That result lives in another group (region × indicator × year) than the
target's, so ``plans.refresh.compute`` gathers both ways: the results the relative targets
in view may name, and the relative targets (in other groups) that name a result in view,
whose status then moves with it. ``derive`` computes the status; this module gathers and
judges.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from plans import models as m
from plans.pipeline import alignment
from plans.refresh_rows import Expected

# --------------------------------------------------------------------------- relations

# (region pk, indicator code, year) → the result a relative target is judged against
References = dict[tuple[int, str, int], Decimal]


def relation_status(
    target: m.Target,
    code: str,
    own_actual: Decimal | None,
    parents: dict[int, int | None],
    references: References,
) -> str:
    """A relative target's status (met / not met / unknown), or "" for any other row.

    The result it names, as a key of ``References``: 高于全区平均增速, the parent region's
    result of the same indicator that year; 与经济增长同步, the same region's GDP growth."""
    if target.kind != m.Target.Kind.TARGET or target.year is None or not code:
        return ""
    relation = alignment.parse_relation(target.relation) if target.relation else None
    if relation is None:
        return ""
    region = target.document.region_id
    other = region if relation.scope == alignment.SAME_REGION else parents.get(region)
    if other is None:
        return ""
    key = (other, relation.indicator or code, target.year)
    return alignment.relation_status(relation, own_actual, references.get(key))


def relative_targets_naming(
    own: list[m.Target],
    regions: set[int],
    years: set[int],
    parents: dict[int, int | None],
    seen: set[int],
) -> list[m.Target]:
    """Relative targets outside this call's groups that may name a result of ``own``
    (a city's 高于全区平均 names its region's result; 与经济增长同步 its own region's
    GDP): their status moves when that result does. Few rows; one query."""
    result_years = {
        t.year for t in own if t.kind == m.Target.Kind.ACTUAL and t.year is not None
    } | years
    if not result_years:
        return []
    children = [pk for pk, parent in parents.items() if parent in regions]
    return list(
        m.Target.objects.filter(
            kind=m.Target.Kind.TARGET,
            year__in=result_years,
            document__region_id__in=regions | set(children),
        )
        .exclude(relation="")
        .exclude(pk__in=seen)
        .select_related("document", "indicator")
    )


def stored_results(
    relative: list[m.Target], parents: dict[int, int | None], documents: set[int]
) -> list[tuple]:
    """Published, not rejected results (outside ``documents``, whose results are being
    computed) of the regions and years the ``relative`` targets may name, as
    ``(region, code, year, document, start, value)``, under every indicator they count
    for."""
    regions = {t.document.region_id for t in relative}
    regions |= {parents[r] for r in regions if parents.get(r) is not None}
    years = {t.year for t in relative if t.year is not None}
    if not relative or not years:
        return []
    public = (
        m.Target.objects.public()
        .filter(
            kind=m.Target.Kind.ACTUAL,
            year__in=years,
            document__region_id__in=regions,
            normalised_value__isnull=False,
            value_missing=False,
        )
        .exclude(document_id__in=documents)
    )
    out = []
    for region, first, year, document, start, value in public.values_list(
        "document__region_id",
        "indicator__code",
        "year",
        "document_id",
        "start",
        "normalised_value",
    ):
        if first:
            out.append((region, first, year, document, start, value))
    further = m.Target.other_indicators.through.objects.filter(
        target__in=public
    ).values_list(
        "target__document__region_id",
        "indicator__code",
        "target__year",
        "target__document_id",
        "target__start",
        "target__normalised_value",
    )
    out += [tuple(row) for row in further]
    return out


def references_of(
    own: list[m.Target],
    expected: dict[int, Expected],
    codes: dict[int, list[str]],
    stored_results: Iterable[tuple],
) -> References:
    """The result of each region × indicator × year a relative target may name: the
    first in source order (document, position) of the published, not rejected results,
    ``own`` rows' as computed now, the others' as stored."""
    candidates = list(stored_results)
    for target in own:
        value = expected[target.pk].values.get("normalised_value")
        if (
            target.kind == m.Target.Kind.ACTUAL
            and target.year is not None
            and value is not None
            and not target.value_missing
            and target.document.status == m.Document.Status.PUBLISHED
            and target.review_status != m.Target.ReviewStatus.REJECTED
        ):
            for code in codes[target.pk]:
                candidates.append(
                    (
                        target.document.region_id,
                        code,
                        target.year,
                        target.document_id,
                        target.start,
                        value,
                    )
                )
    references: References = {}
    for region, code, year, _document, _start, value in sorted(
        candidates, key=lambda c: (c[3], c[4]), reverse=True
    ):
        references[(region, code, year)] = value  # the first in source order wins
    return references


def judge_relatives(
    own: list[m.Target],
    everything: list[m.Target],
    dependents: list[m.Target],
    expected: dict[int, Expected],
    codes: dict[int, list[str]],
    parents: dict[int, int | None],
    references: References,
    current_others: dict[int, set[int]],
) -> None:
    """Each row's relative status into ``expected``: for the rows of the groups in view
    (``everything``, against their actual as computed), and for ``dependents`` (only that
    field, against their actual as stored)."""
    for target in everything:
        code = codes[target.pk][0] if codes[target.pk] else ""
        item = expected[target.pk]
        item.values["relation_status"] = relation_status(
            target, code, item.values["actual_value"], parents, references
        )
    for target in dependents:
        code = target.indicator.code if target.indicator_id else ""
        expected[target.pk] = Expected(
            values={
                "relation_status": relation_status(
                    target, code, target.actual_value, parents, references
                )
            },
            others=current_others.get(target.pk, set()),
        )
