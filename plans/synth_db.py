"""How ``synth_targets`` writes in bulk (``plans.synth`` decides what): rows as tuples
through the driver's own bulk path (``executemany`` on SQLite, ``COPY`` on PostgreSQL),
copies of rows already written (``INSERT … SELECT``), and, on SQLite, a load that defers
the indexes rows do not arrive in the order of. Benchmarks only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.db import connection

from plans import models as m

# Columns rows are written in the order of: ids, and the documents (a region's documents
# are written after the last one, and their rows in document order), or that a load
# leaves empty (nobody reviewed a synthetic row; it belongs to no section). An index
# that starts with one of them takes each new row at its end, as cheap as a sort.
APPENDED = {"id", "document_id", "target_id", "reviewed_by_id", "section_id"}
# A page cache of this many KiB for the load (SQLite's default is 2 MiB), so that the
# indexes built at its end sort in memory.
LOAD_CACHE_KIB = 256 * 1024


def _next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}"
        )
        return (cursor.fetchone()[0] or 0) + 1


def _columns(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


def _defaults(model) -> dict:
    """Each column's default as the database takes it."""
    out = {}
    for f in model._meta.concrete_fields:
        value = f.get_default()
        if f.get_internal_type() == "JSONField":
            value = json.dumps(value)
        out[f.column] = value
    return out


def _db(value):
    """A derived value as the insert takes it."""
    if isinstance(value, m.Indicator):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    return value


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) with the driver's own bulk path:
    ``executemany`` on SQLite, ``COPY`` on PostgreSQL."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    raw = connection.connection
    if connection.vendor == "postgresql":
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    marks = ", ".join(["?"] * len(columns))
    raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _copy(model, columns: list[str], offsets: dict[str, int], where: str, params):
    """``INSERT … SELECT``: rows of ``model`` matching ``where`` again, each column in
    ``offsets`` moved by its offset (new ids, the copy's documents and rows)."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    select = ", ".join(
        f"{quote(c)} + %s" if c in offsets else quote(c) for c in columns
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {select} FROM {table} WHERE {where}",
            [offsets[c] for c in columns if c in offsets] + list(params),
        )


class _IndexesDeferred:
    """On SQLite, drop the secondary indexes of a table that new rows do not arrive in
    the order of (see ``APPENDED``) for a bulk load and build them again afterwards: one
    sort per index instead of a B-tree insertion in its middle per row. The others take
    each row at their end and stay."""

    def __init__(self, *models) -> None:
        self.tables = [model._meta.db_table for model in models]
        self.saved: list[tuple[str, str]] = []

    def __enter__(self):
        if connection.vendor != "sqlite":
            return self
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = %s AND sql IS NOT NULL",
                    [table],
                )
                for name, sql in cursor.fetchall():
                    cursor.execute(f"PRAGMA index_info({quote(name)})")
                    first = min(cursor.fetchall())[2]
                    if first not in APPENDED:
                        self.saved.append((name, sql))
            for name, _sql in self.saved:
                cursor.execute(f"DROP INDEX {quote(name)}")
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            with connection.cursor() as cursor:
                for _name, sql in self.saved:
                    cursor.execute(sql)


@contextmanager
def relaxed_sqlite() -> Iterator[bool]:
    """On SQLite outside a transaction: no foreign-key checks (the load makes its keys
    consistent itself, checking each costs a lookup), no fsync (a crash mid-way only loses
    benchmark rows) and a large page cache for the load; the connection's own settings
    again afterwards. Yields whether it relaxed anything (PRAGMAs SQLite refuses inside a
    transaction, the test suite's, are left alone)."""
    relaxed = connection.vendor == "sqlite" and not connection.in_atomic_block
    saved, journal = 0, "wal"
    if relaxed:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            saved = cursor.fetchone()[0]
            cursor.execute("PRAGMA journal_mode")
            journal = cursor.fetchone()[0]
            cursor.execute("PRAGMA journal_mode = OFF")
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    try:
        yield relaxed
    finally:
        if relaxed:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA journal_mode = {journal}")
                cursor.execute("PRAGMA foreign_keys = ON")
                cursor.execute("PRAGMA synchronous = NORMAL")
                cursor.execute(f"PRAGMA cache_size = {int(saved)}")


def analyse() -> None:
    """Fresh statistics, so the query planner knows the tables' new sizes (on SQLite from
    a sample of each index: a full count of a million rows takes seconds)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
        cursor.execute("ANALYZE")
