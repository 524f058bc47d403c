"""Plausible synthetic target rows in bulk, for benchmarks only (``manage.py synth_targets``).

Rows are written into the project's own tables (regions, source files, published documents,
rows, their departments and second indicators) with multi-row INSERTs on one cursor, in one
transaction, about 120 rows per document, two documents (plan and work report) per region and
year over 2010–2025, as many regions as the row count needs. Each document's source text is
the sentences of its rows, so every row's span and quote point at its number as an imported
row's do. Stored derived values are filled as every writer fills them (``fill_derived``).

Nothing here is used by the product's pages; it only makes a database large enough to
measure them (``make bench``). The same ``--seed`` gives the same rows.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from plans import models as m

YEARS = list(range(2010, 2026))
KINDS = [m.Document.Kind.PLAN, m.Document.Kind.WORK_REPORT]
ROWS_PER_DOCUMENT = 120
POOL = 4096
# Documents refreshed at a time when the derived values are filled.
DERIVE_BATCH = 200
VARIANTS = 16
# Of every 9 rows of a document, 4 are mapped to an indicator (a different one each time).
MAPPED_OF_NINE = 4
REGION_PREFIX = "合成"
DEPARTMENTS = [
    "市发展改革委",
    "市财政局",
    "市统计局",
    "市农牧局",
    "市工业和信息化局",
    "市商务局",
    "市人力资源社会保障局",
    "市生态环境局",
    "市住房城乡建设局",
    "市教育局",
    "市卫生健康委",
    "市交通运输局",
]
# (comparator as written, weight)
COMPARATORS = [
    ("以上", 40),
    ("左右", 25),
    ("", 12),
    ("以内", 8),
    ("达到", 8),
    ("突破", 4),
    ("以下", 3),
]
QUALIFIERS = [("", 80), ("力争", 15), ("确保", 5)]
CONTEXT_SUBJECTS = ["完成项目", "建成基地", "新增企业", "改造老旧小区", "培训人员"]


@dataclass
class Summary:
    regions: int
    documents: int
    rows: int
    links: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def describe(self) -> str:
        return (
            f"{self.rows} rows in {self.documents} documents of {self.regions} regions, "
            f"{self.links} department links, in {self.seconds:.1f} s: "
            f"{self.rate:,.0f} rows/s"
        )


def _weighted(rng: random.Random, choices: list[tuple[str, int]], n: int) -> list[str]:
    return rng.choices([c for c, _w in choices], [w for _c, w in choices], k=n)


def _next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}"
        )
        return (cursor.fetchone()[0] or 0) + 1


def _columns(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


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


class _IndexesDeferred:
    """On SQLite, drop a table's secondary indexes for a bulk load and build them again
    afterwards (one sort per index instead of a B-tree update per row)."""

    def __init__(self, *models) -> None:
        self.tables = [model._meta.db_table for model in models]
        self.saved: list[tuple[str, str]] = []

    def __enter__(self):
        if connection.vendor != "sqlite":
            return self
        with connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                    "AND tbl_name = %s AND sql IS NOT NULL",
                    [table],
                )
                self.saved += cursor.fetchall()
            for name, _sql in self.saved:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            with connection.cursor() as cursor:
                for _name, sql in self.saved:
                    cursor.execute(sql)


def _indicators() -> list[m.Indicator]:
    indicators = list(m.Indicator.objects.select_related("sector").order_by("code"))
    if not indicators:
        from django.core.management import call_command

        call_command("load_catalogue", "--no-map", stdout=io.StringIO())
        indicators = list(m.Indicator.objects.select_related("sector").order_by("code"))
    return indicators


def _value(rng: random.Random, indicator: m.Indicator | None) -> str:
    if indicator is not None and indicator.unit == "%":
        value = round(rng.uniform(0.5, 12.0), 1)
    else:
        value = round(rng.uniform(1, 5000), rng.choice([0, 1, 2]))
    return f"{value:g}"


def _archetypes(rng, indicators, departments) -> tuple[list, list]:
    """Kinds of row drawn once: ``VARIANTS`` per indicator (mapped rows) and ``POOL`` of
    unmapped context rows. Documents take them in different orders, each indicator at
    most once per document, as a real plan names it."""
    roles = [r.value for r in m.Role]
    # One draw for every archetype: the catalogue's size sets how many there are.
    draws = max(POOL, len(indicators) * VARIANTS)
    comparators = _weighted(rng, COMPARATORS, draws)
    qualifiers = _weighted(rng, QUALIFIERS, draws)

    def one(n: int, indicator: m.Indicator | None) -> tuple:
        missing = rng.random() < 0.01
        value = None if missing else _value(rng, indicator)
        if indicator is not None and rng.random() < 0.25:
            kind, back = m.Target.Kind.ACTUAL.value, 1
        elif indicator is not None:
            kind, back = m.Target.Kind.TARGET.value, 0
        else:
            kind, back = m.Target.Kind.CONTEXT.value, 0
        subject = indicator.name_zh if indicator else rng.choice(CONTEXT_SUBJECTS)
        unit = indicator.unit if indicator else "个"
        comparator = comparators[n] if kind == m.Target.Kind.TARGET else ""
        qualifier = qualifiers[n] if kind == m.Target.Kind.TARGET else ""
        lead = f"{qualifier}{subject}" + ("增长" if unit == "%" else "达到")
        number = value or ""
        sentence = f"{lead}{number}{unit}{comparator}。"
        link = None
        if rng.random() < 0.3:
            link = (*rng.choice(departments), rng.choice(roles))
        other = None
        if indicator is not None and rng.random() < 0.02:
            other = rng.choice(indicators).pk
            other = None if other == indicator.pk else other
        return (
            indicator.pk if indicator else None,
            subject,
            kind,
            back,
            comparator,
            qualifier,
            value,
            unit,
            indicator.unit if indicator else "",
            missing,
            len(lead),
            max(1, len(number) + len(unit)),
            sentence,
            link,
            other,
        )

    mapped = [
        [one(k * VARIANTS + v, indicator) for v in range(VARIANTS)]
        for k, indicator in enumerate(indicators)
    ]
    unmapped = [one(n, None) for n in range(POOL)]
    return mapped, unmapped


def synthesise(rows: int, seed: int = 1) -> Summary:
    """Write ``rows`` synthetic published rows (see the module's docstring)."""
    started = connection.ops.adapt_datetimefield_value(timezone.now())
    clock = time.perf_counter()
    rng = random.Random(seed)
    indicators = _indicators()
    headline = [i for i in indicators if i.headline] or indicators
    documents_needed = max(1, math.ceil(rows / ROWS_PER_DOCUMENT))
    per_region = len(YEARS) * len(KINDS)
    region_count = max(1, math.ceil(documents_needed / per_region))
    departments = [
        (m.Department.objects.get_or_create(name=name)[0].pk, name)
        for name in DEPARTMENTS
    ]
    connection.ensure_connection()
    # The rows' keys are made consistent here (checking each costs a lookup), and a crash
    # mid-way only loses benchmark rows. PRAGMAs that SQLite refuses inside a transaction
    # (the test suite's) are left alone there.
    relaxed = connection.vendor == "sqlite" and not connection.in_atomic_block
    if relaxed:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("PRAGMA synchronous = OFF")
    with transaction.atomic():
        regions = _regions(region_count, seed)
        with _IndexesDeferred(m.Target, m.TargetDepartment):
            summary = _write(
                rng, rows, regions, indicators, headline, departments, started=started
            )
        _fill_derived(summary.first_target, summary.last_target)
    # Fresh statistics, so the query planner knows the tables' new sizes.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if relaxed:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = NORMAL")
    return Summary(
        regions=len(regions),
        documents=summary.documents,
        rows=summary.rows,
        links=summary.links,
        seconds=time.perf_counter() - clock,
    )


def _regions(count: int, seed: int) -> list[m.Region]:
    parent, _ = m.Region.objects.get_or_create(
        name=f"{REGION_PREFIX}自治区",
        defaults={
            "slug": f"{REGION_PREFIX}自治区",
            "name_en": "Synthetic Province",
            "level": m.Region.Level.PROVINCE,
        },
    )
    out = []
    for number in range(1, count + 1):
        name = f"{REGION_PREFIX}{seed}市{number:04d}"
        region, _ = m.Region.objects.get_or_create(
            name=name,
            defaults={
                "slug": name,
                "name_en": f"Synthetic City {seed}-{number}",
                "parent": parent,
                "level": m.Region.Level.PREFECTURE,
            },
        )
        out.append(region)
    return out


@dataclass
class _Written:
    documents: int = 0
    rows: int = 0
    links: int = 0
    first_target: int = 0
    last_target: int = 0


def _plan(rng: random.Random, rows: int, regions: list[m.Region]) -> Iterator[tuple]:
    """(region, year, kind, row count) for every document, until ``rows`` are planned."""
    left = rows
    for region in regions:
        for year in YEARS:
            for kind in KINDS:
                if left <= 0:
                    return
                count = min(left, ROWS_PER_DOCUMENT)
                left -= count
                yield region, year, kind, count


def _defaults(model) -> dict:
    """Each column's default as the database takes it."""
    out = {}
    for field in model._meta.concrete_fields:
        value = field.get_default()
        if field.get_internal_type() == "JSONField":
            value = json.dumps(value)
        out[field.column] = value
    return out


def _tuple(columns: list[str], row: dict) -> tuple:
    return tuple(row[c] for c in columns)


class _Writer:
    """Rows waiting to be inserted, model by model, flushed in foreign-key order."""

    def __init__(self) -> None:
        self.through = m.Target.other_indicators.through
        self.models = [
            m.SourceFile,
            m.Document,
            m.Target,
            m.TargetDepartment,
            self.through,
        ]
        self.columns = {
            model: [
                c for c in _columns(model) if not (model is self.through and c == "id")
            ]
            for model in self.models
        }
        self.pending: dict = {model: [] for model in self.models}
        # Columns a row leaves out take their field's default (fields added later too).
        self.defaults = {model: _defaults(model) for model in self.models}
        self.next_id = {model: _next_id(model) for model in self.models[:4]}

    def add(self, model, row: dict) -> int:
        if model in self.next_id and row.get("id") is None:
            row["id"] = self.next_id[model]
            self.next_id[model] += 1
        self.pending[model].append(
            _tuple(self.columns[model], self.defaults[model] | row)
        )
        return row.get("id", 0)

    def add_target(self, row: list) -> int:
        """A row given as a list in column order, its id assigned here."""
        row[0] = self.next_id[m.Target]
        self.next_id[m.Target] += 1
        self.pending[m.Target].append(row)
        return row[0]

    def flush(self) -> None:
        for model in self.models:
            _insert(model, self.columns[model], self.pending[model])
            self.pending[model].clear()


def _write(rng, rows, regions, indicators, headline, departments, *, started):
    written = _Written()
    writer = _Writer()
    written.first_target = writer.next_id[m.Target]
    first_link = writer.next_id[m.TargetDepartment]
    defaults = {f.column: f.get_default() for f in m.Target._meta.concrete_fields}
    for field in m.Target._meta.concrete_fields:
        if field.get_internal_type() == "JSONField":
            defaults[field.column] = json.dumps(field.get_default())
    defaults["origin"] = m.Target.Origin.MACHINE.value
    defaults["review_status"] = m.Target.ReviewStatus.ACCEPTED.value
    target_columns = writer.columns[m.Target]
    template = [defaults[c] for c in target_columns]
    at = {c: i for i, c in enumerate(target_columns)}
    at_document, at_indicator, at_subject = (
        at["document_id"],
        at["indicator_id"],
        at["subject"],
    )
    at_kind, at_year, at_comparator = at["kind"], at["year"], at["comparator"]
    at_qualifier, at_value, at_value_text = (
        at["qualifier"],
        at["value"],
        at["value_text"],
    )
    at_unit, at_normalised = at["unit"], at["normalised_value"]
    at_normalised_unit, at_missing = at["normalised_unit"], at["value_missing"]
    at_start, at_end, at_quote = at["start"], at["end"], at["quote"]
    mapped, unmapped = _archetypes(rng, indicators, departments)
    kinds_of_indicator = len(mapped)
    for region, year, kind, count in _plan(rng, rows, regions):
        kind_zh = (
            "国民经济和社会发展计划" if kind == m.Document.Kind.PLAN else "政府工作报告"
        )
        title = f"{year}年{region.name}{kind_zh}"
        parts = [title, "\n"]
        offset = len(title) + 1
        source_id = writer.next_id[m.SourceFile]
        document_id = writer.next_id[m.Document]
        base = rng.randrange(POOL)
        first = rng.randrange(kinds_of_indicator)
        for i in range(count):
            if i % 9 < MAPPED_OF_NINE:
                j = (i // 9) * MAPPED_OF_NINE + i % 9
                archetype = mapped[(first + j) % kinds_of_indicator][
                    (base + j) % VARIANTS
                ]
            else:
                archetype = unmapped[(base + i * 7919) % POOL]
            (
                indicator_id,
                subject,
                row_kind,
                back,
                comparator,
                qualifier,
                value,
                unit,
                normalised_unit,
                missing,
                lead,
                span,
                sentence,
                link,
                other,
            ) = archetype
            start = offset + lead
            offset += len(sentence)
            parts.append(sentence)
            row = template.copy()
            row[at_document] = document_id
            row[at_indicator] = indicator_id
            row[at_subject] = subject
            row[at_kind] = row_kind
            row[at_year] = year - back
            row[at_comparator] = comparator
            row[at_qualifier] = qualifier
            row[at_value] = value
            row[at_value_text] = value or ""
            row[at_unit] = unit
            row[at_normalised] = value if indicator_id else None
            row[at_normalised_unit] = normalised_unit
            row[at_missing] = missing
            row[at_start] = start
            row[at_end] = start + span
            row[at_quote] = sentence
            target_id = writer.add_target(row)
            if link is not None:
                writer.add(
                    m.TargetDepartment,
                    {
                        "role": link[2],
                        "name_as_written": link[1],
                        "target_id": target_id,
                        "department_id": link[0],
                    },
                )
            if other is not None:
                writer.add(
                    writer.through, {"target_id": target_id, "indicator_id": other}
                )
        text = "".join(parts)
        digest = hashlib.sha256(f"synth:{document_id}:{text}".encode()).hexdigest()
        writer.add(
            m.SourceFile,
            {
                "name": f"synth-{document_id}.txt",
                "sha256": digest,
                "encoding": "utf-8",
                "size": len(text.encode()),
                "text": text,
                "imported_at": started,
                "imported_by_id": None,
            },
        )
        writer.add(
            m.Document,
            {
                "source_id": source_id,
                "region_id": region.pk,
                "kind": kind,
                "year": year,
                "year_source": m.Document.YearSource.STATED,
                "year_evidence": "[]",
                "title": title,
                "issued": "",
                "start": 0,
                "end": len(text),
                "status": m.Document.Status.PUBLISHED,
                "published_at": started,
                "unrepaired_masks": "[]",
            },
        )
        written.documents += 1
        written.rows += count
        if len(writer.pending[m.Target]) >= 20000:
            writer.flush()
    writer.flush()
    written.links = writer.next_id[m.TargetDepartment] - first_link
    written.last_target = writer.next_id[m.Target] - 1
    return written


def _fill_derived(first: int, last: int) -> None:
    """Stored derived values of the new rows, as every writer stores them: through the one
    refresh path (``plans.refresh``), document by document in batches, without history.

    The normalised value and unit are written with the rows (the synthetic rows are in
    their indicator's canonical unit already); before the refresh path existed they were
    the only stored derived values.
    """
    try:
        from plans import refresh
    except ImportError:
        return
    documents = sorted(
        set(
            m.Target.objects.filter(id__range=(first, last)).values_list(
                "document_id", flat=True
            )
        )
    )
    for start in range(0, len(documents), DERIVE_BATCH):
        refresh.refresh_documents(
            set(documents[start : start + DERIVE_BATCH]), history=False
        )
