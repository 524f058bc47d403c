"""Filters of the public pages (django-filter), all carried in the query string.

Every value is validated by a form field with bounds, so no query string can reach the
database as something it cannot compare (a year of 10**20 on PostgreSQL's smallint), and an
invalid value is reported on the page and ignored rather than failing.
"""

from __future__ import annotations

import django_filters as df
from django import forms
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plans import formatting as fmt
from plans import models as m
from plans.pipeline import lexicon

YEAR_MIN, YEAR_MAX = 1949, 2100

COMPARATOR_CHOICES = [
    (fmt.FLOOR, _("下限（≥ 以上、不低于、突破…）")),
    (fmt.ABOUT, _("左右（≈）")),
    (fmt.CEILING, _("上限（≤ 以内、不超过…）")),
    (fmt.EXACT, _("达到 / 未注明")),
]
QUALIFIER_CHOICES = [
    # The word in the page's language from the vocabulary file, read at render time.
    *(
        (q, lazy(fmt.qualifier_label, str)(q))
        for q in lexicon.current().recorded_qualifiers()
    ),
    ("none", _("无限定词")),
]
KIND_CHOICES = [(m.Target.Kind.TARGET, _("目标")), (m.Target.Kind.ACTUAL, _("实际"))]
ROLE_CHOICES = m.Role.choices


class YearFilter(df.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        kwargs.setdefault("field_name", "year")
        super().__init__(*args, **kwargs)


def comparator_q(klass: str) -> Q:
    """Rows whose comparator word sets a bound (the lexicon's words of that bound)."""
    lex = lexicon.current()
    klass = lex.bound_name(klass)
    if klass in (fmt.FLOOR, fmt.ABOUT, fmt.CEILING):
        return Q(comparator__in=lex.words_of(klass))
    others = [*lex.words_of(fmt.FLOOR), *lex.words_of(fmt.ABOUT)]
    return ~Q(comparator__in=[*others, *lex.words_of(fmt.CEILING)])


class RowFilter(df.FilterSet):
    """Rows of one indicator or one department: years, kind, comparator, qualifier."""

    year_from = YearFilter(lookup_expr="gte", label=_("起始年度"))
    year_to = YearFilter(lookup_expr="lte", label=_("截止年度"))
    kind = df.ChoiceFilter(choices=KIND_CHOICES, label=_("类别"), empty_label=_("全部"))
    comparator = df.ChoiceFilter(
        choices=COMPARATOR_CHOICES,
        method="filter_comparator",
        label=_("比较词"),
        empty_label=_("全部"),
    )
    qualifier = df.ChoiceFilter(
        choices=QUALIFIER_CHOICES,
        method="filter_qualifier",
        label=_("限定词"),
        empty_label=_("全部"),
    )
    document_kind = df.ChoiceFilter(
        field_name="document__kind",
        choices=m.Document.Kind.choices,
        label=_("文件类型"),
        empty_label=_("全部"),
    )

    class Meta:
        model = m.Target
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        # Bounds were named at_least / at_most / reach in older links: still accepted.
        value = data.get("comparator") if data is not None else None
        if value and lexicon.current().bound_name(value) != value:
            data = data.copy()
            data["comparator"] = lexicon.current().bound_name(value)
        super().__init__(data, *args, **kwargs)

    def filter_comparator(self, queryset, name, value):
        return queryset.filter(comparator_q(value))

    def filter_qualifier(self, queryset, name, value):
        return queryset.filter(qualifier="" if value == "none" else value)


class DepartmentRowFilter(RowFilter):
    role = df.ChoiceFilter(
        choices=ROLE_CHOICES,
        method="filter_role",
        label=_("角色"),
        empty_label=_("全部"),
    )

    def __init__(self, *args, department_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.department_id = department_id

    def filter_role(self, queryset, name, value):
        return queryset.filter(
            department_links__role=value,
            department_links__department_id=self.department_id,
        )


def sector_choices() -> list[tuple[str, str]]:
    """Sectors of the catalogue, named in the page's language (one query, on use)."""
    return [
        (code, fmt.localised(zh, en))
        for code, zh, en in m.Sector.objects.order_by("order", "code").values_list(
            "code", "name_zh", "name_en"
        )
    ]


class CompareFilter(df.FilterSet):
    """What to compare between two years: document kind, sector."""

    document_kind = df.ChoiceFilter(
        field_name="document__kind",
        choices=m.Document.Kind.choices,
        label=_("文件类型"),
        empty_label=_("全部"),
    )
    sector = df.ChoiceFilter(
        field_name="indicator__sector__code",
        choices=sector_choices,
        label=_("领域"),
        empty_label=_("全部"),
    )
    mapped = df.ChoiceFilter(
        choices=[("yes", _("仅已对应指标的目标"))],
        method="filter_mapped",
        label=_("指标"),
        empty_label=_("全部目标"),
    )

    def filter_mapped(self, queryset, name, value):
        return queryset.filter(indicator__isnull=False)

    class Meta:
        model = m.Target
        fields: list[str] = []


class CompareForm(forms.Form):
    """The two years to compare and which changes to show."""

    a = forms.IntegerField(
        label=_("前一年"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False
    )
    b = forms.IntegerField(
        label=_("后一年"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False
    )
    status = forms.ChoiceField(
        label=_("变化"),
        required=False,
        choices=[
            ("", _("全部")),
            ("new", pgettext_lazy("change", "新增")),
            ("dropped", pgettext_lazy("change", "取消")),
            ("raised", pgettext_lazy("change", "提高")),
            ("lowered", pgettext_lazy("change", "降低")),
            ("qualifier", pgettext_lazy("change", "限定词改变")),
            ("unchanged", pgettext_lazy("change", "不变")),
            ("incomparable", pgettext_lazy("change", "不可比")),
        ],
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("搜索"), max_length=100, required=False, strip=True)
