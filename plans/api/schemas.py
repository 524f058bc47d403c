"""The shapes of the open-data API: one schema per thing, shared by the API, the page twins
(``?format=json|csv|xlsx``) and the data package.

Values are typed: numbers are JSON numbers, years integers, a number the source lost is
``null`` (with ``value_missing: true``), and the comparator word, its bound, the qualifier,
the value, the upper value of a range and the unit are separate fields; ``text`` is the
human reading ("≥ 6%") for display only.
"""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

Kind = Literal["target", "actual", "context", "commitment"]
DocumentKind = Literal["plan", "work_report", "task_division", "other"]
Bound = Literal["floor", "ceiling", "about", "exact", "range", "none"]
Role = Literal["responsible", "lead", "support"]
Status = Literal["met", "not_met", "unknown"]
Change = Literal["new", "dropped", "raised", "lowered", "unchanged", "incomparable"]


class Error(Schema):
    detail: str = Field(description="What went wrong, in English.")


class ValidationError(Schema):
    detail: list[dict] = Field(description="One entry per invalid parameter.")


class Throttled(Schema):
    detail: str
    retry_after: int = Field(
        description="Seconds to wait (also the Retry-After header)."
    )


class RegionOut(Schema):
    slug: str = Field(description="Identifier used in URLs and filters, e.g. 通辽市.")
    name: str
    name_en: str
    level: Literal["country", "province", "prefecture", "county", "unknown"]
    parent: str | None = Field(description="The parent region's slug.")
    years: list[int] = Field(description="Plan years of its published documents.")


class SectorOut(Schema):
    code: str
    name_zh: str
    name_en: str
    order: int
    indicators: list[str] = Field(description="Codes of the sector's indicators.")


class DefinitionOut(Schema):
    code: str
    name_zh: str
    name_en: str
    since: int | None
    until: int | None
    note_zh: str
    note_en: str


class IndicatorOut(Schema):
    code: str
    name_zh: str
    name_en: str
    sector: str = Field(description="The sector's code.")
    unit: str = Field(description="The canonical unit of normalised values.")
    kind: str
    direction: Literal["higher", "lower", "neutral"]
    headline: bool
    aliases: list[str]
    definitions: list[DefinitionOut] = Field(
        description="Variants of the statistical definition (a break in a series)."
    )


class DepartmentOut(Schema):
    id: int
    name: str
    name_en: str
    targets: int = Field(description="How many public rows name this unit.")


class DocumentOut(Schema):
    id: int
    region: str = Field(description="The region's slug.")
    kind: DocumentKind
    year: int | None = Field(description="Plan year; null when the source lost it.")
    year_source: Literal["stated", "inferred", "unknown"]
    title: str
    title_shown: str = Field(
        default="",
        description="The title as shown: as written, with a lost year put back in "
        "brackets when it was inferred (通辽市[2021]年…).",
    )
    issued: str = Field(description="Issue date as written in the source, or empty.")
    issuer: str = Field(
        description="The issuing body as the source names it, or empty."
    )
    source_url: str | None = Field(
        description="Where the source was published, as the source gives it; null if unknown."
    )
    published_at: str | None = Field(
        description="When it was published here (ISO 8601)."
    )
    source_file: str
    source_sha256: str
    url: str = Field(
        description="The document's page: its source text, every number marked."
    )
    targets: int = Field(description="How many public rows it holds.")


class DepartmentLinkOut(Schema):
    id: int = Field(description="The department's id.")
    name: str
    name_en: str
    name_as_written: str
    role: Role


class TargetOut(Schema):
    id: int
    document: int = Field(description="The document's id.")
    document_kind: DocumentKind
    document_year: int | None
    entry: Literal["extracted", "entered"] = Field(
        description="extracted from a stored document, or entered from a published "
        "source that is not stored (see source_url)."
    )
    source_url: str | None = Field(description="The published source of entered rows.")
    region: str = Field(description="The region's slug.")
    year: int | None = Field(description="The year the number is for; null when lost.")
    kind: Kind
    subject: str = Field(description="What the number is about, as written.")
    indicator: str | None = Field(description="The indicator's code, when mapped.")
    sector: str | None
    comparator: str | None = Field(
        description="The comparator word as written (以上, 左右…)."
    )
    bound: Bound | None = Field(description="What the comparator sets.")
    qualifier: str | None = Field(
        description="力争 (stretch), 确保 (commitment) or null."
    )
    value: float | None = Field(
        description="The number (low end of a range); null if lost."
    )
    value_max: float | None = Field(description="The high end of a range, else null.")
    value_text: str = Field(description="The number as written.")
    unit: str | None = Field(description="The unit as written.")
    normalised_value: float | None = Field(
        description="The value in the indicator's unit."
    )
    normalised_unit: str | None
    value_missing: bool = Field(description="The source lost this number.")
    text_repaired: bool = Field(description="The sentence holds a repaired character.")
    status: Status | None = Field(description="A target against its year's actual.")
    conflict: bool = Field(description="Another document of the same year disagrees.")
    estimate: bool = Field(
        description="An estimate of the year's result (预计全年…), not a target."
    )
    definition: str | None = Field(
        description="The definition variant, null for the base."
    )
    text: str = Field(description="Human reading of the value, e.g. ≥ 6%.")
    relation: str | None = Field(
        default=None,
        description="A relative or cross-level target as written (高于全区平均增速, "
        "完成自治区下达的…任务), else null.",
    )
    relation_text: str | None = Field(
        default=None, description="The relation in words in the page's language."
    )
    quote: str = Field(description="The source sentence.")
    start: int = Field(description="Character offset of the number in the source file.")
    end: int
    section: str
    departments: list[DepartmentLinkOut]
    url: str = Field(description="Where the number stands in its document.")
    permalink: str = Field(description="The number's own page, with its citation.")


class TargetPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    results: list[TargetOut]


class BreakOut(Schema):
    before_year: int
    after_year: int
    notes: list[str]


class SeriesPoint(Schema):
    target: int = Field(description="The row's id (see /targets/{id}).")
    year: int
    kind: Literal["target", "actual", "commitment"] = Field(
        description="A commitment is a target in words only (确保粮食总产稳步提升): no value."
    )
    comparator: str | None
    bound: Bound | None
    qualifier: str | None
    value: float | None
    value_max: float | None
    value_text: str
    unit: str | None
    normalised_value: float | None
    normalised_unit: str | None
    value_missing: bool
    status: Status | None
    conflict: bool
    definition: str | None
    definition_break: bool = Field(
        description="The definition differs from the previous year's: do not compare."
    )
    relation: str | None = Field(
        description="What a relative target is set against, as written (高于全区平均)."
    )
    relation_text: str | None
    text: str
    document: int
    document_kind: DocumentKind
    quote: str
    url: str


class SeriesOut(Schema):
    indicator: IndicatorOut
    region: RegionOut
    unit: str = Field(description="The unit of normalised values.")
    breaks: list[BreakOut]
    conflict_years: list[int]
    points: list[SeriesPoint]


class ChangeOut(Schema):
    key: str = Field(
        description="indicator:<code>, or subject:<subject>|<unit> if unmapped."
    )
    status: Change
    reason: Literal["lost", "unit", "definition", "not_numeric"] | None
    indicator: str | None
    subject: str
    old: TargetOut | None
    new: TargetOut | None


class CompareOut(Schema):
    region: RegionOut
    a: int
    b: int
    counts: dict[str, int]
    changes: list[ChangeOut]
