"""The departments documents assign work to, and their links to sections (a row's links
are ``targets.TargetDepartment``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.models.documents import Section
from plans.pipeline import types as pt


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
