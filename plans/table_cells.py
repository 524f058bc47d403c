"""What the public tables write in a cell: labels of kinds, statuses, roles and review states,
a row's citation, its value with its tags, and changes of bound and qualifier in words.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plans import compare as cmp
from plans import formatting as fmt
from plans import models as m

PER_PAGE = 50

KIND_LABELS = {
    m.Target.Kind.TARGET: _("目标"),
    m.Target.Kind.ACTUAL: _("实际"),
    m.Target.Kind.CONTEXT: _("背景"),
    m.Target.Kind.COMMITMENT: _("承诺事项"),
}


class _StatusLabels:
    """Result statuses in the page's language, from the lexicon (data/lexicon.yaml)."""

    def __getitem__(self, status: str) -> str:
        return fmt.status_label(status)

    def get(self, status: str, default: str = "") -> str:
        return fmt.status_label(status) if status else default


STATUS_LABELS = _StatusLabels()
ROLE_LABELS = {
    m.Role.RESPONSIBLE: _("责任单位"),
    m.Role.LEAD: _("牵头单位"),
    m.Role.SUPPORT: _("配合单位"),
}
CHANGE_LABELS = {
    cmp.NEW: pgettext_lazy("change", "新增"),
    cmp.DROPPED: pgettext_lazy("change", "取消"),
    cmp.RAISED: pgettext_lazy("change", "提高"),
    cmp.LOWERED: pgettext_lazy("change", "降低"),
    cmp.QUALIFIER: pgettext_lazy("change", "限定词改变"),
    cmp.UNCHANGED: pgettext_lazy("change", "不变"),
    cmp.INCOMPARABLE: pgettext_lazy("change", "不可比"),
}
REASON_LABELS = {
    cmp.LOST: _("原文数字缺失"),
    cmp.UNIT: _("单位不同"),
    cmp.DEFINITION: _("统计口径不同"),
    cmp.NOT_NUMERIC: _("非数值"),
    "": "",
}


def document_kind_label(kind: str) -> str:
    return str(dict(m.Document.Kind.choices).get(kind, kind))


def indicator_name(row: dict) -> str:
    if row.get("indicator_code"):
        return fmt.localised(row["indicator_zh"], row["indicator_en"])
    return row.get("subject", "")


def departments_text(row: dict) -> str:
    return "、".join(
        f"{fmt.department_name(d['department__name'], d['department__name_en'])}"
        f"（{ROLE_LABELS.get(d['role'], d['role'])}）"
        for d in row.get("departments", [])
    )


def citation(row: dict) -> str:
    """Document title, year, section: where a value comes from (and the source page,
    for numbers entered from a published source)."""
    parts = [row["document_title"]]
    if row.get("document_entry") == "entered":
        parts.append(
            gettext("录入自公开来源 %(url)s") % {"url": row.get("source_url", "")}
        )
    if row.get("document_year"):
        parts.append(gettext("%(year)s年") % {"year": row["document_year"]})
    if row.get("section"):
        parts.append(row["section"])
    return "，".join(parts)


def word_changes(change: cmp.Change) -> list[str]:
    """A change of bound word and of qualifier, each in words of its own:
    "界限：≥ 以上 → ≈ 左右", "限定词：确保 → 力争"."""
    none = gettext("未写明")
    out = []
    if change.bound_change:
        before, after = change.bound_change
        out.append(
            gettext("界限：%(before)s → %(after)s")
            % {
                "before": _bound_words(before) or none,
                "after": _bound_words(after) or none,
            }
        )
    if change.qualifier_change:
        before, after = change.qualifier_change
        out.append(
            gettext("限定词：%(before)s → %(after)s")
            % {
                "before": fmt.qualifier_label(before) or none,
                "after": fmt.qualifier_label(after) or none,
            }
        )
    return out


def _bound_words(comparator: str) -> str:
    glyph = fmt.glyph(comparator)
    word = fmt.comparator_label(comparator)
    return f"{glyph} {word}".strip()


def review_label(status: str) -> str:
    """ "人工核对" for a row an official accepted, "机器读取" otherwise."""
    if status == m.Target.ReviewStatus.ACCEPTED:
        return gettext("人工核对")
    return gettext("机器读取")


def review_tag(status: str):
    reviewed = status == m.Target.ReviewStatus.ACCEPTED
    return format_html(
        '<span class="tag {}" title="{}">{}</span>',
        "reviewed" if reviewed else "machine",
        gettext("工作人员已对照原文确认")
        if reviewed
        else gettext("程序读出，尚未经人工核对"),
        review_label(status),
    )


def _value_cell(row: dict):
    words = fmt.relation_words(row.get("relation", ""))
    relation = format_html('<span class="relation">{}</span>', words) if words else ""
    if row.get("kind") == m.Target.Kind.COMMITMENT:  # never a number: its words say it
        return format_html('<span class="no-value">{}</span>', fmt.display_row(row))
    text = fmt.display(
        comparator=row["comparator"],
        value=row["value"],
        value_max=row["value_max"],
        written=row["value_text"],
        unit=row["unit"],
        missing=row["value_missing"],
    )
    if row["value_missing"]:
        cell = format_html('<span class="lost-value">{}</span>', text)
    elif word := fmt.comparator_label(row["comparator"]):
        cell = format_html('<span class="value" title="{}">{}</span>', word, text)
    else:
        cell = format_html('<span class="value">{}</span>', text)
    if row.get("estimate"):
        cell = format_html("{} {}", cell, estimate_tag())
    return format_html("{} {}", cell, relation) if relation else cell


def estimate_tag():
    """ "预计 / estimate" beside a value that estimates the year's result."""
    return format_html(
        '<span class="tag estimate" title="{}">{}</span>',
        gettext("预计值：对全年结果的估计，不是目标"),
        gettext("预计"),
    )
