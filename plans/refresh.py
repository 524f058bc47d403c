"""The one refresh path: every value derived from a Target row is computed and stored here.

``refresh_targets(targets)`` recomputes, from each row's source fields (subject, value,
unit, comparator, year, kind …) and today's vocabulary and catalogue:

- of the row itself: its bound, indicator mapping (a mapping an official made by hand is
  kept) with the other indicators of a row serving several, normalised value and unit,
  definition (the catalogue variant it is of), fuzzy suggestion;
- of the row's groups (region × indicator × year, across documents): the status of a
  target against the actual of its year, and conflict marks kept as a relation
  (``conflicts_with``), for the row AND the rows of other documents it disagrees with or
  no longer disagrees with.

A row's mapping may depend on the rows around it in its document (分别 pairs numbers with
subjects, a bare 增长 takes the subject of the level before it), so the whole documents of
the given rows are refreshed. It runs inside the caller's transaction, in a fixed number
of queries per call, and writes only what changed. Every writer calls it: import and
re-extraction, the workspace's edit, add, split, revert, review decisions, the catalogue
reload, the admin. ``compute`` is the same computation without writing, which
``manage.py verify_record`` compares with what is stored.

The row's own values are computed in ``plans.refresh_rows``, the group's in
``plans.refresh_groups``; this module gathers the rows in scope, compares and stores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from plans import models as m
from plans.bulk_writes import add_history, fast_update, update_with_history
from plans.cache import bump_version
from plans.catalogue_db import current_catalogue, mirror_catalogue
from plans.observations import row_fields
from plans.pipeline import catalogue as cat
from plans.refresh_check import Difference, differences  # noqa: F401 (re-exported)
from plans.refresh_groups import group_values
from plans.refresh_relations import (
    judge_relatives,
    references_of,
    relative_targets_naming,
    stored_results,
)
from plans.refresh_rows import (  # noqa: F401 (re-exported)
    DERIVED,
    REASON,
    RELATIONS,
    TRACKED,
    UNTRACKED,
    Expected,
    RefreshSummary,
    bound_of,
    by_hand,
    row_values,
    stored_value,
    target_row,
    wanted_value,
)


@dataclass
class Plan:
    """What the rows in scope should hold, beside what they hold."""

    rows: dict[int, m.Target]
    expected: dict[int, Expected]
    current_others: dict[int, set[int]]
    current_partners: dict[int, set[int]]
    scope: set[int]  # pks of the given documents' rows (the others are neighbours)
    summary: RefreshSummary


def _through_sets(through, column: str, other: str, pks: set[int]) -> dict:
    found: dict[int, set[int]] = defaultdict(set)
    for a, b in through.objects.filter(**{f"{column}__in": pks}).values_list(
        column, other
    ):
        found[a].add(b)
    return found


def derive(
    own: list[m.Target],
    catalogue: cat.Catalogue,
    stored: dict[str, m.Indicator],
    *,
    neighbours: list[m.Target] = (),  # type: ignore[assignment]
    current_others: dict[int, set[int]] | None = None,
    summary: RefreshSummary | None = None,
    parents: dict[int, int | None] | None = None,
    stored_results: Iterable[tuple] = (),
    dependents: list[m.Target] = (),  # type: ignore[assignment]
) -> dict[int, Expected]:
    """What rows should hold, computed without a query: ``own`` (whole documents, their
    ``document`` set) row by row, and, with ``neighbours`` (the other rows of their
    region × indicator × year groups, their derived values as stored), the groups'
    status, actual and conflict partners, and each relative target's status against the
    result it names (``stored_results``: published results of other documents, as
    ``(region, code, year, document, start, value)``; ``own`` rows' results are taken as
    computed here; ``parents``: each region's parent). ``dependents``: relative targets
    of other groups that name a result of ``own``; only their relative status is
    computed. ``compute`` reads the rows and calls it; ``synth_targets`` calls it on
    rows not yet written."""
    current_others = {} if current_others is None else current_others
    summary = RefreshSummary() if summary is None else summary
    by_pk = {i.pk: i for i in stored.values()}
    expected: dict[int, Expected] = {}
    by_document: dict[int, list[m.Target]] = defaultdict(list)
    for target in own:
        by_document[target.document_id].append(target)
    for rows in by_document.values():
        expected |= row_values(rows, catalogue, stored, current_others, summary)
    codes: dict[int, list[str]] = {}
    fields: dict[int, dict] = {}
    for target in own:
        values = expected[target.pk].values
        first = values["indicator"]
        codes[target.pk] = [first.code] if first else []
        if first:
            codes[target.pk] += sorted(
                by_pk[i].code for i in expected[target.pk].others
            )
        fields[target.pk] = row_fields(target) | {
            k: values[k] for k in ("normalised_value", "normalised_unit", "definition")
        }
        fields[target.pk]["indicator_code"] = first.code if first else ""
    for target in neighbours:
        codes[target.pk] = [target.indicator.code] + sorted(
            by_pk[i].code for i in current_others.get(target.pk, set())
        )
        fields[target.pk] = row_fields(target)
        expected[target.pk] = Expected(others=current_others.get(target.pk, set()))
    everything = [*own, *neighbours]
    grouped = group_values(everything, codes, fields, catalogue)
    for target in everything:
        group = grouped[target.pk]
        item = expected[target.pk]
        item.values |= {k: group[k] for k in ("status", "actual_value", "conflict")}
        item.partners = group["partners"]
    judge_relatives(
        own,
        everything,
        dependents,
        expected,
        codes,
        parents or {},
        references_of(own, expected, codes, stored_results),
        current_others,
    )
    summary.conflicts += sum(bool(expected[t.pk].values["conflict"]) for t in own)
    return expected


def compute(
    documents: Iterable[int],
    *,
    catalogue: cat.Catalogue | None = None,
    years: Iterable[int | None] = (),
    regions: Iterable[int] = (),
) -> Plan:
    """What every row of ``documents`` (and the rows of other documents grouped with
    them) should hold; nothing is written. ``years`` and ``regions`` add groups whose
    rows of other documents must be looked at too (a row moved out of a year, a row or
    document deleted)."""
    documents = set(documents)
    if catalogue is None:
        catalogue = official_catalogue_now()
    # The refresh reads an indicator's key and code only (its other fields are the
    # catalogue's): the rest is left unread, not decoded for every call.
    stored = {i.code: i for i in m.Indicator.objects.only("pk", "code")}
    summary = RefreshSummary()
    own = list(
        m.Target.objects.filter(document_id__in=set(documents)).order_by(
            "document_id", "start", "pk"
        )
    )
    scope = {t.pk for t in own}
    others_through = m.Target.other_indicators.through
    current_others = _through_sets(others_through, "target_id", "indicator_id", scope)

    # Rows that this call's rows were in conflict with stay in view (whatever their year).
    partners_through = m.Target.conflicts_with.through
    was_partner = set(
        partners_through.objects.filter(from_target_id__in=scope).values_list(
            "to_target_id", flat=True
        )
    ) | set(
        partners_through.objects.filter(to_target_id__in=scope).values_list(
            "from_target_id", flat=True
        )
    )
    # Neighbours: every mapped target and actual of the same regions and years, in
    # other documents; with them each region × indicator × year group is complete.
    regions = set(regions) | set(
        m.Document.objects.filter(pk__in=documents).values_list("region_id", flat=True)
    )
    years = {y for y in years if y is not None} | {
        t.year for t in own if t.year is not None
    }
    neighbours = list(
        m.Target.objects.filter(
            document__region_id__in=regions,
            year__in=years,
            kind__in=[m.Target.Kind.TARGET, m.Target.Kind.ACTUAL],
            indicator__isnull=False,
        ).exclude(document_id__in=documents)
    )
    near = {t.pk for t in neighbours}
    missing = was_partner - near - scope
    if missing:
        # Partners outside these groups: their groups must be complete too.
        extra = m.Target.objects.filter(pk__in=missing).values_list(
            "document__region_id", "year"
        )
        more = m.Target.objects.none()
        for region, year in set(extra):
            more |= m.Target.objects.filter(
                document__region_id=region,
                year=year,
                kind__in=[m.Target.Kind.TARGET, m.Target.Kind.ACTUAL],
                indicator__isnull=False,
            )
        neighbours += list(more.exclude(document_id__in=documents).exclude(pk__in=near))
        near = {t.pk for t in neighbours}
    _attach([*own, *neighbours], stored)
    current_others |= _through_sets(others_through, "target_id", "indicator_id", near)
    parents = dict(m.Region.objects.values_list("pk", "parent_id"))
    dependents = relative_targets_naming(own, regions, years, parents, scope | near)
    relative = [t for t in [*own, *neighbours, *dependents] if t.relation]
    expected = derive(
        own,
        catalogue,
        stored,
        neighbours=neighbours,
        current_others=current_others,
        summary=summary,
        parents=parents,
        stored_results=stored_results(relative, parents, documents),
        dependents=dependents,
    )
    near |= {t.pk for t in dependents}
    current_partners = _through_sets(
        partners_through, "from_target_id", "to_target_id", scope | near
    )
    for target in dependents:  # only their relative status is computed: the rest stays
        expected[target.pk].partners = current_partners.get(target.pk, set())
    return Plan(
        rows={t.pk: t for t in [*own, *neighbours, *dependents]},
        expected=expected,
        current_others=current_others,
        current_partners=current_partners,
        scope=scope,
        summary=summary,
    )


def _attach(rows: list[m.Target], stored: dict[str, m.Indicator]) -> None:
    """Give the rows their document and indicator, one instance of each shared by its
    rows (a join would read, and decode, the same document and indicator once per row)."""
    documents = m.Document.objects.in_bulk({t.document_id for t in rows})
    indicators = {i.pk: i for i in stored.values()}
    for target in rows:
        target.document = documents[target.document_id]
        if target.indicator_id is not None:
            target.indicator = indicators[target.indicator_id]


def official_catalogue_now() -> cat.Catalogue:
    """The file's catalogue plus the indicators and subject aliases officials added."""
    from plans.mappings import official_catalogue

    return official_catalogue(current_catalogue())


# --------------------------------------------------------------------------- store


def _replace_relation(through, column, other, wanted: dict[int, set[int]], current):
    changed = [pk for pk, items in wanted.items() if current.get(pk, set()) != items]
    if changed:
        through.objects.filter(**{f"{column}__in": changed}).delete()
        through.objects.bulk_create(
            [
                through(**{column: pk, other: item})
                for pk in changed
                for item in wanted[pk]
            ]
        )
    return set(changed)


def store(
    plan: Plan,
    *,
    user=None,
    reason: str = REASON,
    history: bool = True,
    quiet: set[int] = frozenset(),  # type: ignore[assignment]
    amend: set[int] = frozenset(),  # type: ignore[assignment]
    created: set[int] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Write what differs in ``plan``: fields in bulk (with a history record where a
    tracked field changed), relations by replacing the changed rows' sets. ``created``:
    rows the caller inserted without a history record; each gets its creation record
    here, with its derived values."""
    quiet = quiet | created
    tracked, untracked, amended = [], [], []
    changed: set[int] = set()
    for pk, target in plan.rows.items():
        values = plan.expected[pk].values
        diff = [
            k for k, v in values.items() if stored_value(target, k) != wanted_value(v)
        ]
        if not diff:
            continue
        for name in diff:
            setattr(target, name, values[name])
        changed.add(pk)
        recorded = history and pk not in quiet | amend and set(diff) & set(TRACKED)
        (tracked if recorded else untracked).append(target)
        if pk in amend and set(diff) & set(TRACKED):
            amended.append(target)
    fields_of = {pk: list(plan.expected[pk].values) for pk in plan.rows}
    if tracked:
        names = sorted({f for t in tracked for f in fields_of[t.pk]})
        update_with_history(tracked, names, user=user, reason=reason)
    if untracked:
        names = sorted({f for t in untracked for f in fields_of[t.pk]})
        fast_update(untracked, names)
    _amend_history(amended)
    if created:
        add_history([plan.rows[pk] for pk in sorted(created) if pk in plan.rows])
    changed |= _replace_relation(
        m.Target.other_indicators.through,
        "target_id",
        "indicator_id",
        {pk: plan.expected[pk].others for pk in plan.scope},
        plan.current_others,
    )
    # The conflict relation, from each row to the rows it is compared with.
    changed |= _replace_relation(
        m.Target.conflicts_with.through,
        "from_target_id",
        "to_target_id",
        {pk: item.partners for pk, item in plan.expected.items()},
        plan.current_partners,
    )
    plan.summary.changed = len(changed & plan.scope)
    plan.summary.neighbours_changed = len(changed - plan.scope)
    if changed:
        bump_version()


def _amend_history(targets: list[m.Target]) -> None:
    """Complete the history record the caller just wrote for each row (same
    transaction) with the derived values, instead of a second record."""
    history = m.Target.history.model
    names = [m.Target._meta.get_field(n).attname for n in TRACKED]
    for target in targets:
        latest = (
            history.objects.filter(id=target.pk)
            .order_by("-history_date", "-history_id")
            .values_list("history_id", flat=True)
            .first()
        )
        if latest is not None:
            history.objects.filter(history_id=latest).update(
                **{name: getattr(target, name) for name in names}
            )


def _document_ids(targets: Any) -> set[int]:
    if isinstance(targets, QuerySet):
        return set(targets.values_list("document_id", flat=True).distinct())
    ids = set()
    for target in targets:
        ids.add(target.document_id if isinstance(target, m.Target) else target)
    return ids


def refresh_targets(
    targets: QuerySet | Iterable[m.Target] | None = None,
    *,
    user=None,
    reason: str = REASON,
    history: bool = True,
    catalogue: cat.Catalogue | None = None,
    years: Iterable[int | None] = (),
    amend: Iterable[int] = (),
) -> RefreshSummary:
    """Recompute and store every derived value of ``targets`` (rows, a queryset, or None
    for every row) — with the rest of their documents and the rows of other documents
    grouped with them — inside the caller's transaction. ``years``: years the rows were
    in before a change (their old groups are refreshed too); ``amend``: rows whose
    history record the caller just wrote (it gets the derived values, no second one)."""
    if targets is None:
        documents = set(m.Document.objects.values_list("pk", flat=True))
    else:
        documents = _document_ids(targets)
    return refresh_documents(
        documents,
        user=user,
        reason=reason,
        history=history,
        catalogue=catalogue,
        years=years,
        amend=amend,
    )


def refresh_documents(
    documents: Iterable[int | m.Document],
    *,
    user=None,
    reason: str = REASON,
    history: bool = True,
    catalogue: cat.Catalogue | None = None,
    years: Iterable[int | None] = (),
    regions: Iterable[int] = (),
    quiet: Iterable[int] = (),
    amend: Iterable[int] = (),
    created: Iterable[int] = (),
) -> RefreshSummary:
    """``refresh_targets`` for every row of these documents (by primary key); ``years``
    and ``regions`` name groups that lost rows (deleted rows or documents); ``created``:
    rows just inserted in bulk, whose creation history record is written here."""
    ids = {d.pk if isinstance(d, m.Document) else d for d in documents}
    with transaction.atomic():
        if catalogue is None:
            mirror_catalogue()
        if not ids and not regions:
            return RefreshSummary()
        plan = compute(ids, catalogue=catalogue, years=years, regions=regions)
        store(
            plan,
            user=user,
            reason=reason,
            history=history,
            quiet=set(quiet),
            amend=set(amend),
            created=set(created),
        )
        return plan.summary
