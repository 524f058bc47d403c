"""Top-level URLs: public pages, the officials' workspace, admin, accounts, language."""

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from plans.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language switch needs no CSRF token: switching someone's language is harmless,
    # and a token in every public page would make each page personal and uncacheable.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("workspace/", include("plans.workspace.urls")),
    path("api/v1/", api.urls),
    path("", include("plans.urls")),
]
