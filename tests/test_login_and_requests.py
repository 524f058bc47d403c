"""Login throttling by username and by client address separately (the address from a trusted
proxy's header), one password across many usernames, password reset only with mail, `next=`
only to this site, ids beyond any column 404."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from plans import models as m
from tests import factories as f
from tests.test_workspace import draft, reviewer  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
GOOD = "correct horse battery 9"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def login(username, password, ip="203.0.113.9", **headers) -> int:
    client = Client()
    response = client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **headers,
    )
    return 302 if "_auth_user_id" in client.session else response.status_code


def test_a_username_is_locked_whatever_address_the_attempts_come_from(
    make_user, settings
):
    make_user("alice", "editor")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login("alice", "wrong", ip=f"198.51.100.{attempt}")
    assert login("alice", GOOD, ip="192.0.2.77") == 429


def test_an_address_is_locked_whatever_usernames_it_tries(make_user, settings):
    make_user("bob", "editor")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(f"nobody{attempt}", f"guess{attempt}", ip="198.51.100.50")
    assert login("bob", GOOD, ip="198.51.100.50") == 429
    assert login("bob", GOOD, ip="198.51.100.51") == 302  # another address is not


def test_behind_a_proxy_one_attacker_does_not_lock_out_everyone(make_user, settings):
    settings.MUBIAO_CLIENT_IP_HEADER = "X-Forwarded-For"
    make_user("carol", "editor")
    proxy = "10.0.0.1"
    for attempt in range(settings.AXES_FAILURE_LIMIT + 2):
        login(
            f"nobody{attempt}",
            f"guess{attempt}",
            ip=proxy,
            HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.66",
        )
    # The attacker is locked out by its own address, carol (same proxy) is not.
    assert login("carol", GOOD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.66") == 429
    assert login("carol", GOOD, ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.8") == 302


def test_one_password_tried_across_many_usernames_is_refused(make_user, settings):
    sprayed = "Spring2026!"
    victim = make_user("dave", "editor", password=sprayed)
    assert victim.check_password(sprayed)
    for attempt in range(settings.MUBIAO_PASSWORD_SPRAY_LIMIT):
        login(f"user{attempt}", sprayed, ip=f"198.51.100.{100 + attempt}")
    # A fresh address and an unlocked username: the password itself is refused now.
    assert login("dave", sprayed, ip="192.0.2.200") != 302
    make_user("erin", "editor")
    assert login("erin", GOOD, ip="192.0.2.201") == 302


def test_password_reset_is_not_offered_without_mail():
    assert Client().get("/accounts/password_reset/").status_code == 404
    assert "password_reset" not in Client().get(reverse("login")).content.decode()


def test_password_reset_is_offered_when_mail_is_configured():
    code = (
        "import django; django.setup(); from django.urls import resolve; "
        "print(resolve('/accounts/password_reset/').url_name)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "1",
            "DJANGO_EMAIL_HOST": "smtp.example.org",
        },
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == "password_reset", done.stderr


@pytest.mark.parametrize(
    "evil", ["https://evil.example/", "//evil.example/x", "https:/\\evil.example"]
)
def test_next_only_leads_to_this_site(client, draft, reviewer, evil):  # noqa: F811
    client.force_login(reviewer)
    row = draft.targets.first()
    response = client.post(
        reverse("workspace:bulk_accept", args=[draft.pk]),
        {"rows": [f"{row.pk}:{row.version}"], "next": evil},
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    assert response["Location"].startswith("/workspace/documents/")
    # A path on this site is kept.
    response = client.post(
        reverse("workspace:bulk_accept", args=[draft.pk]),
        {"rows": [], "next": "/workspace/?page=2"},
    )
    assert response["Location"] == "/workspace/?page=2"


@pytest.mark.parametrize("big", [2**63, 2**64, 10**30])
def test_ids_beyond_any_column_are_not_found(client, draft, reviewer, big):  # noqa: F811
    f.tongliao()
    assert Client().get(f"/documents/{big}/").status_code == 404
    assert Client().get(f"/departments/{big}/").status_code == 404
    client.force_login(reviewer)
    for url in [
        f"/workspace/documents/{big}/",
        f"/workspace/rows/{big}/edit/",
        f"/workspace/jobs/{big}/",
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("workspace:bulk_accept", args=[draft.pk]), {"rows": [f"{big}:1"]}
    )
    assert response.status_code == 302
    assert m.Target.objects.filter(reviewed_by=reviewer).count() == 0
