"""Where rows come from: regions, the source files, the documents found in them, their
sections, and the masked characters repaired in their text."""

from django.conf import settings
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
