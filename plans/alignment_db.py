"""The catalogue and the alignment, applied to what is stored.

- ``sync_catalogue`` writes the sectors and indicators of ``data/catalogue.yaml`` into the
  ``Sector`` / ``Indicator`` tables (update in place, never delete: rows point at them).
- ``apply_catalogue`` maps stored rows to indicators with ``pipeline.normalise``, stores
  the canonical value, the best fuzzy suggestion (for an official to confirm; never applied)
  and the conflict flag. A mapping an official made by hand is kept.
- ``series_for`` builds one indicator's series in one region from stored rows, for the
  ``series`` command and anything else that wants the plain alignment objects.

All writes are atomic and idempotent; each returns a truthful summary.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
from django.db import transaction
from django.db.models import Q, QuerySet
from simple_history.utils import bulk_update_with_history

from plans import models as m
from plans.pipeline import alignment
from plans.pipeline import catalogue as cat
from plans.pipeline.normalise import (
    UnitError,
    definition_of_subject,
    normalise_row,
    normalise_rows,
    to_canonical,
)
from plans.pipeline.types import TargetRow

# Target.normalised_value keeps six decimals; compare what the database will hold.
_PLACES = Decimal("0.000001")
MAPPED_FIELDS = [
    "indicator",
    "normalised_value",
    "normalised_unit",
    "suggested_indicator",
    "suggestion_score",
    "conflict",
]


# --------------------------------------------------------------------------- catalogue


@dataclass
class SyncSummary:
    sectors_created: int = 0
    sectors_updated: int = 0
    sectors_unchanged: int = 0
    indicators_created: int = 0
    indicators_updated: int = 0
    indicators_unchanged: int = 0
    not_in_file: list[str] = field(default_factory=list)  # stored, kept, reported

    def describe(self) -> str:
        text = (
            f"sectors: {self.sectors_created} new, {self.sectors_updated} updated, "
            f"{self.sectors_unchanged} unchanged; indicators: {self.indicators_created} "
            f"new, {self.indicators_updated} updated, {self.indicators_unchanged} unchanged"
        )
        if self.not_in_file:
            text += f"; in the database but not the file (kept): {', '.join(self.not_in_file)}"
        return text


def _definition_json(definition: cat.Definition) -> dict:
    return {
        "code": definition.code,
        "zh": definition.zh,
        "en": definition.en,
        "aliases": list(definition.aliases),
        "since": definition.since,
        "until": definition.until,
        "by_year": definition.by_year,
        "effective_year": definition.effective_year,
        "note_zh": definition.note_zh,
        "note_en": definition.note_en,
    }


def _indicator_fields(indicator: cat.Indicator, sector: m.Sector) -> dict:
    return {
        "name_zh": indicator.zh,
        "name_en": indicator.en,
        "sector": sector,
        "unit": indicator.unit,
        "kind": indicator.kind,
        "direction": indicator.direction,
        "headline": indicator.headline,
        "aliases": list(indicator.aliases),
        "unit_conversions": {u: str(f) for u, f in indicator.units.items()},
        "definition_changes": [_definition_json(d) for d in indicator.definitions],
    }


def _save_if_changed(instance, values: dict) -> bool:
    changed = [k for k, v in values.items() if getattr(instance, k) != v]
    for key in changed:
        setattr(instance, key, values[key])
    if changed:
        instance.save()
    return bool(changed)


@transaction.atomic
def sync_catalogue(catalogue: cat.Catalogue) -> SyncSummary:
    """Create or update every sector and indicator of ``catalogue``; delete nothing."""
    summary = SyncSummary()
    sectors = {s.code: s for s in m.Sector.objects.all()}
    for sector in catalogue.sectors.values():
        values = {"name_zh": sector.zh, "name_en": sector.en, "order": sector.order}
        stored = sectors.get(sector.code)
        if stored is None:
            sectors[sector.code] = m.Sector.objects.create(code=sector.code, **values)
            summary.sectors_created += 1
        elif _save_if_changed(stored, values):
            summary.sectors_updated += 1
        else:
            summary.sectors_unchanged += 1

    indicators = {i.code: i for i in m.Indicator.objects.all()}
    for indicator in catalogue.indicators.values():
        values = _indicator_fields(indicator, sectors[indicator.sector])
        stored = indicators.get(indicator.code)
        if stored is None:
            m.Indicator.objects.create(code=indicator.code, **values)
            summary.indicators_created += 1
        elif _save_if_changed(stored, values):
            summary.indicators_updated += 1
        else:
            summary.indicators_unchanged += 1
    summary.not_in_file = sorted(set(indicators) - set(catalogue.indicators))
    return summary


# --------------------------------------------------------------------------- mapping


@dataclass
class MappingSummary:
    rows: int = 0
    mapped: int = 0
    unmapped: int = 0
    suggested: int = 0  # unmapped rows that carry a suggestion
    kept_official: int = 0  # rows an official mapped or edited: their indicator kept
    conflicts: int = 0  # rows flagged as disagreeing with another document
    changed: int = 0
    unchanged: int = 0

    def describe(self) -> str:
        return (
            f"rows: {self.rows} ({self.mapped} mapped, {self.unmapped} unmapped of which "
            f"{self.suggested} with a suggestion, {self.kept_official} mapped by officials "
            f"kept); {self.conflicts} in conflict; {self.changed} changed, "
            f"{self.unchanged} unchanged"
        )


def target_row(target: m.Target) -> TargetRow:
    """A stored row as the pipeline's ``TargetRow`` (enough to map it again)."""
    return TargetRow(
        start=target.start,
        end=target.end,
        value=target.value,
        value_max=target.value_max,
        value_text=target.value_text,
        unit=target.unit,
        comparator=target.comparator,
        qualifier=target.qualifier,
        kind=target.kind,
        year=target.year,
        subject=target.subject,
        quote=target.quote,
        subjects=list(target.subjects or []),
        value_missing=target.value_missing,
        binding=target.binding,
        relation=target.relation,
    )


def _quantize(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_PLACES)


def _by_hand(target: m.Target) -> bool:
    return target.origin == m.Target.Origin.OFFICIAL or target.edited


def _canonical(
    target: m.Target, indicator: cat.Indicator | None
) -> tuple[Decimal | None, Decimal | None]:
    """Value and upper value in the indicator's unit; None where the unit does not fit."""
    if indicator is None:
        return None, None
    try:
        return (
            to_canonical(target.value, target.unit, indicator),
            to_canonical(target.value_max, target.unit, indicator),
        )
    except UnitError:
        return None, None


@transaction.atomic
def apply_catalogue(
    catalogue: cat.Catalogue, targets: QuerySet | None = None
) -> MappingSummary:
    """Map rows (all by default) to indicators and flag conflicts; see the module doc."""
    stored = {i.code: i for i in m.Indicator.objects.all()}
    queryset = m.Target.objects.all() if targets is None else targets
    by_document: dict[int, list[m.Target]] = defaultdict(list)
    for target in queryset.select_related("document__region", "indicator").order_by(
        "document_id", "start"
    ):
        by_document[target.document_id].append(target)

    summary = MappingSummary()
    observations: list[alignment.Observation] = []
    planned: dict[int, dict] = {}
    # Rows serving several indicators: all of them but the first.
    others: dict[int, set[int]] = {}
    for rows in by_document.values():
        document = rows[0].document
        region = document.region.name if document.region_id else ""
        for target, result in zip(
            rows, normalise_rows([target_row(t) for t in rows], catalogue), strict=True
        ):
            summary.rows += 1
            values: dict = {"suggested_indicator": None, "suggestion_score": None}
            if _by_hand(target) and target.indicator_id:
                summary.kept_official += 1
                code = target.indicator.code
                mapped = catalogue.indicators.get(code)
                value, _ = _canonical(target, mapped)
                unit = mapped.unit if mapped and value is not None else ""
                values["indicator"] = target.indicator
                definition = (
                    definition_of_subject(
                        mapped, target.subject, target.year, catalogue
                    )
                    if mapped
                    else cat.BASE_DEFINITION
                )
                mappings = [(code, value, definition)]
            else:
                mappings = [
                    (x.indicator, x.value, x.definition)
                    for x in result.mappings
                    if x.indicator in stored
                ]
                values["indicator"] = stored[mappings[0][0]] if mappings else None
                others[target.pk] = {stored[code].pk for code, _, _ in mappings[1:]}
                first = result.mappings[0] if mappings else None
                value, unit = (first.value, first.unit) if first else (None, "")
                if not mappings and result.suggestions:
                    best = result.suggestions[0]
                    if best.indicator in stored:
                        values["suggested_indicator"] = stored[best.indicator]
                        values["suggestion_score"] = best.score
                        summary.suggested += 1
            summary.mapped += bool(values["indicator"])
            summary.unmapped += not values["indicator"]
            values |= {"normalised_value": _quantize(value), "normalised_unit": unit}
            planned[target.pk] = values
            if target.review_status == m.Target.ReviewStatus.REJECTED:
                continue  # a rejected row disagrees with nothing
            for code, canonical, definition in mappings:
                observations.append(
                    alignment.Observation(
                        region=region,
                        document=str(document.pk),
                        indicator=code,
                        year=target.year,
                        kind=target.kind,
                        value=canonical,
                        value_max=None,
                        unit=unit,
                        comparator=target.comparator,
                        definition=definition,
                        value_missing=target.value_missing,
                        key=target.pk,
                    )
                )

    neighbours = _neighbours(by_document, catalogue) if targets is not None else []
    observations += [o for _, o in neighbours]
    in_conflict = {
        o.key for c in alignment.detect_conflicts(observations) for o in c.observations
    }
    # Rows outside the batch that a new document now disagrees with (or no longer does).
    outside = []
    for target, _ in neighbours:
        flag = target.pk in in_conflict
        if target.conflict != flag and target not in outside:
            target.conflict = flag
            outside.append(target)
    if outside:
        bulk_update_with_history(
            outside,
            m.Target,
            ["conflict"],
            batch_size=500,
            default_change_reason="conflict with another document",
        )
    changed = []
    for rows in by_document.values():
        for target in rows:
            values = planned[target.pk] | {"conflict": target.pk in in_conflict}
            summary.conflicts += values["conflict"]
            before = [getattr(target, f) for f in MAPPED_FIELDS]
            for key, value in values.items():
                setattr(target, key, value)
            if [getattr(target, f) for f in MAPPED_FIELDS] != before:
                changed.append(target)
    changed_others = _set_other_indicators(others)
    summary.changed = len({t.pk for t in changed} | changed_others)
    summary.unchanged = summary.rows - summary.changed
    if changed:
        bulk_update_with_history(
            changed,
            m.Target,
            MAPPED_FIELDS,
            batch_size=500,
            default_change_reason="indicator catalogue mapping",
        )
    return summary


def _set_other_indicators(others: dict[int, set[int]]) -> set[int]:
    """Store the second and further indicators of rows mapped by hand or by the catalogue."""
    through = m.Target.other_indicators.through
    current: dict[int, set[int]] = defaultdict(set)
    for target_id, indicator_id in through.objects.filter(
        target_id__in=others
    ).values_list("target_id", "indicator_id"):
        current[target_id].add(indicator_id)
    changed = {pk for pk, wanted in others.items() if current[pk] != wanted}
    if changed:
        through.objects.filter(target_id__in=changed).delete()
        through.objects.bulk_create(
            through(target_id=pk, indicator_id=indicator_id)
            for pk in changed
            for indicator_id in others[pk]
        )
    return changed


def _neighbours(
    by_document: dict[int, list[m.Target]],
    catalogue: cat.Catalogue,
) -> list[tuple[m.Target, alignment.Observation]]:
    """Stored mapped rows outside ``batch`` of the same regions and years: what a batch's
    targets may conflict with. Each row's stored indicator is the one compared."""
    rows = [t for ts in by_document.values() for t in ts]
    regions = {t.document.region_id for t in rows if t.document.region_id}
    years = {t.year for t in rows if t.year is not None}
    if not regions or not years:
        return []
    others = (
        m.Target.objects.filter(
            document__region__in=regions,
            year__in=years,
            kind=m.Target.Kind.TARGET,
            indicator__isnull=False,
        )
        .exclude(pk__in=[t.pk for t in rows])
        .exclude(review_status=m.Target.ReviewStatus.REJECTED)
        .select_related("document__region", "indicator")
    )
    out = []
    for target in others:
        mapped = catalogue.indicators.get(target.indicator.code)
        definition = (
            definition_of_subject(mapped, target.subject, target.year, catalogue)
            if mapped
            else cat.BASE_DEFINITION
        )
        out.append(
            (
                target,
                alignment.Observation(
                    region=target.document.region.name,
                    document=str(target.document_id),
                    indicator=target.indicator.code,
                    year=target.year,
                    kind=target.kind,
                    value=target.normalised_value,
                    value_max=None,
                    unit=target.normalised_unit,
                    comparator=target.comparator,
                    definition=definition,
                    value_missing=target.value_missing,
                    key=target.pk,
                ),
            )
        )
    return out


# --------------------------------------------------------------------------- series


def find_region(name: str) -> m.Region:
    """A region by name (通辽市) or slug; ``Region.DoesNotExist`` if neither."""
    return m.Region.objects.select_related("parent").get(Q(name=name) | Q(slug=name))


def _observations_of(
    rows: QuerySet, indicator: cat.Indicator, catalogue: cat.Catalogue
) -> list[alignment.Observation]:
    out = []
    for target in rows:
        region = target.document.region.name if target.document.region_id else ""
        if target.indicator_id and target.indicator.code == indicator.code:
            value, high = _canonical(target, indicator)
            if value is None:
                value = target.normalised_value  # a unit only an official could judge
            definition = definition_of_subject(
                indicator, target.subject, target.year, catalogue
            )
        else:
            # A row that serves several indicators (均 / 各) holds only the first one.
            mapping = next(
                (
                    x
                    for x in normalise_row(target_row(target), catalogue).mappings
                    if x.indicator == indicator.code
                ),
                None,
            )
            if mapping is None:
                continue
            value, high, definition = (
                mapping.value,
                mapping.value_max,
                mapping.definition,
            )
        out.append(
            alignment.Observation(
                region=region,
                document=str(target.document_id),
                indicator=indicator.code,
                year=target.year,
                kind=target.kind,
                value=value,
                value_max=high,
                unit=indicator.unit,
                comparator=target.comparator,
                qualifier=target.qualifier,
                definition=definition,
                value_missing=target.value_missing,
                relation=alignment.parse_relation(target.relation)
                if target.relation
                else None,
                subject=target.subject,
                quote=target.quote,
                binding=target.binding,
                key=target.pk,
            )
        )
    return out


def series_rows(
    *, code: str, region: m.Region, include_drafts: bool = False
) -> QuerySet:
    """Targets and actuals that may belong to the series (one query when evaluated)."""
    base = m.Target.objects.all() if include_drafts else m.Target.objects.public()
    return (
        base.filter(kind__in=[m.Target.Kind.TARGET, m.Target.Kind.ACTUAL])
        .exclude(review_status=m.Target.ReviewStatus.REJECTED)
        .filter(Q(indicator__code=code) | ~Q(subjects=[]))
        .filter(
            document__region__in=[region, *([region.parent] if region.parent else [])]
        )
        .select_related("document__region", "indicator")
        .order_by("year", "document_id", "start")
    )


def series_for(
    *,
    code: str,
    region: m.Region,
    catalogue: cat.Catalogue,
    include_drafts: bool = False,
) -> alignment.Series:
    """One indicator's series in one region, from stored rows, checked and flagged."""
    indicator = catalogue.indicator(code)
    rows = series_rows(code=code, region=region, include_drafts=include_drafts)
    observations = _observations_of(rows, indicator, catalogue)
    relations = {
        o.relation.indicator
        for o in observations
        if o.relation is not None and o.relation.indicator not in (None, code)
    }
    for other in sorted(relations):
        if other in catalogue.indicators:
            observations += _observations_of(
                series_rows(code=other, region=region, include_drafts=include_drafts),
                catalogue.indicator(other),
                catalogue,
            )
    return alignment.build_series(
        observations,
        indicator=indicator,
        region=region.name,
        parent_region=region.parent.name if region.parent_id else None,
    )


def series_table(series: alignment.Series) -> pd.DataFrame:
    """The series as one line per target and actual, with document titles and the
    definition-change note on the first line of the year after each break."""
    frame = alignment.series_frame(series)
    documents = {
        pk: (title, entry, url)
        for pk, title, entry, url in m.Document.objects.filter(
            pk__in=[int(d) for d in frame["document"].unique() if str(d).isdigit()]
        ).values_list("pk", "title", "entry", "source_url")
    }

    def of(document, i: int) -> str:
        return (
            documents.get(int(document), ("", "", ""))[i]
            if str(document).isdigit()
            else ""
        )

    at = frame.columns.get_loc("document") + 1
    frame.insert(at, "document_title", [of(d, 0) for d in frame["document"]])
    # entered: numbers entered from a published source (source_url), not a stored text.
    frame.insert(at + 1, "entry", [of(d, 1) for d in frame["document"]])
    frame.insert(at + 2, "source_url", [of(d, 2) for d in frame["document"]])
    levels = dict(m.Region.objects.values_list("name", "level"))
    frame.insert(
        frame.columns.get_loc("region") + 1,
        "level",
        [levels.get(r, "") for r in frame["region"]],
    )
    notes = {
        b.after_year: "; ".join(d.note_zh for d in b.notes)
        or f"口径变化 {b.before_year}→{b.after_year}"
        for b in series.breaks
    }
    first = ~frame["year"].duplicated()
    frame["break_note"] = [
        notes.get(year, "") if is_first else ""
        for year, is_first in zip(frame["year"], first, strict=True)
    ]
    return frame
