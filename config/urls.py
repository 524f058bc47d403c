"""Top-level URLs: public pages, the officials' workspace, admin, accounts, language."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from plans.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language switch needs no CSRF token: switching someone's language is harmless,
    # and a token in every public page would make each page personal and uncacheable.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("workspace/", include("plans.workspace.urls")),
    path("api/v1/", api.urls),
    path("", include("plans.urls")),
]

# Password reset mails a link: offered only when a mail server is configured.
if settings.MUBIAO_PASSWORD_RESET:
    urlpatterns.insert(1, path("accounts/", include("django.contrib.auth.urls")))
