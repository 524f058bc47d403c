"""Public, read-only views: thin, each calls one query function and renders."""

from django.shortcuts import render

from plans import queries


def _can_see_drafts(request) -> bool:
    return request.user.has_perm("plans.change_document")


def home(request):
    """Documents by region and year; drafts only for officials."""
    regions = queries.documents_by_region(include_drafts=_can_see_drafts(request))
    return render(request, "plans/home.html", {"regions": regions})


def document_detail(request, pk: int):
    """A document's source text with every extracted number highlighted; 404 for drafts."""
    page = queries.document_page(pk, include_drafts=_can_see_drafts(request))
    return render(
        request, "plans/document.html", {"page": page, "document": page.document}
    )
