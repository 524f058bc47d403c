"""The data model: regions, source files, the documents found in them, and target rows.

A target row keeps what the source says (value as written, unit as written, the quote and its
character span) beside what we derived (decimal value, indicator, normalised value), so that
nothing derived can hide what was written. Only ``plans.importer`` (and officials through the
workspace) write rows.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from plans.pipeline import types as pt


class Region(models.Model):
    class Level(models.TextChoices):
        COUNTRY = "country", _("国家")
        PROVINCE = "province", _("省级")
        PREFECTURE = "prefecture", _("地级")
        COUNTY = "county", _("县级")
        UNKNOWN = "unknown", _("未知")

    name = models.CharField(_("名称"), max_length=64, unique=True)
    name_en = models.CharField(_("英文名"), max_length=64, blank=True)
    slug = models.SlugField(_("标识"), max_length=64, unique=True, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    level = models.CharField(
        _("级别"), max_length=16, choices=Level.choices, default=Level.UNKNOWN
    )

    class Meta:
        verbose_name = _("地区")
        verbose_name_plural = _("地区")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SourceFile(models.Model):
    """A file as it was imported: its bytes' hash and its decoded text, verbatim."""

    name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    encoding = models.CharField(_("编码"), max_length=32)
    size = models.PositiveIntegerField(_("字节数"))
    text = models.TextField(_("文本"))
    # ``decode.text_fingerprint`` of the text: the same text in another encoding, Unicode
    # form, line ends or spacing has the same one (set by ``plans.importer``).
    text_hash = models.CharField(
        _("规范化文本的哈希"), max_length=64, blank=True, db_index=True
    )
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("来源文件")
        verbose_name_plural = _("来源文件")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DocumentQuerySet(models.QuerySet):
    def published(self) -> "DocumentQuerySet":
        """Documents the public may see."""
        return self.filter(status=Document.Status.PUBLISHED)


class Document(models.Model):
    """One document found in a source file (a file may hold several)."""

    class Kind(models.TextChoices):
        PLAN = pt.PLAN, _("国民经济和社会发展计划")
        WORK_REPORT = pt.WORK_REPORT, _("政府工作报告")
        TASK_DIVISION = pt.TASK_DIVISION, _("重点任务分工方案")
        OTHER = pt.OTHER, _("其他")

    class YearSource(models.TextChoices):
        STATED = pt.YEAR_STATED, _("文中明示")
        INFERRED = pt.YEAR_INFERRED, _("据文推断")
        UNKNOWN = pt.YEAR_UNKNOWN, _("未知")
        ENTERED = pt.YEAR_ENTERED, _("由工作人员录入")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    class Entry(models.TextChoices):
        # A stored text the pipeline read, or numbers an official entered from a
        # published source that is not stored here (the page at ``source_url``).
        EXTRACTED = "extracted", _("从存储的文件中抽取")
        ENTERED = "entered", _("录入自公开来源")

    source = models.ForeignKey(
        SourceFile,
        verbose_name=_("来源文件"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("地区"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("计划年度"), null=True, blank=True)
    year_source = models.CharField(
        _("年度来源"), max_length=16, choices=YearSource.choices
    )
    year_evidence = models.JSONField(_("年度依据"), default=list, blank=True)
    title = models.CharField(_("标题"), max_length=255)
    # The title as written, with a year the text lost put back in brackets where the year
    # was inferred ("通辽市[2021]年…"): what pages show. Derived at import.
    title_shown = models.CharField(_("显示标题"), max_length=270, blank=True)
    issued = models.CharField(_("发布日期"), max_length=32, blank=True)
    # Who issued it and where it was published, as the source says (blank when it
    # does not say; an official may fill them in from the original).
    issuer = models.CharField(_("发布机关"), max_length=128, blank=True)
    source_url = models.URLField(_("原文网址"), max_length=500, blank=True)
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    unrepaired_masks = models.JSONField(
        _("未修复的遮挡字符位置"), default=list, blank=True
    )
    entry = models.CharField(
        _("数据来源方式"), max_length=16, choices=Entry.choices, default=Entry.EXTRACTED
    )
    # ``decode.text_fingerprint`` of the document's text: another file holding the same
    # document in any encoding or spacing is refused as a duplicate of this one.
    text_hash = models.CharField(
        _("规范化文本的哈希"), max_length=64, blank=True, db_index=True
    )

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("文件")
        verbose_name_plural = _("文件")
        ordering = ["region__name", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "start", "end"], name="one_document_per_file_span"
            ),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="document_span_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["region", "year"], name="document_region_year"),
            # Every request reads when the public data last changed (plans.cache): the
            # newest publication is the end of this index, not a walk of every document.
            models.Index(
                fields=["status", "published_at"], name="document_status_published"
            ),
        ]
        permissions = [("publish_document", _("可以发布或撤回文件"))]

    def __str__(self) -> str:
        return f"{self.year or '?'} {self.title_shown or self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:document", args=[self.pk])

    @property
    def is_entered(self) -> bool:
        return self.entry == self.Entry.ENTERED

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end]


class Section(models.Model):
    """A heading, numbered item or task of a document, with its departments."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveIntegerField(_("顺序"))
    path = models.JSONField(_("标题路径"), default=list)
    number = models.CharField(_("编号"), max_length=32, blank=True)
    leader = models.CharField(_("责任领导"), max_length=64, blank=True)
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))

    class Meta:
        verbose_name = _("章节")
        verbose_name_plural = _("章节")
        ordering = ["document", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "order"], name="one_section_per_order"
            ),
            models.CheckConstraint(
                condition=Q(start__lte=F("end")), name="section_span_ordered"
            ),
        ]

    def __str__(self) -> str:
        return " › ".join(self.path) or self.number

    @property
    def heading(self) -> str:
        return self.path[-1] if self.path else self.number


class Department(models.Model):
    """A government unit, by its canonical name (市发展改革委, 市农牧局 …)."""

    name = models.CharField(_("名称"), max_length=128, unique=True)
    name_en = models.CharField(_("英文名"), max_length=128, blank=True)
    # From the department register (data/departments.yaml): the other names of the body.
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    # The name still carries a mask (财*局) that no text proved: shown as written.
    masked = models.BooleanField(_("名称有遮挡"), default=False)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    RESPONSIBLE = pt.RESPONSIBLE, _("责任单位")
    LEAD = pt.LEAD, _("牵头单位")
    SUPPORT = pt.SUPPORT, _("配合单位")


class DepartmentLink(models.Model):
    """A unit named for a section or a row, in a role, with its name as written."""

    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    name_as_written = models.CharField(_("原文名称"), max_length=128)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.name_as_written} ({self.get_role_display()})"


class SectionDepartment(DepartmentLink):
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="department_links"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="section_links"
    )

    class Meta:
        verbose_name = _("章节部门")
        verbose_name_plural = _("章节部门")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "department", "role"],
                name="one_role_per_section_department",
            )
        ]


class Sector(models.Model):
    code = models.SlugField(_("代码"), max_length=64, unique=True)
    name_zh = models.CharField(_("中文名"), max_length=64)
    name_en = models.CharField(_("英文名"), max_length=128)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("领域")
        verbose_name_plural = _("领域")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name_zh


class CatalogueState(models.Model):
    """Which ``data/catalogue.yaml`` the Sector/Indicator tables mirror (one row)."""

    sha256 = models.CharField(_("SHA-256"), max_length=64)
    loaded_at = models.DateTimeField(_("载入时间"), auto_now=True)

    class Meta:
        verbose_name = _("指标目录版本")
        verbose_name_plural = _("指标目录版本")

    def __str__(self) -> str:
        return self.sha256[:12]


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("越高越好")
        LOWER = "lower", _("越低越好")
        NEUTRAL = "neutral", _("无方向")

    code = models.SlugField(_("代码"), max_length=64, unique=True)
    name_zh = models.CharField(_("中文名"), max_length=128)
    name_en = models.CharField(_("英文名"), max_length=255)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("领域"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    unit = models.CharField(_("标准单位"), max_length=32)
    kind = models.CharField(_("指标类型"), max_length=16, blank=True)
    direction = models.CharField(
        _("方向"), max_length=16, choices=Direction.choices, default=Direction.HIGHER
    )
    headline = models.BooleanField(_("主要预期目标"), default=False)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    unit_conversions = models.JSONField(_("单位换算"), default=dict, blank=True)
    definition_changes = models.JSONField(_("口径变化"), default=list, blank=True)
    notes = models.TextField(_("说明"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["sector__order", "code"]

    def __str__(self) -> str:
        return self.name_zh

    def get_absolute_url(self) -> str:
        return reverse("plans:indicator", args=[self.code])


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


class Repair(models.Model):
    """A masked character restored from evidence in the text; the original is kept."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="repairs"
    )
    position = models.PositiveIntegerField(_("位置"))
    original = models.CharField(_("原文"), max_length=8)
    repaired = models.CharField(_("修复为"), max_length=8)
    evidence = models.TextField(_("依据"))

    class Meta:
        verbose_name = _("文字修复")
        verbose_name_plural = _("文字修复")
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="one_repair_per_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.original} → {self.repaired}"


class SubjectAlias(models.Model):
    """A subject an official mapped to an indicator: the catalogue's aliases, grown by hand.

    Every row written with this subject (cleaned as ``pipeline.normalise.clean_subject``
    cleans it) maps to the indicator, now and after any re-import or re-extraction.
    """

    alias = models.CharField(_("主题"), max_length=255, unique=True)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("指标"),
        on_delete=models.CASCADE,
        related_name="official_aliases",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("人工对应的主题")
        verbose_name_plural = _("人工对应的主题")
        ordering = ["alias"]

    def __str__(self) -> str:
        return f"{self.alias} → {self.indicator.code}"
