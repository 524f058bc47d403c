"""Numbers entered from published sources that are not stored here as documents.

Two kinds of file share one format and one path into the database:

- results (``manage.py import_actuals FILE``, the workspace upload): columns region,
  indicator (code or name), year, value, unit, source title, source URL, publication date;
- headline targets of the years and levels the stored documents lack (``data/targets``),
  with the bound as written (comparator, qualifier, value, value_max) and the document kind.

Rows are grouped by (region, source URL, plan year for targets) into one ``Document`` with
``entry=ENTERED``: its title and address are the published source's, its stored "text" is
only our own listing of the entered rows (so every row has a span to cite), and every page
says "entered from a published source". Every row is checked first; one bad row refuses
the whole file, with every problem by line number, and nothing is written (one
transaction). Loading the same file again changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from plans import models as m
from plans.levels import ensure_region_tree
from plans.pipeline import catalogue as cat
from plans.pipeline import lexicon
from plans.pipeline import types as pt
from plans.pipeline.catalogue import load_catalogue
from plans.pipeline.conversions import UnitError, to_canonical

# Column names a file may use (English as in data/README.md, or Chinese).
COLUMNS = {
    "region": ("region", "地区"),
    "indicator": ("indicator", "indicator_code", "指标", "指标代码"),
    "year": ("year", "年度", "年份"),
    "value": ("value", "数值"),
    "unit": ("unit", "单位"),
    "source_title": ("source_title", "source title", "来源标题", "来源"),
    "source_url": ("source_url", "source url", "来源网址", "网址"),
    "publication_date": ("publication_date", "publication date", "发布日期"),
    "note": ("note", "说明", "备注"),
    # targets only
    "comparator": ("comparator", "比较词"),
    "qualifier": ("qualifier", "限定词"),
    "value_max": ("value_max", "上限值"),
    "document_kind": ("document_kind", "文件类型"),
    "quote": ("quote", "原文"),
    # a goal for a whole plan period ("十四五期间…", "到2025年…"): its first year;
    # ``year`` is then the period's last year
    "period_start": ("period_start", "期间起"),
}
REQUIRED = (
    "region",
    "indicator",
    "year",
    "value",
    "unit",
    "source_title",
    "source_url",
)
KINDS = {"work_report": pt.WORK_REPORT, "plan": pt.PLAN, "": pt.WORK_REPORT}
_URL = re.compile(r"https?://\S+$")
_DATE = re.compile(r"\d{4}-\d\d-\d\d$")


class EntryError(Exception):
    """A file refused as a whole: every problem, by line."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class EnteredRow:
    line: int
    region: m.Region
    indicator: cat.Indicator
    year: int
    kind: str  # pt.TARGET | pt.ACTUAL
    value: Decimal
    value_text: str
    unit: str
    source_title: str
    source_url: str
    published: str = ""
    note: str = ""
    comparator: str = ""
    qualifier: str = ""
    value_max: Decimal | None = None
    document_kind: str = pt.OTHER
    quote: str = ""
    period_start: int | None = None

    @property
    def key(self) -> tuple:
        return (self.indicator.code, self.year, self.kind, self.period_start)


@dataclass
class EntrySummary:
    name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    documents: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return (
            f"{self.name}: {self.rows} rows — {self.created} new, {self.updated} updated, "
            f"{self.unchanged} unchanged, in {len(self.documents)} source(s)"
        )


# --------------------------------------------------------------------------- reading


def read_table(data: bytes, name: str) -> list[dict[str, str]]:
    """The rows of a CSV (UTF-8) or XLSX file as dicts of canonical column names."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True).active
        except Exception as error:  # openpyxl raises many kinds on a broken file
            raise EntryError([f"not a readable XLSX file ({error})"]) from error
        cells = [
            ["" if c is None else str(c).strip() for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise EntryError(
                ["the file is not UTF-8 text (save the CSV as UTF-8)"]
            ) from error
        cells = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    cells = [row for row in cells if any(row)]
    if not cells:
        raise EntryError(["the file is empty"])
    lookup = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    header = [
        lookup.get(h.strip().lower(), lookup.get(h.strip(), "")) for h in cells[0]
    ]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise EntryError([f"missing column(s): {', '.join(missing)}"])
    return [{k: v for k, v in zip(header, row, strict=False) if k} for row in cells[1:]]


def _indicator_names(catalogue: cat.Catalogue) -> dict[str, cat.Indicator]:
    names: dict[str, cat.Indicator] = {}
    for indicator in catalogue.indicators.values():
        for name in (indicator.code, indicator.zh, *indicator.aliases):
            names.setdefault(name, indicator)
    return names


def check_rows(
    raw: list[dict[str, str]], *, kind: str, catalogue: cat.Catalogue
) -> list[EnteredRow]:
    """Every row checked; ``EntryError`` with every problem if any row is wrong."""
    regions = {r.name: r for r in m.Region.objects.all()} | {
        r.slug: r for r in m.Region.objects.all()
    }
    names = _indicator_names(catalogue)
    words = lexicon.current()
    problems: list[str] = []
    rows: list[EnteredRow] = []
    seen: dict[tuple, int] = {}
    this_year = date.today().year
    for number, row in enumerate(raw, start=2):  # line 1 is the header
        errors: list[str] = []

        def get(key: str, row: dict = row) -> str:
            return (row.get(key) or "").strip()

        region = regions.get(get("region"))
        if region is None:
            errors.append(f"unknown region {get('region')!r}")
        indicator = names.get(get("indicator"))
        if indicator is None:
            errors.append(f"unknown indicator {get('indicator')!r}")
        try:
            year = int(get("year"))
            if not 1949 <= year <= this_year + 1:
                errors.append(f"year {year} out of range")
        except ValueError:
            year = 0
            errors.append(f"year {get('year')!r} is not a year")
        try:
            value = Decimal(get("value").replace(",", ""))
        except InvalidOperation:
            value = None
            errors.append(
                f"value {get('value')!r} is not a number (a missing figure has no row)"
            )
        value_max = None
        if get("value_max"):
            try:
                value_max = Decimal(get("value_max"))
                if value is not None and value_max <= value:
                    errors.append("value_max must be above value")
            except InvalidOperation:
                errors.append(f"value_max {get('value_max')!r} is not a number")
        unit = get("unit")
        if indicator is not None and value is not None:
            try:
                to_canonical(value, unit, indicator)
            except UnitError as error:
                errors.append(str(error))
        if not get("source_title"):
            errors.append("no source title")
        if not _URL.match(get("source_url")):
            errors.append(f"source URL {get('source_url')!r} is not an http(s) address")
        if get("publication_date") and not _DATE.match(get("publication_date")):
            errors.append(
                f"publication date {get('publication_date')!r} is not YYYY-MM-DD"
            )
        # Comparators and qualifiers are words of the one vocabulary (data/lexicon.yaml).
        if get("comparator") and get("comparator") not in words.comparators:
            errors.append(
                f"comparator {get('comparator')!r} is not a word of data/lexicon.yaml"
            )
        if get("qualifier") and get("qualifier") not in words.qualifiers:
            errors.append(
                f"qualifier {get('qualifier')!r} is not a word of data/lexicon.yaml"
            )
        if get("document_kind") not in KINDS:
            errors.append(
                f"document kind {get('document_kind')!r} is not work_report or plan"
            )
        period_start = None
        if get("period_start"):
            try:
                period_start = int(get("period_start"))
                if not 1949 <= period_start < year:
                    errors.append(
                        f"period_start {period_start} must be before year {year}"
                    )
            except ValueError:
                errors.append(f"period_start {get('period_start')!r} is not a year")
        if region is not None and indicator is not None and year:
            key = (region.pk, indicator.code, year, period_start)
            if key in seen:
                errors.append(f"same region, indicator and year as line {seen[key]}")
            seen[key] = number
        if errors:
            problems += [f"line {number}: {e}" for e in errors]
            continue
        rows.append(
            EnteredRow(
                line=number,
                region=region,
                indicator=indicator,
                year=year,
                kind=kind,
                value=value,
                value_text=get("value") + (f"-{get('value_max')}" if value_max else ""),
                unit=unit,
                source_title=get("source_title")[:255],
                source_url=get("source_url"),
                published=get("publication_date"),
                note=get("note"),
                comparator=get("comparator"),
                qualifier=get("qualifier"),
                value_max=value_max,
                document_kind=KINDS[get("document_kind")]
                if kind == pt.TARGET
                else pt.OTHER,
                quote=get("quote"),
                period_start=period_start,
            )
        )
    if problems:
        raise EntryError(problems)
    if not rows:
        raise EntryError(["the file has a header but no rows"])
    return rows


# --------------------------------------------------------------------------- storing


def _line(row: EnteredRow) -> str:
    kind = "目标" if row.kind == pt.TARGET else "实际"
    if row.period_start:
        kind = f"{row.period_start}–{row.year}年期间目标"
    bound = f"{row.qualifier}{row.value_text}{row.unit}{row.comparator}"
    extra = f"（{row.quote}）" if row.quote else (f"（{row.note}）" if row.note else "")
    return f"{row.year}年 {row.indicator.zh} {kind} {bound}{extra}"


def _document_text(title: str, url: str, region: str, lines: list[str]) -> str:
    head = f"录入自公开来源（非存储文件）：{title}\n{url}\n{region}\n"
    return head + "".join(line + "\n" for line in lines)


def _store_group(key, rows: list[EnteredRow], *, publish: bool, user, summary) -> None:
    region, url, year, kind = key
    first = rows[0]
    document = (
        m.Document.objects.filter(
            entry=m.Document.Entry.ENTERED,
            source_url=url,
            region=region,
            year=year,
            kind=kind,
        )
        .select_related("source")
        .first()
    )
    existing = {
        (t.indicator.code, t.period_end or t.year, t.kind, t.period_start): t
        for t in (document.targets.select_related("indicator") if document else [])
        if t.indicator_id
    }
    # The listing holds the stored rows this file does not touch, then the file's rows.
    by_key = {r.key: r for r in rows}
    kept = [t for k, t in existing.items() if k not in by_key]
    lines = [t.quote for t in kept] + [_line(r) for r in rows]
    text = _document_text(first.source_title, url, region.name, lines)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if document is not None and document.source.sha256 == digest:
        if not document.title_shown:  # stored before entered titles were shown
            document.title_shown = document.title
            document.save(update_fields=["title_shown"])
        summary.unchanged += len(rows)
        summary.documents.append(document.title)
        return
    source_values = {
        "name": f"entered: {url}"[:255],
        "sha256": digest,
        "encoding": "utf-8",
        "size": len(text.encode("utf-8")),
        "text": text,
        "imported_by": user,
    }
    doc_values = {
        "title": first.source_title,
        # The title pages show: as written (an entered source has no lost year to mark).
        "title_shown": first.source_title,
        "issued": first.published,
        "start": 0,
        "end": len(text),
        "year_source": m.Document.YearSource.STATED
        if year
        else m.Document.YearSource.UNKNOWN,
    }
    if document is None:
        source = m.SourceFile.objects.create(**source_values)
        document = m.Document.objects.create(
            source=source,
            region=region,
            kind=kind,
            year=year,
            entry=m.Document.Entry.ENTERED,
            source_url=url,
            status=m.Document.Status.PUBLISHED if publish else m.Document.Status.DRAFT,
            published_at=timezone.now() if publish else None,
            **doc_values,
        )
    else:
        for name, value in source_values.items():
            setattr(document.source, name, value)
        document.source.save()
        for name, value in doc_values.items():
            setattr(document, name, value)
        document.save()
    offset = text.index("\n", text.index("\n", text.index("\n") + 1) + 1) + 1
    for target in kept:
        target.start, target.end = offset, offset + len(target.quote)
        target.save(update_fields=["start", "end"])
        offset = target.end + 1
    indicators = {i.code: i for i in m.Indicator.objects.all()}
    for row in rows:
        line = _line(row)
        values = {
            "subject": row.indicator.zh,
            # A goal for a period belongs to no single year's series: its years are
            # period_start–period_end (plans.levels draws it as a path).
            "year": None if row.period_start else row.year,
            "period_start": row.period_start,
            "period_end": row.year if row.period_start else None,
            "kind": row.kind,
            "comparator": row.comparator,
            "qualifier": row.qualifier,
            "value": row.value,
            "value_max": row.value_max,
            "value_text": row.value_text,
            "unit": row.unit,
            "quote": line,
            "start": offset,
            "end": offset + len(line),
            "indicator": indicators[row.indicator.code],
            "origin": m.Target.Origin.OFFICIAL,
            "review_status": m.Target.ReviewStatus.ACCEPTED,
        }
        offset += len(line) + 1
        target = existing.get(row.key)
        if target is None:
            m.Target.objects.create(document=document, **values)
            summary.created += 1
        else:
            changed = [k for k, v in values.items() if getattr(target, k) != v]
            for k in changed:
                setattr(target, k, values[k])
            target.save()
            if {"start", "end", "quote"} >= set(changed):
                summary.unchanged += 1
            else:
                summary.updated += 1
    summary.documents.append(document.title)


def load_entered(
    data: bytes, *, name: str, kind: str, publish: bool = True, user=None
) -> EntrySummary:
    """Check and store one file of results (``pt.ACTUAL``) or targets (``pt.TARGET``)."""
    from plans.catalogue_db import mirror_catalogue
    from plans.refresh import refresh_targets

    catalogue = load_catalogue()
    with transaction.atomic():
        ensure_region_tree()
        mirror_catalogue()
        rows = check_rows(read_table(data, name), kind=kind, catalogue=catalogue)
        groups: dict[tuple, list[EnteredRow]] = defaultdict(list)
        for row in rows:
            year = row.year if kind == pt.TARGET else None
            groups[(row.region, row.source_url, year, row.document_kind)].append(row)
        summary = EntrySummary(name=name, rows=len(rows))
        for key, group in groups.items():
            _store_group(key, group, publish=publish, user=user, summary=summary)
        touched = m.Target.objects.filter(
            document__entry=m.Document.Entry.ENTERED,
            document__title__in=summary.documents,
        )
        # Every derived value through the one refresh path.
        refresh_targets(touched, user=user)
    return summary
