"""Model constraints: the database refuses rows that would misstate a source."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plans import models as m

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    region = m.Region.objects.create(name="通辽市", slug="tongliao")
    source = m.SourceFile.objects.create(
        name="a.txt", sha256="0" * 64, encoding="utf-8", size=100, text="x" * 100
    )
    return m.Document.objects.create(
        source=source,
        region=region,
        kind=m.Document.Kind.PLAN,
        year=2025,
        year_source=m.Document.YearSource.STATED,
        title="计划",
        start=10,
        end=90,
    )


def make_target(document, **fields):
    values = {
        "document": document,
        "subject": "地区生产总值增长",
        "kind": m.Target.Kind.TARGET,
        "start": 20,
        "end": 22,
        "quote": "地区生产总值增长6%以上",
        "value": Decimal("6"),
        "value_text": "6",
        "unit": "%",
    }
    values.update(fields)
    return m.Target.objects.create(**values)


def test_a_row_inside_its_document_is_stored(document):
    assert make_target(document).pk


@pytest.mark.parametrize(("start", "end"), [(5, 12), (85, 95), (0, 5)])
def test_a_row_outside_its_document_is_refused(document, start, end):
    with pytest.raises(ValidationError):
        make_target(document, start=start, end=end)


def test_a_lost_value_can_never_be_filled_in(document):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_target(document, value_missing=True, value=Decimal("200"))


def test_a_lost_value_is_stored_empty(document):
    row = make_target(document, value_missing=True, value=None, value_text="")
    assert row.value is None and row.value_missing


def test_a_range_must_be_ordered(document):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_target(document, value=Decimal("3"), value_max=Decimal("2"))


def test_an_empty_span_is_refused(document):
    with pytest.raises(IntegrityError), transaction.atomic():
        m.Target.objects.bulk_create(
            [m.Target(document=document, subject="x", kind="target", start=30, end=30)]
        )


def test_one_machine_row_per_span_but_officials_may_add_beside_it(document):
    make_target(document)
    make_target(document, origin=m.Target.Origin.OFFICIAL)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_target(document)


def another_document(document, start: int, end: int):
    return m.Document.objects.create(
        source=document.source,
        region=document.region,
        kind=m.Document.Kind.PLAN,
        year_source=m.Document.YearSource.UNKNOWN,
        title="another",
        start=start,
        end=end,
    )


def test_one_document_per_file_span(document):
    with pytest.raises(IntegrityError), transaction.atomic():
        another_document(document, 10, 90)


def test_a_document_span_cannot_be_empty(document):
    with pytest.raises(IntegrityError), transaction.atomic():
        another_document(document, 50, 50)


def test_a_file_may_hold_several_documents(document):
    assert another_document(document, 90, 100).pk


def test_drafts_are_not_public(document):
    make_target(document)
    assert not m.Target.objects.public().exists()
    document.status = m.Document.Status.PUBLISHED
    document.save()
    assert m.Target.objects.public().count() == 1


def test_every_row_change_is_recorded_in_history(document):
    row = make_target(document)
    row.value = Decimal("7")
    row.save()
    assert [h.value for h in row.history.order_by("history_date")] == [6, 7]


def test_the_officials_groups_exist_without_any_user():
    from django.contrib.auth.models import Group, User

    editor = Group.objects.get(name="editor")
    reviewer = Group.objects.get(name="reviewer")
    assert editor.permissions.filter(codename="change_target").exists()
    assert reviewer.permissions.filter(codename="publish_document").exists()
    assert not editor.permissions.filter(codename="publish_document").exists()
    assert not User.objects.exists()
