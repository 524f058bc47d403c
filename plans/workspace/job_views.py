"""The workspace's start page, uploads and import jobs (their progress as a page and as JSON,
and a retry), and the permission check every workspace view uses.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from plans.pipeline.decode import SourceError
from plans.workspace import forms, pages
from plans.workspace import jobs as job_runs
from plans.workspace.models import ImportJob

STAGES = {
    "queued": gettext_lazy("排队中"),
    "start": gettext_lazy("开始"),
    "convert": gettext_lazy("读取文件"),
    "decode": gettext_lazy("识别编码"),
    "segment": gettext_lazy("切分文件与章节"),
    "extract": gettext_lazy("抽取数字"),
    "store": gettext_lazy("写入数据库"),
    "done": gettext_lazy("完成"),
    "failed": gettext_lazy("失败"),
}


def official_required(perm: str):
    """Log in first (redirect), then have ``perm`` (else 403)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _enqueue(job: ImportJob) -> None:
    from plans.workspace.tasks import run_import_job

    # Only once the job row is committed, or the worker could look for it too early.
    transaction.on_commit(lambda: run_import_job(job.pk))


@require_GET
@official_required("plans.change_target")
def index(request):
    """Drafts to review, recent import jobs, published documents."""
    drafts, published, jobs = pages.workspace_index()
    return render(
        request,
        "workspace/index.html",
        {"drafts": drafts, "published": published, "jobs": jobs, "stages": STAGES},
    )


@official_required("plans.add_sourcefile")
def upload(request):
    """Check each file completely; queue the good ones, refuse the others with a reason."""
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        queued = []
        seen: dict[str, str] = {}
        for upload in form.cleaned_data["files"]:
            try:
                prepared = forms.prepare(upload, seen)
            except SourceError as error:
                messages.error(request, forms.refusal(error, upload.name))
                continue
            with transaction.atomic():
                job = ImportJob.objects.create(
                    name=prepared.name,
                    data=prepared.data,
                    file_format=prepared.format,
                    size=prepared.size,
                    sha256=prepared.sha256,
                    created_by=request.user,
                )
                _enqueue(job)
            queued.append(job)
        if queued:
            messages.success(
                request,
                _("已加入后台处理：%(names)s")
                % {"names": "、".join(j.name for j in queued)},
            )
            if len(queued) == 1:
                return redirect(queued[0])
            return redirect("workspace:index")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/upload.html",
        {"form": form, "limit": forms._human_size(settings.MUBIAO_MAX_UPLOAD_BYTES)},
        status=status,
    )


PUBLISHED_REFUSAL = gettext_lazy(
    "此文件已发布：行的增加、拆分和恢复须先撤回为草稿；修改某一行请用“编辑”提交，"
    "由另一位审核人确认。"
)


def interrupted_message(job: ImportJob) -> str:
    """A job whose worker stopped, and exactly what of it is in the database."""
    if job.status == ImportJob.Status.QUEUED:
        return _("还没有后台进程处理此任务（后台进程可能没有运行）。可以重试。")
    saved = job_runs.saved_by(job)
    last = job.heartbeat_at or job.updated_at
    if saved is None:
        return _(
            "后台进程已中断（最后心跳 %(time)s）。导入是一个整体，"
            "数据库未作任何更改。可以重试。"
        ) % {"time": timezone.localtime(last).strftime("%H:%M:%S")}
    return _(
        "后台进程已中断（最后心跳 %(time)s）。此文件已完整保存："
        "%(documents)d 份文件，%(rows)d 行。"
    ) % {
        "time": timezone.localtime(last).strftime("%H:%M:%S"),
        "documents": saved[0],
        "rows": saved[1],
    }


def job_state(job: ImportJob) -> dict:
    """What the progress page shows, as JSON."""
    message = job.message
    if job.status == ImportJob.Status.FAILED:
        refers_to = job.result.get("refers_to") or {}
        message = forms.upload_message(
            job.error_code,
            job.name,
            detail=job.message,
            other=refers_to.get("title", job.message),
        )
    elif job.stalled:
        message = interrupted_message(job)
    return {
        "id": job.pk,
        "name": job.name,
        "status": job.status,
        "status_label": job.get_status_display(),
        "stage": job.stage,
        "stage_label": str(STAGES.get(job.stage, job.stage)),
        "percent": job.percent,
        "finished": job.finished,
        "stalled": job.stalled,
        "retryable": job.retryable,
        "message": message,
        "result": job.result,
        "url": job.get_absolute_url(),
    }


@require_GET
@official_required("plans.add_sourcefile")
def job_detail(request, pk: int):
    """One job's live progress (polled from ``job_json``) and its result."""
    job = get_object_or_404(ImportJob.objects.defer("data"), pk=pk)
    return render(request, "workspace/job.html", {"job": job, "state": job_state(job)})


@require_GET
@official_required("plans.add_sourcefile")
def job_json(request, pk: int):
    """The job's stage, percentage and result: the progress page polls this."""
    job = get_object_or_404(ImportJob.objects.defer("data"), pk=pk)
    return JsonResponse(job_state(job))


@require_POST
@official_required("plans.add_sourcefile")
def job_retry(request, pk: int):
    """Queue a failed or stalled job again (its import never half-happened)."""
    job = get_object_or_404(ImportJob.objects.defer("data"), pk=pk)
    if not job.retryable:
        messages.error(
            request,
            _(
                "只有中断或因运行原因失败的任务可以重试；文件本身被拒绝的，重试结果相同。"
            ),
        )
        return redirect(job)
    with transaction.atomic():
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.QUEUED, stage="queued", percent=0, message=""
        )
        _enqueue(job)
    return redirect(job)
