"""The officials' admin (/admin/): documents, rows, indicators, departments.

Documents, rows and the catalogue's mirror are read-only here: rows change through the
workspace (whose actions go through ``plans.refresh``), the catalogue through
data/catalogue.yaml and ``manage.py load_catalogue``; officials' additions from the
workspace are shown as pending until ``manage.py export_catalogue --write`` puts them in
the file."""

from django.contrib import admin
from django.contrib.admin import widgets
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from plans import models as m
from plans.catalogue_db import current_catalogue

CATALOGUE_NOTE = _(
    "指标目录的唯一来源是代码库中的 data/catalogue.yaml：请修改该文件并运行 "
    "“manage.py load_catalogue”，此处只读。"
)
PENDING_NOTE = _(
    "工作人员在工作台中对应的主题和新建的指标，在写入 data/catalogue.yaml 之前是待写入的"
    "补充：运行“manage.py export_catalogue --write”写入该文件并提交到代码库。此处只读。"
)


class ReadOnlyAdminMixin:
    """Shown, never written: documents and rows change only through the workspace, whose
    services check review (every row decided before publishing, the reviewer is the acting
    user) and row versions. The admin offered a way around all three."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history saves a posted "revert" form with only view permission.
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class SectionDepartmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = m.SectionDepartment
    extra = 0
    autocomplete_fields = ["department"]


class TargetDepartmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = m.TargetDepartment
    extra = 0
    autocomplete_fields = ["department"]


@admin.register(m.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "level", "parent"]
    search_fields = ["name", "name_en"]
    list_filter = ["level"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(m.SourceFile)
class SourceFileAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "encoding", "size", "sha256", "imported_at"]
    search_fields = ["name", "sha256"]
    readonly_fields = ["sha256", "encoding", "size", "imported_at", "imported_by"]
    exclude = ["text"]


@admin.register(m.Document)
class DocumentAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "region", "year", "year_source", "kind", "status"]
    list_filter = ["status", "kind", "year_source", "region", "year"]
    search_fields = ["title"]
    readonly_fields = ["source", "start", "end", "year_evidence", "unrepaired_masks"]
    # A source address written without a scheme is read as https (Django 6's default).
    formfield_overrides = {
        models.URLField: {
            "widget": widgets.AdminURLFieldWidget,
            "assume_scheme": "https",
        }
    }


@admin.register(m.Section)
class SectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "document", "number", "leader"]
    list_filter = ["document"]
    search_fields = ["path", "number", "leader"]
    inlines = [SectionDepartmentInline]


@admin.register(m.Target)
class TargetAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "subject",
        "value_text",
        "unit",
        "comparator",
        "qualifier",
        "kind",
        "year",
        "indicator",
        "document",
        "review_status",
    ]
    list_filter = [
        "kind",
        "review_status",
        "value_missing",
        "text_repaired",
        "conflict",
        "origin",
        "year",
        "document",
        "indicator__sector",
    ]
    search_fields = ["subject", "quote", "value_text", "indicator__name_zh"]
    autocomplete_fields = ["indicator", "suggested_indicator"]
    raw_id_fields = ["document", "section"]
    inlines = [TargetDepartmentInline]
    list_select_related = ["indicator", "document"]


@admin.register(m.Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en"]
    search_fields = ["name", "name_en"]


class CatalogueMirrorAdmin(ReadOnlyAdminMixin):
    """Sectors and indicators mirror data/catalogue.yaml (``manage.py load_catalogue``):
    shown with a note pointing at the file, never changed here."""

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "title": CATALOGUE_NOTE}
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "subtitle": CATALOGUE_NOTE}
        return super().changeform_view(request, object_id, form_url, extra_context)


@admin.register(m.Sector)
class SectorAdmin(CatalogueMirrorAdmin, admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "order"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(m.Indicator)
class IndicatorAdmin(CatalogueMirrorAdmin, SimpleHistoryAdmin):
    list_display = [
        "code",
        "name_zh",
        "name_en",
        "sector",
        "unit",
        "headline",
        "in_catalogue_file",
    ]
    list_filter = ["sector", "headline", "kind"]
    search_fields = ["code", "name_zh", "name_en"]

    @admin.display(boolean=True, description=_("已在目录文件中"))
    def in_catalogue_file(self, obj: m.Indicator) -> bool:
        """False for an indicator an official created that awaits export_catalogue."""
        return obj.code in current_catalogue().indicators


@admin.register(m.SubjectAlias)
class SubjectAliasAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Officials' subject mappings: pending additions to data/catalogue.yaml."""

    list_display = ["alias", "indicator", "created_by", "created_at"]
    search_fields = ["alias", "indicator__code", "indicator__name_zh"]
    list_select_related = ["indicator", "created_by"]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "title": PENDING_NOTE}
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "subtitle": PENDING_NOTE}
        return super().changeform_view(request, object_id, form_url, extra_context)


@admin.register(m.Repair)
class RepairAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["document", "position", "original", "repaired"]
    list_filter = ["document"]
