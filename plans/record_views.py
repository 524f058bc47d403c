"""The public pages that read the record row by row: two years compared, documents,
departments, the numbers not yet on a chart, search, one number, and the API and method
pages."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from plans import cite, page_data, queries
from plans import compare as cmp
from plans import filters as flt
from plans import formatting as fmt
from plans import models as m
from plans import tables as tbl
from plans.coverage import stored_coverage, unmapped_rows
from plans.pipeline.alignment import ABOUT_TOLERANCE
from plans.view_common import (
    can_see_drafts,
    named,
    respond,
)

CHANGE_ORDER = [
    cmp.RAISED,
    cmp.LOWERED,
    cmp.QUALIFIER,
    cmp.NEW,
    cmp.DROPPED,
    cmp.INCOMPARABLE,
    cmp.UNCHANGED,
]


def compare_years(request, region=None):
    """Targets of two years of a region (``?a=2021&b=2025``) side by side: new, dropped,
    raised, lowered, unchanged, not comparable."""
    form = flt.CompareForm(request.GET)
    form.is_valid()
    choice = form.cleaned_data if form.is_valid() else {}
    filterset = flt.CompareFilter(
        request.GET or None, queryset=m.Target.objects.public()
    )

    def read():
        return queries.compare_years(
            region_slug=region,
            year_a=choice.get("a") or None,
            year_b=choice.get("b") or None,
            filtered=filterset.qs,
        )

    def build():
        page = read()
        status = choice.get("status") or ""
        shown = [c for c in page.changes if not status or c.status == status]
        # What moved first, then what appeared or went, then the rest.
        shown.sort(key=lambda c: CHANGE_ORDER.index(c.status))
        table = named(
            tbl.configure(
                tbl.ChangeTable(shown, year_a=page.year_a, year_b=page.year_b), request
            ),
            "changes",
            _("%(a)s 年与 %(b)s 年的目标") % {"a": page.year_a, "b": page.year_b},
        )
        region_name = (
            fmt.region_name(page.region.name, page.region.name_en)
            if page.region
            else ""
        )
        return {
            "title": _("比较两年：%(region)s") % {"region": region_name},
            "page": page,
            "form": form,
            "filter": filterset,
            "region_name": region_name,
            "table": table,
            "status": status,
            "status_labels": tbl.CHANGE_LABELS,
            "tables": {"changes": table},
        }

    return respond(
        request,
        "plans/compare.html",
        build,
        filename="compare",
        data=lambda: page_data.compare(request, read(), choice.get("status") or ""),
    )


def document_list(request):
    """Documents by region and year; drafts only for officials."""
    include_drafts = can_see_drafts(request)

    def build():
        return {
            "title": _("规划文件"),
            "regions": queries.documents_by_region(include_drafts=include_drafts),
            "tables": {},
        }

    return respond(request, "plans/home.html", build, filename="documents")


def document_detail(request, pk: int):
    """A document's source text with every extracted number highlighted and linked to
    its row, its outline, metadata and same-year conflicts; 404 for drafts."""
    include_drafts = can_see_drafts(request)

    def build():
        page = queries.document_page(pk, include_drafts=include_drafts)
        ok = m.Target.ReviewStatus.ACCEPTED
        table = named(
            # Not paginated: every highlighted number links to its row on this page.
            tbl.configure(
                tbl.RowTable(page.targets, exclude=("status",)), request, paginate=False
            ),
            "rows",
            _("从本文件抽取的数字"),
        )
        return {
            "title": page.document.title_shown or page.document.title,
            "page": page,
            "document": page.document,
            "table": table,
            "lost_count": sum(1 for t in page.targets if t["value_missing"]),
            "reviewed": {
                "checked": sum(1 for t in page.targets if t["review_status"] == ok),
                "machine": sum(1 for t in page.targets if t["review_status"] != ok),
            },
            "tables": {"rows": table},
        }

    return respond(
        request,
        "plans/document.html",
        build,
        filename=f"document-{pk}",
        data=lambda: page_data.document(
            request, queries.document_page(pk, include_drafts=include_drafts)
        ),
    )


def department_list(request):
    """Departments that are responsible for, lead or support public targets."""

    def build():
        departments = queries.departments_with_counts()
        table = named(
            tbl.configure(tbl.DepartmentTable(departments), request),
            "departments",
            pgettext("plural", "部门"),
        )
        masked = [d for d in departments if d.masked]
        return {
            "title": pgettext("plural", "部门"),
            "masked": masked,
            "masked_rows": sum(d.public_rows for d in masked),
            "table": table,
            "tables": {"departments": table},
        }

    return respond(
        request,
        "plans/department_list.html",
        build,
        filename="departments",
        data=lambda: page_data.departments(request),
    )


def unmapped(request):
    """Published numbers that no indicator holds yet, so no cross-year chart shows them."""

    def build():
        public = m.Target.objects.public()
        rows = queries.rows_of(
            unmapped_rows(public).order_by("document__year", "document_id", "start")
        )
        title = _("尚未上图的数字")
        table = named(
            tbl.configure(tbl.RowTable(rows, exclude=("status",)), request),
            "rows",
            title,
        )
        return {
            "title": title,
            "coverage": stored_coverage(public),
            "table": table,
            "tables": {"rows": table},
        }

    return respond(request, "plans/unmapped.html", build, filename="unmapped")


def department_detail(request, pk: int):
    """The targets a unit is responsible for, leads or supports, across years."""
    filterset = flt.DepartmentRowFilter(
        request.GET or None, queryset=m.Target.objects.public(), department_id=pk
    )

    def build():
        page = queries.department_page(pk=pk, filtered=filterset.qs)
        name = fmt.department_name(page.department.name, page.department.name_en)
        table = named(
            tbl.configure(tbl.RowTable(page.rows, exclude=("status",)), request),
            "rows",
            _("%(name)s 负责的目标") % {"name": name},
        )
        return {
            "title": name,
            "name": name,
            "page": page,
            "filter": filterset,
            "table": table,
            "tables": {"rows": table},
        }

    return respond(
        request,
        "plans/department.html",
        build,
        filename=f"department-{pk}",
        data=lambda: page_data.department(
            request, queries.department_page(pk=pk, filtered=filterset.qs)
        ),
    )


def search(request):
    """Chinese substring search over indicators, subjects, quotes, departments and
    document titles; results grouped by kind."""
    form = flt.SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""

    def build():
        results = queries.search(query=query)
        rows = named(
            tbl.configure(
                tbl.RowTable(results.rows, exclude=("status", "citation")), request
            ),
            "rows",
            _("目标、实际与承诺事项"),
        )
        return {
            "title": _("搜索") + (f"：{query}" if query else ""),
            "form": form,
            "results": results,
            "rows": rows,
            "tables": {"rows": rows},
        }

    return respond(
        request,
        "plans/search.html",
        build,
        filename="search",
        data=lambda: page_data.search(request, queries.search(query=query)),
    )


def api_docs(request):
    """How to get every table as CSV, XLSX or JSON."""

    def build():
        return {"title": _("数据接口"), "tables": {}}

    return respond(request, "plans/api.html", build, filename="api")


def about(request):
    """What a row is, how years, lost and repaired numbers, review, conflicts and
    met / not met are decided; licence and how to cite. One template per language."""

    def build():
        english = fmt.localised("zh", "en") == "en"
        body = render_to_string(
            "plans/about/en.html" if english else "plans/about/zh.html",
            {"tolerance": f"{fmt.number(ABOUT_TOLERANCE * 100)}%"},
            request=request,
        )
        return {"title": _("关于与方法"), "body": body, "tables": {}}

    return respond(request, "plans/_body.html", build, filename="about")


def target_detail(request, pk: int):
    """One number: its value, review state, sentence, document (title, issuer, date,
    source address) and a citation with its permalink; 404 unless public."""

    def build():
        page = queries.target_page(pk)
        row = page.row
        name = tbl.indicator_name(row)
        permalink = request.build_absolute_uri(row["target_url"])
        return {
            "title": f"{name} {row['year'] or ''}",
            "name": name,
            "row": row,
            "document": page.document,
            "permalink": permalink,
            "citation": cite.citation(row, page.document, permalink=permalink),
            "tables": {},
        }

    return respond(request, "plans/target.html", build, filename=f"target-{pk}")
