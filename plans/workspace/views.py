"""Workspace views: thin, each checks a permission on the server and calls one action.

Anonymous visitors are sent to log in; a logged-in user without the permission gets 403.
Every state change is a POST with a CSRF token; GET never changes anything.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plans import models as m
from plans.security import MAX_ID, safe_next
from plans.workspace import forms, history, pages, review, revisions
from plans.workspace.job_views import (  # noqa: F401 — re-exported, callers import them from here
    PUBLISHED_REFUSAL,
    STAGES,
    _enqueue,
    index,
    interrupted_message,
    job_detail,
    job_json,
    job_retry,
    job_state,
    official_required,
    upload,
)
from plans.workspace.models import ImportJob


def _document(pk: int) -> m.Document:
    return get_object_or_404(
        m.Document.objects.select_related("region", "source"), pk=pk
    )


@require_GET
@official_required("plans.change_target")
def document_review(request, pk: int):
    """The review queue: each row beside its sentence, filtered to what needs a decision."""
    document = _document(pk)
    filters = forms.ReviewFilterForm(request.GET or None)
    show, flag = "decision", ""
    if filters.is_valid():
        show = filters.cleaned_data["show"] or "decision"
        flag = filters.cleaned_data["flag"]
    page = pages.review_page(document, show=show, flag=flag)
    return render(
        request,
        "workspace/review.html",
        {
            "document": document,
            "page": page,
            "filters": filters,
            "show": show,
            "flag": flag,
            "add_form": forms.AddTargetForm(document=document),
            "year_form": year_form(document),
            "revisions": [
                (r, revisions.shown_changes(r)) for r in revisions.pending_for(document)
            ],
        },
    )


@require_POST
@official_required("plans.review_target")
def revision_decide(request, pk: int):
    """Accept or reject a pending revision (a reviewer who is not its author)."""
    revision = get_object_or_404(
        revisions.PendingRevision.objects.select_related("target"), pk=pk
    )
    back = reverse("workspace:document", args=[revision.target.document_id])
    action = request.POST.get("action")
    try:
        if action == "accept":
            revisions.accept(pk, request.user)
            messages.success(request, _("修改已接受，公众现在看到新的数值。"))
        elif action == "reject":
            revisions.reject(pk, request.user)
            messages.success(request, _("修改已拒绝，已发布的数值不变。"))
        else:
            return HttpResponseBadRequest(_("未知的操作。"))
    except revisions.SelfReview:
        messages.error(request, _("不能确认自己提出的修改，须由另一位审核人确认。"))
    except revisions.NotPending:
        messages.error(request, _("此修改已经处理过。"))
    except review.StaleVersion:
        messages.error(request, _("此行在修改提出后已有变化，修改已过时，未执行。"))
    return redirect(f"{back}#revisions")


def year_form(document: m.Document):
    """The form entering a year, where the text gives none (publishing waits for it)."""
    from plans.workspace.year import DocumentYearForm, needs_year

    if not needs_year(document):
        return None
    return DocumentYearForm(initial={"year": document.year})


def _back(request, target: m.Target) -> str:
    url = request.POST.get("next") or ""
    base = reverse("workspace:document", args=[target.document_id])
    if not url.startswith(base):
        url = base
    return f"{url}#row{target.pk}"


def _refused(request, error: review.StaleVersion):
    current = error.current
    messages.error(
        request,
        _(
            "“%(subject)s”已被他人修改（%(who)s），您的操作未执行。请查看最新内容后再决定。"
        )
        % {"subject": current.subject, "who": _last_author(current)},
    )


def _last_author(target: m.Target) -> str:
    record = target.history.select_related("history_user").first()
    if record is None or record.history_user is None:
        return _("机器抽取")
    return record.history_user.get_username()


@require_POST
@official_required("plans.review_target")
def target_decide(request, pk: int):
    """Accept or reject one row (reviewers)."""
    target = get_object_or_404(m.Target, pk=pk)
    status = {
        "accept": m.Target.ReviewStatus.ACCEPTED,
        "reject": m.Target.ReviewStatus.REJECTED,
    }.get(request.POST.get("action"))
    if status is None:
        raise Http404
    try:
        review.decide(pk, _version(request), status, request.user)
    except review.StaleVersion as error:
        _refused(request, error)
    return redirect(_back(request, target))


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError as error:
        raise PermissionDenied("no version") from error


@require_POST
@official_required("plans.review_target")
def bulk_accept(request, pk: int):
    """Accept the ticked rows of a document; each tick carries the version it showed."""
    document = _document(pk)
    versions = {}
    for value in request.POST.getlist("rows"):
        target_pk, _sep, version = value.partition(":")
        if target_pk.isdigit() and version.isdigit() and int(target_pk) <= MAX_ID:
            versions[int(target_pk)] = int(version)
    owned = set(document.targets.filter(pk__in=versions).values_list("pk", flat=True))
    versions = {k: v for k, v in versions.items() if k in owned}
    if not versions:
        messages.error(request, _("没有选择任何行。"))
    else:
        try:
            review.accept_many(versions, request.user)
        except review.StaleVersion as error:
            _refused(request, error)
        else:
            messages.success(request, _("已确认 %(n)d 行。") % {"n": len(versions)})
    return redirect(safe_next(request, document_url(document)))


def document_url(document: m.Document) -> str:
    return reverse("workspace:document", args=[document.pk])


@official_required("plans.change_target")
def target_edit(request, pk: int):
    """Edit one row; a save based on an old version is refused and both versions shown."""
    target = get_object_or_404(
        m.Target.objects.select_related("document__source", "indicator"), pk=pk
    )
    form = forms.TargetForm(request.POST or None, instance=target)
    conflict = None
    if request.method == "POST" and form.is_valid():
        published = target.document.status == m.Document.Status.PUBLISHED
        try:
            if published:
                # The public keeps the published value until another official accepts.
                revisions.propose(
                    pk,
                    form.cleaned_data["version"],
                    form.changes(),
                    request.user,
                    departments=form.departments(),
                )
            else:
                review.edit(
                    pk,
                    form.cleaned_data["version"],
                    form.changes(),
                    request.user,
                    departments=form.departments(),
                )
        except review.StaleVersion as error:
            conflict = _conflict(form, error.current)
            data = request.POST.copy()
            data["version"] = error.current.version
            form = forms.TargetForm(data, instance=error.current)
            form.is_valid()
        else:
            if published:
                messages.success(
                    request,
                    _("修改已提交，待另一位审核人确认；确认前公众仍看到已发布的数值。"),
                )
            else:
                messages.success(request, _("已保存。"))
            return redirect(_back(request, target))
    return render(
        request,
        "workspace/target_edit.html",
        {
            "target": target,
            "form": form,
            "conflict": conflict,
            "author": _last_author(target) if conflict else "",
            "next_url": request.POST.get("next") or request.GET.get("next", ""),
        },
        status=409 if conflict else (400 if request.method == "POST" else 200),
    )


def _conflict(form, current: m.Target) -> list[dict]:
    """Field by field: what is saved now, and what this official tried to save."""
    rows = []
    for name in forms.TargetForm.Meta.fields:
        field = form.fields[name]
        theirs = _shown(field, getattr(current, name))
        mine = _shown(field, form.cleaned_data.get(name))
        rows.append(
            {
                "label": field.label,
                "theirs": theirs,
                "mine": mine,
                "differs": theirs != mine,
            }
        )
    return rows


def _shown(field, value) -> str:
    """A value as the form shows it: choice labels, 是/否, numbers without trailing zeros."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    choices = dict(getattr(field, "choices", None) or [])
    if not isinstance(value, m.Indicator) and value in choices:
        return str(choices[value])
    return str(value)


@require_POST
@official_required("plans.change_target")
def target_suggestion(request, pk: int):
    """Map a row to its suggested indicator."""
    target = get_object_or_404(m.Target, pk=pk)
    if target.suggested_indicator_id is None:
        raise Http404
    try:
        review.accept_suggestion(pk, _version(request), request.user)
    except review.StaleVersion as error:
        _refused(request, error)
    return redirect(_back(request, target))


@require_POST
@official_required("plans.add_target")
def target_split(request, pk: int):
    """Split a row: one per subject, or a copy to edit into a second row."""
    target = get_object_or_404(m.Target, pk=pk)
    try:
        made = review.split(pk, _version(request), request.user)
    except review.StaleVersion as error:
        _refused(request, error)
    except review.PublishedRow:
        messages.error(request, PUBLISHED_REFUSAL)
    else:
        messages.success(
            request, _("已拆分为 %(n)d 行，请检查新行。") % {"n": len(made)}
        )
    return redirect(_back(request, target))


@require_POST
@official_required("plans.add_target")
def target_add(request, pk: int):
    """Add a row the machine missed, from a selection of the source text."""
    document = _document(pk)
    form = forms.AddTargetForm(request.POST, document=document)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(document_url(document))
    try:
        target = review.add_row(
            document,
            form.cleaned_data["start"],
            form.cleaned_data["end"],
            form.values(),
            request.user,
        )
    except review.PublishedRow:
        messages.error(request, PUBLISHED_REFUSAL)
        return redirect(document_url(document))
    messages.success(request, _("已添加：%(row)s") % {"row": target})
    return redirect(f"{document_url(document)}?show=all#row{target.pk}")


@require_GET
@official_required("plans.view_target")
def target_history(request, pk: int):
    """Every version of one row: who, when, before and after; older ones can be restored."""
    target = get_object_or_404(m.Target.objects.select_related("document"), pk=pk)
    return render(
        request,
        "workspace/target_history.html",
        {"target": target, "changes": history.target_history(target)},
    )


@require_POST
@official_required("plans.change_target")
def target_revert(request, pk: int):
    """Restore a row as it was in one history record (itself recorded as a change)."""
    target = get_object_or_404(m.Target, pk=pk)
    history_id = request.POST.get("history_id", "")
    if (
        not history_id.isdigit()
        or not target.history.filter(history_id=int(history_id)).exists()
    ):
        raise Http404
    try:
        review.revert(pk, _version(request), int(history_id), request.user)
    except review.StaleVersion as error:
        _refused(request, error)
    except review.PublishedRow:
        messages.error(request, PUBLISHED_REFUSAL)
    else:
        messages.success(request, _("已恢复到所选版本。"))
    return redirect("workspace:target_history", pk=pk)


@require_GET
@official_required("plans.view_document")
def document_history(request, pk: int):
    """Changes to a document and all its rows, newest first, with their authors."""
    document = _document(pk)
    changes = history.document_history(document)
    officials_only = request.GET.get("who") == "officials"
    if officials_only:
        changes = [change for change in changes if change.by_official]
    return render(
        request,
        "workspace/document_history.html",
        {"document": document, "changes": changes, "officials_only": officials_only},
    )


@require_POST
@official_required("plans.publish_document")
def document_publish(request, pk: int):
    """Publish (no row may need a decision) or unpublish a document."""
    document = _document(pk)
    publish = request.POST.get("action") != "unpublish"
    try:
        document = review.set_published(document.pk, publish, request.user)
    except review.YearMissing:
        messages.error(request, _("此文件的年度未知：请先在下方填写计划年度，再发布。"))
    except review.PublishRefused as refused:
        messages.error(
            request,
            _("还有 %(n)d 行需要决定，暂不能发布。") % {"n": refused.pending},
        )
    else:
        unreviewed = review.unreviewed_count(document) if publish else 0
        if unreviewed:
            messages.warning(
                request,
                _(
                    "已发布，公众现在可以看到此文件。其中 %(n)d 行未经人工核对，"
                    "公开页面把它们标为“机器读取”。"
                )
                % {"n": unreviewed},
            )
        elif publish:
            messages.success(request, _("已发布，公众现在可以看到此文件。"))
        else:
            messages.success(request, _("已撤回为草稿，公众不再能看到此文件。"))
    return redirect(document_url(document))


@require_POST
@official_required("plans.change_document")
def document_reextract(request, pk: int):
    """Run the current extractor again over the document's source, in the background."""
    document = _document(pk)
    with transaction.atomic():
        job = ImportJob.objects.create(
            kind=ImportJob.Kind.REEXTRACT,
            name=document.source.name,
            source=document.source,
            sha256=document.source.sha256,
            size=document.source.size,
            created_by=request.user,
        )
        _enqueue(job)
    return redirect(job)
