"""Pending revisions: a change to a row of a published document waits for a second person.

``propose`` records the change (and touches nothing the public sees); ``accept`` by a
reviewer who is not its author writes it to the row through ``review.apply_edit`` (history
names the author and the reviewer, derived values go through the refresh path); ``reject``
closes it. A revision made on a version of the row that has since changed is refused as
stale, as an edit would be.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from plans import models as m
from plans.workspace import review
from plans.workspace.models import PendingRevision

Status = PendingRevision.Status


class SelfReview(Exception):
    """The author of a revision may not accept it."""


class NotPending(Exception):
    """The revision was already decided."""


def _to_json(name: str, value):
    field = m.Target._meta.get_field(name)
    if field.is_relation:
        return value.pk if value is not None else None
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def _from_json(changes: dict) -> dict:
    out = {}
    for name, value in changes.items():
        field = m.Target._meta.get_field(name)
        if field.is_relation:
            out[name] = (
                field.related_model.objects.get(pk=value) if value is not None else None
            )
        else:
            out[name] = field.to_python(value)
    return out


def propose(
    pk: int, version: int, changes: dict, user, departments=None
) -> PendingRevision:
    """Record an official's change to a published row; the row itself is unchanged."""
    target = m.Target.objects.get(pk=pk)
    if target.version != version:
        raise review.StaleVersion(target)
    return PendingRevision.objects.create(
        target=target,
        base_version=version,
        changes={name: _to_json(name, value) for name, value in changes.items()},
        departments=departments,
        author=user,
    )


def _pending(pk: int) -> PendingRevision:
    revision = (
        # Lock the revision only: PostgreSQL refuses FOR UPDATE on the nullable side of
        # the outer join to its author.
        PendingRevision.objects.select_for_update(of=("self",))
        .select_related("target", "author")
        .get(pk=pk)
    )
    if revision.status != Status.PENDING:
        raise NotPending(pk)
    return revision


def _close(revision: PendingRevision, status: str, reviewer) -> None:
    revision.status = status
    revision.decided_by = reviewer
    revision.decided_at = timezone.now()
    revision.save()


def accept(pk: int, reviewer) -> m.Target:
    """A reviewer other than the author accepts: the change goes to the row and public.
    A revision of a row that changed since it was proposed is closed as stale and
    ``review.StaleVersion`` raised."""
    with transaction.atomic():
        revision = _pending(pk)
        if revision.author_id == reviewer.pk:
            raise SelfReview(pk)
        current = m.Target.objects.get(pk=revision.target_id)
        if current.version == revision.base_version:
            target = review._claim(revision.target_id, revision.base_version)
            author = revision.author.get_username() if revision.author else "?"
            target = review.apply_edit(
                target,
                _from_json(revision.changes),
                revision.author,
                revision.departments,
                reason=f"revision #{revision.pk} by {author}, accepted by "
                f"{reviewer.get_username()}",
                reviewer=reviewer,
            )
            _close(revision, Status.ACCEPTED, reviewer)
            return target
        _close(revision, Status.STALE, reviewer)
    raise review.StaleVersion(current)


@transaction.atomic
def reject(pk: int, reviewer) -> PendingRevision:
    revision = _pending(pk)
    _close(revision, Status.REJECTED, reviewer)
    return revision


def pending_for(document: m.Document) -> QuerySet:
    return (
        PendingRevision.objects.filter(target__document=document, status=Status.PENDING)
        .select_related("target", "author")
        .order_by("created_at", "pk")
    )


def _shown(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def shown_changes(revision: PendingRevision) -> list[tuple[str, object, object]]:
    """(field label, published value, proposed value) of each changed field."""
    target = revision.target
    out = []
    for name, value in _from_json(revision.changes).items():
        field = m.Target._meta.get_field(name)
        out.append(
            (str(field.verbose_name), _shown(getattr(target, name)), _shown(value))
        )
    if revision.departments is not None:
        out.append(
            (
                "部门",
                review.describe_departments(target),
                "；".join(
                    f"{m.Role(role).label}：{'、'.join(names)}"
                    for role, names in revision.departments.items()
                ),
            )
        )
    return out
