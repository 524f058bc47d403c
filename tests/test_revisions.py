"""A change to a published document is a pending revision (issue 14, item 2): the public
keeps the published value until a reviewer other than the author accepts it; the history
records the proposal and the decision, and derived values follow through the refresh."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from plans import models as m
from plans.importer import import_path
from plans.workspace import review, revisions
from plans.workspace.models import PendingRevision
from tests.conftest import SEED_FILES
from tests.factories import edit_form


@pytest.fixture
def published(db):
    import_path(SEED_FILES[0], publish=True)
    document = m.Document.objects.get()
    assert document.status == m.Document.Status.PUBLISHED
    return document


def _row(document) -> m.Target:
    return document.targets.filter(
        value__isnull=False, value_max__isnull=True, indicator__isnull=False
    ).first()


def _public_value(client, target: m.Target) -> str:
    client.logout()
    page = client.get(target.citation_url()).content.decode()
    return page


def test_an_edit_to_a_published_row_waits_for_another_reviewer(
    client, published, make_user
):
    author = make_user("reviewer1", "reviewer")
    other = make_user("reviewer2", "reviewer")
    target = _row(published)
    before = (target.value, target.value_text, target.normalised_value, target.version)
    new_value = target.value + Decimal("1234.5")

    client.force_login(author)
    response = client.post(
        reverse("workspace:target_edit", args=[target.pk]),
        edit_form(target, value=str(new_value)),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    # Nothing the public sees has changed.
    assert (
        target.value,
        target.value_text,
        target.normalised_value,
        target.version,
    ) == before
    assert "1234.5" not in _public_value(client, target).replace(",", "")
    revision = PendingRevision.objects.get()
    assert (revision.status, revision.author) == ("pending", author)

    # The author cannot accept it; the review page says so and offers no button.
    client.force_login(author)
    page = client.get(reverse("workspace:document", args=[published.pk])).content
    assert "这是您提出的修改".encode() in page
    client.post(
        reverse("workspace:revision_decide", args=[revision.pk]), {"action": "accept"}
    )
    revision.refresh_from_db()
    target.refresh_from_db()
    assert revision.status == "pending" and target.value == before[0]
    with pytest.raises(revisions.SelfReview):
        revisions.accept(revision.pk, author)

    # Another reviewer accepts: the row, its derived values and the public page change.
    client.force_login(other)
    page = client.get(reverse("workspace:document", args=[published.pk])).content
    assert "接受修改".encode() in page
    client.post(
        reverse("workspace:revision_decide", args=[revision.pk]), {"action": "accept"}
    )
    revision.refresh_from_db()
    target.refresh_from_db()
    assert (revision.status, revision.decided_by) == ("accepted", other)
    assert target.value == new_value
    assert target.normalised_value != before[2]
    assert (target.review_status, target.reviewed_by) == ("accepted", other)
    assert format(new_value.normalize(), "f") in _public_value(client, target)
    latest = target.history.first()
    assert latest.history_user == other
    assert latest.history_change_reason == (
        f"revision #{revision.pk} by reviewer1, accepted by reviewer2"
    )
    # Both values are in the row's history.
    assert {before[0], new_value} <= set(target.history.values_list("value", flat=True))


def test_a_rejected_revision_changes_nothing(client, published, make_user):
    editor = make_user("editor1", "editor")
    reviewer = make_user("reviewer1", "reviewer")
    target = _row(published)
    revision = revisions.propose(target.pk, target.version, {"unit": "X"}, editor)
    client.force_login(reviewer)
    client.post(
        reverse("workspace:revision_decide", args=[revision.pk]), {"action": "reject"}
    )
    revision.refresh_from_db()
    target.refresh_from_db()
    assert (revision.status, revision.decided_by) == ("rejected", reviewer)
    assert target.unit != "X"


def test_a_revision_of_a_row_changed_since_is_stale(published, make_user):
    editor = make_user("editor1", "editor")
    reviewer = make_user("reviewer1", "reviewer")
    target = _row(published)
    first = revisions.propose(target.pk, target.version, {"unit": "A"}, editor)
    second = revisions.propose(target.pk, target.version, {"unit": "B"}, editor)
    revisions.accept(first.pk, reviewer)
    with pytest.raises(review.StaleVersion):
        revisions.accept(second.pk, reviewer)
    second.refresh_from_db()
    target.refresh_from_db()
    assert (second.status, target.unit) == ("stale", "A")


def test_the_edit_service_refuses_a_published_row(published, make_user):
    editor = make_user("editor1", "editor")
    target = _row(published)
    with pytest.raises(review.PublishedRow):
        review.edit(target.pk, target.version, {"value": Decimal(1)}, editor)
    target.refresh_from_db()
    assert target.value != Decimal(1)


def test_rows_of_a_published_document_are_not_added_split_or_reverted(
    client, published, make_user
):
    """Found by the POST fault suite: an editor's junk POST added a row to a published
    document, public at once. Adding, splitting and reverting wait for a draft."""
    editor = make_user("editor1", "editor")
    target = _row(published)
    before = sorted(published.targets.values_list("pk", "version", "value"))
    for action in (
        lambda: review.split(target.pk, target.version, editor),
        lambda: review.revert(
            target.pk, target.version, target.history.first().history_id, editor
        ),
        lambda: review.add_row(
            published, target.start, target.end, {"subject": "x"}, editor
        ),
    ):
        with pytest.raises(review.PublishedRow):
            action()
    client.force_login(editor)
    response = client.post(
        reverse("workspace:target_split", args=[target.pk]),
        {"version": target.version},
        follow=True,
    )
    assert "此文件已发布" in response.content.decode()
    assert sorted(published.targets.values_list("pk", "version", "value")) == before
