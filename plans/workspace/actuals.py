"""Workspace: upload a file of published results (or entered targets), CSV or XLSX.

The file is checked completely; a file with any bad row is refused with every problem by
line and changes nothing. A good file becomes draft sources (one per source page), which
officials review and publish like any document; the public sees nothing before that.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans.entered import EntryError, load_entered
from plans.pipeline import types as pt
from plans.workspace.views import official_required


class EnteredUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("文件内容"),
        choices=[
            (pt.ACTUAL, gettext_lazy("实际值（统计公报等公布的结果）")),
            (pt.TARGET, gettext_lazy("目标（录入自未存储的工作报告或计划）")),
        ],
        initial=pt.ACTUAL,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("CSV 或 XLSX 文件"),
        help_text=gettext_lazy(
            "列：地区、指标（代码或名称）、年度、数值、单位、来源标题、来源网址、发布日期"
            "（目标另有比较词、限定词、上限值、文件类型、原文）。"
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("只接受 .csv 或 .xlsx 文件。"))
        if upload.size > settings.MUBIAO_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件太大。"))
        return upload


@official_required("plans.add_sourcefile")
def upload_entered(request):
    form = EnteredUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = load_entered(
                upload.read(),
                name=upload.name,
                kind=form.cleaned_data["kind"],
                publish=False,
                user=request.user,
            )
        except EntryError as error:
            problems = error.problems
        else:
            messages.success(
                request,
                _(
                    "已导入 %(rows)d 行（新 %(new)d，更新 %(updated)d，未变 %(same)d），"
                    "来源 %(sources)d 个，待审核发布。"
                )
                % {
                    "rows": summary.rows,
                    "new": summary.created,
                    "updated": summary.updated,
                    "same": summary.unchanged,
                    "sources": len(summary.documents),
                },
            )
            return redirect("workspace:index")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/upload_entered.html",
        {"form": form, "problems": problems},
        status=status,
    )
