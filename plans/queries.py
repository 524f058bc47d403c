"""Page-shaped reads: each returns what one page needs, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from plans import models as m
from plans.highlight import (
    ANCHOR,
    LOST,
    MASKED,
    NUMBER,
    REPAIRED,
    Fragment,
    Mark,
    fragments,
)


@dataclass
class RegionDocuments:
    region: m.Region
    years: list[tuple[int | None, list[m.Document]]]


def documents_by_region(*, include_drafts: bool = False) -> list[RegionDocuments]:
    """Visible documents grouped by region, then by plan year (newest first)."""
    documents = m.Document.objects.select_related("region").order_by(
        "region__name", "-year", "kind", "title"
    )
    if not include_drafts:
        documents = documents.published()
    grouped: dict[m.Region, dict[int | None, list[m.Document]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for document in documents:
        grouped[document.region][document.year].append(document)
    return [
        RegionDocuments(region, sorted(years.items(), key=lambda y: -(y[0] or 0)))
        for region, years in grouped.items()
    ]


@dataclass
class DocumentPage:
    document: m.Document
    fragments: list[Fragment]
    targets: list[m.Target]
    sections: list[m.Section]
    repairs: list[m.Repair]


def document_page(pk: int, *, include_drafts: bool = False) -> DocumentPage:
    """A document with its text cut into highlighted fragments, its rows and outline."""
    documents = m.Document.objects.select_related("region", "source")
    if not include_drafts:
        documents = documents.published()
    document = get_object_or_404(documents, pk=pk)
    targets = list(
        document.targets.exclude(review_status=m.Target.ReviewStatus.REJECTED)
        .select_related("indicator", "section")
        .order_by("start")
    )
    sections = list(document.sections.order_by("order"))
    repairs = list(document.repairs.order_by("position"))
    marks = [
        Mark(t.start, t.end, LOST if t.value_missing else NUMBER, target_id=t.pk)
        for t in targets
    ]
    marks += [
        Mark(
            r.position,
            r.position + len(r.original),
            REPAIRED,
            replacement=r.repaired,
            note=r.evidence,
        )
        for r in repairs
    ]
    marks += [Mark(p, p + 1, MASKED) for p in document.unrepaired_masks]
    marks += [Mark(s.start, s.start, ANCHOR, note=str(s.pk)) for s in sections]
    text = document.source.text
    return DocumentPage(
        document=document,
        fragments=fragments(text, document.start, document.end, marks),
        targets=targets,
        sections=sections,
        repairs=repairs,
    )
