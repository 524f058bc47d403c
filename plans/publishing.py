"""Publishing a document: the one rule every path follows (workspace and command line).

A document is published only when no row still needs a person's decision (a row carrying
a flag: a lost number, a repaired character, no indicator, a conflict, a number too long
to store) and its year is known. The command line may accept such rows explicitly
(``import_sources --publish``), each acceptance recorded in the row's history with the
command that made it; it never publishes past them silently.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from plans import models as m
from plans.bulk_writes import update_with_history
from plans.cache import bump_version
from plans.pipeline import catalogue as cat
from plans.refresh import refresh_documents

Proposed = m.Target.ReviewStatus.PROPOSED

# The reasons a row needs a person's decision before its document is published; each a
# condition on a Target, with an optional prefix so documents can count them too.
FLAGS = {
    "lost": lambda p="": Q(**{f"{p}value_missing": True}),
    "repaired": lambda p="": Q(**{f"{p}text_repaired": True}),
    # a number written with more digits than a value holds (kept as written only)
    "unstorable": lambda p="": Q(**{f"{p}value_problem__gt": ""}),
    "unmapped": lambda p="": (
        # Only numbers go on charts: context and commitments need no indicator.
        Q(**{f"{p}indicator__isnull": True})
        & Q(**{f"{p}kind__in": [m.Target.Kind.TARGET, m.Target.Kind.ACTUAL]})
    ),
    "fuzzy": lambda p="": Q(
        **{f"{p}indicator__isnull": True, f"{p}suggested_indicator__isnull": False}
    ),
    "conflict": lambda p="": Q(**{f"{p}conflict": True}),
}


def needs_decision_q(prefix: str = "") -> Q:
    """Rows still proposed that carry a flag (``prefix`` e.g. "targets__" from documents)."""
    flagged = Q()
    for condition in FLAGS.values():
        flagged |= condition(prefix)
    return Q(**{f"{prefix}review_status": Proposed}) & flagged


def needing_decision(document: m.Document) -> QuerySet:
    """Rows of a document that must be accepted, edited or rejected before publishing."""
    return document.targets.filter(needs_decision_q())


UNREVIEWED_REASON = "published; machine-read only: "


def unreviewed_count(document: m.Document) -> int:
    """Rows still 待审 (proposed): public once published, marked as machine-read."""
    return document.targets.filter(review_status=m.Target.ReviewStatus.PROPOSED).count()


class PublishRefused(Exception):
    """Rows still need a decision; the document stays as it was."""

    def __init__(self, pending: int) -> None:
        super().__init__(f"{pending} rows need a decision")
        self.pending = pending


class YearMissing(Exception):
    """No year is known for the document; an official enters it before publishing."""


@transaction.atomic
def set_published(
    document_pk: int,
    published: bool,
    user,
    *,
    catalogue: cat.Catalogue | None = None,
) -> m.Document:
    """Publish a document (no row may need a decision) or take it back to draft.

    ``catalogue``: the one a command read once for all its files (by default the
    refresh reads today's)."""
    document = m.Document.objects.select_for_update().get(pk=document_pk)
    reason = "unpublished"
    if published:
        if document.year is None:
            raise YearMissing("no year is known for this document")
        pending = needing_decision(document).count()
        if pending:
            raise PublishRefused(pending)
        document.status = m.Document.Status.PUBLISHED
        document.published_at = timezone.now()
        # Rows nobody checked go public marked "machine-read"; the record says how many.
        unreviewed = unreviewed_count(document)
        reason = f"{UNREVIEWED_REASON}{unreviewed}" if unreviewed else "published"
    else:
        document.status = m.Document.Status.DRAFT
        document.published_at = None
    document._history_user = user
    document._change_reason = reason
    document.save()
    # What the public compares with changed: statuses and conflict marks around it.
    refresh_documents([document.pk], user=user, catalogue=catalogue)
    return document


ACCEPTED_BY_COMMAND = "accepted by command, not by a reviewer: "


@transaction.atomic
def accept_and_publish(
    document_pk: int, command: str, *, catalogue: cat.Catalogue | None = None
) -> tuple[m.Document, int]:
    """Publish a document from the command line: the rows that need a decision are
    accepted in the name of ``command`` (no reviewer; the history says so), then the
    document is published through ``set_published``. Returns it and how many rows the
    command accepted.

    The accepted rows go through the refresh path once, with the document, in
    ``set_published`` (same transaction): accepting derives nothing (only a rejected
    row is left out of its groups), what publishing changes is derived there."""
    document = m.Document.objects.select_for_update().get(pk=document_pk)
    pending = list(needing_decision(document))
    now = timezone.now()
    for target in pending:
        target.review_status = m.Target.ReviewStatus.ACCEPTED
        target.reviewed_by = None
        target.reviewed_at = now
        target.version += 1
        target._history_user = None  # no reviewer: the record names the command
    # In one statement, each with its history record.
    update_with_history(
        pending,
        ["review_status", "reviewed_by", "reviewed_at", "version"],
        reason=ACCEPTED_BY_COMMAND + command,
    )
    if pending:
        bump_version()  # a bulk write sends no signal: cached pages go stale here
    return set_published(document.pk, True, None, catalogue=catalogue), len(pending)
