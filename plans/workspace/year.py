"""Workspace: an official enters the year of a document whose text gives none.

Publishing waits for it (``review.set_published``); the rows then take their years from it
through the import (``importer.set_document_year``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plans import importer
from plans import models as m
from plans.workspace.views import _document, document_url, official_required


class DocumentYearForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("计划年度"), min_value=1949, max_value=2100
    )


def needs_year(document: m.Document) -> bool:
    """Whether the text gives no year, so an official may enter (or correct) one."""
    return document.year_source in (
        m.Document.YearSource.UNKNOWN,
        m.Document.YearSource.ENTERED,
    )


@require_POST
@official_required("plans.change_document")
def document_year(request, pk: int):
    """Enter the plan year of a document whose text gives none."""
    document = _document(pk)
    form = DocumentYearForm(request.POST)
    if not needs_year(document):
        messages.error(request, _("此文件的年度来自原文，不能在此更改。"))
    elif not form.is_valid():
        messages.error(request, _("请填写 1949 至 2100 之间的年份。"))
    else:
        year = form.cleaned_data["year"]
        importer.set_document_year(document.pk, year, request.user)
        messages.success(
            request,
            _("已录入计划年度 %(year)d；各行的年度已据此重新推定。") % {"year": year},
        )
    return redirect(document_url(document))
