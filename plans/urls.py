"""Public, read-only pages."""

from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
]
