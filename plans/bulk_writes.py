"""Writes in bulk that Django's own bulk methods make slow: many rows updated by primary
key in one ``executemany``, many rows inserted in one ``executemany``, and the history
record of each row (the very record django-simple-history's ``bulk_history_create``
writes, without its ``bulk_create``). The refresh path (``plans.refresh``), sections, the
import and the catalogue mirror use them.

Django's ``bulk_create`` prepares every value of every row through several layers (a
third of a fresh import's time went there); here each column's conversion is chosen once
and a value already in the form the database takes (None, a ``str`` for a text column,
an ``int`` for an integer or key, a ``bool``) is passed as it is; any other value (a
``Decimal``, a date, JSON) goes through the field's own ``get_db_prep_save``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

from plans import models as m


def fast_update(objs: list, fields: list[str], model=m.Target) -> None:
    """``UPDATE … WHERE id = ?`` for each object, in one executemany (Django's
    ``bulk_update`` builds a CASE expression per field whose cost grows with the rows)."""
    if not objs:
        return
    concrete = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(model._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in concrete),
        quote(model._meta.pk.column),
    )
    converters = [(f.attname, _converter(f)) for f in concrete]
    params = [[c(getattr(obj, a)) for a, c in converters] + [obj.pk] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _plain_types(field: models.Field) -> tuple[type, ...]:
    """The Python types a value of ``field`` is stored as without conversion."""
    if isinstance(field, models.JSONField):
        return ()
    if isinstance(field, (models.CharField, models.TextField)):
        return (str,)
    if isinstance(field, models.BooleanField):
        return (bool,)
    if isinstance(field, (models.IntegerField, models.AutoField, models.ForeignKey)):
        return (int,)
    return ()


def _converter(field: models.Field) -> Callable[[Any], Any]:
    plain = _plain_types(field)
    if isinstance(field, models.JSONField):
        # A list or a dict: what JSONField.get_db_prep_save does with it, directly.
        adapt, encoder = connection.ops.adapt_json_value, field.encoder

        def convert_json(value: Any) -> Any:
            if type(value) in (list, dict):
                return adapt(value, encoder)
            return field.get_db_prep_save(value, connection)

        return convert_json

    def convert(value: Any) -> Any:
        if value is None or type(value) in plain:
            return value
        return field.get_db_prep_save(value, connection)

    return convert


def insert_values(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """``INSERT`` one row per item of ``rows`` (values in the order of ``columns``, field
    names or attnames of ``model``) in one executemany; no primary key is read back."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in columns]
    if any(
        getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        for f in fields
    ):
        raise ValueError(f"{model.__name__}: a column set on save; use bulk_create")
    converters = [_converter(f) for f in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    params = [[c(v) for c, v in zip(converters, row, strict=True)] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def insert_objects(objs: Sequence[models.Model], key: Sequence[str], scope) -> None:
    """``bulk_create`` for new objects whose fields ``key`` are unique within ``scope`` (a
    queryset holding them once written): one executemany, then each object is given its
    primary key, read back by its ``key`` (no database needs to return keys in order)."""
    if not objs:
        return
    model = type(objs[0])
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for obj in objs:
        # As bulk_create: a related object saved after it was assigned gives its key.
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    insert_values(
        model,
        [f.attname for f in fields],
        [[getattr(obj, f.attname) for f in fields] for obj in objs],
    )
    written = {tuple(row[1:]): row[0] for row in scope.values_list("pk", *key)}
    for obj in objs:
        obj.pk = written[tuple(getattr(obj, name) for name in key)]
        obj._state.adding = False
        obj._state.db = scope.db


def add_history(
    objs: Sequence[models.Model],
    model: type[models.Model] = m.Target,
    *,
    update: bool = False,
    user=None,
    reason: str = "",
) -> None:
    """One history record per object, as ``model.history.bulk_history_create(objs,
    update=…, default_user=user, default_change_reason=reason)`` writes it: the tracked
    fields as they are now, created (+) or changed (~), by the object's ``_history_user``
    or ``user`` or simple-history's default user, for the object's ``_change_reason`` or
    ``reason``, at the object's ``_history_date`` or now."""
    if not objs:
        return
    history = model.history.model  # type: ignore[attr-defined]
    tracked = [f.attname for f in history.tracked_fields]
    extra = ["history_date", "history_user", "history_change_reason", "history_type"]
    names = {f.attname for f in history._meta.concrete_fields if not f.primary_key}
    names -= {history._meta.get_field(n).attname for n in extra} | set(tracked)
    if names:  # a column this function does not fill: fail, never write half a record
        raise ValueError(f"{history.__name__}: columns not filled: {sorted(names)}")
    now = timezone.now()
    kind = "~" if update else "+"
    rows = []
    for obj in objs:
        if hasattr(obj, "_history_user"):
            by = obj._history_user  # type: ignore[attr-defined]
        else:
            by = user or history.get_default_history_user(obj)
        why = getattr(obj, "_change_reason", None) or reason
        when = getattr(obj, "_history_date", now)
        values = [getattr(obj, name) for name in tracked]
        rows.append([*values, when, by.pk if by is not None else None, why, kind])
    columns = [*tracked, "history_date", "history_user_id", "history_change_reason"]
    insert_values(history, [*columns, "history_type"], rows)


def update_with_history(objs: list, fields: list[str], *, user=None, reason="") -> None:
    """``fast_update`` and one history record per row (who, why), in bulk."""
    fast_update(objs, fields)
    add_history(objs, update=True, user=user, reason=reason)
