"""Declarative tables of the public pages. Their downloads (``?format=csv|xlsx|json``)
are the API's records of the same data (``plans.page_data``, ``plans.twins``), not these
tables' rendered text; ``value_*`` methods still give each column's plain text."""

from __future__ import annotations

from collections.abc import Iterable

import django_tables2 as tables
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plans import compare as cmp
from plans import formatting as fmt
from plans import models as m
from plans.table_cells import (  # noqa: F401 — re-exported, callers import them from here
    CHANGE_LABELS,
    KIND_LABELS,
    PER_PAGE,
    REASON_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    _bound_words,
    _StatusLabels,
    _value_cell,
    citation,
    departments_text,
    document_kind_label,
    estimate_tag,
    indicator_name,
    review_label,
    review_tag,
    word_changes,
)


class RowTable(tables.Table):
    """Target and actual rows, each with its value, source sentence and citation."""

    year = tables.Column(verbose_name=_("年度"))
    indicator = tables.Column(
        verbose_name=_("指标 / 主题"),
        accessor="subject",
        order_by=("indicator_code", "subject"),
    )
    kind = tables.Column(verbose_name=_("类别"))
    # Never the default "—" for an empty value: a lost number must say it is lost.
    value = tables.Column(
        verbose_name=_("数值"), order_by=("normalised_value", "value"), empty_values=()
    )
    qualifier = tables.Column(verbose_name=_("限定词"))
    status = tables.Column(verbose_name=_("完成情况"), empty_values=())
    document = tables.Column(verbose_name=_("文件"), accessor="document_title")
    departments = tables.Column(
        verbose_name=_("责任部门"), empty_values=(), orderable=False
    )
    quote = tables.Column(verbose_name=_("原文句子"), orderable=False)
    # Always visible: whether an official checked this row or only the machine read it.
    review = tables.Column(
        verbose_name=_("核对"), accessor="review_status", empty_values=()
    )
    citation = tables.Column(verbose_name=_("出处"), empty_values=(), orderable=False)

    class Meta:
        template_name = "plans/_table.html"
        attrs = {"class": "data"}
        orderable = True
        order_by = ("year",)
        empty_text = _("没有符合条件的数据。")
        # The source viewer links each highlighted number to its row.
        row_attrs = {"id": lambda record: f"row-{record['id']}"}

    def render_indicator(self, value, record):
        if record.get("indicator_code"):
            return format_html(
                '<a href="{}">{}</a>',
                m.Indicator(code=record["indicator_code"]).get_absolute_url(),
                indicator_name(record),
            )
        # An unmapped row's subject is the source's words.
        return format_html('<span lang="zh-Hans">{}</span>', value)

    def value_indicator(self, value, record):
        return indicator_name(record)

    def render_kind(self, value):
        return KIND_LABELS.get(value, value)

    def render_value(self, record):
        return _value_cell(record)

    def value_value(self, record):
        return fmt.display_row(record)

    def render_qualifier(self, value):
        return fmt.qualifier_label(value)

    def render_status(self, record):
        status = record.get("status", "")
        flags = []
        if status:
            flags.append(
                format_html(
                    '<span class="status {}">{}</span>', status, STATUS_LABELS[status]
                )
            )
        if record.get("in_conflict") or record.get("conflict"):
            flags.append(
                format_html(
                    '<span class="tag warn">{}</span>', gettext("同年文件不一致")
                )
            )
        if record.get("definition_label"):
            flags.append(
                format_html('<span class="tag">{}</span>', record["definition_label"])
            )
        if record.get("text_repaired"):
            flags.append(
                format_html('<span class="tag">{}</span>', gettext("含修复字"))
            )
        return format_html_join(" ", "{}", ((f,) for f in flags)) or "—"

    def value_status(self, record):
        parts = [str(STATUS_LABELS.get(record.get("status", ""), ""))]
        if record.get("in_conflict") or record.get("conflict"):
            parts.append(gettext("同年文件不一致"))
        if record.get("definition_label"):
            parts.append(record["definition_label"])
        return fmt.joined(parts)

    def render_document(self, value, record):
        html = format_html(
            '<a href="{}" lang="zh-Hans">{}</a> <span class="tag">{}</span>',
            record["document_url"],
            value,
            document_kind_label(record["document_kind"]),
        )
        if record.get("document_entry") == "entered":
            html += format_html(
                ' <span class="tag entered" title="{}">{}</span>',
                gettext("数字录入自公开来源（见来源网址），不是从存储的文件中抽取的"),
                gettext("录入自公开来源"),
            )
        return html

    def value_document(self, value):
        return value

    def render_departments(self, record):
        links = [
            format_html(
                '<a href="{}">{}</a>（{}）',
                reverse("plans:department", args=[d["department_id"]]),
                fmt.department_name(d["department__name"], d["department__name_en"]),
                ROLE_LABELS.get(d["role"], d["role"]),
            )
            for d in record.get("departments", [])
        ]
        return format_html_join("、", "{}", ((link,) for link in links)) or "—"

    def value_departments(self, record):
        return departments_text(record)

    def render_quote(self, value, record):
        return format_html(
            '<q lang="zh-Hans">{}</q> <a class="quote-link" href="{}">{}</a>',
            value,
            record["quote_url"],
            gettext("原文位置"),
        )

    def value_quote(self, value):
        return value

    def render_review(self, record):
        return review_tag(record.get("review_status", ""))

    def value_review(self, record):
        return str(review_label(record.get("review_status", "")))

    def render_citation(self, record):
        return format_html(
            '<cite lang="zh-Hans">{}</cite> <a class="cite-link" href="{}">{}</a>',
            citation(record),
            record["target_url"],
            gettext("引用此数字"),
        )

    def value_citation(self, record):
        return citation(record)


class ChangeTable(tables.Table):
    """Targets of two years side by side with what happened between them."""

    status = tables.Column(verbose_name=_("变化"), accessor="status")
    indicator = tables.Column(
        verbose_name=_("指标 / 主题"), empty_values=(), accessor="key"
    )
    old = tables.Column(
        verbose_name=_("前一年"), empty_values=(), order_by=("old_sort",)
    )
    new = tables.Column(
        verbose_name=_("后一年"), empty_values=(), order_by=("new_sort",)
    )

    class Meta:
        template_name = "plans/_table.html"
        attrs = {"class": "data compare"}
        empty_text = _("这两年没有可比较的目标。")

    def __init__(self, data, *, year_a=None, year_b=None, **kwargs):
        records = [
            {
                "status": c.status,
                "reason": c.reason,
                "key": c.key,
                "change": c,
                "old_sort": _sort_value(c.old),
                "new_sort": _sort_value(c.new),
                "status_order": cmp.STATUSES.index(c.status),
            }
            for c in data
        ]
        super().__init__(records, **kwargs)
        if year_a:
            self.columns["old"].column.verbose_name = str(year_a)
        if year_b:
            self.columns["new"].column.verbose_name = str(year_b)

    def render_status(self, record):
        label = CHANGE_LABELS[record["status"]]
        reason = REASON_LABELS.get(record["reason"], "")
        notes = [reason] if reason else []
        notes += word_changes(record["change"])
        return format_html(
            '<span class="change {}">{}</span>{}',
            record["status"],
            label,
            format_html_join(
                "", '<br><small class="word-change">{}</small>', ((n,) for n in notes)
            ),
        )

    def value_status(self, record):
        notes = [str(REASON_LABELS.get(record["reason"], ""))]
        notes += word_changes(record["change"])
        label = str(CHANGE_LABELS[record["status"]])
        notes = [n for n in notes if n]
        return f"{label}（{'；'.join(notes)}）" if notes else label

    def render_indicator(self, record):
        row = record["change"].row
        if row.get("indicator_code"):
            return format_html(
                '<a href="{}">{}</a>',
                m.Indicator(code=row["indicator_code"]).get_absolute_url(),
                indicator_name(row),
            )
        return format_html('<span lang="zh-Hans">{}</span>', indicator_name(row))

    def value_indicator(self, record):
        return indicator_name(record["change"].row)

    def _side(self, row):
        if row is None:
            return "—"
        return format_html(
            '<div class="side">{}</div><q lang="zh-Hans">{}</q> <a class="quote-link" href="{}">{}</a>',
            _value_cell(row),
            row["quote"],
            row["quote_url"],
            gettext("原文位置"),
        )

    def render_old(self, record):
        return self._side(record["change"].old)

    def render_new(self, record):
        return self._side(record["change"].new)

    def value_old(self, record):
        return _side_text(record["change"].old)

    def value_new(self, record):
        return _side_text(record["change"].new)


def _sort_value(row):
    if row is None:
        return None
    measured = cmp.measure(row)
    return measured[0] if measured else None


def _side_text(row) -> str:
    if row is None:
        return ""
    return f"{fmt.display_row(row)}｜{row['quote']}"


class PivotTable(tables.Table):
    """A year × indicator pivot; its columns are added per page."""

    year = tables.Column(verbose_name=_("年度"))

    class Meta:
        template_name = "plans/_table.html"
        attrs = {"class": "data pivot"}
        empty_text = _("这个领域在所选地区还没有目标。")


def pivot_table(pivot, names: dict[str, str], links: dict[str, str]) -> PivotTable:
    """A table of a pandas pivot (index year, one column per indicator code)."""
    records = []
    for year, values in pivot.iterrows():
        record = {"year": int(year)}
        for code in pivot.columns:
            value = values[code]
            record[code] = "" if value is None or value != value else str(value)
        records.append(record)
    extra = [
        (
            code,
            tables.Column(
                verbose_name=names.get(code, code),
                attrs={"th": {"data-indicator": code}},
                empty_values=(),
                orderable=False,
            ),
        )
        for code in pivot.columns
    ]
    return PivotTable(records, extra_columns=extra)


class SeriesTable(tables.Table):
    """The data of one small chart: year, target, actual."""

    year = tables.Column(verbose_name=_("年度"))
    target = tables.Column(verbose_name=_("目标"), empty_values=())
    actual = tables.Column(verbose_name=_("实际"), empty_values=())

    class Meta:
        template_name = "plans/_table.html"
        attrs = {"class": "data mini"}
        orderable = False
        empty_text = _("暂无数据")


def series_records(rows: Iterable[dict]) -> list[dict]:
    """One record per year: the targets and the actuals shown as text."""
    by_year: dict[int, dict] = {}
    for row in rows:
        if row.get("year") is None:
            continue
        record = by_year.setdefault(
            row["year"], {"year": row["year"], "target": [], "actual": []}
        )
        text = fmt.display_row(row)
        if row.get("qualifier"):
            text = f"{fmt.qualifier_label(row['qualifier'])} {text}"
        bucket = "actual" if row["kind"] == m.Target.Kind.ACTUAL else "target"
        if text not in record[bucket]:
            record[bucket].append(text)
    return [
        {
            "year": y,
            "target": fmt.joined(r["target"]) or "—",
            "actual": fmt.joined(r["actual"]) or "—",
        }
        for y, r in sorted(by_year.items())
    ]


class DocumentListTable(tables.Table):
    region = tables.Column(verbose_name=_("地区"), accessor="region__name")
    year = tables.Column(verbose_name=_("年度"))
    kind = tables.Column(verbose_name=_("类型"))
    title = tables.Column(verbose_name=_("标题"))

    class Meta:
        template_name = "plans/_table.html"
        attrs = {"class": "data"}
        order_by = ("-year",)

    def render_kind(self, record):
        return record.get_kind_display()

    def render_title(self, value, record):
        # The title as shown: a lost year put back in brackets where it was inferred.
        shown = record.title_shown or value
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), shown)

    def value_title(self, value, record):
        return record.title_shown or value

    def render_region(self, record):
        return fmt.region_name(record.region.name, record.region.name_en)


class DepartmentTable(tables.Table):
    name = tables.Column(verbose_name=_("部门"))
    aliases = tables.Column(verbose_name=_("又称"), orderable=False)
    public_rows = tables.Column(verbose_name=_("目标数"))

    class Meta:
        template_name = "plans/_table.html"
        attrs = {"class": "data"}
        order_by = ("name",)

    def render_aliases(self, value):
        return "、".join(value)

    def value_aliases(self, value):
        return "; ".join(value)

    def render_name(self, record):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("plans:department", args=[record.pk]),
            fmt.department_name(record.name, record.name_en),
        )

    def value_name(self, record):
        return fmt.department_name(record.name, record.name_en)


class IndicatorListTable(tables.Table):
    name = tables.Column(verbose_name=_("指标"), accessor="name_zh")  # singular
    sector = tables.Column(verbose_name=_("领域"), accessor="sector__name_zh")
    unit = tables.Column(verbose_name=_("单位"))

    class Meta:
        template_name = "plans/_table.html"
        attrs = {"class": "data"}
        orderable = False

    def render_name(self, record):
        return format_html(
            '<a href="{}">{}</a>',
            record.get_absolute_url(),
            fmt.localised(record.name_zh, record.name_en),
        )

    def value_name(self, record):
        return fmt.localised(record.name_zh, record.name_en)

    def render_sector(self, record):
        return fmt.localised(record.sector.name_zh, record.sector.name_en)


# --------------------------------------------------------------------------- request & export


def configure(table: tables.Table, request, *, paginate: bool = True) -> tables.Table:
    """Sorting and page from the query string; bad values fall back, never fail."""
    table.request = request
    order_by = [
        o for o in request.GET.getlist("sort") if isinstance(o, str) and len(o) < 64
    ]
    if order_by:
        table.order_by = order_by
    if paginate:
        try:
            page = int(request.GET.get("page", 1))
        except (TypeError, ValueError):
            page = 1
        try:
            table.paginate(page=max(page, 1), per_page=PER_PAGE)
        except (EmptyPage, PageNotAnInteger):
            table.paginate(page=table.paginator.num_pages or 1, per_page=PER_PAGE)
    return table
