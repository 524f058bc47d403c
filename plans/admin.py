"""The officials' admin (/admin/): documents, rows, indicators, departments."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans import models as m


class SectionDepartmentInline(admin.TabularInline):
    model = m.SectionDepartment
    extra = 0
    autocomplete_fields = ["department"]


class TargetDepartmentInline(admin.TabularInline):
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
class SourceFileAdmin(admin.ModelAdmin):
    list_display = ["name", "encoding", "size", "sha256", "imported_at"]
    search_fields = ["name", "sha256"]
    readonly_fields = ["sha256", "encoding", "size", "imported_at", "imported_by"]
    exclude = ["text"]


@admin.register(m.Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "year", "year_source", "kind", "status"]
    list_filter = ["status", "kind", "year_source", "region", "year"]
    search_fields = ["title"]
    readonly_fields = ["source", "start", "end", "year_evidence", "unrepaired_masks"]


@admin.register(m.Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "document", "number", "leader"]
    list_filter = ["document"]
    search_fields = ["path", "number", "leader"]
    inlines = [SectionDepartmentInline]


@admin.register(m.Target)
class TargetAdmin(SimpleHistoryAdmin):
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


@admin.register(m.Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "order"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(m.Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_zh", "name_en", "sector", "unit", "headline"]
    list_filter = ["sector", "headline", "kind"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(m.Repair)
class RepairAdmin(admin.ModelAdmin):
    list_display = ["document", "position", "original", "repaired"]
    list_filter = ["document"]
