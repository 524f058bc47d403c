"""A target row: what the source says (value and unit as written, the quote and its span)
beside what the one refresh path derived (bound, indicator, normalised value, conflicts),
and the departments it is assigned to."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.models.catalogue import Indicator
from plans.models.departments import Department, DepartmentLink
from plans.models.documents import Document, Section
from plans.pipeline import types as pt


class TargetQuerySet(models.QuerySet):
    def for_indicator(self, indicator: "Indicator") -> "TargetQuerySet":
        """Rows that count for an indicator, as first or as one of several subjects."""
        return self.filter(
            Q(indicator=indicator) | Q(other_indicators=indicator)
        ).distinct()

    def public(self) -> "TargetQuerySet":
        """Rows of published documents that an official has not rejected."""
        return self.filter(document__status=Document.Status.PUBLISHED).exclude(
            review_status=Target.ReviewStatus.REJECTED
        )


class Target(models.Model):
    """One number a document sets (a target), reports (an actual) or mentions (context)."""

    class Kind(models.TextChoices):
        TARGET = pt.TARGET, _("目标")
        ACTUAL = pt.ACTUAL, _("实际")
        CONTEXT = pt.CONTEXT, _("背景")
        COMMITMENT = pt.COMMITMENT, _("承诺事项")

    class Origin(models.TextChoices):
        MACHINE = "machine", _("机器抽取")
        OFFICIAL = "official", _("人工")

    class ReviewStatus(models.TextChoices):
        PROPOSED = "proposed", _("待审")
        ACCEPTED = "accepted", _("已确认")
        REJECTED = "rejected", _("已驳回")

    class Bound(models.TextChoices):
        FLOOR = "floor", _("下限")
        CEILING = "ceiling", _("上限")
        ABOUT = "about", _("左右")
        EXACT = "exact", _("达到")
        RANGE = "range", _("区间")
        NONE = "none", _("无")

    class ValueProblem(models.TextChoices):
        TOO_LONG = (
            pt.VALUE_TOO_LONG,
            _(
                "原文数字位数过多（整数超过14位），无法作为数值保存，仅保留原文；请核对原文。"
            ),
        )
        TOO_PRECISE = (
            pt.VALUE_TOO_PRECISE,
            _("原文数字的小数超过6位，保存会被舍入，因此仅保留原文；请核对原文。"),
        )

    class Status(models.TextChoices):
        MET = "met", _("已完成")
        NOT_MET = "not_met", _("未完成")
        UNKNOWN = "unknown", _("无法判断")

    document = models.ForeignKey(
        Document,
        verbose_name=_("文件"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("章节"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("指标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    # A number serving several subjects ("民营企业、普惠金融贷款均增长12%以上") counts for
    # each of their indicators: ``indicator`` is the first, these are the others.
    other_indicators = models.ManyToManyField(
        Indicator,
        verbose_name=_("其他指标"),
        blank=True,
        related_name="shared_targets",
    )
    suggested_indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("建议指标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggested_targets",
    )
    suggestion_score = models.FloatField(_("建议相似度"), null=True, blank=True)

    subject = models.CharField(_("主题（原文）"), max_length=255)
    subjects = models.JSONField(_("多个主题"), default=list, blank=True)
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(_("期间起"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("期间止"), null=True, blank=True)
    comparator = models.CharField(_("比较词"), max_length=16, blank=True)
    qualifier = models.CharField(_("限定词"), max_length=8, blank=True)
    binding = models.CharField(_("约束性/预期性"), max_length=8, blank=True)
    relation = models.CharField(_("相对目标"), max_length=128, blank=True)

    value = models.DecimalField(
        _("数值"),
        max_digits=pt.VALUE_MAX_DIGITS,
        decimal_places=pt.VALUE_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    value_max = models.DecimalField(
        _("上限值"),
        max_digits=pt.VALUE_MAX_DIGITS,
        decimal_places=pt.VALUE_DECIMAL_PLACES,
        null=True,
        blank=True,
    )
    value_text = models.CharField(_("原文数值"), max_length=64, blank=True)
    unit = models.CharField(_("原文单位"), max_length=32, blank=True)
    normalised_value = models.DecimalField(
        _("标准值"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    normalised_unit = models.CharField(_("标准单位"), max_length=32, blank=True)

    value_missing = models.BooleanField(_("原文数字缺失"), default=False)
    # A number written with more digits than ``value`` holds: kept as written, no value.
    value_problem = models.CharField(
        _("数值问题"), max_length=16, choices=ValueProblem.choices, blank=True
    )
    text_repaired = models.BooleanField(_("文字已修复"), default=False)

    # Derived from the fields above by ``plans.refresh.refresh_targets`` (the one path
    # every writer goes through); ``manage.py verify_record`` checks them.
    bound = models.CharField(_("界限"), max_length=8, choices=Bound.choices, blank=True)
    definition = models.CharField(_("口径"), max_length=64, blank=True)
    status = models.CharField(
        _("完成情况"), max_length=8, choices=Status.choices, blank=True
    )
    actual_value = models.DecimalField(
        _("实际值（标准单位）"), max_digits=24, decimal_places=6, null=True, blank=True
    )
    conflict = models.BooleanField(_("与同年文件冲突"), default=False)
    # A relative target (高于全区平均增速, 与经济增长同步) judged against the series it
    # names: the parent region's or the same region's other indicator's result that year.
    relation_status = models.CharField(
        _("相对目标完成情况"), max_length=8, choices=Status.choices, blank=True
    )
    # The rows of other documents this one disagrees with (a published row is compared
    # with published rows only, a draft's row with all).
    conflicts_with = models.ManyToManyField(
        "self",
        verbose_name=_("冲突行"),
        blank=True,
        symmetrical=False,
        related_name="conflicted_by",
    )
    # "预计全年增长5.5%": an estimate of the year's result, not yet known (set by the import)
    estimate = models.BooleanField(_("预计值"), default=False)

    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    quote = models.TextField(_("原文句子"))
    duplicates = models.JSONField(_("重复出现位置"), default=list, blank=True)

    origin = models.CharField(
        _("来源"), max_length=16, choices=Origin.choices, default=Origin.MACHINE
    )
    edited = models.BooleanField(_("经人工修改"), default=False)
    review_status = models.CharField(
        _("审核状态"),
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PROPOSED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    departments = models.ManyToManyField(
        Department, through="TargetDepartment", related_name="targets", blank=True
    )

    objects = TargetQuerySet.as_manager()
    # Derived values that depend on other rows are not history: they are recomputed.
    history = HistoricalRecords(
        excluded_fields=[
            "version",
            "bound",
            "definition",
            "status",
            "actual_value",
            "relation_status",
        ]
    )

    class Meta:
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        ordering = ["document", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="target_span_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(value_missing=False) | Q(value__isnull=True),
                name="lost_value_is_never_filled_in",
            ),
            models.CheckConstraint(
                condition=Q(value_max__isnull=True) | Q(value__lte=F("value_max")),
                name="range_is_ordered",
            ),
            # A machine row is identified by its span: re-extraction updates it in place.
            models.UniqueConstraint(
                fields=["document", "start", "end"],
                condition=Q(origin="machine"),
                name="one_machine_row_per_span",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "year"], name="target_indicator_year"),
            # A series (one indicator in one region): the region's documents, then this
            # index, whatever the table's size.
            models.Index(
                fields=["indicator", "document"], name="target_indicator_document"
            ),
            models.Index(fields=["document", "start"], name="target_document_start"),
        ]
        permissions = [("review_target", _("可以确认或驳回目标"))]

    def __str__(self) -> str:
        return f"{self.subject} {self.value_text}{self.unit}"

    def save(self, *args, **kwargs) -> None:
        # The span check needs the document, so it cannot be a database constraint.
        self.clean()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plans:document", args=[self.document_id]) + f"#t{self.pk}"

    def citation_url(self) -> str:
        """The number's permalink: its page with the citation to copy."""
        return reverse("plans:target", args=[self.pk])

    def clean(self) -> None:
        document = self.document if self.document_id else None
        if document and not (document.start <= self.start < self.end <= document.end):
            raise ValidationError(
                _(
                    "目标的位置 %(start)s–%(end)s 不在所属文件 %(doc_start)s–%(doc_end)s 之内。"
                ),
                params={
                    "start": self.start,
                    "end": self.end,
                    "doc_start": document.start,
                    "doc_end": document.end,
                },
            )


class TargetDepartment(DepartmentLink):
    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="department_links"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="target_links"
    )

    class Meta:
        verbose_name = _("目标部门")
        verbose_name_plural = _("目标部门")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "department", "role"],
                name="one_role_per_target_department",
            )
        ]
