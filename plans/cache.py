"""The *data version* that cached public pages are keyed by (``plans.pagecache``).

Any save or delete of the models that pages read bumps the version, so every cached page
becomes unreachable at once, on every server sharing the cache (local memory by default,
Redis when ``REDIS_URL`` is set); the database's own change marker catches writes made by
another process or behind the ORM's back.
"""

from __future__ import annotations

import functools
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.core.cache import cache
from django.core.signals import request_started
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

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
        row = cursor.fetchone()
    # The same query says when the public data last changed: kept for this request's
    # footer ("last updated"), so that no page pays a query for it.
    dates = [_as_datetime(v) for v in row[MARKER_COLUMNS:] if v is not None]
    _last_updated.set(max(dates) if dates else None)
    return "-".join(str(v or 0) for v in row[:MARKER_COLUMNS])


_UNSET = object()
_last_updated: ContextVar[Any] = ContextVar("mubiao_last_updated", default=_UNSET)
MARKER_COLUMNS = 4


def last_updated() -> datetime | None:
    """When the public data last changed: the latest publication of a document or change
    of a published document's row. Free when this request already read the marker."""
    value = _last_updated.get()
    if value is _UNSET:
        database_marker()
        value = _last_updated.get()
    return value


def forget_last_updated(**_kwargs: Any) -> None:
    """A new request reads the date afresh (connected to ``request_started``)."""
    _last_updated.set(_UNSET)


def _as_datetime(value: Any) -> datetime:
    # SQLite hands back text from a subquery; PostgreSQL a datetime.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


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
    # After the marker's columns: when the public data last changed.
    documents = connection.ops.quote_name(m.Document._meta.db_table)
    # Every request runs this query (a cached page too): the newest row change of a
    # published document is found by walking the history_date index from the newest
    # (each step a primary-key lookup), not by visiting every published document.
    published = (
        f"EXISTS (SELECT 1 FROM {documents} d WHERE d.id = h.document_id "
        "AND d.status = 'published')"
    )
    columns += [
        f"(SELECT MAX(published_at) FROM {documents} WHERE status = 'published')",
        f"(SELECT h.history_date FROM {tables[1]} h WHERE {published} "
        "ORDER BY h.history_date DESC LIMIT 1)",
    ]
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
    request_started.connect(forget_last_updated, dispatch_uid="mubiao-last-updated")
    for model in watched:
        uid = f"mubiao-cache-{model.__name__}"
        post_save.connect(bump_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_version, sender=model, dispatch_uid=uid + "-delete")
