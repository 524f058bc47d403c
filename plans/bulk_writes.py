"""Writes in bulk that Django's own bulk methods make slow: many rows updated by primary
key in one ``executemany``, with their history records (django-simple-history's bulk
method). The refresh path (``plans.refresh``), sections and the import use them.
"""

from __future__ import annotations

from django.db import connection

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
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in concrete]
        + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def update_with_history(objs: list, fields: list[str], *, user=None, reason="") -> None:
    """``fast_update`` and one history record per row (who, why), in bulk."""
    fast_update(objs, fields)
    m.Target.history.bulk_history_create(
        objs,
        batch_size=500,
        update=True,
        default_user=user,
        default_change_reason=reason,
    )
