"""Workspace URLs, mounted at /workspace/."""

from django.urls import path

from plans.workspace import actuals, queue, views, year

app_name = "workspace"

urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("upload/entered/", actuals.upload_entered, name="upload_entered"),
    path("unmapped/", queue.unmapped_queue, name="unmapped"),
    path("rows/<int:pk>/indicator/", queue.map_row, name="map_row"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>.json", views.job_json, name="job_json"),
    path("jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("documents/<int:pk>/", views.document_review, name="document"),
    path("documents/<int:pk>/accept/", views.bulk_accept, name="bulk_accept"),
    path("documents/<int:pk>/add/", views.target_add, name="target_add"),
    path("documents/<int:pk>/publish/", views.document_publish, name="publish"),
    path("documents/<int:pk>/year/", year.document_year, name="document_year"),
    path("documents/<int:pk>/reextract/", views.document_reextract, name="reextract"),
    path(
        "documents/<int:pk>/history/", views.document_history, name="document_history"
    ),
    path("rows/<int:pk>/edit/", views.target_edit, name="target_edit"),
    path("rows/<int:pk>/decide/", views.target_decide, name="target_decide"),
    path("rows/<int:pk>/map/", views.target_suggestion, name="target_suggestion"),
    path("rows/<int:pk>/split/", views.target_split, name="target_split"),
    path("rows/<int:pk>/history/", views.target_history, name="target_history"),
    path("rows/<int:pk>/revert/", views.target_revert, name="target_revert"),
    path("revisions/<int:pk>/decide/", views.revision_decide, name="revision_decide"),
]
