"""The plans app: documents, targets, indicators."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "plans"
    verbose_name = _("规划目标")

    def ready(self) -> None:
        # Public pages are cached; any write to their data must make the cache stale.
        from plans.cache import connect_signals

        connect_signals()
