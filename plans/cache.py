"""The *data version* that cached public pages are keyed by (``plans.pagecache``).

Any save or delete of the models that pages read bumps the version, so every cached page
becomes unreachable at once, on every server sharing the cache (local memory by default,
Redis when ``REDIS_URL`` is set); the database's own change marker catches writes made by
another process or behind the ORM's back.
"""

from __future__ import annotations

import functools
import uuid
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "mubiao:data-version"
# A safety net for changes made behind the ORM's back (raw SQL, queryset.update()).
TIMEOUT = 60 * 60


def data_version() -> str:
    """The signal-bumped version joined with the database's own change marker."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return f"{version}.{database_marker()}"


def database_marker() -> str:
    """The newest history record of documents, rows and indicators (one query).

    Signals only reach the process that made the change, and bulk updates send none; every
    write to these models (imports, catalogue mapping, reviews, publishing) leaves a history
    record, so another process's change or a bulk update still makes pages stale.
    """
    with connection.cursor() as cursor:
        cursor.execute(_marker_sql())
        return "-".join(str(v or 0) for v in cursor.fetchone())


@functools.cache
def _marker_sql() -> str:
    # Built once: simple_history's ``Model.history`` builds a manager on every access.
    from plans import models as m

    tables = [
        connection.ops.quote_name(model.history.model._meta.db_table)
        for model in (m.Document, m.Target, m.Indicator)
    ]
    # MAX of the primary key is an index lookup, however long the history grows. Rows
    # inserted in bulk without history (``synth_targets``) move the rows' own MAX(id).
    columns = [f"(SELECT MAX(history_id) FROM {table})" for table in tables]
    columns.append(
        f"(SELECT MAX(id) FROM {connection.ops.quote_name(m.Target._meta.db_table)})"
    )
    return f"SELECT {', '.join(columns)}"


def bump_version(**_kwargs: Any) -> None:
    """Make every cached page stale (connected to post_save/post_delete of the data)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    # Bump again after commit: a request that read between the write and the commit may
    # have cached the old data under the new version.
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def connect_signals() -> None:
    """Bump the data version on every write to a model that public pages show."""
    from plans import models as m

    watched = [
        m.Region,
        m.SourceFile,
        m.Document,
        m.Section,
        m.Department,
        m.SectionDepartment,
        m.Sector,
        m.Indicator,
        m.Target,
        m.TargetDepartment,
        m.Repair,
    ]
    for model in watched:
        uid = f"mubiao-cache-{model.__name__}"
        post_save.connect(bump_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_version, sender=model, dispatch_uid=uid + "-delete")
