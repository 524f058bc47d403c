"""The bulk writers of plans.bulk_writes write what Django and django-simple-history would:
``add_history`` the same history record as ``bulk_history_create``, column for column, on
SQLite and PostgreSQL alike (values passed as they are or through the field's own
conversion: decimals, JSON, dates, keys, None)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.forms.models import model_to_dict

from plans import models as m
from plans.bulk_writes import add_history
from plans.importer import import_path
from tests.conftest import SEED_FILES

pytestmark = pytest.mark.django_db

SKIP = {"history_id", "history_date"}


def _records(model, pks: list[int], after: int) -> list[dict]:
    history = model.history.model
    rows = history.objects.filter(id__in=pks, history_id__gt=after).order_by(
        "id", "history_id"
    )
    return [
        {k: v for k, v in model_to_dict(r).items() if k not in SKIP}
        | {"history_user": r.history_user_id}
        for r in rows
    ]


def _last(model) -> int:
    latest = model.history.model.objects.order_by("-history_id").first()
    return latest.history_id if latest else 0


def _both(model, objs, **kwargs) -> tuple[list[dict], list[dict]]:
    """The records simple-history writes, then those add_history writes, for ``objs``."""
    pks = [o.pk for o in objs]
    start = _last(model)
    model.history.bulk_history_create(
        objs,
        update=kwargs.get("update", False),
        default_user=kwargs.get("user"),
        default_change_reason=kwargs.get("reason", ""),
    )
    theirs = _records(model, pks, start)
    middle = _last(model)
    add_history(objs, model, **kwargs)
    return theirs, _records(model, pks, middle)


def test_add_history_writes_the_record_simple_history_writes():
    import_path(SEED_FILES[1])
    user = User.objects.create_user("official")
    targets = list(m.Target.objects.order_by("pk"))
    # Every kind of value a record holds: decimals (and none), JSON, keys (and none).
    assert any(
        t.value is not None and t.value != t.value.to_integral() for t in targets
    )
    assert any(t.value is None for t in targets)
    assert any(t.subjects for t in targets) and any(t.indicator_id for t in targets)
    assert any(t.indicator_id is None for t in targets)
    targets[0]._change_reason = "its own reason"
    targets[1]._history_user = None
    targets[2]._history_user = user

    theirs, ours = _both(m.Target, targets, update=True, user=user, reason="why")
    assert len(ours) == len(targets) and ours == theirs
    assert {r["history_type"] for r in ours} == {"~"}
    assert ours[0]["history_change_reason"] == "its own reason"
    assert (ours[1]["history_user"], ours[2]["history_user"]) == (None, user.pk)
    assert (
        ours[3]["history_user"] == user.pk and ours[3]["history_change_reason"] == "why"
    )

    theirs, ours = _both(m.Target, targets[3:20])
    assert ours == theirs and {r["history_type"] for r in ours} == {"+"}
    assert {r["history_user"] for r in ours} == {None}

    indicators = list(m.Indicator.objects.order_by("pk")[:50])
    assert any(i.aliases for i in indicators)
    theirs, ours = _both(m.Indicator, indicators)
    assert ours == theirs and len(ours) == 50


def test_add_history_keeps_values_exactly():
    import_path(SEED_FILES[1])
    target = m.Target.objects.exclude(value=None).first()
    target.value = Decimal("12345678901.125")
    target.normalised_value = Decimal("0.000001")
    target.subjects = ["甲", "乙 “丙”"]
    target._change_reason = "exact"
    add_history([target], update=True)
    record = m.Target.history.filter(id=target.pk).order_by("-history_id").first()
    assert record.value == Decimal("12345678901.125")
    assert record.normalised_value == Decimal("0.000001")
    assert record.subjects == ["甲", "乙 “丙”"]
    assert record.history_date is not None and record.history_date.tzinfo is not None
