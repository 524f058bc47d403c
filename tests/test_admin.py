"""The officials' admin: Chinese, for editors only."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:index",
    "admin:plans_document_changelist",
    "admin:plans_target_changelist",
    "admin:plans_indicator_changelist",
    "admin:plans_department_changelist",
]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_the_admin_refuses_an_anonymous_visitor(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_the_admin_loads_in_chinese_for_an_editor(client, make_user, seeded, name):
    editor = make_user("editor1", "editor")
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert (
        "站点管理" in response.content.decode() or "修改" in response.content.decode()
    )


def test_admin_search_and_filters_work_on_rows(client, make_user, seeded):
    editor = make_user("editor2", "editor")
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    url = reverse("admin:plans_target_changelist")
    response = client.get(url, {"q": "地区生产总值", "value_missing__exact": "0"})
    assert response.status_code == 200
    assert "地区生产总值" in response.content.decode()
