"""Rows made directly through the models, for page tests that must not wait for the
pipeline: a region, documents (published or draft) over a source text, indicators and
target rows whose spans point at the number in that text."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from itertools import count

from django.utils import timezone

from plans import models as m
from plans.catalogue_db import stored_catalogue
from plans.refresh import refresh_targets

_serial = count(1)


def region(
    name: str = "通辽市", slug: str | None = None, name_en: str = "Tongliao"
) -> m.Region:
    obj, _ = m.Region.objects.get_or_create(
        name=name,
        defaults={"slug": slug or name, "name_en": name_en, "level": "prefecture"},
    )
    return obj


def sector(
    code: str = "economy", zh: str = "经济总量", en: str = "Economic output"
) -> m.Sector:
    obj, _ = m.Sector.objects.get_or_create(
        code=code, defaults={"name_zh": zh, "name_en": en}
    )
    return obj


def indicator(
    code: str = "gdp_growth",
    zh: str = "地区生产总值增长",
    en: str = "GDP growth",
    *,
    unit: str = "%",
    sector_code: str = "economy",
    headline: bool = True,
    direction: str = "higher",
    definition_changes: list | None = None,
    aliases: list | None = None,
) -> m.Indicator:
    obj, _ = m.Indicator.objects.get_or_create(
        code=code,
        defaults={
            "name_zh": zh,
            "name_en": en,
            "sector": sector(sector_code),
            "unit": unit,
            "headline": headline,
            "direction": direction,
            "kind": "growth_rate" if unit == "%" else "level",
            "aliases": aliases or [zh],
            "definition_changes": definition_changes or [],
        },
    )
    return obj


def document(
    text: str,
    *,
    year: int,
    kind: str = "plan",
    title: str | None = None,
    published: bool = True,
    place: m.Region | None = None,
) -> m.Document:
    digest = hashlib.sha256(f"{text}{next(_serial)}".encode()).hexdigest()
    source = m.SourceFile.objects.create(
        name=f"{digest[:8]}.txt",
        sha256=digest,
        encoding="utf-8",
        size=len(text.encode()),
        text=text,
    )
    return m.Document.objects.create(
        source=source,
        region=place or region(),
        kind=kind,
        year=year,
        year_source="stated",
        title=title or f"{year}年通辽市国民经济和社会发展计划",
        start=0,
        end=len(text),
        status="published" if published else "draft",
        published_at=timezone.now() if published else None,
    )


def target(
    doc: m.Document,
    written: str,
    *,
    subject: str = "地区生产总值增长",
    indicator: m.Indicator | None = None,
    value: str | None = None,
    value_max: str | None = None,
    unit: str = "%",
    comparator: str = "",
    qualifier: str = "",
    kind: str = "target",
    year: int | None = None,
    missing: bool = False,
    departments: list[tuple[str, str]] = (),
    occurrence: int = 0,
) -> m.Target:
    """A row whose span is the ``occurrence``-th appearance of ``written`` in the text."""
    text = doc.source.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(written, start + 1)
    # The quote is the clause around the number, as the extractor cuts it (。 or ；).
    sentence_start = max(text.rfind("。", 0, start), text.rfind("；", 0, start)) + 1
    ends = [i for i in (text.find("。", start), text.find("；", start)) if i >= 0]
    sentence_end = min(ends) if ends else len(text) - 1
    quote = text[sentence_start : sentence_end + 1]
    row = m.Target.objects.create(
        document=doc,
        indicator=indicator,
        subject=subject,
        kind=kind,
        year=year if year is not None else doc.year,
        comparator=comparator,
        qualifier=qualifier,
        value=None if missing or value is None else Decimal(value),
        value_max=Decimal(value_max) if value_max else None,
        value_text="" if missing else (value or ""),
        unit=unit,
        value_missing=missing,
        start=start,
        end=start + len(written),
        quote=quote.strip(),
    )
    for name, role in departments:
        dept, _ = m.Department.objects.get_or_create(name=name)
        m.TargetDepartment.objects.create(
            target=row, department=dept, role=role, name_as_written=name
        )
    # Derived values through the one refresh path, against the indicators made here.
    refresh_targets([row], catalogue=stored_catalogue())
    row.refresh_from_db()
    if indicator is not None:
        assert row.indicator == indicator, (row.subject, row.indicator, indicator)
    return row


def tongliao() -> dict:
    """A small Tongliao: GDP growth 10% (2014), 7% 左右 (2021), 6% 以上 (2025), grain lost
    in 2021 and 150亿斤 in 2025, an actual, and a draft whose rows must never show."""
    gdp = indicator()
    grain = indicator(
        "grain_output",
        "粮食产量",
        "Grain output",
        unit="亿斤",
        sector_code="agriculture",
        headline=True,
    )
    sector("agriculture", "农牧业", "Agriculture")
    d2014 = document(
        "2013年地区生产总值增长9.7%。2014年主要预期目标是：地区生产总值增长10%。",
        year=2014,
        kind="work_report",
        title="2014年通辽市政府工作报告",
    )
    d2021 = document(
        "主要预期目标：地区生产总值增长7%左右；粮食产量稳定在亿斤以上。",
        year=2021,
        title="通辽市国民经济和社会发展计划",
    )
    d2025 = document(
        "主要预期目标：地区生产总值增长6%以上；粮食产量稳定在150亿斤以上；新增城镇就业1.5万人。",
        year=2025,
        title="2025年通辽市国民经济和社会发展计划",
    )
    draft = document(
        "草稿：地区生产总值增长99%；秘密指标增长77%。",
        year=2026,
        title="2026年通辽市计划（草稿）",
        published=False,
    )
    rows = {
        "actual_2013": target(
            d2014, "9.7%", indicator=gdp, value="9.7", kind="actual", year=2013
        ),
        "gdp_2014": target(d2014, "10%", indicator=gdp, value="10"),
        "gdp_2021": target(d2021, "7%", indicator=gdp, value="7", comparator="左右"),
        "grain_2021": target(
            d2021,
            "亿斤",
            subject="粮食产量",
            indicator=grain,
            unit="亿斤",
            comparator="以上",
            missing=True,
        ),
        "gdp_2025": target(
            d2025,
            "6%",
            indicator=gdp,
            value="6",
            comparator="以上",
            departments=[("市发展改革委", "responsible"), ("市统计局", "support")],
        ),
        "grain_2025": target(
            d2025,
            "150亿斤",
            subject="粮食产量",
            indicator=grain,
            value="150",
            unit="亿斤",
            comparator="以上",
            departments=[("市农牧局", "lead")],
        ),
        "jobs_2025": target(
            d2025, "1.5万人", subject="新增城镇就业", value="1.5", unit="万人"
        ),
        "draft_gdp": target(
            draft, "99%", indicator=gdp, value="99", departments=[("秘密局", "lead")]
        ),
        "draft_secret": target(draft, "77%", subject="秘密指标增长", value="77"),
    }
    return {
        "documents": {2014: d2014, 2021: d2021, 2025: d2025, "draft": draft},
        "rows": rows,
        "gdp": gdp,
        "grain": grain,
    }


def edit_form(target: m.Target, **changes) -> dict:
    """The workspace's edit form for a row as the page fills it in, with some fields changed."""
    data = {
        "version": target.version,
        "subject": target.subject,
        "value": "" if target.value is None else str(target.value),
        "value_max": "" if target.value_max is None else str(target.value_max),
        "unit": target.unit,
        "comparator": target.comparator,
        "qualifier": target.qualifier,
        "kind": target.kind,
        "year": target.year or "",
        "indicator": target.indicator_id or "",
        "responsible": "",
        "lead": "",
        "support": "",
    }
    if target.value_missing:
        data["value_missing"] = "on"
    return data | changes
