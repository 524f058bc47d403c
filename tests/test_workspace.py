"""The officials' workspace: permissions, review actions, locking, history, publishing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from huey.contrib.djhuey import HUEY
from huey.storage import MemoryStorage

from plans import models as m
from plans.importer import import_path
from plans.workspace import review
from plans.workspace.models import ImportJob
from tests.conftest import SEED_FILES
from tests.factories import edit_form

# Every workflow here must leave the record as the refresh path computes it.
pytestmark = pytest.mark.usefixtures("record_verified")


def memory_queue():
    """The huey queue in memory for a test; ``drain()`` runs what was queued, in order."""
    saved = HUEY.storage
    HUEY.storage = MemoryStorage(HUEY.name)

    def drain() -> int:
        from plans.workspace import jobs

        count = 0
        while (task := HUEY.dequeue()) is not None:
            # The task's body in this process: the child process a worker runs each job in
            # (jobs.run_isolated, tested with real processes in tests/test_job_truth.py)
            # cannot reach a test database held in memory or in this test's transaction.
            args, kwargs = task.data
            jobs.run_job(*args, **kwargs)
            count += 1
        return count

    HUEY.drain = drain
    try:
        yield HUEY
    finally:
        HUEY.storage = saved


@pytest.fixture
def queue():
    yield from memory_queue()


@pytest.fixture
def draft(db):
    """Seed 000 (the 2021 plan) imported as a draft."""
    import_path(SEED_FILES[0])
    return m.Document.objects.get()


@pytest.fixture
def editor(make_user):
    return make_user("editor1", "editor")


@pytest.fixture
def reviewer(make_user):
    return make_user("reviewer1", "reviewer")


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _urls(document: m.Document, job: ImportJob) -> dict[str, str]:
    target = document.targets.first()
    return {
        "index": reverse("workspace:index"),
        "upload": reverse("workspace:upload"),
        "job": reverse("workspace:job", args=[job.pk]),
        "job_json": reverse("workspace:job_json", args=[job.pk]),
        "job_retry": reverse("workspace:job_retry", args=[job.pk]),
        "document": reverse("workspace:document", args=[document.pk]),
        "document_history": reverse("workspace:document_history", args=[document.pk]),
        "bulk_accept": reverse("workspace:bulk_accept", args=[document.pk]),
        "target_add": reverse("workspace:target_add", args=[document.pk]),
        "publish": reverse("workspace:publish", args=[document.pk]),
        "document_year": reverse("workspace:document_year", args=[document.pk]),
        "reextract": reverse("workspace:reextract", args=[document.pk]),
        "target_edit": reverse("workspace:target_edit", args=[target.pk]),
        "target_decide": reverse("workspace:target_decide", args=[target.pk]),
        "target_suggestion": reverse("workspace:target_suggestion", args=[target.pk]),
        "target_split": reverse("workspace:target_split", args=[target.pk]),
        "target_history": reverse("workspace:target_history", args=[target.pk]),
        "target_revert": reverse("workspace:target_revert", args=[target.pk]),
    }


GET_PAGES = [
    "index",
    "upload",
    "job",
    "job_json",
    "document",
    "document_history",
    "target_edit",
    "target_history",
]
# POST endpoints and who may use them: E = editors and reviewers, R = reviewers only.
POST_ACTIONS = {
    "job_retry": "E",
    "bulk_accept": "R",
    "target_add": "E",
    "publish": "R",
    "document_year": "E",
    "reextract": "E",
    "target_decide": "R",
    "target_suggestion": "E",
    "target_split": "E",
    "target_revert": "E",
}


@pytest.mark.parametrize("page", GET_PAGES)
@pytest.mark.parametrize("role", [None, "nobody", "editor", "reviewer"])
def test_every_workspace_page_checks_login_and_role(
    client, draft, make_user, queue, page, role
):
    job = ImportJob.objects.create(name="x.txt", status=ImportJob.Status.FAILED)
    groups = [role] if role in {"editor", "reviewer"} else []
    user = make_user(role, *groups) if role else None
    response = _client(client, user).get(_urls(draft, job)[page])
    if role is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role == "nobody":
        assert response.status_code == 403
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("action", POST_ACTIONS)
@pytest.mark.parametrize("role", [None, "editor", "reviewer"])
def test_every_workspace_action_checks_login_and_role(
    client, draft, make_user, queue, action, role
):
    job = ImportJob.objects.create(name="x.txt", status=ImportJob.Status.FAILED)
    url = _urls(draft, job)[action]
    user = make_user(role, role) if role else None
    response = _client(client, user).post(url, {"version": "1"})
    if role is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role == "editor" and POST_ACTIONS[action] == "R":
        assert response.status_code == 403
    else:
        assert response.status_code in {302, 404}


@pytest.mark.parametrize("action", POST_ACTIONS)
def test_no_action_changes_anything_on_get(client, draft, reviewer, queue, action):
    job = ImportJob.objects.create(name="x.txt", status=ImportJob.Status.FAILED)
    before = list(m.Target.objects.values().order_by("pk"))
    response = _client(client, reviewer).get(_urls(draft, job)[action])
    assert response.status_code == 405
    assert list(m.Target.objects.values().order_by("pk")) == before


def test_forms_are_refused_without_a_csrf_token(draft, reviewer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    target = draft.targets.first()
    response = client.post(
        reverse("workspace:target_decide", args=[target.pk]),
        {"action": "accept", "version": target.version},
    )
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.review_status == m.Target.ReviewStatus.PROPOSED


def test_login_renews_the_session_and_logout_ends_it(client, editor):
    client.get(reverse("login"))
    client.cookies["sessionid"] = "stale-session-key-from-before"
    response = client.post(
        reverse("login"), {"username": "editor1", "password": "correct horse battery 9"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:index")
    key = client.cookies["sessionid"].value
    assert key != "stale-session-key-from-before"
    client.post(reverse("logout"))
    assert client.get(reverse("workspace:index")).status_code == 302
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()


def test_repeated_wrong_passwords_lock_the_login(client, editor, settings):
    statuses = [
        client.post(
            reverse("login"), {"username": "editor1", "password": "wrong"}
        ).status_code
        for _attempt in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    # Locked out now, even with the right password.
    response = client.post(
        reverse("login"), {"username": "editor1", "password": "correct horse battery 9"}
    )
    assert response.status_code == 429
    assert "登录暂时被锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_accepted_row_records_who_checked_it_and_when(client, draft, reviewer):
    target = draft.targets.first()
    response = _client(client, reviewer).post(
        reverse("workspace:target_decide", args=[target.pk]),
        {"action": "accept", "version": target.version},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.review_status == m.Target.ReviewStatus.ACCEPTED
    assert target.reviewed_by == reviewer
    assert target.reviewed_at is not None
    assert target.history.first().history_user == reviewer


def test_bulk_accept_accepts_only_the_ticked_rows(client, draft, reviewer):
    first, second, third = draft.targets.order_by("start")[:3]
    _client(client, reviewer).post(
        reverse("workspace:bulk_accept", args=[draft.pk]),
        {"rows": [f"{first.pk}:{first.version}", f"{second.pk}:{second.version}"]},
    )
    statuses = dict(
        m.Target.objects.filter(pk__in=[first.pk, second.pk, third.pk]).values_list(
            "pk", "review_status"
        )
    )
    assert statuses == {
        first.pk: "accepted",
        second.pk: "accepted",
        third.pk: "proposed",
    }


def _a_row_with_a_value(document) -> m.Target:
    return document.targets.filter(value__isnull=False, value_max__isnull=True).first()


def test_an_edit_marks_the_row_edited_and_records_the_change(client, draft, editor):
    target = _a_row_with_a_value(draft)
    response = _client(client, editor).post(
        reverse("workspace:target_edit", args=[target.pk]),
        edit_form(target, value="7.5", lead="市发展改革委"),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == Decimal("7.5")
    assert target.value_text == "7.5"
    assert target.edited
    assert target.version == 2
    # The department register knows 市发展改革委 as 市发展和改革委员会; as typed is kept.
    assert [d.name for d in target.departments.all()] == ["市发展和改革委员会"]
    assert [k.name_as_written for k in target.department_links.all()] == [
        "市发展改革委"
    ]
    record = target.history.first()
    assert record.history_user == editor
    assert record.prev_record.value != Decimal("7.5")


def test_a_second_save_of_the_same_version_is_refused_and_both_versions_shown(
    client, draft, editor, make_user
):
    other = make_user("editor2", "editor")
    target = _a_row_with_a_value(draft)
    url = reverse("workspace:target_edit", args=[target.pk])
    recorded = target.history.count()
    first = edit_form(target, value="111")
    second = edit_form(target, value="222")  # loaded at the same version
    assert _client(client, editor).post(url, first).status_code == 302
    client.logout()
    response = _client(client, other).post(url, second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "已被他人修改" in page
    assert "editor1" in page
    assert "111" in page and "222" in page
    target.refresh_from_db()
    assert target.value == Decimal("111")
    assert target.history.count() == recorded + 1


def test_a_lost_value_cannot_be_filled_in_while_marked_lost(client, draft, editor):
    target = draft.targets.filter(value_missing=True).first()
    assert target is not None, "seed 000 lost its lost values: the test needs one"
    response = _client(client, editor).post(
        reverse("workspace:target_edit", args=[target.pk]),
        edit_form(target, value="5"),
    )
    assert response.status_code == 400
    target.refresh_from_db()
    assert target.value is None and not target.edited


def test_a_row_can_be_reverted_to_an_earlier_version(client, draft, editor):
    target = _a_row_with_a_value(draft)
    original = target.value
    _client(client, editor).post(
        reverse("workspace:target_edit", args=[target.pk]),
        edit_form(target, value="999"),
    )
    target.refresh_from_db()
    first_record = target.history.order_by("history_date", "history_id").first()
    recorded = target.history.count()
    client.post(
        reverse("workspace:target_revert", args=[target.pk]),
        {"version": target.version, "history_id": first_record.history_id},
    )
    target.refresh_from_db()
    assert target.value == original
    assert target.history.count() == recorded + 1
    page = client.get(reverse("workspace:target_history", args=[target.pk]))
    text = page.content.decode()
    assert "editor1" in text and "999" in text


def test_split_gives_one_row_per_subject(client, draft, editor):
    target = draft.targets.exclude(subjects=[]).first()
    if target is None or len(target.subjects) < 2:
        target = draft.targets.first()
        target.subjects = ["城镇居民收入", "农村牧区居民收入"]
        target.save()
    subjects = list(target.subjects)
    _client(client, editor).post(
        reverse("workspace:target_split", args=[target.pk]),
        {"version": target.version},
    )
    rows = m.Target.objects.filter(document=draft, start=target.start, end=target.end)
    assert sorted(rows.values_list("subject", flat=True)) == sorted(subjects)
    assert rows.filter(origin=m.Target.Origin.OFFICIAL).count() == len(subjects) - 1


def test_a_missed_row_is_added_from_a_selection(client, draft, editor):
    text = draft.source.text
    start = text.index("%", draft.start) - 1
    response = _client(client, editor).post(
        reverse("workspace:target_add", args=[draft.pk]),
        {
            "start": start,
            "end": start + 2,
            "subject": "测试指标",
            "value": "5",
            "unit": "%",
            "kind": "target",
            "year": "2021",
            "comparator": "以上",
            "qualifier": "",
        },
    )
    assert response.status_code == 302
    row = m.Target.objects.get(subject="测试指标")
    assert (row.origin, row.edited, row.review_status) == ("official", True, "proposed")
    assert text[row.start : row.end] in row.quote
    assert row.history.first().history_user == editor


def test_a_selection_outside_the_document_is_refused(client, draft, editor):
    before = m.Target.objects.count()
    response = _client(client, editor).post(
        reverse("workspace:target_add", args=[draft.pk]),
        {
            "start": draft.end + 5,
            "end": draft.end + 9,
            "subject": "x",
            "kind": "target",
        },
    )
    assert response.status_code == 302
    assert m.Target.objects.count() == before


def test_publishing_waits_until_no_row_needs_a_decision(client, draft, reviewer):
    pending = review.needing_decision(draft).count()
    assert pending > 0
    _client(client, reviewer).post(reverse("workspace:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == "draft"
    for target in review.needing_decision(draft):
        review.decide(target.pk, target.version, "accepted", reviewer)
    client.post(reverse("workspace:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.history.first().history_user == reviewer


def test_drafts_are_invisible_to_anonymous_visitors_until_published(
    client, draft, reviewer
):
    public_url = draft.get_absolute_url()
    assert client.get(public_url).status_code == 404
    review.accept_many(
        dict(review.needing_decision(draft).values_list("pk", "version")), reviewer
    )
    _client(client, reviewer).post(reverse("workspace:publish", args=[draft.pk]))
    client.logout()
    assert client.get(public_url).status_code == 200
    _client(client, reviewer).post(
        reverse("workspace:publish", args=[draft.pk]), {"action": "unpublish"}
    )
    client.logout()
    assert client.get(public_url).status_code == 404


def test_the_review_filter_shows_only_rows_that_need_a_decision(client, draft, editor):
    response = _client(client, editor).get(
        reverse("workspace:document", args=[draft.pk])
    )
    rows = response.context["page"].rows
    assert rows
    assert all(row.needs_decision for row in rows)
    assert len(rows) == review.needing_decision(draft).count()
    everything = client.get(
        reverse("workspace:document", args=[draft.pk]), {"show": "all"}
    )
    assert len(everything.context["page"].rows) == draft.targets.count()


def test_the_review_page_costs_a_fixed_number_of_queries(
    client, draft, editor, django_assert_max_num_queries
):
    _client(client, editor).get(reverse("workspace:document", args=[draft.pk]))
    # Session, user, permissions (2), document, rows, departments, counts, spans, repairs.
    with django_assert_max_num_queries(14):
        client.get(reverse("workspace:document", args=[draft.pk]), {"show": "all"})


def test_publishing_with_rows_nobody_checked_says_so_and_records_how_many(
    client, draft, reviewer
):
    review.accept_many(
        dict(review.needing_decision(draft).values_list("pk", "version")), reviewer
    )
    unchecked = draft.targets.filter(review_status="proposed").count()
    assert unchecked > 0
    page = _client(client, reviewer).get(reverse("workspace:document", args=[draft.pk]))
    assert (
        f"发布后，{unchecked} 行待审的行将公开并标为“机器读取”" in page.content.decode()
    )
    response = client.post(reverse("workspace:publish", args=[draft.pk]), follow=True)
    assert f"其中 {unchecked} 行未经人工核对" in response.content.decode()
    record = draft.history.first()
    assert record.history_change_reason == f"published; machine-read only: {unchecked}"
    client.logout()
    public = client.get(draft.get_absolute_url()).content.decode()
    assert f"{unchecked} 行仅由机器读取、尚未核对" in public


def test_history_names_people_in_words_never_by_id(client, draft, editor, reviewer):
    from plans.workspace import history

    target = review.needing_decision(draft).first()
    review.decide(target.pk, target.version, "accepted", reviewer)
    (change,) = [c for c in history.target_history(target) if c.reason == "确认"]
    assert change.user == "reviewer1"
    reviewed = next(f for f in change.fields if f.name == "reviewed_by")
    assert (reviewed.before, reviewed.after) == (None, "reviewer1")
    reviewer.delete()
    (change,) = [c for c in history.target_history(target) if c.reason == "确认"]
    # The user is gone: the change still says an official made it, not the machine.
    assert change.user == "已删除的用户" and change.by_official
    created = [c for c in history.target_history(target) if c.kind == "created"]
    assert created[0].user == "机器抽取" and not created[0].by_official
    page = _client(client, editor).get(
        reverse("workspace:target_history", args=[target.pk])
    )
    html = page.content.decode()
    assert "已删除的用户" in html
    assert f">{reviewer.pk}<" not in html
