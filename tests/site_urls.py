"""Every URL of the site with real values in it, for the security suite: walked from the URL
resolver (so a new page is covered without anyone listing it) plus the admin's pages of every
registered model."""

from __future__ import annotations

import re

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from plans import models as m
from plans.workspace.models import ImportJob

PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def _first_pk(model) -> str:
    obj = model.objects.order_by("pk").first()
    return str(obj.pk if obj is not None else 1)


def _value(before: str, name: str) -> str:
    """A real value for the parameter ``name`` of a route whose text before it is ``before``."""
    segment = before.rstrip("/").rsplit("/", 1)[-1]
    if name == "slug":
        return m.Region.objects.order_by("pk").values_list("slug", flat=True).first()
    if name == "indicator":
        return m.Indicator.objects.order_by("pk").values_list("code", flat=True).first()
    if name == "region":
        region = m.Region.objects.order_by("pk").first()
        return region.name if region else "通辽市"
    if name == "code":
        if "sector" in segment:
            return (
                m.Sector.objects.order_by("pk").values_list("code", flat=True).first()
            )
        return m.Indicator.objects.order_by("pk").values_list("code", flat=True).first()
    if name in {"pk", "id"} or name.endswith("_id"):
        model = {
            "documents": m.Document,
            "departments": m.Department,
            "rows": m.Target,
            "targets": m.Target,
            "jobs": ImportJob,
            "regions": m.Region,
            "indicators": m.Indicator,
            "sectors": m.Sector,
        }.get(segment)
        if model is None:
            model = {
                "document_id": m.Document,
                "department_id": m.Department,
                "target_id": m.Target,
            }.get(name, m.Document)
        return _first_pk(model)
    return "1"


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if getattr(pattern, "app_name", None) == "admin":
                continue
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def site_urls() -> list[str]:
    """Every non-admin route with values filled in, and every admin page of every model."""
    urls: list[str] = []
    for route in _walk(get_resolver().url_patterns):
        if route.startswith("^") or "(?P" in route:
            continue  # a regular expression route (none of ours): not guessable
        path = PARAM.sub(
            lambda match, route=route: _value(route[: match.start()], match["name"]),
            route,
        )
        urls.append("/" + path.lstrip("/"))
    urls += admin_urls()
    return sorted(set(urls))


def admin_urls() -> list[str]:
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        base = f"admin:{meta.app_label}_{meta.model_name}"
        urls.append(reverse(base + "_changelist"))
        urls.append(reverse(base + "_add"))
        obj = model.objects.order_by("pk").first()
        if obj is not None:
            urls.append(reverse(base + "_change", args=[obj.pk]))
            urls.append(reverse(base + "_history", args=[obj.pk]))
            urls.append(reverse(base + "_delete", args=[obj.pk]))
    return urls
