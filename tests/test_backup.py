"""`manage.py backup DIR` and `manage.py restore DIR`: a round trip loses nothing, on
SQLite and PostgreSQL (issue 14, item 9); uploaded originals are kept only as long as
the documented retention says."""

from __future__ import annotations

import importlib
import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from plans import models as m
from plans.importer import import_path
from plans.workspace import jobs, revisions
from plans.workspace.models import ImportJob
from tests.conftest import SEED_FILES

DUMP = ["plans", "workspace", "auth.group", "auth.user"]


def _dump() -> list[dict]:
    out = io.StringIO()
    call_command("dumpdata", *DUMP, natural_foreign=True, format="fulljson", stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda o: (o["model"], str(o["pk"])))


def _groups() -> None:
    """The officials' groups as migration 0002 makes them (a transactional test's flush
    empties every table; permissions come back after a flush, groups do not)."""
    from django.contrib.auth.models import Permission

    migration = importlib.import_module("plans.migrations.0002_groups")
    for name, codenames in (
        ("editor", migration.EDITOR),
        ("reviewer", migration.REVIEWER),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="plans", codename__in=codenames
            )
        )


@pytest.fixture
def record(transactional_db, make_user):
    """A small real record: one imported plan, an upload's bytes, a pending revision."""
    _groups()
    import_path(SEED_FILES[0], publish=True)
    editor = make_user("editor1", "editor")
    make_user("reviewer1", "reviewer")
    original = SEED_FILES[0].read_bytes()
    ImportJob.objects.create(
        name=SEED_FILES[0].name,
        data=original,
        size=len(original),
        status="done",
        created_by=editor,
    )
    target = m.Target.objects.filter(value__isnull=False).first()
    revisions.propose(target.pk, target.version, {"unit": "万元"}, editor)
    return original


def test_a_backup_restores_every_row_and_upload(record, tmp_path):
    before = _dump()
    assert m.Target.history.exists() and Group.objects.exists()
    call_command("backup", str(tmp_path / "b"), stdout=io.StringIO())
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["counts"]["plans.target"] == m.Target.objects.count()

    # A new, empty database (migrated: the flush keeps the tables).
    call_command("flush", "--noinput", verbosity=0)
    assert not m.Target.objects.exists() and not Group.objects.exists()
    out = io.StringIO()
    call_command("restore", str(tmp_path / "b"), stdout=out)
    assert "restored" in out.getvalue()
    assert _dump() == before
    assert bytes(ImportJob.objects.get().data) == record
    editor = Group.objects.get(name="editor").user_set.get()
    assert editor.has_perm("plans.change_target")
    # The sequences moved past the restored ids: new rows can be written.
    restored = ImportJob.objects.get().pk
    assert ImportJob.objects.create(name="next.txt").pk > restored


def test_restore_refuses_a_database_holding_a_record(record, tmp_path):
    call_command("backup", str(tmp_path / "b"), stdout=io.StringIO())
    before = _dump()
    with pytest.raises(CommandError, match="restore into an empty database"):
        call_command("restore", str(tmp_path / "b"))
    assert _dump() == before


def test_restore_refuses_a_damaged_backup(record, tmp_path):
    call_command("backup", str(tmp_path / "b"), stdout=io.StringIO())
    data = tmp_path / "b" / "data.fulljson"
    data.write_text(data.read_text().replace("通辽", "通过", 1))
    call_command("flush", "--noinput", verbosity=0)
    with pytest.raises(CommandError, match="does not match its manifest"):
        call_command("restore", str(tmp_path / "b"))
    assert not m.Target.objects.exists()


def test_uploaded_originals_are_dropped_after_the_retention(db, settings):
    settings.MUBIAO_UPLOAD_RETENTION_DAYS = 30
    old, recent, waiting = (
        ImportJob.objects.create(name=n, data=b"x" * 10, status=s)
        for n, s in [("old", "done"), ("recent", "failed"), ("waiting", "queued")]
    )
    now = timezone.now()
    ImportJob.objects.filter(pk=old.pk).update(finished_at=now - timedelta(days=31))
    ImportJob.objects.filter(pk=recent.pk).update(finished_at=now - timedelta(days=29))
    assert jobs.purge_expired_uploads() == 1
    kept = {j.name: bytes(j.data) for j in ImportJob.objects.all()}
    assert kept == {"old": b"", "recent": b"x" * 10, "waiting": b"x" * 10}
    settings.MUBIAO_UPLOAD_RETENTION_DAYS = 0  # keep forever
    ImportJob.objects.filter(pk=recent.pk).update(finished_at=now - timedelta(days=999))
    assert jobs.purge_expired_uploads() == 0
