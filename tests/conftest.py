"""Shared fixtures: the seed texts, imported seeds, users in groups, and a real browser."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in tests that
# also drive the browser are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
ARTIFACTS = ROOT / "test-artifacts"
SEED_FILES = sorted(SOURCES.glob("0*.txt"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return SEED_FILES


_SEED_SNAPSHOT: dict = {}


def _app_models():
    from django.apps import apps

    return [
        model
        for model in apps.get_app_config("plans").get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _restore_seed_snapshot() -> None:
    """Write the rows the first real import made, with their ids, in one transaction
    (foreign keys are checked at commit), then move PostgreSQL's sequences past them."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with transaction.atomic():
        for model, rows in _SEED_SNAPSHOT["rows"]:
            model.objects.bulk_create([model(**row) for row in rows], batch_size=500)
    statements = connection.ops.sequence_reset_sql(no_style(), _app_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.fixture
def seeded(db):
    """All seed files imported and published, as `make run` does.

    The first test that asks imports the seeds for real through the importer; the rows
    it stored are kept in memory and written back, ids and all, for every later test,
    because a real import of the five seeds costs seconds and many tests start from it.
    """
    from django.db.models import Model

    from plans.importer import import_path

    if _SEED_SNAPSHOT and _SEED_SNAPSHOT["vendor"] == _vendor():
        _restore_seed_snapshot()
        return _SEED_SNAPSHOT["summaries"]
    before = {model: model.objects.count() for model in _app_models()}
    assert not any(before.values()), "the seeds are imported into an empty record"
    summaries = [import_path(path, publish=True) for path in SEED_FILES]
    rows: list[tuple[type[Model], list[dict]]] = []
    for model in _app_models():
        names = [field.attname for field in model._meta.concrete_fields]
        rows.append((model, list(model.objects.order_by("pk").values(*names))))
    _SEED_SNAPSHOT.update(rows=rows, summaries=summaries, vendor=_vendor())
    return summaries


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


@pytest.fixture
def record_verified(db):
    """After the test's workflow: every stored derived value is what the one refresh
    path computes (``manage.py verify_record`` fails the test otherwise)."""
    yield
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("verify_record", stdout=out)
    assert "record consistent" in out.getvalue()


@pytest.fixture
def make_user(db, django_user_model):
    from django.contrib.auth.models import Group

    def make(username: str, *groups: str, password: str = "correct horse battery 9"):
        user = django_user_model.objects.create_user(
            username=username, password=password
        )
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright through executable_path."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"chromium is not installed at {CHROMIUM}: run `make test`, it installs it"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def screenshot_dir() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def viewport(width: int) -> dict:
    return {"width": width, "height": 900 if width > 500 else 812}


@pytest.fixture
def tongliao():
    """The small Tongliao of tests/factories.py, on a cleared page cache."""
    from django.core.cache import cache

    from tests import factories

    cache.clear()
    return factories.tongliao()
