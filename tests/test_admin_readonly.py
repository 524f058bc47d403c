"""The admin cannot bypass review: documents and rows are shown there, never written (before
this, a staff editor could publish a draft with undecided rows, name any reviewer and ignore
the row version through /admin/)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from plans import models as m
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("boss", password="x-very-long-9")
    other = get_user_model().objects.create_user("someone", password="x-very-long-9")
    client.force_login(user)
    data = f.tongliao()
    draft = m.Document.objects.get(status=m.Document.Status.DRAFT)
    return {"client": client, "draft": draft, "other": other, "data": data}


def _snapshot():
    return (
        list(m.Document.objects.order_by("pk").values_list("pk", "status", "title")),
        list(
            m.Target.objects.order_by("pk").values_list(
                "pk", "review_status", "reviewed_by", "version", "value_text"
            )
        ),
    )


def test_publishing_a_draft_through_the_admin_is_refused(staff):
    client, draft = staff["client"], staff["draft"]
    before = _snapshot()
    url = reverse("admin:plans_document_change", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200  # shown
    assert 'name="_save"' not in page.content.decode()  # but not editable
    response = client.post(url, {"title": draft.title, "status": "published"})
    assert response.status_code == 403
    assert _snapshot() == before


def test_deciding_a_row_through_the_admin_is_refused(staff):
    client, draft = staff["client"], staff["draft"]
    row = draft.targets.first()
    before = _snapshot()
    response = client.post(
        reverse("admin:plans_target_change", args=[row.pk]),
        {
            "review_status": "accepted",
            "reviewed_by": staff["other"].pk,
            "version": 1,
            "value_text": "1000%",
        },
    )
    assert response.status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize("model", ["document", "target"])
def test_a_history_revert_through_the_admin_is_refused(staff, model):
    client, draft = staff["client"], staff["draft"]
    obj = draft if model == "document" else draft.targets.first()
    version = obj.history.first()
    before = _snapshot()
    url = reverse(
        f"admin:plans_{model}_simple_history", args=[obj.pk, version.history_id]
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "published", "title": "x", "subject": "x"})
    assert response.status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize(
    "model", ["document", "target", "section", "sourcefile", "repair"]
)
def test_adding_and_deleting_through_the_admin_is_refused(staff, model):
    client = staff["client"]
    before = _snapshot()
    assert client.post(reverse(f"admin:plans_{model}_add"), {}).status_code == 403
    objects = getattr(m, {"sourcefile": "SourceFile"}.get(model, model.title()))
    obj = objects.objects.first()
    if obj is not None:
        url = reverse(f"admin:plans_{model}_delete", args=[obj.pk])
        assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse(f"admin:plans_{model}_changelist")
    client.post(
        changelist,
        {
            "action": "delete_selected",
            "_selected_action": list(objects.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert _snapshot() == before
