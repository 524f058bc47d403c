"""Top-level URLs: public pages, the officials' workspace, admin, accounts, language."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("workspace/", include("plans.workspace.urls")),
    path("", include("plans.urls")),
]
