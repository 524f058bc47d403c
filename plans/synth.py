"""Plausible synthetic target rows in bulk, for benchmarks only (``manage.py synth_targets``).

Rows are written into the project's own tables (regions, source files, published documents,
rows, their departments, further indicators and conflict marks), about 120 rows per
document, two documents (plan and work report) per region and year over 2010–2025, as many
regions as the row count needs. Each document's source text is the sentences of its rows, so
every row's span and quote point at its number as an imported row's do. Comparators and
qualifiers are the vocabulary's words (data/lexicon.yaml), commoner the earlier it lists them.

Derived values are computed by the one refresh path's own function (``refresh.derive``),
once per distinct combination, never per row: regions follow one of ``TEMPLATES`` layouts
(which rows each document says), and derived values depend only on a region's own rows
(its region × indicator × year groups), so the first region of each layout (and a last,
partial region) is derived and written row by row, and every further region of that layout
is copied from it in the database (``INSERT … SELECT`` with its own ids). ``verify_record``
finds nothing to correct on such a database. How the rows reach the database in bulk (the
driver's bulk paths, copies, indexes built once at the end): ``plans.synth_db``.

Nothing here is used by the product's pages; it only makes a database large enough to
measure them (``make bench``). The same ``--seed`` gives the same rows.
"""

from __future__ import annotations

import hashlib
import io
import math
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from plans import models as m
from plans.synth_db import (
    _columns,
    _copy,
    _db,
    _defaults,
    _IndexesDeferred,
    _insert,
    _next_id,
    analyse,
    relaxed_sqlite,
)
from plans.synth_rows import (
    DEPARTMENTS,
    Archetype,
    archetypes,
    document_rows,
    layouts,
)

YEARS = list(range(2010, 2026))
KINDS = [m.Document.Kind.PLAN, m.Document.Kind.WORK_REPORT]
ROWS_PER_DOCUMENT = 120
ROWS_PER_REGION = ROWS_PER_DOCUMENT * len(YEARS) * len(KINDS)
# Layouts of a region's documents; derived values are computed once per layout.
TEMPLATES = 2
REGION_PREFIX = "合成"
# The derived columns of a row, filled from what the refresh path derives.
DERIVED = {
    "bound": "bound",
    "indicator_id": "indicator",
    "normalised_value": "normalised_value",
    "normalised_unit": "normalised_unit",
    "definition": "definition",
    "suggested_indicator_id": "suggested_indicator",
    "suggestion_score": "suggestion_score",
    "status": "status",
    "actual_value": "actual_value",
    "conflict": "conflict",
    "relation_status": "relation_status",
}


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


def _indicators() -> list[m.Indicator]:
    indicators = list(m.Indicator.objects.select_related("sector").order_by("code"))
    if not indicators:
        from django.core.management import call_command

        call_command("load_catalogue", "--no-map", stdout=io.StringIO())
        indicators = list(m.Indicator.objects.select_related("sector").order_by("code"))
    return indicators


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
    """A region written row by row: where its rows, documents and links start."""

    target: int
    document: int
    source: int
    link: int
    rows: int
    documents: int
    links: int
    name_length: int


@dataclass
class _Synth:
    rng: random.Random
    started: str
    indicators: list[m.Indicator]
    departments: list[tuple[int, str]]
    layouts: list = field(default_factory=list)
    drawn: dict = field(default_factory=dict)
    mapped: list = field(default_factory=list)
    unmapped: list = field(default_factory=list)
    documents: int = 0
    rows: int = 0
    links: int = 0

    def __post_init__(self) -> None:
        from plans import refresh

        self.refresh = refresh
        self.catalogue = refresh.official_catalogue_now()
        self.stored = {i.code: i for i in m.Indicator.objects.all()}
        self.mapped, self.unmapped = archetypes(
            self.rng, self.indicators, self.departments
        )
        self.layouts = layouts(self.rng, TEMPLATES, YEARS, KINDS)
        self.target_columns = _columns(m.Target)
        self.target_defaults = _defaults(m.Target) | {
            "origin": m.Target.Origin.MACHINE.value,
            "review_status": m.Target.ReviewStatus.ACCEPTED.value,
        }
        self.link_columns = _columns(m.TargetDepartment)
        self.others = m.Target.other_indicators.through
        self.partners = m.Target.conflicts_with.through
        self.next = {
            model: _next_id(model)
            for model in (m.SourceFile, m.Document, m.Target, m.TargetDepartment)
        }

    # ------------------------------------------------------------------ documents

    def _documents(self, region: m.Region, layout: int, count: int):
        """(year, kind, rows, the rows' sentences) of a region's documents (the same for
        every region of a layout: drawn once)."""
        left = count
        out = []
        for year in YEARS:
            for kind in KINDS:
                if left <= 0:
                    return out
                n = min(left, ROWS_PER_DOCUMENT)
                left -= n
                key = (layout, year, kind, n)
                if key not in self.drawn:
                    base, first = self.layouts[layout][(year, kind)]
                    rows = list(
                        document_rows(self.mapped, self.unmapped, base, first, n)
                    )
                    self.drawn[key] = (rows, "".join(a.sentence for a in rows))
                out.append((year, kind, *self.drawn[key]))
        return out

    def _write_documents(self, region: m.Region, documents) -> list[tuple[int, int]]:
        """Source files and documents of a region; (document pk, text offset) each."""
        sources, docs, out = [], [], []
        source_columns = _columns(m.SourceFile)
        document_columns = _columns(m.Document)
        source_defaults = _defaults(m.SourceFile)
        document_defaults = _defaults(m.Document)
        for year, kind, _rows, sentences in documents:
            kind_zh = (
                "国民经济和社会发展计划"
                if kind == m.Document.Kind.PLAN
                else "政府工作报告"
            )
            title = f"{year}年{region.name}{kind_zh}"
            text = title + "\n" + sentences
            source_id = self.next[m.SourceFile]
            document_id = self.next[m.Document]
            self.next[m.SourceFile] += 1
            self.next[m.Document] += 1
            digest = hashlib.sha256(f"synth:{document_id}:{text}".encode()).hexdigest()
            source = source_defaults | {
                "id": source_id,
                "name": f"synth-{document_id}.txt",
                "sha256": digest,
                "encoding": "utf-8",
                "size": len(text.encode()),
                "text": text,
                "imported_at": self.started,
                "imported_by_id": None,
            }
            document = document_defaults | {
                "id": document_id,
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
                "published_at": self.started,
                "unrepaired_masks": "[]",
            }
            sources.append(tuple(source[c] for c in source_columns))
            docs.append(tuple(document[c] for c in document_columns))
            out.append((document_id, len(title) + 1))
        _insert(m.SourceFile, source_columns, sources)
        _insert(m.Document, document_columns, docs)
        self.documents += len(out)
        return out

    # ------------------------------------------------------------------ one region

    def write(self, region: m.Region, layout: int, count: int) -> _Written:
        """A region's rows, row by row, with the derived values the refresh path's
        ``derive`` gives for them (one call for the whole region: its groups)."""
        documents = self._documents(region, layout, count)
        written = _Written(
            target=self.next[m.Target],
            document=self.next[m.Document],
            source=self.next[m.SourceFile],
            link=self.next[m.TargetDepartment],
            rows=count,
            documents=len(documents),
            links=0,
            name_length=len(region.name),
        )
        placed = self._write_documents(region, documents)
        targets: list[m.Target] = []
        archetypes: dict[int, Archetype] = {}
        for (document_id, offset), (year, kind, rows, _sentences) in zip(
            placed, documents, strict=True
        ):
            document = m.Document(
                pk=document_id,
                region_id=region.pk,
                year=year,
                kind=kind,
                status=m.Document.Status.PUBLISHED,
            )
            for a in rows:
                pk = self.next[m.Target]
                self.next[m.Target] += 1
                start = offset + a.lead
                offset += len(a.sentence)
                target = m.Target(
                    pk=pk,
                    document=document,
                    subject=a.subject,
                    kind=a.kind,
                    year=year - a.back,
                    comparator=a.comparator,
                    qualifier=a.qualifier,
                    value=None if a.value is None else Decimal(a.value),
                    value_text=a.value or "",
                    unit=a.unit,
                    value_missing=a.value is None,
                    start=start,
                    end=start + a.span,
                    quote=a.sentence,
                    origin=m.Target.Origin.MACHINE,
                    review_status=m.Target.ReviewStatus.ACCEPTED,
                )
                targets.append(target)
                archetypes[pk] = a
        expected = self.refresh.derive(targets, self.catalogue, self.stored)
        rows, links, others, partners = [], [], [], []
        for target in targets:
            values = expected[target.pk].values
            row = self.target_defaults | {
                "id": target.pk,
                "document_id": target.document_id,
                "subject": target.subject,
                "kind": target.kind,
                "year": target.year,
                "comparator": target.comparator,
                "qualifier": target.qualifier,
                "value": archetypes[target.pk].value,
                "value_text": target.value_text,
                "unit": target.unit,
                "value_missing": target.value_missing,
                "start": target.start,
                "end": target.end,
                "quote": target.quote,
            }
            for column, name in DERIVED.items():
                row[column] = _db(values[name])
            rows.append(tuple(row[c] for c in self.target_columns))
            others += [(target.pk, pk) for pk in sorted(expected[target.pk].others)]
            partners += [(target.pk, pk) for pk in sorted(expected[target.pk].partners)]
            link = archetypes[target.pk].link
            if link is not None:
                link_row = {
                    "id": self.next[m.TargetDepartment],
                    "role": link[2],
                    "name_as_written": link[1],
                    "target_id": target.pk,
                    "department_id": link[0],
                }
                self.next[m.TargetDepartment] += 1
                links.append(tuple(link_row[c] for c in self.link_columns))
        _insert(m.Target, self.target_columns, rows)
        _insert(m.TargetDepartment, self.link_columns, links)
        _insert(self.others, ["target_id", "indicator_id"], others)
        _insert(self.partners, ["from_target_id", "to_target_id"], partners)
        written.links = len(links)
        self.rows += count
        self.links += len(links)
        return written

    def copy(self, region: m.Region, layout: int, like: _Written) -> None:
        """A region of the same layout and size as one written: its own documents, and
        its rows, links and relations copied from that region's in the database."""
        documents = self._documents(region, layout, like.rows)
        target_offset = self.next[m.Target] - like.target
        link_offset = self.next[m.TargetDepartment] - like.link
        document_offset = self.next[m.Document] - like.document
        self._write_documents(region, documents)
        last = like.target + like.rows - 1
        _copy(
            m.Target,
            self.target_columns,
            {"id": target_offset, "document_id": document_offset},
            "id BETWEEN %s AND %s",
            [like.target, last],
        )
        _copy(
            m.TargetDepartment,
            self.link_columns,
            {"id": link_offset, "target_id": target_offset},
            "id BETWEEN %s AND %s",  # (its target_id index is deferred)
            [like.link, like.link + like.links - 1],
        )
        _copy(
            self.others,
            ["target_id", "indicator_id"],
            {"target_id": target_offset},
            "target_id BETWEEN %s AND %s",
            [like.target, last],
        )
        _copy(
            self.partners,
            ["from_target_id", "to_target_id"],
            {"from_target_id": target_offset, "to_target_id": target_offset},
            "from_target_id BETWEEN %s AND %s",
            [like.target, last],
        )
        self.next[m.Target] += like.rows
        self.next[m.TargetDepartment] += like.links
        self.rows += like.rows
        self.links += like.links


def synthesise(rows: int, seed: int = 1) -> Summary:
    """Write ``rows`` synthetic published rows (see the module's docstring)."""
    from plans.catalogue_db import mirror_catalogue

    started = connection.ops.adapt_datetimefield_value(timezone.now())
    clock = time.perf_counter()
    rng = random.Random(seed)
    indicators = _indicators()
    region_count = max(1, math.ceil(rows / ROWS_PER_REGION))
    departments = [
        (m.Department.objects.get_or_create(name=name)[0].pk, name)
        for name in DEPARTMENTS
    ]
    connection.ensure_connection()
    with relaxed_sqlite(), transaction.atomic():
        mirror_catalogue()
        regions = _regions(region_count, seed)
        synth = _Synth(rng, started, indicators, departments)
        _load(synth, regions, rows)
    analyse()
    return Summary(
        regions=len(regions),
        documents=synth.documents,
        rows=synth.rows,
        links=synth.links,
        seconds=time.perf_counter() - clock,
    )


def _load(synth: _Synth, regions: list[m.Region], rows: int) -> None:
    """``rows`` rows over ``regions``: each distinct combination written row by row, the
    further regions of it copied in the database."""
    # A region that holds documents already (a second run of the same seed) has groups
    # of its own: it is derived through the refresh path after the load.
    crowded = set(
        m.Document.objects.filter(region__in=regions).values_list(
            "region_id", flat=True
        )
    )
    written: dict[tuple[int, int, int], _Written] = {}
    left = rows
    with _IndexesDeferred(m.Target, m.TargetDepartment):
        for number, region in enumerate(regions):
            count = min(left, ROWS_PER_REGION)
            left -= count
            layout = number % TEMPLATES
            # The distinct combination: layout, size, and the length of the name (each
            # row's position in its text).
            key = (layout, count, len(region.name))
            if key in written and region.pk not in crowded:
                synth.copy(region, layout, written[key])
            else:
                done = synth.write(region, layout, count)
                if region.pk not in crowded:
                    written[key] = done
    if crowded:
        synth.refresh.refresh_documents(
            set(
                m.Document.objects.filter(region_id__in=crowded).values_list(
                    "pk", flat=True
                )
            ),
            history=False,
        )
