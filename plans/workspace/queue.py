"""The unmapped queue: numeric rows no indicator holds yet, each mapped in one step.

An official picks an indicator (offered only those the row's unit converts to, the fuzzy
suggestion first) or creates one from the row; ``plans.mappings`` stores the subject as an
alias, so every row written so is mapped, now and after re-import. What officials added and the
catalogue file does not hold yet is listed as pending, with how it reaches the file.
"""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import models as m
from plans.catalogue_db import current_catalogue
from plans.coverage import stored_coverage, unmapped_rows
from plans.mappings import (
    MappingError,
    create_indicator,
    map_to_indicator,
    pending_additions,
    subject_of,
)
from plans.pipeline import catalogue as cat
from plans.pipeline.conversions import unit_as_read
from plans.workspace.views import official_required

LIMIT = 200


@official_required("plans.change_target")
def unmapped_queue(request):
    """Unmapped numeric rows, most frequent subject first, with the form beside each."""
    rows = list(
        unmapped_rows()
        .select_related("document__region", "suggested_indicator")
        .order_by("document__year", "document_id", "start")
    )
    frequency = Counter(subject_of(t) for t in rows)
    # A subject shared by many rows first (one mapping maps them all); rows without a
    # subject (which need an edit first) last.
    rows.sort(
        key=lambda t: (
            not subject_of(t),
            -frequency[subject_of(t)],
            subject_of(t),
            t.pk,
        )
    )
    indicators = list(m.Indicator.objects.select_related("sector").order_by("code"))
    items = []
    for target in rows[:LIMIT]:
        unit = unit_as_read(target.unit)
        fitting = [
            i
            for i in indicators
            if unit == i.unit or unit in (i.unit_conversions or {})
        ]
        items.append(
            {
                "target": target,
                "subject": subject_of(target),
                "same": frequency[subject_of(target)],
                "indicators": fitting,
            }
        )
    return render(
        request,
        "workspace/unmapped.html",
        {
            "items": items,
            "total": len(rows),
            "limit": LIMIT,
            "coverage": stored_coverage(),
            "sectors": m.Sector.objects.all(),
            "kinds": cat.KINDS,
            "directions": cat.DIRECTIONS,
            "pending": pending_additions(current_catalogue()),
        },
    )


@require_POST
@official_required("plans.change_target")
def map_row(request, pk: int):
    """Map a row's subject to an indicator, or create the indicator and map it."""
    target = get_object_or_404(m.Target, pk=pk)
    try:
        if request.POST.get("action") == "create":
            if not request.user.has_perm("plans.add_indicator"):
                raise MappingError(_("新建指标需要审核人权限；请选择已有指标。"))
            sector = m.Sector.objects.filter(
                code=request.POST.get("sector", "")
            ).first()
            if sector is None:
                raise MappingError(_("请选择领域。"))
            indicator = create_indicator(
                target,
                code=request.POST.get("code", "").strip(),
                name_zh=request.POST.get("name_zh", ""),
                name_en=request.POST.get("name_en", ""),
                sector=sector,
                kind=request.POST.get("kind", ""),
                direction=request.POST.get("direction", cat.HIGHER),
                user=request.user,
            )
        else:
            indicator = m.Indicator.objects.filter(
                pk=request.POST.get("indicator") or 0
            ).first()
            if indicator is None:
                raise MappingError(_("请选择一个指标。"))
            map_to_indicator(target, indicator, request.user)
    except MappingError as error:
        messages.error(request, str(error))
    else:
        mapped = m.Target.objects.filter(indicator=indicator).count()
        messages.success(
            request,
            _("“%(subject)s”已对应指标“%(name)s”（该指标现有 %(n)d 行）。")
            % {"subject": subject_of(target), "name": indicator.name_zh, "n": mapped},
        )
    return redirect(reverse("workspace:unmapped") + f"#row{pk}")
