"""The indicator catalogue's mirror (``Sector``, ``Indicator``, ``CatalogueState``) of
``data/catalogue.yaml``, and the subjects officials mapped by hand (``SubjectAlias``: a
pending addition to the file until ``manage.py export_catalogue --write``)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
