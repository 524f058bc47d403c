"""What officials do to rows and documents: each action one transaction, each recorded.

Every change goes through ``Model.save`` so django-simple-history records who, when, before
and after. Edits use optimistic locking on ``Target.version``: the save names the version the
official saw, and is refused (``StaleVersion``) when someone else saved in between.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from plans import models as m

# Publishing and the flags that hold it back live in ``plans.publishing`` (the command line
# publishes through them too); named here as the workspace always used them.
from plans.publishing import (
    FLAGS,
    UNREVIEWED_REASON,
    PublishRefused,
    YearMissing,
    needing_decision,
    needs_decision_q,
    set_published,
    unreviewed_count,
)
from plans.refresh import refresh_targets
from plans.sections import covering

Proposed = m.Target.ReviewStatus.PROPOSED

__all__ = [
    "FLAGS",
    "UNREVIEWED_REASON",
    "PublishRefused",
    "YearMissing",
    "needing_decision",
    "needs_decision_q",
    "set_published",
    "unreviewed_count",
]

# Fields an official may edit, and the ones a revert restores.
EDITABLE = [
    "subject",
    "value",
    "value_max",
    "unit",
    "comparator",
    "qualifier",
    "kind",
    "year",
    "indicator",
    "value_missing",
]
RESTORED = EDITABLE + [
    "subjects",
    "value_text",
    "binding",
    "relation",
    "start",
    "end",
    "quote",
    "section",
]
# Every action ends with ``refresh_targets`` (plans.refresh): the row's bound, normalised
# value, indicator, status and conflict marks (and those of the rows it disagrees with)
# are stored again in the same transaction, so pages, charts and ``series`` show the
# change at once.


class StaleVersion(Exception):
    """Someone saved the row after this official loaded it; nothing was written."""

    def __init__(self, current: m.Target) -> None:
        super().__init__(f"row {current.pk} is at version {current.version}")
        self.current = current


def _claim(pk: int, version: int) -> m.Target:
    """Bump the version if it is still the one the official saw, or raise ``StaleVersion``."""
    claimed = m.Target.objects.filter(pk=pk, version=version).update(
        version=version + 1
    )
    target = m.Target.objects.select_related("document").get(pk=pk)
    if not claimed:
        raise StaleVersion(target)
    return target


def _save(target: m.Target, user, reason: str) -> None:
    target._history_user = user
    target._change_reason = reason
    # Saving (never queryset.update) keeps the history and makes cached public pages stale.
    target.save()


class PublishedRow(Exception):
    """A row of a published document changes only through an accepted revision
    (``plans.workspace.revisions``): the public keeps the published value till then."""


@transaction.atomic
def edit(pk: int, version: int, changes: dict, user, departments=None) -> m.Target:
    """Apply an official's edit to a draft's row; it is marked edited and goes back for
    review. A published document's row is refused (``PublishedRow``): propose a revision."""
    if m.Target.objects.filter(
        pk=pk, document__status=m.Document.Status.PUBLISHED
    ).exists():
        raise PublishedRow(pk)
    target = _claim(pk, version)
    return apply_edit(target, changes, user, departments, reason="edited")


def apply_edit(
    target: m.Target,
    changes: dict,
    user,
    departments=None,
    *,
    reason: str,
    reviewer=None,
) -> m.Target:
    """Write an edit to a claimed row (version already bumped) and refresh what derives
    from it. ``reviewer`` accepts it at once (a revision accepted by a second official);
    otherwise the row goes back to 待审."""
    old_year = target.year
    for name, value in changes.items():
        setattr(target, name, value)
    if {"value", "value_max"} & changes.keys():
        target.value_text = "" if target.value is None else _number_text(target)
    target.edited = True
    if reviewer is None:
        target.review_status = Proposed
        target.reviewed_by = None
        target.reviewed_at = None
    else:
        target.review_status = m.Target.ReviewStatus.ACCEPTED
        target.reviewed_by = reviewer
        target.reviewed_at = timezone.now()
    if departments is not None and _set_departments(target, departments):
        reason += "; departments: " + describe_departments(target)
    _save(target, reviewer or user, reason)
    refresh_targets([target], user=user, years={old_year}, amend={target.pk})
    target.refresh_from_db()
    return target


def _number_text(target: m.Target) -> str:
    def fmt(value):
        return format(Decimal(value).normalize(), "f")

    if target.value_max is not None:
        return f"{fmt(target.value)}~{fmt(target.value_max)}"
    return fmt(target.value)


def describe_departments(target: m.Target) -> str:
    links = target.department_links.order_by("role", "name_as_written")
    return "、".join(
        f"{link.name_as_written}（{link.get_role_display()}）" for link in links
    )


def _set_departments(target: m.Target, wanted: dict[str, list[str]]) -> bool:
    """Replace the row's departments by role; True when anything changed."""
    from plans.importer import canonical_department, department_for

    wanted_pairs = sorted(
        (canonical_department(name), role)
        for role, names in wanted.items()
        for name in names
    )
    current = sorted(
        (link.department.name, link.role)
        for link in target.department_links.select_related("department")
    )
    if wanted_pairs == current:
        return False
    target.department_links.all().delete()
    for role, names in wanted.items():
        for name in names:
            m.TargetDepartment.objects.get_or_create(
                target=target,
                department=department_for(name),
                role=role,
                defaults={"name_as_written": name},
            )
    return True


def _decide(pk: int, version: int, status: str, user) -> m.Target:
    target = _claim(pk, version)
    target.review_status = status
    target.reviewed_by = user
    target.reviewed_at = timezone.now()
    _save(target, user, status)
    return target


@transaction.atomic
def decide(pk: int, version: int, status: str, user) -> m.Target:
    """Accept or reject one row, recording who checked it and when (a rejected row
    disagrees with nothing: conflict marks are refreshed)."""
    target = _decide(pk, version, status, user)
    refresh_targets([target], user=user, amend={target.pk})
    return target


@transaction.atomic
def accept_many(versions: dict[int, int], user) -> list[m.Target]:
    """Accept several rows at once; any stale one refuses the whole batch."""
    accepted = [
        _decide(pk, version, m.Target.ReviewStatus.ACCEPTED, user)
        for pk, version in versions.items()
    ]
    refresh_targets(accepted, user=user, amend={t.pk for t in accepted})
    return accepted


@transaction.atomic
def accept_suggestion(pk: int, version: int, user) -> m.Target:
    """Map a row to the indicator the fuzzy matcher suggested."""
    target = _claim(pk, version)
    target.indicator = target.suggested_indicator
    target.edited = True
    _save(target, user, "mapped to the suggested indicator")
    refresh_targets([target], user=user, amend={target.pk})
    target.refresh_from_db()
    return target


@transaction.atomic
def _not_published(document_id: int) -> None:
    """Rows of a published document change only through an accepted revision."""
    if m.Document.objects.filter(
        pk=document_id, status=m.Document.Status.PUBLISHED
    ).exists():
        raise PublishedRow(document_id)


def split(pk: int, version: int, user) -> list[m.Target]:
    """One row per subject when a number serves several; else a copy to edit into a second row."""
    _not_published(m.Target.objects.get(pk=pk).document_id)
    target = _claim(pk, version)
    subjects = list(target.subjects)
    links = list(target.department_links.all())
    if len(subjects) >= 2:
        target.subject, rest = subjects[0][:255], subjects[1:]
        target.subjects = []
    else:
        rest = [target.subject]
    target.edited = True
    target.review_status = Proposed
    _save(target, user, "split")
    made = [target]
    for subject in rest:
        copy = m.Target.objects.get(pk=target.pk)
        copy.pk = None
        copy.subject = subject[:255]
        copy.origin = m.Target.Origin.OFFICIAL
        copy.version = 1
        copy.reviewed_by = None
        copy.reviewed_at = None
        _save(copy, user, f"split from row {target.pk}")
        for link in links:
            m.TargetDepartment.objects.create(
                target=copy,
                department_id=link.department_id,
                role=link.role,
                name_as_written=link.name_as_written,
            )
        made.append(copy)
    refresh_targets(made, user=user, amend={t.pk for t in made})
    return made


def sentence_around(text: str, start: int, end: int, lower: int, upper: int) -> str:
    """The sentence (or clause up to ；) holding ``text[start:end]``, within the bounds."""
    stops = "。；！？\n"
    left = max(text.rfind(ch, lower, start) for ch in stops)
    left = lower if left < 0 else left + 1
    rights = [pos for ch in stops if (pos := text.find(ch, end, upper)) >= 0]
    right = min(rights) + 1 if rights else upper
    return text[left:right].strip()


@transaction.atomic
def add_row(document: m.Document, start: int, end: int, values: dict, user) -> m.Target:
    """A row the machine missed, added by an official from a selection of the source text."""
    _not_published(document.pk)
    text = document.source.text
    section = (
        document.sections.filter(start__lte=start, end__gte=end)
        .order_by("-start", "end")
        .first()
    )
    target = m.Target(
        document=document,
        section=section,
        start=start,
        end=end,
        quote=sentence_around(text, start, end, document.start, document.end),
        origin=m.Target.Origin.OFFICIAL,
        edited=True,
        review_status=Proposed,
        **values,
    )
    target.value_text = "" if target.value is None else _number_text(target)
    _save(target, user, "added from the source text")
    refresh_targets([target], user=user, amend={target.pk})
    target.refresh_from_db()
    return target


@transaction.atomic
def revert(pk: int, version: int, history_id: int, user) -> m.Target:
    """Restore a row's fields as they were in one of its history records."""
    _not_published(m.Target.objects.get(pk=pk).document_id)
    target = _claim(pk, version)
    old_year = target.year
    record = target.history.get(history_id=history_id)
    for name in RESTORED:
        field = m.Target._meta.get_field(name)
        setattr(target, field.attname, getattr(record, field.attname))
    sections = list(target.document.sections.all())
    if target.section_id not in {s.pk for s in sections}:
        # Never a section that no longer exists: the one covering the restored span.
        target.section = covering(sections, target.start, target.end)
    target.edited = True
    target.review_status = Proposed
    target.reviewed_by = None
    target.reviewed_at = None
    when = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M:%S")
    _save(target, user, f"reverted to the version of {when}")
    refresh_targets([target], user=user, years={old_year}, amend={target.pk})
    target.refresh_from_db()
    return target
