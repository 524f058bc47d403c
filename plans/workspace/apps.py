"""The workspace is its own app so that its job model and migrations stay beside it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "plans.workspace"
    label = "workspace"
    verbose_name = _("工作台")
    default_auto_field = "django.db.models.BigAutoField"
