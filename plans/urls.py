"""Public, read-only pages. Each page with a table also answers ?format=csv|xlsx|json."""

from django.urls import path

from plans import feeds, open_views, views

app_name = "plans"

urlpatterns = [
    path("", views.home, name="home"),
    path("regions/<str:region>/", views.overview, name="overview"),
    path("compare/", views.compare_years, name="compare_default"),
    path("regions/<str:region>/compare/", views.compare_years, name="compare"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator"),
    path("sectors/<str:code>/", views.sector_detail, name="sector"),
    path("documents/", views.document_list, name="documents"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("departments/", views.department_list, name="departments"),
    path("unmapped/", views.unmapped, name="unmapped"),
    path("departments/<int:pk>/", views.department_detail, name="department"),
    path("search/", views.search, name="search"),
    path("api/", views.api_docs, name="api"),
    path("about/", views.about, name="about"),
    path("targets/<int:pk>/", views.target_detail, name="target"),
    path("feed/", feeds.UpdatesFeed(), name="feed"),
    path("downloads/", open_views.downloads, name="downloads"),
    path(
        "embed/indicators/<str:code>/",
        open_views.embed_indicator,
        name="embed_indicator",
    ),
    path("downloads/<str:name>", open_views.download_file, name="download_file"),
]
