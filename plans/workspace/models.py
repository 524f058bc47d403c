"""Import jobs: an uploaded file's bytes and the state of its background extraction.

The job is written outside the importer's transaction, so its progress is visible while the
import runs and survives the import's rollback: a failed or killed job leaves its reason here
and nothing half-made in the plan tables.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    class Kind(models.TextChoices):
        UPLOAD = "upload", _("上传导入")
        REEXTRACT = "reextract", _("重新抽取")

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("处理中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    kind = models.CharField(
        _("类型"), max_length=16, choices=Kind.choices, default=Kind.UPLOAD
    )
    name = models.CharField(_("文件名"), max_length=255)
    data = models.BinaryField(_("上传的文件"), blank=True, default=b"")
    file_format = models.CharField(_("格式"), max_length=8, blank=True)
    size = models.PositiveIntegerField(_("字节数"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    source = models.ForeignKey(
        "plans.SourceFile",
        verbose_name=_("来源文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    stage = models.CharField(_("阶段"), max_length=16, default="queued")
    percent = models.PositiveSmallIntegerField(_("进度"), default=0)
    error_code = models.CharField(_("错误代码"), max_length=32, blank=True)
    message = models.TextField(_("说明"), blank=True)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # Written every few seconds by the process running the job (``jobs.Heartbeat``).
    heartbeat_at = models.DateTimeField(_("最后心跳"), null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("workspace:job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    # Failures of the run, not of the file: the same file may well go through next time
    # (a raised limit, a restarted worker, a fixed bug). A refused file (empty, duplicate,
    # unreadable, no region...) fails the same way again, so it is not offered a retry.
    RETRYABLE_CODES = frozenset(
        {"time_limit", "memory_limit", "worker_died", "internal"}
    )

    @property
    def retryable(self) -> bool:
        """Whether running the job again could end otherwise: it was interrupted or
        failed for a reason of its run, not refused for its file."""
        if self.status == self.Status.FAILED:
            return self.error_code in self.RETRYABLE_CODES
        return self.stalled

    @property
    def stalled(self) -> bool:
        """A job that stopped reporting: a running job whose heartbeat stopped (its
        worker died: shown within ``MUBIAO_JOB_HEARTBEAT_TIMEOUT`` seconds), or a queued
        one no worker picked up."""
        if self.finished:
            return False
        now = timezone.now()
        if self.status == self.Status.RUNNING:
            last = max(filter(None, [self.heartbeat_at, self.updated_at]))
            return now - last > timedelta(seconds=settings.MUBIAO_JOB_HEARTBEAT_TIMEOUT)
        limit = timedelta(seconds=settings.MUBIAO_JOB_STALE_SECONDS)
        return now - self.updated_at > limit


class PendingRevision(models.Model):
    """An official's change to a row of a published document, waiting for a reviewer.

    The row (and so the public) keeps its published values until a reviewer other than
    the author accepts the revision (``plans.workspace.revisions``); the revision itself
    is the record of what was proposed, by whom and when, and what was decided.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        ACCEPTED = "accepted", _("已接受")
        REJECTED = "rejected", _("已拒绝")
        STALE = "stale", _("已过时")

    target = models.ForeignKey(
        "plans.Target",
        verbose_name=_("目标"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    base_version = models.PositiveIntegerField(_("基于的版本"))
    # field name -> new value as JSON (decimals as text, the indicator as its id)
    changes = models.JSONField(_("修改内容"), default=dict)
    # role -> department names, when the departments were changed
    departments = models.JSONField(_("部门"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("待确认的修改")
        verbose_name_plural = _("待确认的修改")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.target_id} ({self.get_status_display()})"
